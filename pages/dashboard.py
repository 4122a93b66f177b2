"""Dashboard: placeholder until the dashboard issue lands."""

import streamlit as st

st.title("Dashboard")
st.info(
    "Coming soon: charts of saved interview sessions — scores over time, by role, level, "
    "difficulty and interviewer — with filters and each session's full report.",
    icon=":material/construction:",
)
st.caption("Until then, every finished interview is already saved; the sidebar says where.")
