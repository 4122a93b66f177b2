"""The dashboard's store reads: filters run in the SQLite query; other stores go through list()."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from estel.dashboard import analytics
from estel.dashboard.charts import dashboard_figures
from estel.dashboard.query import filter_options, load_dashboard, load_sessions
from estel.store.base import SessionFilters, SessionRecord
from estel.store.sqlite import SQLiteStore
from estel.ui.dashboard_filters import CUSTOM, chosen, period_span


def ids(frame: pd.DataFrame) -> set[str]:
    return set(frame["id"])


def test_load_reads_every_session_as_the_records_say(
    seeded_store: SQLiteStore, played: list[SessionRecord]
) -> None:
    loaded = load_sessions(seeded_store, None)
    assert loaded.matching == len(played) == len(loaded.frame)
    assert not loaded.capped
    # the projected SQL read gives the same frame as building it from the full records
    from_sql = loaded.frame.sort_values("id").reset_index(drop=True)
    from_records = analytics.frame_from_records(played).sort_values("id").reset_index(drop=True)
    pd.testing.assert_frame_equal(from_sql, from_records)


def test_the_figures_frame_reads_fewer_columns_and_gives_the_same_figures(
    seeded_store: SQLiteStore, played: list[SessionRecord]
) -> None:
    full = load_sessions(seeded_store, None).frame
    loaded, newest = load_dashboard(seeded_store, None, table_rows=3)
    assert tuple(loaded.frame.columns) == analytics.FIGURE_COLUMNS
    assert analytics.kpis(loaded.frame) == analytics.kpis(full)
    slim, every = dashboard_figures(loaded.frame), dashboard_figures(full)
    assert {name: fig.to_json() for name, fig in slim.items()} == {
        name: fig.to_json() for name, fig in every.items()}
    # the table's rows: the newest three, with every column
    assert tuple(newest.columns) == analytics.FRAME_COLUMNS
    newest_three = sorted(played, key=lambda r: r.created_at, reverse=True)[:3]
    assert list(newest["id"]) == [record.id for record in newest_three]


@pytest.mark.parametrize(("filters", "plans"), [
    (SessionFilters(target_roles=("Data Analyst",)), [0, 1, 2]),
    (SessionFilters(target_roles=("Data Analyst", "Product Manager")), [0, 1, 2, 5]),
    (SessionFilters(experience_levels=("mid",), difficulties=("hard",)), [4]),
    (SessionFilters(statuses=("abandoned", "in_progress")), [4, 5]),
    (SessionFilters(brains=("offline",), prompt_versions=("no-such",)), []),
    (SessionFilters(target_roles=()), []),  # an empty choice matches nothing
])
def test_filters_select_the_matching_sessions(
    seeded_store: SQLiteStore, played: list[SessionRecord], filters: SessionFilters,
    plans: list[int],
) -> None:
    loaded = load_sessions(seeded_store, filters)
    assert ids(loaded.frame) == {played[i].id for i in plans}
    assert loaded.matching == len(plans)


def test_date_filters_are_half_open(seeded_store: SQLiteStore,
                                    played: list[SessionRecord]) -> None:
    newest = max(played, key=lambda r: r.created_at)
    at = newest.created_at
    assert ids(load_sessions(seeded_store, SessionFilters(since=at)).frame) == {newest.id}
    assert newest.id not in ids(load_sessions(seeded_store, SessionFilters(until=at)).frame)


def test_cap_keeps_the_newest_and_reports_how_many_match(
    seeded_store: SQLiteStore, played: list[SessionRecord]
) -> None:
    loaded = load_sessions(seeded_store, None, limit=2)
    newest = sorted(played, key=lambda r: r.created_at, reverse=True)[:2]
    assert ids(loaded.frame) == {r.id for r in newest}
    assert loaded.matching == len(played)
    assert loaded.capped


def test_filter_options_list_distinct_values_and_span(
    seeded_store: SQLiteStore, played: list[SessionRecord]
) -> None:
    options = filter_options(seeded_store)
    assert options.total == len(played)
    assert options.target_roles == ("Backend Engineer", "Data Analyst", "Product Manager")
    assert options.experience_levels == ("junior", "lead", "mid", "senior")
    assert options.difficulties == ("easy", "hard", "standard")
    assert options.brains == ("offline",)
    assert options.models == ()  # the offline brain names no model
    assert options.prompt_versions == tuple(sorted({r.prompt_version for r in played}))
    assert options.first == min(r.created_at for r in played)
    assert options.last == max(r.created_at for r in played)


def test_empty_store_has_no_options(tmp_path) -> None:
    store = SQLiteStore(tmp_path / "empty.db")
    assert filter_options(store).total == 0
    assert load_sessions(store, None).frame.empty


class ListOnlyStore:
    """A store without SQL (like Supabase): filters are its own business; we count calls."""

    description = "memory"

    def __init__(self, records: list[SessionRecord]) -> None:
        self.records = records
        self.limits: list[int] = []

    def list(self, filters=None, limit=100):
        self.limits.append(limit)
        roles = filters.target_roles if filters else None
        return [r for r in self.records if roles is None or r.target_role in roles][:limit]

    def count(self, filters=None) -> int:
        return len(self.list(filters, limit=10**9))


def test_other_stores_are_read_through_list(played: list[SessionRecord]) -> None:
    store = ListOnlyStore(played)
    loaded = load_sessions(store, SessionFilters(target_roles=("Backend Engineer",)))
    assert ids(loaded.frame) == {played[3].id, played[4].id}
    assert store.limits == [5_000]  # capped: PostgREST pages its answers
    options = filter_options(store)
    assert options.total == len(played)
    assert options.target_roles == ("Backend Engineer", "Data Analyst", "Product Manager")


# -- the filter bar's pure part -------------------------------------------------------------------

TODAY = date(2026, 11, 28)


def test_relative_periods_start_at_utc_midnight() -> None:
    assert period_span("All time", TODAY) == (None, None)
    since, until = period_span("Last 7 days", TODAY)
    assert since == datetime(2026, 11, 22, tzinfo=UTC)  # today and the six days before
    assert until is None


def test_custom_range_includes_its_last_day() -> None:
    assert period_span(CUSTOM, TODAY, (date(2026, 11, 1), date(2026, 11, 3))) == (
        datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 11, 4, tzinfo=UTC))
    assert period_span(CUSTOM, TODAY, (date(2026, 11, 1),)) == (
        datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 11, 2, tzinfo=UTC))


def test_chosen_turns_empty_selections_into_no_filter() -> None:
    picked = {"target_roles": ["Data Analyst"], "statuses": [], "brains": []}
    choice = chosen("Last 30 days", TODAY, (), picked)
    assert choice.filters == SessionFilters(since=datetime(2026, 10, 30, tzinfo=UTC),
                                            target_roles=("Data Analyst",))
    assert choice.start == datetime(2026, 10, 30, tzinfo=UTC)
    assert choice.end == datetime(2026, 11, 28, tzinfo=UTC)  # the axis runs to today
    custom = chosen(CUSTOM, TODAY, (date(2026, 11, 1), date(2026, 11, 3)), {})
    assert custom.end == datetime(2026, 11, 4, tzinfo=UTC) - timedelta(microseconds=1)
    assert chosen("All time", TODAY, (), {}).end is None


def test_the_change_marker_moves_with_every_write_and_only_then(
    seeded_store: SQLiteStore, played: list[SessionRecord]
) -> None:
    from estel.dashboard.query import change_marker

    before = change_marker(seeded_store)
    load_sessions(seeded_store, None)  # reads change nothing
    filter_options(seeded_store)
    assert change_marker(seeded_store) == before
    done = next(r for r in played if r.status == "completed")
    seeded_store.complete(done.model_copy(update={"id": "0" * 8 + done.id[8:]}))
    after = change_marker(seeded_store)
    assert after != before
    seeded_store.complete(done.model_copy(update={"id": "1" * 8 + done.id[8:]}))
    assert change_marker(seeded_store) not in (before, after)


def test_a_reader_that_creates_an_empty_wal_does_not_move_the_marker(
    tmp_path: Path, played: list[SessionRecord]
) -> None:
    """When the last connection closes SQLite checkpoints and removes the WAL; the next reader
    creates an empty one. That is no change: it had cost a second recompute after each save."""
    import sqlite3

    from estel.dashboard.query import change_marker

    writer = SQLiteStore(tmp_path / "wal.db")
    writer.complete(next(r for r in played if r.status == "completed"))
    writer.close()  # the last connection: SQLite checkpoints and removes the WAL
    wal = tmp_path / "wal.db-wal"
    assert not wal.exists()
    store = SQLiteStore(tmp_path / "wal.db")
    before = change_marker(store)
    reader = sqlite3.connect(tmp_path / "wal.db")
    try:
        reader.execute("SELECT count(*) FROM interview_sessions").fetchone()
        assert wal.exists()
        assert wal.stat().st_size == 0
        assert change_marker(store) == before
    finally:
        reader.close()


def test_a_store_without_a_marker_gets_a_time_slot(monkeypatch: pytest.MonkeyPatch) -> None:
    from estel.dashboard import query

    monkeypatch.setattr(query.time, "time", lambda: 95.0)
    assert query.change_marker(object(), 30) == ("time", 3)  # type: ignore[arg-type]


def test_the_column_lists_are_the_session_records_columns() -> None:
    """One list of session columns: every filter and frame column is a SessionRecord field."""
    from dataclasses import fields

    from estel.dashboard.query import OPTION_COLUMNS
    from estel.store.base import FILTER_COLUMNS
    from estel.store.rows import COLUMNS

    value_filters = {f.name for f in fields(SessionFilters)} - {"since", "until"}
    assert set(FILTER_COLUMNS) == value_filters
    assert set(FILTER_COLUMNS.values()) <= set(COLUMNS)
    assert set(OPTION_COLUMNS) | {"statuses"} == set(FILTER_COLUMNS)
    assert set(analytics.FRAME_COLUMNS) <= set(COLUMNS)
