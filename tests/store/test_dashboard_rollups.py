"""The dashboard rollups (migration 20261206233000): kept exact by the triggers through inserts,
updates (in progress → completed, a changed role, day or gaps), upserts, deletes and truncate;
the figures read from them equal the figures read from the rows; and RLS holds on them.

The rollup path is taken when the filters allow it (no level/difficulty/brain/model/prompt
filter, whole UTC days); the same rows asked with `experience_levels` = every level take the
rows path, so the two paths can be compared on one database.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest

from estel.dashboard.aggregates import SqlQueries, filter_params
from estel.store.base import SessionFilters, SessionRecord
from estel.store.pg_functions import function_call
from estel.store.rows import row_from_record

from .conftest import USER_A, USER_B, as_role

pytestmark = pytest.mark.postgres
T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
LEVELS = ("junior", "mid", "senior")
ROLLUPS = ("dashboard_day_totals", "dashboard_day_scores", "dashboard_day_gaps",
           "dashboard_values")
GAPS = ("SQL joins", "sql  joins", " SQL Joins", "testing", "Testing", "", "caching")
MIDNIGHT = T0.replace(hour=0)
WHOLE_DAYS = {  # filters the rollups answer
    "none": None,
    "days": SessionFilters(since=MIDNIGHT - timedelta(days=20), until=MIDNIGHT),
    "open end": SessionFilters(since=MIDNIGHT - timedelta(days=5)),
    "roles+statuses": SessionFilters(target_roles=("Backend", "Nurse"),
                                     statuses=("completed", "abandoned"),
                                     until=MIDNIGHT - timedelta(days=3)),
    "in progress only": SessionFilters(statuses=("in_progress",)),
}


def record(rng: random.Random, user: str | None = None, **overrides: Any) -> SessionRecord:
    created = T0 - timedelta(days=rng.uniform(0, 30))
    status = overrides.pop("status", None) or rng.choice(
        ("completed", "completed", "in_progress", "abandoned"))
    done = status == "completed"
    scores = {name: round(rng.uniform(0, 10), 1) for name in (
        "communication_score", "content_score", "confidence_score", "overall_score")}
    values: dict[str, Any] = dict(
        id=str(uuid.uuid4()), created_at=created, status=status, user_id=user,
        completed_at=created + timedelta(seconds=rng.randint(60, 3600)) if done else None,
        target_role=rng.choice(("Backend", "Nurse", "Designer")),
        experience_level=rng.choice(LEVELS), difficulty=rng.choice(("easy", "hard")),
        questions_target=5, brain="offline", model=rng.choice((None, "m1")),
        prompt_version=rng.choice((None, "v1")), summary="Done." if done else None,
        skill_gaps=rng.sample(GAPS, rng.randint(0, 4)) if done else [],
        **(scores if done else {}))
    return SessionRecord.model_validate({**values, **overrides})


def insert(conn: Any, records: list[SessionRecord]) -> None:
    with conn.cursor() as cursor:
        cursor.executemany("insert into public.interview_sessions select * from"
                           " json_populate_record(null::public.interview_sessions, %s)",
                           [[json.dumps(row_from_record(r))] for r in records])


def snapshot(conn: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every rollup's non-zero rows, sorted."""
    out = {}
    for table in ROLLUPS:
        rows = conn.execute(f"select * from public.{table} where sessions <> 0").fetchall()
        out[table] = sorted(rows, key=repr)
    return out


def rebuilt(conn: Any) -> dict[str, list[tuple[Any, ...]]]:
    conn.execute("select public.dashboard_rollup_rebuild()")
    return snapshot(conn)


def mutate(conn: Any, rng: random.Random) -> list[str]:
    """Inserts, per-turn saves, completions, edits, an upsert and deletes; returns live ids."""
    records = [record(rng) for _ in range(60)]
    insert(conn, records)
    ids = [r.id for r in records]
    unfinished = [r.id for r in records if r.status != "completed"][:8]
    conn.execute("update public.interview_sessions set updated_at = now(),"  # a per-turn save
                 " transcript = '[]' where id = any(%s)", [unfinished])
    conn.execute(  # in progress → completed, in one statement for several rows
        "update public.interview_sessions set status = 'completed', summary = 'Done.',"
        " completed_at = created_at + interval '7 minutes', communication_score = 6.5,"
        " content_score = 5, confidence_score = 7.1, overall_score = 6.2,"
        " skill_gaps = array['Testing', 'caching', 'testing'] where id = any(%s)", [unfinished])
    conn.execute("update public.interview_sessions set target_role = 'Nurse',"
                 " created_at = created_at - interval '3 days' where id = any(%s)",
                 [ids[20:26]])
    conn.execute("update public.interview_sessions set skill_gaps = array['SQL  joins']"
                 " where id = any(%s) and status = 'completed'", [ids[26:32]])
    upsert = record(rng, id=ids[40], status="abandoned", target_role="Designer")
    conn.execute(
        "insert into public.interview_sessions select * from"
        " json_populate_record(null::public.interview_sessions, %s)"
        " on conflict (id) do update set status = excluded.status,"
        " target_role = excluded.target_role, overall_score = excluded.overall_score",
        [json.dumps(row_from_record(upsert))])
    conn.execute("delete from public.interview_sessions where id = any(%s)", [ids[50:]])
    return ids[:50]


