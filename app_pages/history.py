"""History: past interviews, their reports and transcripts, scores across attempts."""

from estel.ui.history_view import render_history_page

render_history_page()
