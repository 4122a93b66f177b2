"""Prompt Lab: placeholder until the prompt lab issue lands."""

import streamlit as st

st.title("Prompt Lab")
st.info(
    "Coming soon: edit the interviewer's prompt, run it against scripted candidates and "
    "compare questions, scores and token use turn by turn.",
    icon=":material/construction:",
)
