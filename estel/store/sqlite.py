"""SQLiteStore: the default SessionStore, one local file (WAL), schema created on first use.

Each thread keeps one long-lived connection per store (opening one and reading the schema cost
more than a small write), so Streamlit's script threads, the HTTP saver and several processes
share the file; writes take the write lock up front (BEGIN IMMEDIATE) and wait out a busy
database for `busy_timeout` seconds. Nothing touches the disk in __init__.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from estel.errors import BadInput, StoreFailure
from estel.store.base import SaveReceipt, SessionFilters, SessionRecord, TurnWrite
from estel.store.rows import record_from_json, sqlite_row
from estel.store.sqlite_schema import MIGRATIONS, SCHEMA_VERSION
from estel.store.sqlite_sql import (  # where_clause re-exported: the dashboard uses it
    SELECT_HEADS,
    SELECT_ROWS,
    SQL_CREATE,
    SQL_TURN,
    SQL_TURN_PROGRESS,
    SQL_UPSERT,
    where_clause,
)

__all__ = ["SQLiteStore", "gc_paused", "where_clause"]

log = logging.getLogger(__name__)

class _Slot:
    """One thread's connection; weak-referenceable so close() can find it, while a finished
    thread's slot (and with it its connection) is freed with the thread."""

    __slots__ = ("__weakref__", "busy", "conn", "pid")

    def __init__(self) -> None:
        self.conn: sqlite3.Connection | None = None
        self.busy = False
        self.pid = os.getpid()

    def __del__(self, _getpid: Callable[[], int] = os.getpid,
                _error: type[Exception] = sqlite3.Error) -> None:
        # a connection sits in a reference cycle (its statement cache), so without this a
        # finished thread's file descriptor stayed open until a full GC pass. (Bound as
        # defaults: a slot freed at interpreter exit finds the modules' globals already gone.)
        if self.conn is not None and self.pid == _getpid():
            try:  # noqa: SIM105 (contextlib may be gone at exit too)
                self.conn.close()
            except _error:
                pass


# connections inherited by a forked child: SQLite forbids using them there, and closing them could
# drop the parent's locks, so they are kept (unused) until the child exits
_INHERITED: list[sqlite3.Connection] = []


