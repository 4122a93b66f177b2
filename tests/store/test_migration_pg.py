"""The Supabase migration on a real PostgreSQL 15: columns, constraints, comments, RLS."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import errors

from estel.store.base import SessionRecord
from estel.store.rows import record_from_row, row_from_record
from estel.store.sqlite import SQLiteStore

pytestmark = pytest.mark.postgres

USER_A = "0a0a0a0a-0000-4000-8000-00000000000a"
USER_B = "0b0b0b0b-0000-4000-8000-00000000000b"


def insert(conn: Any, row: dict[str, Any]) -> None:
    """Insert a row the way PostgREST does: JSON into a record of the table's type."""
    names = [k for k in row if not (k == "user_id" and row[k] is None)]
    cols = ", ".join(names)
    conn.execute(
        f"insert into public.interview_sessions ({cols}) select {cols}"
        " from json_populate_record(null::public.interview_sessions, %s)",
        [json.dumps(row)],
    )


def set_role(conn: Any, role: str, sub: str | None = None) -> None:
    claims = {"role": role, **({"sub": sub} if sub else {})}
    conn.execute(f"set local role {role}")
    conn.execute("select set_config('request.jwt.claims', %s, true)", [json.dumps(claims)])


def run_as(conn: Any, role: str, sub: str | None, action: Callable[[], Any]) -> Any:
    """Run `action` in one transaction as `role` (with `sub` as auth.uid())."""
    with conn.transaction():
        set_role(conn, role, sub)
        return action()


@pytest.fixture
def row(make_completed: Any) -> Any:
    def make(**overrides: Any) -> dict[str, Any]:
        record = make_completed(id=str(uuid.uuid4()))
        return {**row_from_record(record), **overrides}

    return make


def test_table_columns_match_session_record_one_to_one(pg: Any) -> None:
    names = [r[0] for r in pg.execute(
        "select column_name from information_schema.columns where table_schema = 'public'"
        " and table_name = 'interview_sessions' order by ordinal_position")]
    assert names == list(SessionRecord.model_fields)


def test_sqlite_mirror_has_the_same_columns(tmp_path: Path, pg: Any) -> None:
    SQLiteStore(tmp_path / "s.db").schema_version()
    with sqlite3.connect(tmp_path / "s.db") as conn:
        names = [r[1] for r in conn.execute("pragma table_info(interview_sessions)")]
    assert names == list(SessionRecord.model_fields)


def test_column_types_are_the_schema_of_record(pg: Any) -> None:
    types = dict(pg.execute(
        "select column_name, udt_name from information_schema.columns"
        " where table_name = 'interview_sessions'").fetchall())
    assert types["id"] == types["user_id"] == "uuid"
    assert types["created_at"] == types["completed_at"] == "timestamptz"
    arrays = ("strengths", "improvements", "skill_gaps", "next_steps")
    assert {types[c] for c in arrays} == {"_text"}
    assert {types[c] for c in ("communication_score", "content_score", "confidence_score",
                               "overall_score")} == {"numeric"}
    assert types["transcript"] == "jsonb"


def test_a_completed_row_round_trips_through_postgres(pg: Any, row: Any) -> None:
    data = row()
    insert(pg, data)
    stored = pg.execute("select to_jsonb(s) from public.interview_sessions s where id = %s",
                        [data["id"]]).fetchone()[0]
    assert record_from_row(stored) == record_from_row(data)


@pytest.mark.parametrize("score", [-0.1, 10.1, 11])
@pytest.mark.parametrize("column", ["communication_score", "content_score", "confidence_score",
                                    "overall_score"])
def test_scores_outside_0_to_10_are_rejected(pg: Any, row: Any, column: str,
                                             score: float) -> None:
    with pytest.raises(errors.CheckViolation):
        insert(pg, row(**{column: score}))


@pytest.mark.parametrize(("column", "value"), [
    ("status", "done"), ("difficulty", "medium"), ("questions_target", 0),
    ("questions_target", 21), ("target_role", ""), ("transcript", {"not": "an array"}),
])
def test_other_checks_reject_bad_values(pg: Any, row: Any, column: str, value: Any) -> None:
    with pytest.raises(errors.CheckViolation):
        insert(pg, row(**{column: value}))


def test_a_completed_row_must_have_its_summary_and_scores(pg: Any, row: Any) -> None:
    with pytest.raises(errors.CheckViolation):
        insert(pg, row(summary=None))
    with pytest.raises(errors.CheckViolation):
        insert(pg, row(overall_score=None))
    insert(pg, row(status="in_progress", completed_at=None, summary=None, overall_score=None))


def test_boundary_scores_are_accepted(pg: Any, row: Any) -> None:
    insert(pg, row(communication_score=0, content_score=10, confidence_score=0.0,
                   overall_score=10.0))


def test_table_and_every_column_have_comments(pg: Any) -> None:
    table = pg.execute("select obj_description('public.interview_sessions'::regclass)").fetchone()
    assert table[0]
    missing = pg.execute(
        "select attname from pg_attribute where attrelid = 'public.interview_sessions'::regclass"
        " and attnum > 0 and not attisdropped"
        " and col_description(attrelid, attnum) is null").fetchall()
    assert missing == []


