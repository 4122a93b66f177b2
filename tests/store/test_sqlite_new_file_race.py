"""Two processes opening a NEW database file at the same moment both get a working store.

While one connection holds the write lock on a file that is not in WAL mode yet (another process
switching it to WAL, or creating the schema), SQLite answers `PRAGMA journal_mode = WAL` with
"database is locked" at once: the busy timeout does not apply to it. `bench/sqlite_open_race.py`
races real processes on new files (up to 15 of 30 runs failed before the fix).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from estel.errors import StoreFailure
from estel.store.sqlite import SQLiteStore
from estel.store.sqlite_schema import SCHEMA_VERSION


def _hold_write_lock(path: Path, seconds: float) -> threading.Timer:
    """Another connection takes the write lock on the fresh file and keeps it for `seconds`."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")

    def release() -> None:
        other.execute("COMMIT")
        other.close()

    timer = threading.Timer(seconds, release)
    timer.start()
    return timer


def test_a_new_file_locked_by_another_opener_is_waited_for(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    timer = _hold_write_lock(path, 0.3)
    store = SQLiteStore(path, busy_timeout=10)
    try:
        assert store.count() == 0  # failed at once with "database is locked" before
    finally:
        timer.join()
    assert store.schema_version() == SCHEMA_VERSION
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_lock_held_past_the_busy_timeout_is_a_store_failure(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    timer = _hold_write_lock(path, 1.0)
    try:
        with pytest.raises(StoreFailure, match="database is locked"):
            SQLiteStore(path, busy_timeout=0.2).count()
    finally:
        timer.join()


def _race(stores: list[SQLiteStore]) -> list[BaseException]:
    """Every store's first use at the same moment, one thread each; the errors raised."""
    gate = threading.Barrier(len(stores))
    errors: list[BaseException] = []

    def open_and_count(store: SQLiteStore) -> None:
        gate.wait()
        try:
            store.count()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=open_and_count, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_threads_with_their_own_stores_race_on_new_files(tmp_path: Path) -> None:
    # in one process SQLite's file locks still separate connections: a cheap version of the race
    for round_number in range(40):
        path = tmp_path / f"race-{round_number}.db"
        errors = _race([SQLiteStore(path, busy_timeout=10) for _ in range(4)])
        assert errors == [], f"round {round_number}: {errors}"
