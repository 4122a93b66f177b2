"""SQLiteStore: round trips, filters, schema versions, threads, processes and crashes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from estel.errors import BadInput, StoreFailure
from estel.store import SessionStore
from estel.store.base import SessionFilters
from estel.store.records import completed_record, new_record
from estel.store.sqlite import SQLiteStore
from estel.store.sqlite_schema import MIGRATIONS, SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "estel.db")


def test_it_is_a_session_store_and_does_no_io_until_used(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "sub" / "estel.db")
    assert isinstance(store, SessionStore)
    assert store.description == f"SQLite: {tmp_path / 'sub' / 'estel.db'}"
    assert not (tmp_path / "sub").exists()
    assert store.count() == 0  # first use creates the folder, the file and the schema
    assert (tmp_path / "sub" / "estel.db").exists()


def test_create_then_complete_round_trips(store: SQLiteStore, interview: Any) -> None:
    turns = interview(questions=3)
    record = new_record(turns[0], now=T0)
    receipt = store.create(record)
    assert receipt.saved
    assert not receipt.pending_sync
    assert receipt.location == store.description
    assert store.get(record.id) == record
    done = completed_record(record, turns, now=T0 + timedelta(minutes=4))
    assert store.complete(done).saved
    assert store.get(done.id) == done
    assert store.count() == 1


def test_get_of_an_unknown_id_is_none(store: SQLiteStore) -> None:
    assert store.get(str(uuid.uuid4())) is None


def test_completing_twice_is_idempotent(store: SQLiteStore, make_completed: Any) -> None:
    record = make_completed()
    assert store.complete(record).saved
    assert store.complete(record).saved
    assert store.count() == 1
    assert store.get(record.id) == record


def test_a_late_create_never_overwrites_a_completed_row(store: SQLiteStore,
                                                         interview: Any) -> None:
    turns = interview()
    record = new_record(turns[0])
    done = completed_record(record, turns)
    store.complete(done)
    assert store.create(record).saved
    assert store.get(record.id).status == "completed"


def test_complete_needs_a_finished_record(store: SQLiteStore, interview: Any) -> None:
    with pytest.raises(BadInput):
        store.complete(new_record(interview()[0]))


def test_list_is_newest_first_and_limited(store: SQLiteStore, make_completed: Any) -> None:
    records = [make_completed(minutes_ago=m, id=str(uuid.uuid4())) for m in (30, 10, 20, 40)]
    store.bulk_insert(records)
    assert [r.created_at for r in store.list()] == sorted(
        (r.created_at for r in records), reverse=True)
    assert [r.id for r in store.list(limit=2)] == [records[1].id, records[2].id]
    assert store.list(limit=0) == []


@pytest.fixture
def varied(store: SQLiteStore, varied_records: list[Any]) -> list[Any]:
    for record in varied_records:
        (store.create if record.status == "in_progress" else store.complete)(record)
    return varied_records


def test_filters_select_exactly_the_matching_rows(
    store: SQLiteStore, varied: list[Any], filter_name: str, filter_case: SessionFilters,
    expected_ids: Any,
) -> None:
    want = expected_ids(varied, filter_case)
    assert [r.id for r in store.list(filter_case)] == want
    assert store.count(filter_case) == len(want)
    assert 0 < len(want) < len(varied) or filter_name == "empty choice"


def test_lists_without_transcripts_have_everything_else(store: SQLiteStore,
                                                         varied: list[Any]) -> None:
    full = store.list()
    light = store.list(with_transcript=False)
    assert [r.model_copy(update={"transcript": []}) for r in full] == light
    assert all(r.transcript for r in full)


def test_schema_is_versioned_and_in_wal_mode(store: SQLiteStore) -> None:
    assert store.schema_version() == SCHEMA_VERSION == len(MIGRATIONS)
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_an_older_database_is_migrated_and_keeps_its_rows(tmp_path: Path,
                                                          make_completed: Any) -> None:
    from estel.store.rows import sqlite_row

    path = tmp_path / "old.db"
    # columns added by later migrations (per-turn saving; adaptive length; context extensions)
    per_turn = ("updated_at", "score_so_far", "open_question", "state_digest", "min_questions",
                "extensions")
    record = make_completed().model_copy(update=dict.fromkeys(per_turn))  # a row from before
    row = {k: v for k, v in sqlite_row(record).items() if k not in per_turn}
    with sqlite3.connect(path) as conn:  # a file written when only migration 1 existed
        for statement in MIGRATIONS[0]:
            conn.execute(statement)
        conn.execute(f"insert into interview_sessions ({', '.join(row)})"
                     f" values ({', '.join(':' + k for k in row)})", row)
        conn.execute("pragma user_version = 1")
    store = SQLiteStore(path)
    assert store.get(record.id) == record
    assert store.schema_version() == SCHEMA_VERSION
    with sqlite3.connect(path) as conn:
        assert conn.execute("select count(*) from sync_outbox").fetchone()[0] == 0


def test_a_database_from_a_newer_estel_is_refused(tmp_path: Path, make_completed: Any) -> None:
    path = tmp_path / "new.db"
    with sqlite3.connect(path) as conn:
        conn.execute(f"pragma user_version = {SCHEMA_VERSION + 1}")
    store = SQLiteStore(path)
    with pytest.raises(StoreFailure, match="newer Estel"):
        store.count()
    receipt = store.complete(make_completed())
    assert not receipt.saved
    assert "newer Estel" in receipt.message


def test_the_database_rejects_bad_rows_even_without_the_model(store: SQLiteStore,
                                                               make_completed: Any) -> None:
    from estel.store.rows import sqlite_row
    from estel.store.sqlite import SQL_UPSERT

    for bad in ({"overall_score": 10.5}, {"status": "done"}, {"summary": None},
                {"transcript": "{}"}, {"questions_target": 0}):
        row = {**sqlite_row(make_completed(id=str(uuid.uuid4()))), **bad}
        with store.connect() as conn, pytest.raises(sqlite3.IntegrityError):
            conn.execute(SQL_UPSERT, row)
    assert store.count() == 0


def test_threads_share_a_store(store: SQLiteStore, make_completed: Any) -> None:
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for _ in range(n):
                assert store.complete(make_completed(id=str(uuid.uuid4()))).saved
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=write, args=(15,)) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.count() == 90


WRITER = """
import os, sys, time, uuid
from estel.store.sqlite import SQLiteStore
from estel.store.records import completed_record, new_record
from estel.brains.scripted import ScriptedBrain
from estel.contract import InterviewMeta
from estel.engine import Engine

