"""Fixtures for the dashboard tests: known rows, real offline interviews, a seeded SQLite file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from apptest_downloads import download_reader
from settings_env import offline_app_env
from streamlit.testing.v1 import AppTest

from estel.brains.offline.brain import OfflineBrain
from estel.contract import InterviewMeta
from estel.dashboard.analytics import sessions_frame
from estel.engine import Engine
from estel.store.base import SessionRecord
from estel.store.records import abandoned_record, completed_record, new_record
from estel.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "streamlit_app.py"  # the Streamlit script (app.py is the st.App around it)
DASHBOARD = "app_pages/dashboard.py"
# six sessions with hand-picked numbers: tests assert exact aggregates of these
KNOWN_ROWS: list[tuple[Any, ...]] = [
    ("s1", "2026-11-02T09:00:00.000000+00:00", "2026-11-02T09:10:00.000000+00:00", "completed",
     "Data Analyst", "mid", "standard", 8, "offline", None, "offline-v1",
     6.0, 7.0, 8.0, 7.0, '["SQL","Metrics"]'),
    ("s2", "2026-11-02T15:00:00.000000+00:00", "2026-11-02T15:20:00.000000+00:00", "completed",
     "Data Analyst", "senior", "hard", 8, "openai", "gpt-4.1-mini", "v2",
     4.0, 5.0, 3.0, 4.0, '["sql ","Storytelling"]'),
    ("s3", "2026-11-05T10:00:00.000000+00:00", "2026-11-05T10:30:00.000000+00:00", "completed",
     "Backend Engineer", "mid", "hard", 5, "openai", "gpt-4.1", "v2",
     9.5, 10.0, 9.0, 9.5, "[]"),
    ("s4", "2026-11-09T08:00:00.000000+00:00", None, "in_progress",
     "Backend Engineer", "junior", "easy", 8, "offline", None, "offline-v1",
     None, None, None, None, "[]"),
    ("s5", "2026-11-10T12:00:00.000000+00:00", "2026-11-10T12:05:00.000000+00:00", "abandoned",
     "Product Manager", "mid", "standard", 8, "offline", None, None,
     None, None, None, None, "[]"),
    ("s6", "2026-11-16T18:00:00.000000+00:00", "2026-11-16T18:40:00.000000+00:00", "completed",
     "=HYPERLINK(\"x\")", "lead", "standard", 8, "openai", "gpt-4.1", "v1",
     2.0, 1.0, 0.0, 1.0, '["Metrics","metrics","Prioritisation"]'),
]

GOOD = ("In my last role I owned the weekly revenue report. I rebuilt it in SQL and Python, "
        "automated the refresh and cut the time it took from two days to two hours, so the "
        "sales team acted on numbers 40% faster.")
WEAK = "um, maybe, not sure"


@pytest.fixture
def known() -> pd.DataFrame:
    return sessions_frame(KNOWN_ROWS)


@dataclass(frozen=True)
class Plan:
    """One session to play: who, when, and how far it got."""

    role: str
    level: str
    difficulty: str
    days_ago: int
    status: str = "completed"
    answer: str = GOOD
    minutes: int = 12


# what the seeded store holds (days before today, so relative periods are predictable)
PLANS = (
    Plan("Data Analyst", "mid", "standard", 1),
    Plan("Data Analyst", "senior", "hard", 3, answer=WEAK, minutes=20),
    Plan("Data Analyst", "mid", "easy", 20, minutes=30),
    Plan("Backend Engineer", "junior", "standard", 2, answer=WEAK),
    Plan("Backend Engineer", "mid", "hard", 40, status="abandoned"),
    Plan("Product Manager", "lead", "standard", 5, status="in_progress"),
)


def today() -> date:
    return datetime.now(UTC).date()


def play(engine: Engine, plan: Plan, questions: int = 3) -> SessionRecord:
    """A real interview by the offline brain, stored as the app would store it."""
    meta = InterviewMeta(target_role=plan.role, experience_level=plan.level,
                         difficulty=plan.difficulty, questions_target=questions)
    created = datetime.combine(today(), time(9), tzinfo=UTC) - timedelta(days=plan.days_ago)
    turns = [engine.start(meta)]
    record = new_record(turns[0], now=created)
    if plan.status == "in_progress":
        return record
    ended = created + timedelta(minutes=plan.minutes)
    if plan.status == "abandoned":
        return abandoned_record(record, now=ended)
    while not turns[-1].finished:
        turns.append(engine.answer(turns[-1].state, plan.answer))
    return completed_record(record, turns, now=ended)


@pytest.fixture(scope="session")
def played() -> list[SessionRecord]:
    """The PLANS played once per test run (a few real offline interviews)."""
    engine = Engine(OfflineBrain())
    return [play(engine, plan) for plan in PLANS]


def write(path: Path, records: list[SessionRecord]) -> SQLiteStore:
    store = SQLiteStore(path)
    for record in records:
        store.create(record)
        if record.status != "in_progress":
            store.complete(record)
    return store


@pytest.fixture
def seeded_store(tmp_path: Path, played: list[SessionRecord]) -> SQLiteStore:
    return write(tmp_path / "seeded.db", played)


@pytest.fixture
def seeded_app(app_env: Path, played: list[SessionRecord]) -> list[SessionRecord]:
    """The app's own SQLite file (ESTEL_DB_PATH) holding the played sessions."""
    write(app_env, played)
    return played


@pytest.fixture
def app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Offline brain, ESTEL_DB_PATH in tmp, no keys; st caches cleared (they outlive AppTests)."""
    with offline_app_env(monkeypatch, tmp_path / "app.db") as db_path:
        yield db_path


class Dash:
    """Drives the Dashboard page through AppTest, and reads what it shows."""

    plans = PLANS

    @staticmethod
    def open() -> AppTest:
        """The app, navigated to the Dashboard page the way the sidebar does."""
        at = AppTest.from_file(str(APP), default_timeout=60).run()
        return at.switch_page(DASHBOARD).run()

    @staticmethod
    def metrics(at: AppTest) -> dict[str, str]:
        return {metric.label: metric.value for metric in at.metric}

    @staticmethod
    def charts(at: AppTest) -> dict[str, dict[str, Any]]:
        """Each chart drawn by estel/ui/basic_plotly (key → the figure JSON it was sent);
        the preload mount, which draws nothing, is left out."""
        return {element.proto.id.rsplit("-", 1)[-1]: json.loads(element.proto.json)["figure"]
                for element in at.get("bidi_component")
                if element.proto.component_name == "estel_basic_plotly"
                and json.loads(element.proto.json or "null") is not None}

    @staticmethod
    def text(at: AppTest) -> str:
        kinds = ("markdown", "caption", "info", "warning", "error", "success", "title",
                 "subheader")
        return "\n".join(str(element.value) for kind in kinds for element in at.get(kind))


@pytest.fixture
def dash() -> Dash:
    return Dash()


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch):
    """A reader: download button → the bytes the browser would get."""
    return download_reader(monkeypatch)
