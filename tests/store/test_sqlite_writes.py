"""SQLiteStore's write path: per-thread connections, complete_many batches, NORMAL sync."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest

from estel.errors import BadInput
from estel.store.base import BatchCompletion, SessionRecord
from estel.store.records import new_record
from estel.store.sqlite import SQLiteStore

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "estel.db")


def completed(make_completed: Any, count: int) -> list[SessionRecord]:
    return [make_completed(minutes_ago=n, id=str(uuid.uuid4())) for n in range(count)]


def traced(store: SQLiteStore) -> list[str]:
    """The SQL this thread's connection runs from now on."""
    statements: list[str] = []
    with store.connect() as conn:
        conn.set_trace_callback(statements.append)
    return statements


def test_complete_many_writes_every_record_in_one_transaction(store: SQLiteStore,
                                                              make_completed: Any) -> None:
    records = completed(make_completed, 5)
    statements = traced(store)
    receipts = store.complete_many(records)
    assert [r.saved for r in receipts] == [True] * 5
    assert [s for s in statements if s.startswith(("BEGIN", "COMMIT"))] == [
        "BEGIN IMMEDIATE", "COMMIT"]
    assert sorted(r.id for r in store.list()) == sorted(r.id for r in records)
    assert isinstance(store, BatchCompletion)


def test_complete_many_is_idempotent(store: SQLiteStore, make_completed: Any) -> None:
    records = completed(make_completed, 3)
    store.complete_many(records)
    assert all(r.saved for r in store.complete_many(records))
    assert store.count() == 3
    assert [store.get(r.id) for r in records] == records


def test_a_row_the_database_refuses_does_not_sink_the_batch(store: SQLiteStore,
                                                            make_completed: Any) -> None:
    good = completed(make_completed, 3)
    # valid for the model, refused by the table's CHECK: completed rows need a summary
    bad = good[1].model_copy(update={"id": str(uuid.uuid4()), "summary": None})
    receipts = store.complete_many([good[0], bad, good[1], good[2]])
    assert [r.saved for r in receipts] == [True, False, True, True]
    assert "CHECK constraint failed" in receipts[1].message
    assert sorted(r.id for r in store.list()) == sorted(r.id for r in good)


def test_complete_many_refuses_unfinished_records_and_writes_none(
    store: SQLiteStore, make_completed: Any, interview: Any
) -> None:
    with pytest.raises(BadInput):
        store.complete_many([make_completed(), new_record(interview()[0])])
    assert store.count() == 0
    assert store.complete_many([]) == []


def test_a_thread_reuses_its_connection_and_threads_do_not_share(store: SQLiteStore) -> None:
    with store.connect() as first, store.connect() as nested:
        assert nested is not first  # nested use gets a connection of its own
    with store.connect() as again:
        assert again is first
    seen: list[sqlite3.Connection] = []

    def other() -> None:
        with store.connect() as conn:
            seen.append(conn)

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert len(seen) == 1
    assert seen[0] is not first


