"""`python -m estel sessions` and `python -m estel sync`, and open_store's choice of store."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from estel.cli import main
from estel.config import load_settings
from estel.store import SQLiteStore, open_store
from estel.store.outbox import Outbox
from estel.store.rows import row_from_record
from estel.store.supabase import SupabaseStore


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Settings from the environment: a SQLite file in tmp_path, no Supabase."""
    db = tmp_path / "estel.db"
    monkeypatch.setenv("ESTEL_DB_PATH", str(db))
    monkeypatch.delenv("SUPABASE_URL", raising=False)
    monkeypatch.delenv("SUPABASE_KEY", raising=False)
    return db


def test_open_store_picks_sqlite_without_supabase_settings(tmp_path: Path) -> None:
    store = open_store(load_settings(environ={}, sqlite_path=str(tmp_path / "x.db")))
    assert isinstance(store, SQLiteStore)
    assert store.path == tmp_path / "x.db"
    assert not store.path.exists()


def test_open_store_picks_supabase_with_its_settings_and_sqlite_as_outbox(tmp_path: Path) -> None:
    settings = load_settings(environ={
        "SUPABASE_URL": "https://abc.supabase.co", "SUPABASE_KEY": "secret",
        "ESTEL_SUPABASE_TIMEOUT": "3", "ESTEL_DB_PATH": str(tmp_path / "o.db")})
    store = open_store(settings)
    assert isinstance(store, SupabaseStore)
    assert store.description == "Supabase: abc.supabase.co"
    assert store.timeout == 3
    assert store.outbox.store.path == tmp_path / "o.db"
    assert not (tmp_path / "o.db").exists()


def test_sessions_prints_a_table_newest_first(env: Path, make_completed: Any,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    SQLiteStore(env).bulk_insert([
        make_completed(id=str(uuid.uuid4()), target_role="Old Role", minutes_ago=60),
        make_completed(id=str(uuid.uuid4()), target_role="New Role", minutes_ago=1),
    ])
    assert main(["sessions"]) == 0
    out = capsys.readouterr().out
    assert out.index("New Role") < out.index("Old Role")
    assert "created (UTC)" in out
    assert f"Showing 2 of 2 sessions · SQLite: {env}" in out


def test_sessions_json_is_the_rows_with_filters_and_limit(env: Path, make_completed: Any,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    records = [make_completed(id=str(uuid.uuid4()), target_role=role, minutes_ago=m)
               for role, m in (("A", 1), ("B", 2), ("A", 3), ("A", 4))]
    SQLiteStore(env).bulk_insert(records)
    assert main(["sessions", "--json", "--role", "A", "--limit", "2"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [row_from_record(records[0]), row_from_record(records[2])]


def test_sessions_on_an_empty_database(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessions", "--status", "completed"]) == 0
    assert "(no sessions)" in capsys.readouterr().out


def test_sessions_rejects_a_bad_date(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessions", "--since", "yesterday"]) == 2
    assert "not an ISO date" in capsys.readouterr().err


def test_sync_with_sqlite_only_has_nothing_to_do(env: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sync"]) == 0
    assert "Nothing to sync" in capsys.readouterr().out
    assert not env.exists()


def test_sync_without_supabase_but_with_waiting_rows_says_so(env: Path, make_completed: Any,
                                                            capsys: pytest.CaptureFixture[str]
                                                            ) -> None:
    Outbox(SQLiteStore(env)).put("complete", row_from_record(make_completed()))
    assert main(["sync"]) == 1
    assert "1 session(s) wait" in capsys.readouterr().out


@pytest.mark.postgres
def test_sync_sends_waiting_rows_and_fails_while_some_remain(
    env: Path, monkeypatch: pytest.MonkeyPatch, fake_postgrest: Any, pg: Any,
    make_completed: Any, make_jwt: Any, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SUPABASE_URL", fake_postgrest.url)
    monkeypatch.setenv("SUPABASE_KEY", make_jwt("service_role"))
    monkeypatch.setenv("ESTEL_SUPABASE_TIMEOUT", "0.5")
    outbox = Outbox(SQLiteStore(env))
    for _ in range(2):
        outbox.put("complete", row_from_record(make_completed(id=str(uuid.uuid4()))))
    fake_postgrest.stop()
    assert main(["sync"]) == 1
    assert "Sent 0 waiting session(s)" in capsys.readouterr().out
    fake_postgrest.start()
    assert main(["sync"]) == 0
    assert "Sent 2 waiting session(s) to Supabase: 127.0.0.1; 0 still waiting." in (
        capsys.readouterr().out)
    assert pg.execute("select count(*) from public.interview_sessions").fetchone()[0] == 2
    assert main(["sessions"]) == 0
    assert "Showing 2 of 2 sessions · Supabase: 127.0.0.1" in capsys.readouterr().out


@pytest.mark.postgres
def test_sync_lists_a_queued_turn_the_database_refused(
    env: Path, monkeypatch: pytest.MonkeyPatch, fake_postgrest: Any, pg: Any,
    make_completed: Any, make_jwt: Any, capsys: pytest.CaptureFixture[str],
) -> None:
    """A queued turn whose interview ended elsewhere is not sent, and sync says so by id."""
    monkeypatch.setenv("SUPABASE_URL", fake_postgrest.url)
    monkeypatch.setenv("SUPABASE_KEY", make_jwt("service_role"))
    done = make_completed(id=str(uuid.uuid4()))
    pg.execute("insert into public.interview_sessions select * from json_populate_record("
               "null::public.interview_sessions, %s)", [json.dumps(row_from_record(done))])
    late = {**row_from_record(done), "status": "in_progress", "completed_at": None,
            "state_digest": "a" * 64}
    Outbox(SQLiteStore(env)).put_turn(late, "b" * 64)
    assert main(["sync"]) == 0
    out = capsys.readouterr().out
    assert "Refused 1 queued turn(s)" in out
    assert f"{done.id}: the stored interview moved on" in out
    assert pg.execute("select status from public.interview_sessions").fetchone()[0] == "completed"
