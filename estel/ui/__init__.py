"""Streamlit UI helpers: the only estel code that imports streamlit.

state (session keys), resources (cached settings/brain/store), forms (pure setup rules),
setup / interview (the Interview page), components and report_view (renderers; `render_report`
is shared with the dashboard), saving (store calls that never raise), sidebar.
"""
