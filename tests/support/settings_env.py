"""Test environments for settings: nothing leaks in from the machine, caches start empty."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from estel.config import SETTING_NAMES


def clear_settings_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No setting leaks in from the machine's environment."""
    for name in SETTING_NAMES.values():
        monkeypatch.delenv(name, raising=False)


@contextmanager
def offline_app_env(monkeypatch: pytest.MonkeyPatch, db_path: Path) -> Iterator[Path]:
    """Offline brain, sessions in `db_path`, no keys; st caches cleared (they outlive AppTests)."""
    import streamlit as st

    clear_settings_env(monkeypatch)
    monkeypatch.setenv("ESTEL_BRAIN", "offline")
    monkeypatch.setenv("ESTEL_DB_PATH", str(db_path))
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        yield db_path
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
