"""SQLiteStore: the default SessionStore, one local file (WAL), schema created on first use.

A connection is opened per call (cheap for SQLite) so Streamlit's script threads and several
processes can share the file; writes take the write lock up front (BEGIN IMMEDIATE) and wait
out a busy database for `busy_timeout` seconds. Nothing touches the disk in __init__.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from estel.errors import BadInput, StoreFailure
from estel.store.base import SaveReceipt, SessionFilters, SessionRecord
from estel.store.records import COLUMNS, JSON_COLUMNS, iso_utc, record_from_json, sqlite_row
from estel.store.sqlite_schema import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

_PLACEHOLDERS = ", ".join(f":{c}" for c in COLUMNS)
_INSERT = f"INSERT INTO interview_sessions ({', '.join(COLUMNS)}) VALUES ({_PLACEHOLDERS})"
_UPDATE_ALL = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS if c != "id")
SQL_CREATE = f"{_INSERT} ON CONFLICT (id) DO NOTHING"
SQL_UPSERT = f"{_INSERT} ON CONFLICT (id) DO UPDATE SET {_UPDATE_ALL}"


def _json_row(with_transcript: bool) -> str:
    """SQL for a whole row as one JSON object: parsed by pydantic in one go (fast lists)."""
    def value(column: str) -> str:
        if column == "transcript" and not with_transcript:
            return "json('[]')"
        return f"json({column})" if column in JSON_COLUMNS else column

    return "json_object(" + ", ".join(f"'{c}', {value(c)}" for c in COLUMNS) + ")"


SELECT_ROW = f"SELECT {_json_row(True)} FROM interview_sessions"
SELECT_SUMMARY = f"SELECT {_json_row(False)} FROM interview_sessions"

# SessionFilters field -> column, for the `IN (...)` filters
FILTER_COLUMNS = {
    "target_roles": "target_role",
    "experience_levels": "experience_level",
    "difficulties": "difficulty",
    "brains": "brain",
    "models": "model",
    "prompt_versions": "prompt_version",
    "statuses": "status",
}


def where_clause(filters: SessionFilters | None) -> tuple[str, list[Any]]:
    """`WHERE ...` (or '') and its parameters for the dashboard's filters."""
    if filters is None:
        return "", []
    parts: list[str] = []
    params: list[Any] = []
    if filters.since is not None:
        parts.append("created_at >= ?")
        params.append(iso_utc(filters.since))
    if filters.until is not None:
        parts.append("created_at < ?")
        params.append(iso_utc(filters.until))
    for field_name, column in FILTER_COLUMNS.items():
        values = getattr(filters, field_name)
        if values is not None:
            parts.append(f"{column} IN ({', '.join('?' * len(values))})" if values else "0")
            params.extend(values)
    return (" WHERE " + " AND ".join(parts) if parts else ""), params


class SQLiteStore:
    """interview_sessions in a local SQLite file (default ./estel.db)."""

    def __init__(self, path: str | Path = "estel.db", *, busy_timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.busy_timeout = busy_timeout
        self._ready = False
        self._ready_lock = threading.Lock()

    @property
    def description(self) -> str:
        return f"SQLite: {self.path}"

    # -- SessionStore -------------------------------------------------------------------------

    def create(self, record: SessionRecord) -> SaveReceipt:
        """Insert the in_progress row; a row that already exists is left as it is."""
        return self._write(SQL_CREATE, record, "Session started")

    def complete(self, record: SessionRecord) -> SaveReceipt:
        """Upsert the finished row (completed, or abandoned); doing it twice changes nothing."""
        _check_finished(record)
        return self._write(SQL_UPSERT, record, "Session saved")

    def get(self, session_id: str) -> SessionRecord | None:
        rows = self._read(f"{SELECT_ROW} WHERE id = ?", [session_id])
        return record_from_json(rows[0][0]) if rows else None

    def list(
        self, filters: SessionFilters | None = None, limit: int = 100, *,
        with_transcript: bool = True,
    ) -> list[SessionRecord]:
        """Newest first; with_transcript=False leaves `transcript` empty (dashboards: faster)."""
        where, params = where_clause(filters)
        select = SELECT_ROW if with_transcript else SELECT_SUMMARY
        # pick the rowids from an index first, then read only those (wide) rows
        newest = (f"SELECT rowid FROM interview_sessions{where}"
                  " ORDER BY created_at DESC, rowid DESC LIMIT ?")
        sql = f"{select} WHERE rowid IN ({newest}) ORDER BY created_at DESC, rowid DESC"
        return [record_from_json(row[0]) for row in self._read(sql, [*params, max(0, limit)])]

    def count(self, filters: SessionFilters | None = None) -> int:
        where, params = where_clause(filters)
        return int(self._read(f"SELECT count(*) FROM interview_sessions{where}", params)[0][0])

    # -- beyond the protocol ------------------------------------------------------------------

    def bulk_insert(self, records: Iterable[SessionRecord], batch_size: int = 1000) -> int:
        """Upsert many rows, one transaction per batch (demo data, benchmarks); returns count."""
        total = 0
        batch: list[dict[str, Any]] = []
        with self.connect() as conn:
            # WAL + NORMAL stays consistent after a crash; only the last batches might be lost
            # on power failure, acceptable for bulk loads (single writes keep FULL)
            conn.execute("PRAGMA synchronous = NORMAL")
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
        """A new connection with the schema in place; autocommit, so transactions are explicit."""
        try:
            if not self._ready:
                self._prepare()
            conn = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None,
                                   check_same_thread=False)
        except (sqlite3.Error, OSError) as error:
            raise StoreFailure(f"Cannot open the session database {self.path}: {error}") from error
        conn.row_factory = sqlite3.Row
        try:
            yield conn
        finally:
            conn.close()

    @contextmanager
    def transaction(self, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def schema_version(self) -> int:
        with self.connect() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    # -- internals ----------------------------------------------------------------------------

    def _prepare(self) -> None:
        with self._ready_lock:
            if self._ready:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode = WAL")  # persistent: set once per file
                self._migrate(conn)
            finally:
                conn.close()
            self._ready = True

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

    def _write(self, sql: str, record: SessionRecord, done: str) -> SaveReceipt:
        try:
            with self.connect() as conn, self.transaction(conn):
                conn.execute(sql, sqlite_row(record))
        except (sqlite3.Error, StoreFailure) as error:
            log.warning("SQLite write of session %s failed: %s", record.id, error)
            return SaveReceipt(saved=False, location=self.description,
                               message=f"Could not save the session to {self.path}: {error}")
        return SaveReceipt(saved=True, location=self.description,
                           message=f"{done}: stored in {self.path}.")

    def _write_batch(self, conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> int:
        try:
            with self.transaction(conn):
                conn.executemany(SQL_UPSERT, rows)
        except sqlite3.Error as error:
            raise StoreFailure(f"Could not write sessions to {self.path}: {error}") from error
        return len(rows)

    def _read(self, sql: str, params: list[Any]) -> list[sqlite3.Row]:
        try:
            with self.connect() as conn:
                return conn.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise StoreFailure(f"Could not read sessions from {self.path}: {error}") from error


def _check_finished(record: SessionRecord) -> None:
    if record.status == "in_progress":
        raise BadInput("complete() needs a finished record: use records.completed_record().")