class SQLiteStore:
    """interview_sessions in a local SQLite file (default ./estel.db)."""

    def __init__(self, path: str | Path = "estel.db", *, busy_timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.busy_timeout = busy_timeout
        self._ready = False
        self._ready_lock = threading.Lock()
        self._local = threading.local()
        self._slots: weakref.WeakSet[_Slot] = weakref.WeakSet()
        self._slots_lock = threading.Lock()

    @property
    def description(self) -> str:
        return f"SQLite: {self.path}"

    # -- SessionStore -------------------------------------------------------------------------

    def create(self, record: SessionRecord) -> SaveReceipt:
        """Insert the in_progress row; a row that already exists is left as it is."""
        return self._receipt(self._write(SQL_CREATE, [record]), "Session started")

    def complete(self, record: SessionRecord) -> SaveReceipt:
        """Upsert the finished row (completed, or abandoned); doing it twice changes nothing."""
        _check_finished(record)
        return self._receipt(self._write(SQL_UPSERT, [record]), "Session saved")

    def complete_many(self, records: Sequence[SessionRecord]) -> list[SaveReceipt]:
        """complete() for many records in ONE transaction (one commit for a whole batch: the
        HTTP saver's queue); a receipt per record, in order. A row the database refuses is
        retried on its own, so it cannot take the others down with it."""
        for record in records:
            _check_finished(record)
        if len(records) <= 1:
            return [self.complete(record) for record in records]
        error = self._write(SQL_UPSERT, records)
        if isinstance(error, sqlite3.IntegrityError):  # a row was refused: find it, keep the rest
            return [self.complete(record) for record in records]
        return [self._receipt(error, "Session saved")] * len(records)

    def save_turns(self, writes: Sequence[TurnWrite]) -> list[SaveReceipt]:
        """Every turn's row in ONE transaction (group commit: one commit for all the turns
        waiting), each a compare-and-set on the stored state's digest; returns after COMMIT, so
        a saved receipt means the row survives a crash of this process (WAL, see _open)."""
        rows = [(sqlite_row(w.record), w.expected_digest) for w in writes]
        try:
            with self.connect() as conn, self.transaction(conn):
                outcomes = [self._turn_row(conn, row, expected) for row, expected in rows]
        except (sqlite3.Error, StoreFailure) as error:
            log.warning("SQLite write of %d turn(s) failed: %s", len(rows), error)
            return [self._receipt(error, "")] * len(rows)
        return [self._turn_receipt(outcome) for outcome in outcomes]

    def find_by_digest(self, digest: str, limit: int = 8) -> list[SessionRecord]:
        return self._records(f"{SELECT_ROWS} WHERE state_digest = ? ORDER BY"
                             " status <> 'in_progress', created_at, rowid LIMIT ?",
                             [digest, max(0, limit)])

    def get(self, session_id: str) -> SessionRecord | None:
        found = self._records(f"{SELECT_ROWS} WHERE id = ?", [session_id])
        return found[0] if found else None

    def list(
        self, filters: SessionFilters | None = None, limit: int = 100, *,
        with_transcript: bool = True,
    ) -> list[SessionRecord]:
        """Newest first; with_transcript=False leaves `transcript` empty (dashboards: faster)."""
        where, params = where_clause(filters)
        newest = (f"SELECT rowid FROM interview_sessions{where}"
                  " ORDER BY created_at DESC, rowid DESC LIMIT ?")
        select = SELECT_ROWS if with_transcript else SELECT_HEADS
        # Two steps in one snapshot: the ordered rowids from an index, then those rows unsorted,
        # put in order here. Letting SQLite sort the wide rows themselves spilled them to a
        # temp file (more than its sort memory): about half the time of a list went there.
        try:
            with self.connect() as conn, self.transaction(conn, "BEGIN"):
                rowids = [row[0] for row in conn.execute(newest, [*params, max(0, limit)])]
                rows = conn.execute(f"{select} WHERE rowid IN (SELECT value FROM json_each(?))",
                                    [json.dumps(rowids)]).fetchall() if rowids else []
        except sqlite3.Error as error:
            raise StoreFailure(f"Could not read sessions from {self.path}: {error}") from error
        by_rowid = {row[0]: row for row in rows}
        with gc_paused():
            return [_record(by_rowid[r]) for r in rowids if r in by_rowid]

    def count(self, filters: SessionFilters | None = None) -> int:
        where, params = where_clause(filters)
        return int(self._read(f"SELECT count(*) FROM interview_sessions{where}", params)[0][0])

    # -- beyond the protocol ------------------------------------------------------------------

    def bulk_insert(self, records: Iterable[SessionRecord], batch_size: int = 1000) -> int:
        """Upsert many rows, one transaction per batch (demo data, benchmarks); returns count."""
        total = 0
        batch: list[dict[str, Any]] = []
        with self.connect() as conn:
            for record in records:
                batch.append(sqlite_row(record))
                if len(batch) >= batch_size:
                    total += self._write_batch(conn, batch)
                    batch = []
            if batch:
                total += self._write_batch(conn, batch)
        return total

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection, schema in place, autocommit (transactions are explicit).
        A nested call in the same thread gets a short-lived connection of its own."""
        slot = self._slot()
        if slot.busy:
            conn = self._open()
            try:
                yield conn
            finally:
                conn.close()
            return
        if slot.conn is None:
            slot.conn = self._open()
        conn = slot.conn
        conn.row_factory = sqlite3.Row  # a caller may have changed it on the shared connection
        slot.busy = True
        try:
            yield conn
            if conn.in_transaction:  # a caller left one open: never keep locks between calls
                conn.rollback()
        except BaseException as error:
            # after an SQLite error the connection's state is unknown: the next call opens anew
            if isinstance(error, sqlite3.Error) or conn.in_transaction:
                slot.conn = None
                conn.close()
            raise
        finally:
            slot.busy = False

    @contextmanager
    def transaction(
        self, conn: sqlite3.Connection, begin: str = "BEGIN IMMEDIATE"
    ) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE (or `begin`) … COMMIT, rolled back on any error."""
        conn.execute(begin)
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled it back already
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def schema_version(self) -> int:
        with self.connect() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        """Close every thread's idle connection (at shutdown; later calls open new ones)."""
        with self._slots_lock:
            slots = list(self._slots)
        for slot in slots:
            if slot.conn is not None and not slot.busy and slot.pid == os.getpid():
                slot.conn.close()
                slot.conn = None

    # -- internals ----------------------------------------------------------------------------

    def _slot(self) -> _Slot:
        slot: _Slot | None = getattr(self._local, "slot", None)
        if slot is not None and slot.pid == os.getpid():
            return slot
        if slot is not None and slot.conn is not None:  # this is a forked child
            _INHERITED.append(slot.conn)
        slot = self._local.slot = _Slot()
        with self._slots_lock:
            self._slots.add(slot)
        return slot

    def _open(self) -> sqlite3.Connection:
        try:
            if not self._ready:
                self._prepare()
            conn = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None,
                                   check_same_thread=False)  # so close() may run in any thread
            # WAL + NORMAL: a commit is appended to the WAL without an fsync (checkpoints still
            # sync). Committed rows survive a crash or SIGKILL of the process, which is what the
            # tests pin down; a power loss or OS crash may lose the last few commits, never the
            # file's consistency. FULL cost an fsync per save: 30-40 ms, ~30 saves/s in all.
            conn.execute("PRAGMA synchronous = NORMAL")
        except (sqlite3.Error, OSError) as error:
            raise StoreFailure(f"Cannot open the session database {self.path}: {error}") from error
        conn.row_factory = sqlite3.Row
        return conn

    def _prepare(self) -> None:
        with self._ready_lock:
            if self._ready:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
            try:
                self._use_wal(conn)
                self._migrate(conn)
            finally:
                conn.close()
            self._ready = True

    def _use_wal(self, conn: sqlite3.Connection) -> None:
        """PRAGMA journal_mode = WAL (persistent: once per file), retried while it is locked.

        On a file not yet in WAL mode whose write lock another connection holds (a second
        process opening the same new file), SQLite answers "database is locked" at once,
        ignoring the busy timeout; so wait here, up to that timeout, as every other lock does.
        """
        deadline = time.monotonic() + self.busy_timeout
        pause = 0.002
        while True:
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as error:
                if error.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.05)

    def _migrate(self, conn: sqlite3.Connection) -> None:
        """Apply the migrations this file lacks, under the write lock (other processes wait)."""
        if int(conn.execute("PRAGMA user_version").fetchone()[0]) == SCHEMA_VERSION:
            return
        with self.transaction(conn):
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise StoreFailure(
                    f"{self.path} was written by a newer Estel (schema {version}, this one "
                    f"knows {SCHEMA_VERSION}); upgrade Estel or point ESTEL_DB_PATH elsewhere."
                )
            for statements in MIGRATIONS[version:]:
                for statement in statements:
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        log.info("SQLite schema of %s migrated from %d to %d", self.path, version, SCHEMA_VERSION)

    def _write(self, sql: str, records: Sequence[SessionRecord]
               ) -> sqlite3.Error | StoreFailure | None:
        """Write `records` in one transaction (all or nothing); the error, if any."""
        try:
            rows = [sqlite_row(record) for record in records]
            with self.connect() as conn, self.transaction(conn):
                conn.executemany(sql, rows)
        except (sqlite3.Error, StoreFailure) as error:
            ids = ", ".join(record.id for record in records[:3])
            log.warning("SQLite write of session(s) %s failed: %s", ids, error)
            return error
        return None

    def _receipt(self, error: Exception | None, done: str) -> SaveReceipt:
        if error is not None:
            return SaveReceipt(saved=False, location=self.description,
                               message=f"Could not save the session to {self.path}: {error}")
        return SaveReceipt(saved=True, location=self.description,
                           message=f"{done}: stored in {self.path}.")

    @staticmethod
    def _turn_row(conn: sqlite3.Connection, row: dict[str, Any], expected: str | None
                  ) -> bool | sqlite3.IntegrityError:
        """One turn's write inside the batch: True if written, False if the row moved on; a row
        the table refuses is refused alone (SQLite undoes just that statement)."""
        try:
            if expected is None:
                return conn.execute(SQL_CREATE, row).rowcount == 1
            sql = SQL_TURN_PROGRESS if row["status"] == "in_progress" else SQL_TURN
            return conn.execute(sql, {**row, "expected_digest": expected}).rowcount == 1
        except sqlite3.IntegrityError as error:
            return error

    def _turn_receipt(self, outcome: bool | sqlite3.IntegrityError) -> SaveReceipt:
        if isinstance(outcome, sqlite3.IntegrityError):
            return self._receipt(outcome, "")
        if not outcome:
            return SaveReceipt(saved=False, location=self.description, conflict=True,
                               message="The stored interview moved on; this turn was not saved.")
        return self._receipt(None, "Turn saved")

    def _write_batch(self, conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> int:
        try:
            with self.transaction(conn):
                conn.executemany(SQL_UPSERT, rows)
        except sqlite3.Error as error:
            raise StoreFailure(f"Could not write sessions to {self.path}: {error}") from error
        return len(rows)

    def _records(self, sql: str, params: list[Any]) -> list[SessionRecord]:
        return [_record(row) for row in self._read(sql, params)]

    def _read(self, sql: str, params: list[Any]) -> list[sqlite3.Row]:
        try:
            with self.connect() as conn:
                return conn.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise StoreFailure(f"Could not read sessions from {self.path}: {error}") from error


def _record(row: Sequence[Any]) -> SessionRecord:
    """A record from (rowid, head JSON, transcript JSON text or None): one pydantic parse.

    Full validation is kept: it is also the fastest way to build the models here (building
    TranscriptEntry with model_construct from json.loads was ~2x slower than pydantic-core).
    """
    # an explicit [] even without transcripts: pydantic deep-copies a defaulted list per record
    return record_from_json(f'{row[1][:-1]},"transcript":{row[2] or "[]"}}}')


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic GC while many fresh row objects are built (there are no cycles to find): its
    passes were ~20% of a 1,000-row list with transcripts and ~40% of a dashboard load."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_finished(record: SessionRecord) -> None:
    if record.status == "in_progress":
        raise BadInput("complete() needs a finished record: use records.completed_record().")
