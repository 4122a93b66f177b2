"""Estel Interview Studio: the Streamlit script that `streamlit run app.py` serves (app.py).

Page config, navigation over the pages, and the sidebar status (which brain interviews,
where sessions are saved, how to switch). Each page lives in app_pages/
(not pages/: that name switches Streamlit into its legacy multipage mode); UI helpers in estel/ui/.
"""

from pathlib import Path

# Imported here, before any page, so it is whole when a page runs: Streamlit runs sessions in
# threads, and plotly looks pandas up in sys.modules when it builds a figure; a figure built
# while another session's thread was still importing pandas met a half-made module
# ("partially initialized module 'pandas' has no attribute 'Series"). An import waits for a
# module another thread is importing; a sys.modules lookup does not.
import pandas  # noqa: F401
import streamlit as st

import estel.ui
from estel.ui.sidebar import render_sidebar

# A packaged file, served by this server: a ":material/...:" page icon makes the browser fetch
# the favicon from a font CDN, which fails offline (net::ERR_NAME_NOT_RESOLVED on every page).
FAVICON = Path(estel.ui.__file__).parent / "assets" / "favicon.svg"

st.set_page_config(
    page_title="Estel Interview Studio",
    page_icon=str(FAVICON),
    layout="centered",
    # "auto": open on a wide screen, closed on a phone (where an open sidebar covers the page)
    initial_sidebar_state="auto",
)

PAGES = [
    st.Page("app_pages/interview.py", title="Interview", icon=":material/record_voice_over:",
            default=True),
    st.Page("app_pages/history.py", title="History", icon=":material/history:"),
    st.Page("app_pages/dashboard.py", title="Dashboard", icon=":material/monitoring:"),
    st.Page("app_pages/prompt_lab.py", title="Prompt Lab", icon=":material/science:"),
]

page = st.navigation(PAGES)
with st.sidebar:
    st.markdown("### :material/record_voice_over: Estel Interview Studio")
render_sidebar()
page.run()
