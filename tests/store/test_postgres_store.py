"""PostgresStore on a real PostgreSQL 15: the SessionStore protocol, the outbox when the server
is down, the database's own compare-and-set for turns, `estel store migrate`, and the dashboard
read through the SQL functions."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import psycopg
import pytest

from estel.dashboard.aggregates import SqlQueries
from estel.store.base import SessionFilters, TurnWrite
from estel.store.postgres import PostgresStore
from estel.store.records import completed_record, new_record
from estel.store.rows import record_from_row
from estel.store.sqlite import SQLiteStore

pytestmark = pytest.mark.postgres


def pg_rows(pg: Any) -> dict[str, Any]:
    with pg.cursor(row_factory=psycopg.rows.dict_row) as cursor:
        rows = cursor.execute("select * from public.interview_sessions").fetchall()
    return {str(row["id"]): record_from_row(row) for row in rows}


def test_create_then_complete_round_trips(postgres_store: PostgresStore, pg: Any,
                                          interview: Any) -> None:
    turns = interview()
    record = new_record(turns[0])
    receipt = postgres_store.create(record)
    assert receipt.saved
    assert not receipt.pending_sync
    assert receipt.location.startswith("PostgreSQL: 127.0.0.1")
    done = completed_record(record, turns)
    assert postgres_store.complete(done).saved
    assert postgres_store.complete(done).saved  # idempotent
    assert postgres_store.create(record).saved  # a late create never replaces it
    assert pg_rows(pg) == {record.id: done}
    assert postgres_store.get(record.id) == done
    assert postgres_store.pending_count() == 0


def test_list_and_count_follow_every_filter(postgres_store: PostgresStore,
                                            varied_records: list[Any], filter_case: Any,
                                            expected_ids: Any) -> None:
    for record in varied_records:
        write = postgres_store.create if record.status == "in_progress" else \
            postgres_store.complete
        assert write(record).saved
    want = expected_ids(varied_records, filter_case)
    listed = postgres_store.list(filter_case)
    assert [r.id for r in listed] == want
    assert postgres_store.count(filter_case) == len(want)
    by_id = {r.id: r for r in varied_records}
    assert all(r == by_id[r.id] for r in listed)
    light = postgres_store.list(filter_case, with_transcript=False)
    assert all(r.transcript == [] for r in light)


def test_a_down_server_queues_the_row_and_sync_sends_it(pg: Any,
                                                       postgres: Any, tmp_path: Path,
                                                       make_completed: Any,
                                                       free_tcp_port: int) -> None:
    record = make_completed()
    outbox = SQLiteStore(tmp_path / "outbox.db")
    down = PostgresStore(f"postgresql://postgres@127.0.0.1:{free_tcp_port}/estel", timeout=1,
                         outbox=outbox)
    try:
        receipt = down.complete(record)
        assert receipt.saved
        assert receipt.pending_sync
        assert receipt.location.startswith("local outbox: ")
        assert "PostgreSQL" in receipt.extra["error"]
        assert down.get(record.id) == record  # read from the outbox meanwhile
    finally:
        down.close()
    assert pg_rows(pg) == {}
    back = PostgresStore(postgres.url(), outbox=outbox)
    try:
        report = back.flush_outbox()
        assert (report.sent, report.failed, report.remaining) == (1, 0, 0)
    finally:
        back.close()
    assert pg_rows(pg) == {record.id: record}


def test_two_answers_to_one_question_cannot_both_win(postgres: Any, pg: Any, tmp_path: Path,
                                                    interview: Any) -> None:
    """Two service processes (two stores, two outboxes), the same expected digest."""
    from estel.store.records import advanced_record, state_digest

    turns = interview(questions=3)
    one, two = (PostgresStore(postgres.url(), outbox=SQLiteStore(tmp_path / f"{n}.db"))
                for n in ("one", "two"))
    try:
        record = new_record(turns[0])
        assert one.save_turns([TurnWrite(record, None)])[0].saved
        assert two.save_turns([TurnWrite(record, None)])[0].conflict  # the row exists
        stored = one.get(record.id)
        ahead = advanced_record(stored, turns[1])
        [first] = one.save_turns([TurnWrite(ahead, state_digest(turns[0].state))])
        [second] = two.save_turns([TurnWrite(ahead, state_digest(turns[0].state))])
        assert first.saved
        assert not first.conflict
        assert second.conflict
        assert not second.saved
        assert pg_rows(pg)[record.id].state_digest == state_digest(turns[1].state)
    finally:
        one.close()
        two.close()


def test_migrate_applies_each_migration_once(postgres: Any, pg: Any) -> None:
    from estel.store.pg_migrate import migrate, migration_files

    with psycopg.connect(postgres.dsn(), autocommit=True) as conn:
        name = f"fresh_{uuid.uuid4().hex[:8]}"
        conn.execute(f"create database {name}")
    url = postgres.url(name)
    first = list(migrate(url))
    assert first == [(path.name, True) for path in migration_files()]
    assert list(migrate(url)) == [(path.name, False) for path in migration_files()]
    store = PostgresStore(url)
    try:
        assert SqlQueries(store.dashboard_call).count(None) == 0
    finally:
        store.close()


def test_the_migrate_command_reports_each_file(postgres: Any, pg: Any,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from estel.cli import main
    from estel.store.pg_migrate import migration_files

    with psycopg.connect(postgres.dsn(), autocommit=True) as conn:
        name = f"cli_{uuid.uuid4().hex[:8]}"
        conn.execute(f"create database {name}")
    assert main(["store", "migrate", "--url", postgres.url(name)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"applied: {path.name}" for path in migration_files()]
    assert main(["store", "migrate", "--url", postgres.url(name)]) == 0
    assert capsys.readouterr().out.count("already applied") == len(migration_files())


def test_the_dashboard_reads_through_the_functions(postgres_store: PostgresStore,
                                                   varied_records: list[Any]) -> None:
    for record in varied_records:
        (postgres_store.create if record.status == "in_progress" else
         postgres_store.complete)(record)
    queries = SqlQueries(postgres_store.dashboard_call)
    numbers, _, _ = queries.kpis(None)
    assert (numbers.sessions, numbers.completed) == (6, 5)
    assert queries.options().target_roles == ("Backend", "Data", "Designer")
    from estel.dashboard.aggregates import queries_for, sql_figures
    from estel.ui.dashboard_view import build_csv

    assert isinstance(queries_for(postgres_store), SqlQueries)
    kpis, figures = sql_figures(queries, None, None, None)
    assert kpis == numbers
    assert set(figures) == {"distribution", "trend", "roles", "skill_gaps", "activity"}
    lines = build_csv(postgres_store, SessionFilters()).decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + len(varied_records)


def test_no_io_when_opened_and_bad_urls_are_refused(tmp_path: Path) -> None:
    from estel.errors import BadInput

    store = PostgresStore("postgresql://nobody@127.0.0.1:1/none",
                          outbox=SQLiteStore(tmp_path / "o.db"))
    assert store.description == "PostgreSQL: 127.0.0.1/none"
    store.close()
    with pytest.raises(BadInput):
        PostgresStore("mysql://x")


def test_the_database_url_setting_opens_a_postgres_store(tmp_path: Path) -> None:
    from estel.config import load_settings
    from estel.store import open_store

    settings = load_settings(environ={
        "ESTEL_DATABASE_URL": "postgresql://estel:pw@127.0.0.1:1/estel",
        "ESTEL_DB_PATH": str(tmp_path / "outbox.db")})
    store = open_store(settings)
    assert isinstance(store, PostgresStore)  # no connection made: port 1 would refuse
    assert "pw" not in store.description
    assert "pw" not in repr(settings)
    store.close()
    assert isinstance(open_store(load_settings(environ={
        "ESTEL_DB_PATH": str(tmp_path / "x.db")})), SQLiteStore)
