"""Fixtures for the Prompt Lab tests: a clean environment, an AppTest driver, a fake OpenAI server.

The fake (tests/support/fake_openai.py) is a real HTTP server on 127.0.0.1 speaking chat
completions, so an OpenAI-brain lab run goes through the official client and leaves a real raw
reply to inspect.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import live_streamlit
import pytest
import streamlit as st
from fake_openai import FakeOpenAI, fast_client
from settings_env import clear_settings_env
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "app_pages" / "prompt_lab.py"
TOKENS = {"prompt_tokens": 321, "completion_tokens": 45, "total_tokens": 366}


@pytest.fixture(autouse=True)
def lab_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No setting leaks in; DB and variants in tmp; caches cleared (they outlive AppTests)."""
    clear_settings_env(monkeypatch)
    monkeypatch.setenv("ESTEL_BRAIN", "offline")
    monkeypatch.setenv("ESTEL_DB_PATH", str(tmp_path / "sessions.db"))
    monkeypatch.setenv("ESTEL_PROMPT_VARIANTS_DIR", str(tmp_path / "variants"))
    fast_client(monkeypatch)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield tmp_path
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def fake_openai(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAI]:
    """The fake server, with the environment pointing the OpenAI brain at it."""
    with FakeOpenAI(usage=TOKENS) as fake:
        for name, value in {**fake.env(), "ESTEL_OPENAI_TIMEOUT": "5"}.items():
            monkeypatch.setenv(name, value)
        yield fake


class Lab:
    """Drives the Prompt Lab page through AppTest."""

    @staticmethod
    def open() -> AppTest:
        at = AppTest.from_file(str(PAGE), default_timeout=30)
        return at.run()

    @staticmethod
    def small_run(at: AppTest, personas: list[str], questions: int = 2,
                  roles: list[str] | None = None) -> AppTest:
        at.multiselect(key="lab_personas").set_value(personas)
        at.multiselect(key="lab_roles").set_value(roles or ["Data Scientist"])
        at.number_input(key="lab_questions").set_value(questions)
        return at.run()

    @staticmethod
    def run_and_wait(at: AppTest, limit_s: float = 60) -> AppTest:
        """Click Run, then rerun the page (as the polling fragment would) until the job ends."""
        at.button(key="lab_run").click().run()
        assert not at.exception
        assert "lab_job" in at.session_state or "lab_results" in at.session_state, \
            [e.value for e in at.error]
        deadline = time.monotonic() + limit_s  # a bound on waiting, not a timing assertion
        while "lab_job" in at.session_state and time.monotonic() < deadline:
            time.sleep(0.05)
            at.run()
        assert "lab_job" not in at.session_state, "the lab run did not finish"
        assert not at.exception
        return at


@pytest.fixture
def lab() -> type[Lab]:
    return Lab


def page_text(at: AppTest) -> str:
    """Visible text of the common element kinds, joined."""
    kinds = ("markdown", "caption", "error", "warning", "info", "success", "subheader", "title")
    return "\n".join(str(getattr(e, "value", "")) for kind in kinds for e in at.get(kind))


@pytest.fixture
def text_of():
    return page_text


@pytest.fixture
def lab_server(tmp_path: Path) -> Iterator[str]:
    """`streamlit run app.py` headless on a free loopback port (offline, tmp DB); its URL."""
    with live_streamlit.streamlit_server(
        tmp_path, ESTEL_PROMPT_VARIANTS_DIR=str(tmp_path / "browser-variants")
    ) as url:
        yield url
