"""Fixtures for the Streamlit app tests: a clean environment, AppTest drivers, download capture."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import live_streamlit
import pytest
from apptest_downloads import download_reader
from settings_env import offline_app_env
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "streamlit_app.py"  # the Streamlit script (app.py is the st.App around it)
INTERVIEW_PAGE = "app_pages/interview.py"

ANSWER = (
    "In my last role I owned the weekly revenue report. I rebuilt it in SQL and Python, "
    "automated the refresh and cut the time it took from two days to two hours, which let the "
    "sales team act on numbers 40% faster."
)


@pytest.fixture(autouse=True)
def app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Offline brain, a SQLite file in tmp, no keys; caches cleared (they outlive AppTests)."""
    with offline_app_env(monkeypatch, tmp_path / "sessions.db") as db_path:
        yield db_path


@dataclass
class Driver:
    """Drives the Interview page through AppTest the way a candidate would."""

    secrets: dict[str, Any] = field(default_factory=dict)

    def open(
        self, *, brain: Any = None, store: Any = None, questions: int | None = None
    ) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=30)
        for key, value in self.secrets.items():
            at.secrets[key] = value
        if brain is not None:
            at.session_state["estel_brain"] = brain
        if store is not None:
            at.session_state["estel_store"] = store
        if questions is not None:
            at.session_state["setup_questions"] = questions
        return at.run()

    @staticmethod
    def start(at: AppTest, role: str = "Data Analyst") -> AppTest:
        at.selectbox(key="setup_role").select(role)
        return at.button(key="setup_start").click().run()

    @staticmethod
    def answer(at: AppTest, number: int, text: str = ANSWER) -> AppTest:
        """Answer question `number` (the page must be showing it) in the one answer box."""
        assert f"Question {number} of" in at.get("progress")[0].proto.text
        at.text_area(key="answer").input(text)
        return at.button(key="send").click().run()

    def finish(self, at: AppTest, total: int) -> AppTest:
        for number in range(1, total + 1):
            self.answer(at, number, f"{ANSWER} (answer {number})")
        return at


@pytest.fixture
def driver() -> Driver:
    return Driver()


def texts(at: AppTest, kind: str) -> list[str]:
    """Every value of one element kind (markdown, caption, error...) as text."""
    return [str(getattr(element, "value", "")) for element in at.get(kind)]


@pytest.fixture
def page_text():
    """All visible text of some element kinds joined, for 'is this on the page' checks."""

    def collect(at: AppTest, *kinds: str) -> str:
        kinds = kinds or ("markdown", "caption", "error", "warning", "info", "success",
                          "subheader", "title")
        return "\n".join(t for kind in kinds for t in texts(at, kind))

    return collect


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch):
    """Returns a reader: download button -> the bytes the browser would download."""
    return download_reader(monkeypatch)


@pytest.fixture
def streamlit_server(tmp_path: Path) -> Iterator[str]:
    """`streamlit run app.py` headless on a free loopback port; yields its URL."""
    with live_streamlit.streamlit_server(tmp_path) as url:
        yield url


@pytest.fixture
def browser_page() -> Iterator[Any]:
    """A 1280x900 page in a fresh Debian Chromium (skips without it, fails on CI)."""
    with live_streamlit.chromium_page() as page:
        yield page
