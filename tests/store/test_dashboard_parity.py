"""One behavioural suite for the dashboard's figures, run against every source: SQLite's pandas
path (FrameQueries) and the SQL functions on a real PostgreSQL 15 (SqlQueries + psycopg).

The same generated sessions go into both; every figure, under every filter case, must come out
equal. A few figures are also checked against the plain meaning of the filters, so a bug shared
by both paths still fails.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from estel.dashboard.aggregates import DashboardQueries, FrameQueries, SqlQueries
from estel.store.base import SessionFilters, SessionRecord
from estel.store.rows import row_from_record
from estel.store.sqlite import SQLiteStore

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)  # as conftest.T0: its FILTER_CASES are around it

pytestmark = pytest.mark.postgres

ROLES = ("Backend", "Designer", "Data", "Nurse", "Électricien")
GAPS = ("SQL joins", "sql  joins", " SQL Joins", "system design", "System Design",
        "testing", "STAR answers", "", "caching")


def generated(count: int, seed: int = 17) -> list[SessionRecord]:
    """Sessions varied in every filtered column, over ~200 days, scores on bin edges included."""
    rng = random.Random(seed)
    records = []
    for i in range(count):
        created = T0 - timedelta(days=rng.uniform(0, 200)) + timedelta(microseconds=i)
        status = rng.choices(("completed", "in_progress", "abandoned"), (8, 1, 1))[0]
        scores = {name: round(rng.choice((rng.uniform(0, 10), rng.randint(0, 10))), 1)
                  for name in ("communication_score", "content_score", "confidence_score",
                               "overall_score")}
        done = status == "completed"
        records.append(SessionRecord(
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), created_at=created,
            completed_at=created + timedelta(seconds=rng.randint(3, 3600)) if done else None,
            status=status, target_role=rng.choice(ROLES),
            experience_level=rng.choice(("junior", "mid", "senior")),
            difficulty=rng.choice(("easy", "standard", "hard")), questions_target=5,
            brain=rng.choice(("offline", "openai")),
            model=rng.choice((None, "gpt-4.1", "gpt-4.1-mini")),
            prompt_version=rng.choice((None, "v1", "v2")),
            summary="Done." if done else None,
            skill_gaps=rng.sample(GAPS, rng.randint(0, 4)) if done else [],
            **(scores if done else {})))
    return records


RECORDS = generated(400)


@pytest.fixture(scope="module")
def sqlite_queries(tmp_path_factory: pytest.TempPathFactory) -> DashboardQueries:
    store = SQLiteStore(Path(tmp_path_factory.mktemp("parity")) / "estel.db")
    for record in RECORDS:
        (store.complete if record.status == "completed" else store.create)(record)
    return FrameQueries(store)


@pytest.fixture(scope="module")
def pg_queries(pg_dsn: str) -> DashboardQueries:
    import psycopg

    from estel.store.pg_functions import function_call

    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        conn.execute("truncate public.interview_sessions")
        with conn.cursor() as cursor:
            cursor.executemany(
                "insert into public.interview_sessions select * from"
                " json_populate_record(null::public.interview_sessions, %s)",
                [[json.dumps(row_from_record(record))] for record in RECORDS])
    return SqlQueries(function_call(lambda: psycopg.connect(pg_dsn)))


@pytest.fixture(params=["sqlite", "pg"])
def source(request: pytest.FixtureRequest) -> DashboardQueries:
    return request.getfixturevalue(f"{request.param}_queries")


def same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True),
                                  check_dtype=False, check_exact=False, rtol=1e-9)


def matching(f: SessionFilters, expected_ids: Callable[..., list[str]]) -> list[str]:
    return expected_ids(RECORDS, f)


def test_count_and_kpis_follow_the_filters(source: DashboardQueries, filter_case: SessionFilters,
                                          expected_ids: Callable[..., list[str]]) -> None:
    ids = set(matching(filter_case, expected_ids))
    kept = [r for r in RECORDS if r.id in ids]
    done = [r for r in kept if r.status == "completed"]
    numbers, first, last = source.kpis(filter_case)
    assert source.count(filter_case) == numbers.sessions == len(kept)
    assert numbers.completed == len(done)
    if done:
        assert numbers.mean_overall == pytest.approx(
            sum(r.overall_score or 0 for r in done) / len(done))
        assert first == min(r.created_at for r in kept)
        assert last == max(r.created_at for r in kept)
    else:
        assert numbers.mean_overall is None


def test_kpis_are_equal(sqlite_queries: DashboardQueries, pg_queries: DashboardQueries,
                        filter_case: SessionFilters) -> None:
    (a, a_first, a_last), (b, b_first, b_last) = (
        sqlite_queries.kpis(filter_case), pg_queries.kpis(filter_case))
    assert (a.sessions, a.completed, a_first, a_last) == (b.sessions, b.completed, b_first, b_last)
    assert a.mean_overall == pytest.approx(b.mean_overall)
    assert a.completion_rate == pytest.approx(b.completion_rate)
    if a.median_duration is None:
        assert b.median_duration is None
    else:
        assert b.median_duration is not None
        assert abs((a.median_duration - b.median_duration).total_seconds()) < 1e-3


@pytest.mark.parametrize("bin_width", [1.0, 0.5, 2.5])
def test_histograms_are_equal(sqlite_queries: DashboardQueries, pg_queries: DashboardQueries,
                              filter_case: SessionFilters, bin_width: float) -> None:
    expected = sqlite_queries.histogram(filter_case, bin_width)
    same(expected, pg_queries.histogram(filter_case, bin_width))
    done = sqlite_queries.kpis(filter_case)[0].completed
    assert (expected.groupby("dimension")["sessions"].sum() == done).all()


@pytest.mark.parametrize("freq", ["D", "W", "M"])
@pytest.mark.parametrize("span", ["data", "given"])
def test_trends_and_activity_are_equal(sqlite_queries: DashboardQueries,
                                       pg_queries: DashboardQueries, filter_case: SessionFilters,
                                       freq: Any, span: str) -> None:
    start, end = ((T0 - timedelta(days=210), T0 + timedelta(days=1)) if span == "given"
                  else (None, None))
    trend = sqlite_queries.overall_trend(filter_case, freq, start, end)
    same(trend, pg_queries.overall_trend(filter_case, freq, start, end))
    activity = sqlite_queries.activity(filter_case, freq, start, end)
    same(activity, pg_queries.activity(filter_case, freq, start, end))
    assert activity["started"].sum() == sqlite_queries.count(filter_case)


@pytest.mark.parametrize("top", [3, 5, 50])
def test_role_profiles_and_skill_gaps_are_equal(sqlite_queries: DashboardQueries,
                                                pg_queries: DashboardQueries,
                                                filter_case: SessionFilters, top: int) -> None:
    same(sqlite_queries.role_profiles(filter_case, top), pg_queries.role_profiles(filter_case, top))
    same(sqlite_queries.skill_gaps(filter_case, top), pg_queries.skill_gaps(filter_case, top))


def test_skill_gaps_merge_spellings_once_per_session(source: DashboardQueries) -> None:
    done = [r for r in RECORDS if r.status == "completed"]
    in_sessions = sum(1 for r in done if any(g.lower().split() == ["sql", "joins"]
                                             for g in r.skill_gaps))
    gaps = source.skill_gaps(None, 50).set_index("skill_gap")
    sql_rows = [label for label in gaps.index if label.lower().split() == ["sql", "joins"]]
    assert len(sql_rows) == 1
    assert gaps.loc[sql_rows[0], "sessions"] == in_sessions
    assert "" not in gaps.index


@pytest.mark.parametrize(("offset", "limit"), [(0, 100), (37, 50), (390, 100)])
def test_table_pages_are_equal_and_newest_first(sqlite_queries: DashboardQueries,
                                                pg_queries: DashboardQueries,
                                                filter_case: SessionFilters,
                                                expected_ids: Callable[..., list[str]],
                                                offset: int, limit: int) -> None:
    page = sqlite_queries.table_page(filter_case, offset, limit)
    same(page, pg_queries.table_page(filter_case, offset, limit))
    assert page["id"].tolist() == matching(filter_case, expected_ids)[offset:offset + limit]


def test_filter_options_are_equal(sqlite_queries: DashboardQueries,
                                  pg_queries: DashboardQueries) -> None:
    assert sqlite_queries.options() == pg_queries.options()
    assert pg_queries.options().target_roles == tuple(sorted(ROLES))
