"""Settings, brain and store for the app: resolved once per process and cached.

Settings come from `st.secrets`, then the environment, then defaults (`estel.config`). A missing
`secrets.toml` is normal; an unreadable one is reported, not fatal. Nothing here raises into a
page: each resource carries a `problem` message instead.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

import streamlit as st

from estel.brains import Brain, make_brain
from estel.config import Settings, load_settings
from estel.errors import EstelError
from estel.store.base import SessionStore
from estel.ui import state

log = logging.getLogger(__name__)
_IMPORTED_AT = time.monotonic_ns()  # new on every (re)import of this module


@dataclass(frozen=True)
class SettingsSlot:
    """The resolved settings, or why they could not be resolved (then defaults are shown)."""

    settings: Settings
    problem: str | None = None
    secrets_note: str | None = None


@dataclass(frozen=True)
class BrainSlot:
    brain: Brain | None
    problem: str | None = None


@dataclass(frozen=True)
class StoreSlot:
    store: SessionStore | None
    problem: str | None = None


def read_secrets() -> tuple[dict[str, Any], str | None]:
    """`st.secrets` as a plain dict, and a note when a secrets file exists but cannot be read."""
    try:
        return dict(st.secrets.to_dict()), None
    except FileNotFoundError as error:  # StreamlitSecretNotFoundError: no file, or a bad one
        if getattr(error, "error_id", None) in (None, "no-secrets-found"):
            return {}, None
        return {}, "The secrets file could not be read; using the environment and defaults."


def code_generation() -> int:
    """Changes when Streamlit's hot reload re-imports the estel modules.

    On any source change Streamlit evicts every watched module, so the next run gets new classes
    (TurnDraft, SessionRecord...). Cached objects built from the old ones must not be reused:
    the engine would reject an old brain's drafts. Passing this as a cache argument makes a
    reload start fresh entries.
    """
    return _IMPORTED_AT


def app_settings() -> SettingsSlot:
    """Settings resolved once per process (Reload settings in the sidebar clears this)."""
    return _settings(code_generation())


@st.cache_resource(show_spinner=False, max_entries=2)
def _settings(generation: int = 0) -> SettingsSlot:
    secrets, note = read_secrets()
    try:
        return SettingsSlot(load_settings(secrets=secrets), secrets_note=note)
    except EstelError as error:
        return SettingsSlot(Settings(), problem=error.message, secrets_note=note)


@st.cache_resource(show_spinner=False, max_entries=2)
def _configured_brain(generation: int = 0) -> BrainSlot:
    slot = app_settings()
    if slot.problem:
        return BrainSlot(None, slot.problem)
    try:
        return BrainSlot(make_brain(slot.settings))
    except EstelError as error:
        return BrainSlot(None, error.message)
    except Exception:  # an adapter's own bug must not take the page down
        log.exception("could not build the brain")
        return BrainSlot(None, "The interviewer could not be set up; see the server log.")


@st.cache_resource(show_spinner=False, max_entries=2)
def _configured_store(generation: int = 0) -> StoreSlot:
    slot = app_settings()
    try:
        from estel.store import open_store

        return StoreSlot(open_store(slot.settings))
    except EstelError as error:
        return StoreSlot(None, error.message)
    except Exception:  # saving is optional: the interview goes on without it
        log.exception("could not open the session store")
        return StoreSlot(None, "Sessions cannot be saved right now; see the server log.")


def brain_slot() -> BrainSlot:
    """The brain for this browser session: a session_state override, else the cached one."""
    injected = state.override(state.BRAIN_KEY)
    return BrainSlot(injected) if injected is not None else _configured_brain(code_generation())


def store_slot() -> StoreSlot:
    """The store for this browser session: a session_state override, else the cached one."""
    injected = state.override(state.STORE_KEY)
    return StoreSlot(injected) if injected is not None else _configured_store(code_generation())


def configured_store() -> StoreSlot:
    """The store the settings name (no session override): for work outside a page's run."""
    return _configured_store(code_generation())


def reload_resources() -> None:
    """Forget the cached settings, brain and store so edited secrets/env take effect."""
    for cached in (_settings, _configured_brain, _configured_store):
        cached.clear()
