"""Estel Interview Studio: `streamlit run app.py`.

The app's pages, navigation and sidebar are the Streamlit script streamlit_app.py. This file is
the server around it (an `st.App`, Streamlit's ASGI app; `streamlit run` finds it here): at start
it warms the Dashboard up, and a Dashboard page load asks for the chart library early
(estel/ui/asgi.py). `streamlit run streamlit_app.py` serves the same app without those two.
"""

import streamlit as st
from starlette.middleware import Middleware

from estel.ui.asgi import ChartsPreload, lifespan

app = st.App("streamlit_app.py", lifespan=lifespan, middleware=[Middleware(ChartsPreload)])
