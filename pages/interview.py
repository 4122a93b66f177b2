"""Interview: setup → a chat with Estel, one question at a time → the feedback report."""

from estel.ui.interview import render_interview_page
from estel.ui.shell import ensure_app_navigation

ensure_app_navigation()  # a deep link before app.py ever ran: rerun through app.py
render_interview_page()
