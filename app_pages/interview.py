"""Interview: setup → a chat with Estel, one question at a time → the feedback report."""

from estel.ui.interview import render_interview_page

render_interview_page()