path, mode, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = SQLiteStore(path, busy_timeout=30)
engine = Engine(ScriptedBrain())
meta = InterviewMeta(target_role=f"role {os.getpid()}", experience_level="mid",
                     difficulty="standard", questions_target=3)
turns = [engine.start(meta)]
while not turns[-1].finished:
    turns.append(engine.answer(turns[-1].state, "An answer with some words. " * 40))

def session():
    record = new_record(turns[0], session_id=str(uuid.uuid4()))
    return record, completed_record(record, turns)

if mode == "race":  # wait for the starting gun, then create and complete `count` sessions
    while not os.path.exists(path + ".go"):
        time.sleep(0.005)
    for _ in range(count):
        record, done = session()
        assert store.create(record).saved and store.complete(done).saved
elif mode == "flood":  # batches forever, until killed
    print("ready", flush=True)
    while True:
        store.bulk_insert([session()[1] for _ in range(50)], batch_size=50)
elif mode == "crash-after-create":
    record, _ = session()
    assert store.create(record).saved
    print(record.id, flush=True)
    os.kill(os.getpid(), 9)
"""


def writer(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, str(script), *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_two_processes_write_at_the_same_time(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    procs = [writer(tmp_path, str(path), "race", "40") for _ in range(2)]
    time.sleep(0.3)  # let both import and reach the gate
    (tmp_path / "shared.db.go").touch()
    results = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], results
    store = SQLiteStore(path)
    assert store.count() == 80
    assert store.count(SessionFilters(statuses=("completed",))) == 80
    assert len({r.target_role for r in store.list(limit=100)}) == 2
    with sqlite3.connect(path) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_a_process_killed_mid_write_leaves_a_readable_database(tmp_path: Path) -> None:
    path = tmp_path / "killed.db"
    proc = writer(tmp_path, str(path), "flood", "0")
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    store = SQLiteStore(path)
    deadline = time.monotonic() + 60
    while store.count() < 150 and time.monotonic() < deadline:  # several batches committed
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with sqlite3.connect(path) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    count = SQLiteStore(path).count()
    assert count >= 150
    assert count % 50 == 0  # whole batches only: no half-written transaction survived
    rows = SQLiteStore(path).list(limit=count)
    assert len(rows) == count
    assert all(r.status == "completed" and len(r.transcript) == 3 for r in rows)


def test_a_crash_between_create_and_complete_leaves_an_in_progress_row(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    proc = writer(tmp_path, str(path), "crash-after-create", "1")
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    record = SQLiteStore(path).get(out.strip())
    assert record is not None
    assert record.status == "in_progress"
    assert record.completed_at is None
    assert record.transcript[0].question