def test_the_triggers_keep_the_rollups_equal_to_a_rebuild(pg: Any) -> None:
    rng = random.Random(3)
    mutate(pg, rng)
    kept = snapshot(pg)
    assert kept["dashboard_day_totals"]
    assert kept["dashboard_day_gaps"]
    assert kept == rebuilt(pg)


def test_a_save_that_changes_nothing_the_rollups_hold_writes_no_rollup_row(pg: Any) -> None:
    rng = random.Random(4)
    insert(pg, [record(rng, status="in_progress") for _ in range(3)])
    before = pg.execute("select xmin::text, * from public.dashboard_day_totals").fetchall()
    pg.execute("update public.interview_sessions set updated_at = now(), transcript = '[]'")
    assert pg.execute("select xmin::text, * from public.dashboard_day_totals").fetchall() == before


def test_truncate_empties_the_rollups(pg: Any) -> None:
    insert(pg, [record(random.Random(5)) for _ in range(5)])
    pg.execute("truncate public.interview_sessions")
    assert snapshot(pg) == {table: [] for table in ROLLUPS}


def rows_path(filters: SessionFilters | None) -> SessionFilters:
    """The same rows, asked so that the rollups cannot answer (every level named)."""
    return replace(filters or SessionFilters(), experience_levels=LEVELS)


@pytest.fixture
def queries(pg: Any, pg_dsn: str) -> SqlQueries:
    mutate(pg, random.Random(6))
    return SqlQueries(function_call(lambda: psycopg.connect(pg_dsn)))


@pytest.mark.parametrize("name", list(WHOLE_DAYS))
def test_the_rollups_answer_as_the_rows_do(queries: SqlQueries, name: str) -> None:
    import pandas as pd

    by_day, by_rows = WHOLE_DAYS[name], rows_path(WHOLE_DAYS[name])
    assert queries.count(by_day) == queries.count(by_rows) > 0
    (a, a_first, a_last), (b, b_first, b_last) = queries.kpis(by_day), queries.kpis(by_rows)
    assert (a.sessions, a.completed, a_first, a_last) == (b.sessions, b.completed, b_first, b_last)
    assert a.mean_overall == pytest.approx(b.mean_overall, rel=1e-12)
    assert a.median_duration == b.median_duration

    def same(left: pd.DataFrame, right: pd.DataFrame) -> None:
        pd.testing.assert_frame_equal(left, right, check_exact=False, rtol=1e-12)

    for width in (1.0, 0.5, 2.5):
        same(queries.histogram(by_day, width), queries.histogram(by_rows, width))
    for freq in ("D", "W", "M"):
        same(queries.overall_trend(by_day, freq, None, None),
             queries.overall_trend(by_rows, freq, None, None))
        same(queries.activity(by_day, freq, None, None),
             queries.activity(by_rows, freq, None, None))
    same(queries.role_profiles(by_day, 50), queries.role_profiles(by_rows, 50))
    same(queries.skill_gaps(by_day, 50), queries.skill_gaps(by_rows, 50))