def test_the_overall_comment_states_the_weights_the_code_uses(pg: Any) -> None:
    # The first migration said "mean of the three scores"; overall is a weighted mean.
    from estel.session import OVERALL_WEIGHTS

    comment = pg.execute("select col_description('public.interview_sessions'::regclass, "
                         "(select attnum from pg_attribute where attname = 'overall_score' and "
                         "attrelid = 'public.interview_sessions'::regclass))").fetchone()[0]
    assert "weighted" in comment
    for dimension, weight in OVERALL_WEIGHTS.items():
        assert f"{dimension} {weight:g}" in comment, comment


def test_dashboard_indexes_exist(pg: Any) -> None:
    definitions = [r[0] for r in pg.execute(
        "select indexdef from pg_indexes where tablename = 'interview_sessions'")]
    assert any("(created_at DESC)" in d for d in definitions)
    assert any("(target_role, created_at DESC)" in d for d in definitions)


def test_row_level_security_is_on(pg: Any) -> None:
    assert pg.execute("select relrowsecurity from pg_class"
                      " where oid = 'public.interview_sessions'::regclass").fetchone()[0]


def test_user_id_defaults_to_the_signed_in_user(pg: Any, row: Any) -> None:
    data = row(user_id=None)
    with pg.transaction():
        set_role(pg, "authenticated", USER_A)
        insert(pg, data)
    owner = pg.execute("select user_id from public.interview_sessions where id = %s",
                       [data["id"]]).fetchone()[0]
    assert str(owner) == USER_A


def test_users_read_and_update_only_their_own_rows(pg: Any, row: Any) -> None:
    a_row, b_row = row(user_id=USER_A), row(user_id=USER_B)
    insert(pg, a_row)
    insert(pg, b_row)
    with pg.transaction():
        set_role(pg, "authenticated", USER_A)
        seen = [str(r[0]) for r in pg.execute("select id from public.interview_sessions")]
        updated = pg.execute("update public.interview_sessions set summary = 'hacked'"
                             " where id = %s", [b_row["id"]]).rowcount
        deleted = pg.execute("delete from public.interview_sessions where id = %s",
                             [b_row["id"]]).rowcount
    assert seen == [a_row["id"]]
    assert updated == 0
    assert deleted == 0
    summary = pg.execute("select summary from public.interview_sessions where id = %s",
                         [b_row["id"]]).fetchone()[0]
    assert summary == b_row["summary"]


def test_users_cannot_create_rows_for_someone_else(pg: Any, row: Any) -> None:
    data = row(user_id=USER_B)
    with pytest.raises(errors.InsufficientPrivilege):
        run_as(pg, "authenticated", USER_A, lambda: insert(pg, data))


def test_users_cannot_hand_their_row_to_someone_else(pg: Any, row: Any) -> None:
    data = row(user_id=USER_A)
    insert(pg, data)
    sql = "update public.interview_sessions set user_id = %s where id = %s"
    with pytest.raises(errors.InsufficientPrivilege):
        run_as(pg, "authenticated", USER_A, lambda: pg.execute(sql, [USER_B, data["id"]]))


def test_anonymous_clients_can_neither_read_nor_write(pg: Any, row: Any) -> None:
    insert(pg, row(user_id=None))
    with pytest.raises(errors.InsufficientPrivilege):
        run_as(pg, "anon", None,
               lambda: pg.execute("select count(*) from public.interview_sessions"))
    data = row(user_id=None)
    with pytest.raises(errors.InsufficientPrivilege):
        run_as(pg, "anon", None, lambda: insert(pg, data))


def test_service_role_reads_all_rows_and_writes_anonymous_ones(pg: Any, row: Any) -> None:
    insert(pg, row(user_id=USER_A))
    insert(pg, row(user_id=USER_B))
    with pg.transaction():
        set_role(pg, "service_role")
        insert(pg, row(user_id=None))
        count = pg.execute("select count(*) from public.interview_sessions").fetchone()[0]
        owners = {r[0] and str(r[0]) for r in pg.execute(
            "select user_id from public.interview_sessions")}
    assert count == 3
    assert owners == {USER_A, USER_B, None}


def test_deleting_a_user_deletes_their_sessions(pg: Any, row: Any) -> None:
    ghost = str(uuid.uuid4())
    pg.execute("insert into auth.users (id) values (%s)", [ghost])
    insert(pg, row(user_id=ghost))
    pg.execute("delete from auth.users where id = %s", [ghost])
    assert pg.execute("select count(*) from public.interview_sessions").fetchone()[0] == 0


def test_migration_applies_to_a_fresh_database_as_one_transaction(postgres: Any) -> None:
    """Supabase applies each migration file in a transaction: it must not need autocommit."""
    repo = Path(__file__).resolve().parents[2]
    with psycopg.connect(postgres.dsn(), autocommit=True) as conn:
        conn.execute("create database fresh")
    try:
        with psycopg.connect(postgres.dsn("fresh")) as conn:  # one transaction, committed at exit
            conn.execute(Path(__file__).with_name("supabase_auth_stub.sql").read_text())
            for migration in sorted((repo / "supabase" / "migrations").glob("*.sql")):
                conn.execute(migration.read_text())
        with psycopg.connect(postgres.dsn("fresh")) as conn:
            policies = conn.execute("select count(*) from pg_policies"
                                    " where tablename = 'interview_sessions'").fetchone()[0]
        assert policies == 7
    finally:
        with psycopg.connect(postgres.dsn(), autocommit=True) as conn:
            conn.execute("drop database fresh")
