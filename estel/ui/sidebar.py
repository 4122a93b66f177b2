"""The sidebar status: which brain interviews, where sessions are saved, and how to switch."""

from __future__ import annotations

import streamlit as st

from estel.config import TRANSCRIBE_HINT
from estel.ui import account, resources

SWITCH_HINT = """
Settings are read from `.streamlit/secrets.toml`, then environment variables, then defaults
(see `.streamlit/secrets.toml.example`).

- **OpenAI or a compatible server:** set `OPENAI_API_KEY` (and `ESTEL_OPENAI_MODEL`), or
  `OPENAI_BASE_URL` for Ollama / vLLM / LM Studio. `ESTEL_BRAIN=offline` forces the built-in bank.
- **Supabase:** set `SUPABASE_URL` and `SUPABASE_KEY` (the service key); add
  `SUPABASE_ANON_KEY` to let candidates sign in.
- **SQLite file:** `ESTEL_DB_PATH` (default `estel.db`).

Environment variables need an app restart; after editing `secrets.toml`, press
**Reload settings**.
"""


def brain_line() -> tuple[str, str | None]:
    """('Offline (built-in question bank)', None) or ('', problem)."""
    slot = resources.brain_slot()
    if slot.brain is None:
        return "", slot.problem
    return slot.brain.label, None


def store_line() -> tuple[str, str | None]:
    slot = resources.store_slot()
    if slot.store is None:
        return "", slot.problem
    return slot.store.description, None


def render_sidebar() -> None:
    """Brain, store and the switch hint; problems are shown, never raised."""
    settings = resources.app_settings()
    with st.sidebar:
        st.markdown("##### Interviewer")
        label, problem = brain_line()
        if problem:
            st.error(problem, icon=":material/error:")
        else:
            icon = ":material/memory:" if "offline" in label.lower() else ":material/cloud:"
            st.markdown(f"{icon} {label}")
        st.markdown("##### Sessions saved to")
        where, problem = store_line()
        if problem:
            st.warning(problem, icon=":material/cloud_off:")
        else:
            st.markdown(f":material/database: `{where}`")
        account.render_account()
        if settings.problem:
            st.error(settings.problem, icon=":material/settings_alert:")
        if settings.secrets_note:
            st.warning(settings.secrets_note, icon=":material/key_off:")
        st.markdown("##### Voice answers")
        if settings.settings.transcription_configured:
            st.markdown(f":material/mic: `{settings.settings.transcribe_model}`")
        else:
            st.caption(f":material/mic_off: {TRANSCRIBE_HINT}")
        with st.expander("How to switch", icon=":material/swap_horiz:"):
            st.markdown(SWITCH_HINT)
            if st.button("Reload settings", key="reload_settings", icon=":material/refresh:"):
                resources.reload_resources()
                st.rerun()