def test_connections_run_wal_with_normal_sync(store: SQLiteStore) -> None:
    with store.connect() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def test_a_caller_cannot_leave_the_shared_connection_changed(store: SQLiteStore,
                                                             make_completed: Any) -> None:
    record = make_completed()
    store.complete(record)
    with store.connect() as conn:
        conn.row_factory = None  # as the dashboard's bulk read does
        conn.execute("BEGIN IMMEDIATE")  # and a transaction it never ends
    other = sqlite3.connect(store.path, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # the write lock was released
    other.execute("ROLLBACK")
    other.close()
    assert store.get(record.id) == record


def test_after_an_sqlite_error_the_next_call_gets_a_fresh_connection(store: SQLiteStore) -> None:
    with store.connect() as before:
        pass
    with pytest.raises(sqlite3.OperationalError), store.connect() as broken:
        broken.execute("SELECT * FROM no_such_table")
    assert broken is before
    with store.connect() as fresh:
        assert fresh is not broken
    assert store.count() == 0


def test_long_lived_connections_do_not_pin_the_wal(store: SQLiteStore,
                                                   make_completed: Any) -> None:
    from estel.store.outbox import Outbox

    records = completed(make_completed, 3)
    store.complete_many(records)
    outbox = Outbox(store)
    outbox.put("complete", {"id": records[0].id})
    assert outbox.get(records[0].id) is not None
    assert len(store.list()) == 3
    assert store.get(records[1].id) is not None
    with sqlite3.connect(store.path) as other:
        busy, _, _ = other.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    assert busy == 0  # no open read snapshot anywhere: the WAL could be emptied
    assert Path(f"{store.path}-wal").stat().st_size == 0


def test_close_closes_idle_connections_and_the_store_still_works(store: SQLiteStore,
                                                                 make_completed: Any) -> None:
    with store.connect() as conn:
        pass
    store.close()
    with pytest.raises(sqlite3.ProgrammingError):
        conn.execute("SELECT 1")
    assert store.complete(make_completed()).saved
    assert store.count() == 1


def test_list_breaks_ties_newest_insert_first_and_keeps_the_limit(
    store: SQLiteStore, make_completed: Any
) -> None:
    same_time = [make_completed(id=str(uuid.uuid4())) for _ in range(4)]
    older = make_completed(minutes_ago=60, id=str(uuid.uuid4()))
    for record in [*same_time, older]:
        store.complete(record)
    assert [r.id for r in store.list()] == [r.id for r in reversed(same_time)] + [older.id]
    assert [r.id for r in store.list(limit=2)] == [same_time[3].id, same_time[2].id]
    assert store.list(limit=2, with_transcript=False)[0].transcript == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_opens_its_own_connection(store: SQLiteStore,
                                                 make_completed: Any) -> None:
    parent, child = make_completed(id=str(uuid.uuid4())), make_completed(id=str(uuid.uuid4()))
    store.complete(parent)  # the parent's thread now holds a connection
    pid = os.fork()
    if pid == 0:  # pragma: no cover (runs in the child)
        os._exit(0 if store.complete(child).saved else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert store.get(child.id) == child  # and the parent's connection still works
    assert store.count() == 2


KILLED_AFTER_COMMITS = """
import os, sys, uuid
from datetime import UTC, datetime
from estel.brains.scripted import ScriptedBrain
from estel.contract import InterviewMeta
from estel.engine import Engine
from estel.store.records import completed_record, new_record
from estel.store.sqlite import SQLiteStore

store = SQLiteStore(sys.argv[1])
meta = InterviewMeta(target_role="Analyst", experience_level="mid", difficulty="easy",
                     questions_target=1)
engine = Engine(ScriptedBrain())
turns = [engine.start(meta)]
turns.append(engine.answer(turns[0].state, "An answer."))
for n in range(int(sys.argv[2])):
    record = new_record(turns[0], session_id=str(uuid.uuid4()))
    done = completed_record(record, turns)
    receipts = store.complete_many([done]) if n % 2 else [store.complete(done)]
    assert receipts[0].saved
    print(done.id, flush=True)  # acknowledged: this row must survive what comes next
os.kill(os.getpid(), 9)
"""


def test_every_acknowledged_save_survives_a_killed_process(tmp_path: Path) -> None:
    script, path = tmp_path / "killed.py", tmp_path / "killed.db"
    script.write_text(KILLED_AFTER_COMMITS)
    proc = subprocess.run([sys.executable, str(script), str(path), "12"], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    acknowledged = proc.stdout.split()
    assert len(acknowledged) == 12
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = SQLiteStore(path)
    assert sorted(r.id for r in store.list(limit=100)) == sorted(acknowledged)
    assert all(store.get(i).status == "completed" for i in acknowledged)


def test_threads_write_batches_at_the_same_time(store: SQLiteStore,
                                                                 make_completed: Any) -> None:
    records = [make_completed(minutes_ago=n, id=str(uuid.uuid4())) for n in range(12)]
    threads = [threading.Thread(target=store.complete_many, args=(records[k::3],))
               for k in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    newest_first = sorted(records, key=lambda r: r.created_at, reverse=True)
    assert [r.id for r in store.list()] == [r.id for r in newest_first]


def open_files(path: Path) -> int:
    """How many descriptors of this process point at `path`."""
    fds = Path("/proc/self/fd")
    return sum(1 for fd in fds.iterdir() if os.path.realpath(fd) == str(path.resolve()))


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc")
def test_a_finished_thread_releases_its_connection(store: SQLiteStore,
                                                   make_completed: Any) -> None:
    store.count()  # the main thread's own connection stays open
    before = open_files(store.path)
    for _ in range(20):  # like Streamlit: a new script thread per rerun
        thread = threading.Thread(target=lambda: store.complete(make_completed()))
        thread.start()
        thread.join()
    # SQLite may keep a closed descriptor for reuse while another connection holds a lock on
    # the file, but one per finished thread would be a leak
    assert open_files(store.path) <= before + 2
    assert store.count() == 20
