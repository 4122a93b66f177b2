"""Incremental frames (estel/dashboard/incremental.py): after any mix of writes, by this store or
another process's, the frame read from the change log is the frame a whole read gives."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from estel.dashboard import incremental
from estel.dashboard.analytics import FIGURE_COLUMNS
from estel.dashboard.charts import dashboard_figures
from estel.dashboard.incremental import IncrementalFrames
from estel.dashboard.query import MAX_ROWS, load_sessions
from estel.store.base import SessionFilters, SessionRecord
from estel.store.records import abandoned_record
from estel.store.sqlite import SQLiteStore
from estel.store.sqlite_schema import CHANGE_LOG_KEEP

from .conftest import write

COLUMNS = ["rowid", "id", *FIGURE_COLUMNS]
EVERYONE = SessionFilters()
ANALYSTS = SessionFilters(target_roles=("Data Analyst",))
IN_PROGRESS = SessionFilters(statuses=("in_progress",))


def whole(store: SQLiteStore, filters: SessionFilters) -> pd.DataFrame:
    """A fresh read of everything, in rowid order: what the incremental frame must equal."""
    frame = load_sessions(store, filters, MAX_ROWS, COLUMNS).frame
    frame["rowid"] = frame["rowid"].astype("int64")
    return frame.sort_values("rowid", kind="stable", ignore_index=True)


def renamed(record: SessionRecord, suffix: str, **changes: object) -> SessionRecord:
    return record.model_copy(update={"id": record.id[:-len(suffix)] + suffix, **changes})


def assert_same(frames: IncrementalFrames, store: SQLiteStore, filters: SessionFilters) -> None:
    got = frames.load(filters, MAX_ROWS, FIGURE_COLUMNS)
    expected = whole(store, filters)
    pd.testing.assert_frame_equal(got.frame, expected)
    assert got.matching == len(expected) == store.count(filters)


@pytest.mark.parametrize("filters", [EVERYONE, ANALYSTS, IN_PROGRESS])
def test_reads_after_inserts_updates_and_deletes_equal_whole_reads(
        tmp_path: Path, played: list[SessionRecord], filters: SessionFilters) -> None:
    store = write(tmp_path / "s.db", played[:4])
    frames = IncrementalFrames(store)
    assert_same(frames, store, filters)
    other = SQLiteStore(store.path)  # another process's writes go through the same triggers
    # inserted: a completed analyst session and an interview still running
    other.create(played[4])
    other.complete(played[4])
    other.create(renamed(played[5], "aaaa"))
    assert_same(frames, store, filters)
    # updated: the running interview is abandoned (it leaves the in-progress filter); a
    # completed one is re-saved with other scores
    other.complete(abandoned_record(renamed(played[5], "aaaa")))
    other.complete(played[0].model_copy(update={"overall_score": 1.5}))
    assert_same(frames, store, filters)
    # deleted
    with sqlite3.connect(store.path) as conn:
        conn.execute("DELETE FROM interview_sessions WHERE id = ?", [played[1].id])
    assert_same(frames, store, filters)
    assert frames.reads["changes"] == 3  # each of those was read from the log, not whole
    assert frames.reads["whole"] == 1


def test_the_figures_of_an_updated_frame_are_the_figures_of_a_whole_read(
        tmp_path: Path, played: list[SessionRecord]) -> None:
    store = write(tmp_path / "s.db", played[:3])
    frames = IncrementalFrames(store)
    frames.load(EVERYONE, MAX_ROWS, FIGURE_COLUMNS)
    for record in played[3:]:
        store.create(record)
        if record.status != "in_progress":
            store.complete(record)
    updated = frames.load(EVERYONE, MAX_ROWS, FIGURE_COLUMNS).frame
    assert frames.reads["changes"] == 1
    fresh = load_sessions(store, None, MAX_ROWS, FIGURE_COLUMNS).frame
    assert {name: figure.to_json() for name, figure in dashboard_figures(updated).items()} == {
        name: figure.to_json() for name, figure in dashboard_figures(fresh).items()}


def test_nothing_changed_reads_no_rows(tmp_path: Path, played: list[SessionRecord]) -> None:
    store = write(tmp_path / "s.db", played)
    frames = IncrementalFrames(store)
    first = frames.load(EVERYONE, MAX_ROWS, FIGURE_COLUMNS)
    assert frames.load(EVERYONE, MAX_ROWS, FIGURE_COLUMNS) is first
    assert frames.reads == {"whole": 1, "unchanged": 1}


def test_a_frame_older_than_the_log_reaches_is_read_whole(
        tmp_path: Path, played: list[SessionRecord]) -> None:
    store = write(tmp_path / "s.db", played[:3])
    frames = IncrementalFrames(store)
    frames.load(EVERYONE, MAX_ROWS, FIGURE_COLUMNS)
    store.create(played[3])
    store.create(played[5])
    with sqlite3.connect(store.path) as conn:  # as if the log had been pruned past the frame
        conn.execute("DELETE FROM session_changes WHERE session_id = ?", [played[3].id])
    assert_same(frames, store, EVERYONE)
    assert frames.reads["whole"] == 2


def test_too_many_changes_are_read_whole(tmp_path: Path, played: list[SessionRecord],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(incremental, "CHANGES_TO_APPLY", 1)
    store = write(tmp_path / "s.db", played[:3])
    frames = IncrementalFrames(store)
    frames.load(EVERYONE, MAX_ROWS, FIGURE_COLUMNS)
    store.create(played[3])
    store.create(played[5])
    assert_same(frames, store, EVERYONE)
    assert frames.reads["whole"] == 2


def test_the_change_log_keeps_its_newest_entries(tmp_path: Path,
                                                 played: list[SessionRecord]) -> None:
    store = write(tmp_path / "s.db", played[:1])
    with sqlite3.connect(store.path) as conn:  # many cheap updates, each logged by the trigger
        conn.executemany("UPDATE interview_sessions SET model = ? WHERE id = ?",
                         [(f"m{n}", played[0].id) for n in range(CHANGE_LOG_KEEP + 50)])
        low, high, count = conn.execute(
            "SELECT min(seq), max(seq), count(*) FROM session_changes").fetchone()
    assert count == CHANGE_LOG_KEEP
    assert high - low + 1 == CHANGE_LOG_KEEP


def test_only_the_most_recent_views_are_kept(tmp_path: Path, played: list[SessionRecord]) -> None:
    store = write(tmp_path / "s.db", played)
    frames = IncrementalFrames(store, views=2)
    for filters in (EVERYONE, ANALYSTS, IN_PROGRESS, EVERYONE):
        frames.load(filters, MAX_ROWS, FIGURE_COLUMNS)
    assert frames.reads["whole"] == 4  # EVERYONE was dropped when the third view came
