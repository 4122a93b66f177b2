"""Estel Interview Studio — Streamlit entry point (placeholder until the app issue lands)."""

import streamlit as st

st.set_page_config(page_title="Estel Interview Studio", page_icon="🎙️", layout="wide")
st.title("Estel Interview Studio")
st.info("The interview page is being built. Meanwhile try `python -m estel turn`.")
