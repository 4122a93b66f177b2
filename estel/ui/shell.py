"""App-shell guard: make sure `st.navigation` in app.py, not the legacy pages/ mode, runs pages.

Streamlit (1.67) starts a process in its v1 "pages/ directory" mode because a `pages/` folder
exists, and leaves it only once `st.navigation` has run. Until then the first script run wraps
app.py in an auto-generated navigation (widgets of that run do not survive into the next), and a
deep link such as /dashboard runs the page file alone, without app.py's sidebar. Calling
`ensure_app_navigation()` first thing in app.py and in each page switches to v2 and reruns once,
so every visible run goes through app.py.

AppTest puts every run back in v1 mode on purpose (and its runs agree with each other), and a
rerun there would swallow the click being tested, so the guard stands aside under AppTest.
"""

from __future__ import annotations

import streamlit as st
from streamlit import config
from streamlit.runtime.pages_manager import PagesManager


def ensure_app_navigation() -> None:
    """Leave Streamlit's legacy pages/ mode (once per process) and rerun through app.py."""
    if PagesManager.uses_pages_directory and not config.get_option("global.appTest"):
        PagesManager.uses_pages_directory = False  # what st.navigation itself sets
        st.rerun()