def scans(plan: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(node type, relation) of every node of an EXPLAIN (ANALYZE, FORMAT JSON) plan that read
    a table (nodes pruned at run time by a false one-time filter show 0 loops)."""
    if "Relation Name" in plan and plan.get("Actual Loops", 1) > 0:
        yield plan["Node Type"], plan["Relation Name"]
    for child in plan.get("Plans", ()):
        yield from scans(child)


@pytest.mark.parametrize("function", [
    "dashboard_kpis", "dashboard_score_histogram", "dashboard_overall_trend",
    "dashboard_activity", "dashboard_role_profiles", "dashboard_skill_gaps"])
def test_the_page_filters_plan_on_the_rollups(pg: Any, function: str) -> None:
    """With the filters known at plan time the rows path is pruned: the sessions table is not
    read, but for the KPIs' first/last start and median (index-only). (dashboard_count returns a
    scalar, so it is not inlined: its CASE picks the rollup at run time.)"""
    params = filter_params(WHOLE_DAYS["days"])
    args = ", ".join(f"{key} => %({key})s" for key in params)
    insert(pg, [record(random.Random(9)) for _ in range(20)])
    plan = pg.execute(f"explain (analyze, format json) select * from public.{function}({args})",
                      params).fetchone()[0][0]["Plan"]
    read = {(node, table) for node, table in scans(plan) if table == "interview_sessions"}
    assert read <= ({("Index Only Scan", "interview_sessions")}
                    if function == "dashboard_kpis" else set())
    assert any(table.startswith("dashboard_") for _, table in scans(plan))


def test_each_user_reads_only_their_own_rollup_rows_and_anon_none(pg: Any) -> None:
    rng = random.Random(7)
    insert(pg, [record(rng, USER_A) for _ in range(6)] + [record(rng, USER_B) for _ in range(9)]
           + [record(rng) for _ in range(4)])
    for user, other in ((USER_A, USER_B), (USER_B, USER_A)):
        with pg.transaction():
            as_role(pg, "authenticated", user)
            for table in ROLLUPS:
                owners = {row[0] for row in pg.execute(
                    f"select distinct user_id::text from public.{table}").fetchall()}
                assert owners == {user}, table
            sessions = pg.execute("select public.dashboard_count()").fetchone()
            assert sessions == (6 if user == USER_A else 9,)
            assert other not in json.dumps(pg.execute(
                "select * from public.dashboard_skill_gaps(p_top => 50)").fetchall(), default=str)
    for table in ROLLUPS:
        with pg.transaction():
            as_role(pg, "anon")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                pg.execute(f"select * from public.{table}")


@pytest.mark.parametrize("statement", [
    "insert into public.dashboard_day_totals values (null, current_date, 'completed', 'x',"
    " 100, 100, 0, 0, 0, 0)",
    "update public.dashboard_day_totals set sessions = sessions + 100",
    "select public.dashboard_rollup_rebuild()",
    "select public.dashboard_rollup_apply(array[]::public.dashboard_delta[])",
])
def test_signed_in_users_cannot_write_the_rollups(pg: Any, statement: str) -> None:
    with pg.transaction():
        as_role(pg, "authenticated", USER_A)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            pg.execute(statement)


def test_a_signed_in_insert_still_updates_the_rollups(pg: Any) -> None:
    """The trigger writes as the migration's owner, so the user's own save counts."""
    mine = record(random.Random(8), USER_A, status="completed")
    with pg.transaction():
        as_role(pg, "authenticated", USER_A)
        insert(pg, [mine])
        assert pg.execute("select public.dashboard_count()").fetchone() == (1,)
    assert snapshot(pg) == rebuilt(pg)


@pytest.mark.parametrize("path", ["rollups", "rows"])
def test_user_a_never_sees_b_through_any_function_on_either_path(pg: Any, path: str) -> None:
    rng = random.Random(10)
    mine = [record(rng, USER_A, target_role="Backend", model="m-a") for _ in range(7)]
    theirs = [record(rng, USER_B, target_role="Designer", model="m-b",
                     skill_gaps=["Figma"] if i % 2 else []) for i in range(9)]
    insert(pg, mine + theirs + [record(rng, target_role="Nurse") for _ in range(5)])
    filters = None if path == "rollups" else rows_path(None)

    @contextmanager
    def same_connection() -> Iterator[Any]:
        yield pg

    with pg.transaction():
        as_role(pg, "authenticated", USER_A)
        queries = SqlQueries(function_call(same_connection))
        numbers, _, _ = queries.kpis(filters)
        done = [r for r in mine if r.status == "completed"]
        assert (numbers.sessions, numbers.completed) == (len(mine), len(done))
        assert queries.count(filters) == len(mine)
        assert queries.options().total == len(mine)
        assert queries.options().models == ("m-a",)
        assert queries.role_profiles(filters, 50)["target_role"].tolist() == (
            ["Backend"] if done else [])
        assert "Figma" not in queries.skill_gaps(filters, 50)["skill_gap"].tolist()
        assert queries.histogram(filters)["sessions"].sum() == 4 * len(done)
        assert queries.activity(filters, "D", None, None)["started"].sum() == len(mine)
        assert queries.overall_trend(filters, "W", None, None)["sessions"].sum() == len(done)
        assert set(queries.table_page(filters, 0, 100)["id"]) == {r.id for r in mine}
