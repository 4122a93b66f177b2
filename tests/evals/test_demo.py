"""`demo-data`: sessions played by the real engine, dated over the last days, in the store."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from estel.cli import main
from estel.demo import generate
from estel.store import SQLiteStore

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def test_demo_data_fills_the_active_sqlite_store(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo-data", "--sessions", "40", "--days", "30", "--seed", "3"]) == 0
    captured = capsys.readouterr()
    db = tmp_path / "estel.db"  # ESTEL_DB_PATH from the conftest
    assert f"Wrote 40 demo sessions to SQLite: {db}" in captured.out
    assert "played 40/40 sessions" in captured.err
    store = SQLiteStore(db)
    rows = store.list(limit=100)
    assert store.count() == len(rows) == 40
    statuses = Counter(r.status for r in rows)
    assert statuses["completed"] >= 28
    assert statuses["completed"] < 40
    assert len({r.target_role for r in rows}) >= 6
    assert len({r.experience_level for r in rows}) >= 3
    now = datetime.now(UTC)
    assert all(now - timedelta(days=31) <= r.created_at <= now for r in rows)
    assert (max(r.created_at for r in rows) - min(r.created_at for r in rows)).days >= 10


def test_completed_sessions_carry_engine_scores_and_transcripts() -> None:
    rows = list(generate(30, days=20, seed=11, now=NOW))
    done = [r for r in rows if r.status == "completed"]
    assert done
    for record in done:
        assert record.brain == "offline"
        assert record.prompt_version == "offline-v1"
        assert len(record.transcript) == record.questions_target
        assert all(e.answer and e.content is not None for e in record.transcript)
        assert record.created_at < record.completed_at <= NOW
        assert record.summary
        assert record.overall_score is not None
    overall = [r.overall_score for r in done]
    assert max(overall) - min(overall) >= 3  # personas spread the scores


def test_unfinished_sessions_are_abandoned_unless_recent() -> None:
    rows = list(generate(60, days=30, seed=5, now=NOW))
    unfinished = [r for r in rows if r.status != "completed"]
    assert unfinished
    for record in unfinished:
        answered = [e for e in record.transcript if e.answer]
        assert len(answered) < record.questions_target
        assert record.overall_score is None
        recent = NOW - record.created_at < timedelta(hours=72)
        assert record.status == ("in_progress" if recent else "abandoned")


def test_same_seed_same_sessions() -> None:
    first = [(r.target_role, r.status, r.overall_score, r.created_at)
             for r in generate(12, days=10, seed=9, now=NOW)]
    again = [(r.target_role, r.status, r.overall_score, r.created_at)
             for r in generate(12, days=10, seed=9, now=NOW)]
    other = [(r.target_role, r.status, r.overall_score, r.created_at)
             for r in generate(12, days=10, seed=10, now=NOW)]
    assert first == again
    assert first != other


def test_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo-data", "--sessions", "0"]) == 2
    assert "--sessions must be" in capsys.readouterr().err


def test_demo_sessions_use_the_apps_level_vocabulary() -> None:
    from estel.demo import plan_sessions
    from estel.lab.variants import CommonSpec
    from estel.roles.levels import DEFAULT_LEVEL, EXPERIENCE_LEVELS

    levels = {plan.meta.experience_level for plan in plan_sessions(200, 60, 7, NOW)}
    assert len(levels) >= 3
    assert levels <= set(EXPERIENCE_LEVELS)  # not "mid" beside the app's "Mid-level"
    assert CommonSpec(personas=("strong",), roles=("Data Analyst",)).experience_level \
        == DEFAULT_LEVEL
