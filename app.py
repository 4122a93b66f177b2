"""Estel Interview Studio: `streamlit run app.py`.

Page config, navigation over the three pages, and the sidebar status (which brain interviews,
where sessions are saved, how to switch). Each page lives in pages/; UI helpers in estel/ui/.
"""

import streamlit as st

from estel.ui.shell import ensure_app_navigation
from estel.ui.sidebar import render_sidebar

ensure_app_navigation()
st.set_page_config(
    page_title="Estel Interview Studio",
    page_icon=":material/record_voice_over:",
    layout="centered",
    initial_sidebar_state="expanded",
)

PAGES = [
    st.Page("pages/interview.py", title="Interview", icon=":material/record_voice_over:",
            default=True),
    st.Page("pages/dashboard.py", title="Dashboard", icon=":material/monitoring:"),
    st.Page("pages/prompt_lab.py", title="Prompt Lab", icon=":material/science:"),
]

page = st.navigation(PAGES)
with st.sidebar:
    st.markdown("### :material/record_voice_over: Estel Interview Studio")
render_sidebar()
page.run()
