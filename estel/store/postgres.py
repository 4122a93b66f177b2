"""PostgresStore: interview_sessions in a plain PostgreSQL (ESTEL_DATABASE_URL), for teams
without Supabase. Same table and migrations (supabase/migrations, applied with
`python -m estel store migrate`), same local outbox as SupabaseStore.

Every write is queued in the SQLite outbox first, then sent with psycopg 3 through a small
connection pool; once PostgreSQL has it, the entry goes. If PostgreSQL is down, the receipt
says "saved locally, will sync" and the next write or `python -m estel sync` sends it. Turns
are a compare-and-set done by the database itself (`update … where state_digest = expected`),
so two service processes cannot both win a question. The dashboard reads through the SQL
functions (`dashboard_call`).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlparse

import psycopg
from psycopg import sql
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from estel.errors import BadInput, StoreFailure
from estel.store.base import SaveReceipt, SessionFilters, SessionRecord, TurnWrite
from estel.store.outbox import Outbox, OutboxItem, OutboxOp
from estel.store.pg_functions import function_call
from estel.store.records import COLUMNS, record_from_row, row_from_record
from estel.store.sqlite import FILTER_COLUMNS, SQLiteStore
from estel.store.supabase import SyncReport

log = logging.getLogger(__name__)

TABLE = sql.SQL("public.interview_sessions")
_FAILURES = (psycopg.OperationalError, PoolTimeout)  # unreachable: keep it in the outbox
_CONFLICT = SaveReceipt(saved=False, location="", conflict=True,
                        message="The stored interview moved on; this turn was not saved.")


class PostgresStore:
    """interview_sessions in PostgreSQL; writes that fail wait in `outbox`'s SQLite file."""

    def __init__(self, url: str, timeout: float = 10.0, outbox: SQLiteStore | None = None, *,
                 pool_size: int = 4, flush_batch: int = 20) -> None:
        if not url.startswith(("postgresql://", "postgres://")):
            raise BadInput("ESTEL_DATABASE_URL must be a postgresql:// URL, e.g. "
                           "postgresql://estel:secret@localhost:5432/estel.")
        self.url, self.timeout, self.flush_batch = url, timeout, flush_batch
        self.outbox = Outbox(outbox if outbox is not None else SQLiteStore())
        # open=False: no I/O until the first query (SessionStore rule)
        self._pool = ConnectionPool(url, min_size=1, max_size=pool_size, open=False,
                                    timeout=timeout,
                                    kwargs={"connect_timeout": max(1, round(timeout)),
                                            "autocommit": True})
        self._lock = threading.Lock()
        self._turn_lock = threading.Lock()
        self.dashboard_call = function_call(self._connection)

    @property
    def description(self) -> str:
        parsed = urlparse(self.url)
        return f"PostgreSQL: {parsed.hostname or 'localhost'}{parsed.path or ''}"

    # -- SessionStore -------------------------------------------------------------------------

    def create(self, record: SessionRecord) -> SaveReceipt:
        """Queue and send the in_progress row; an existing row is never overwritten by it."""
        return self._save("create", record)

    def complete(self, record: SessionRecord) -> SaveReceipt:
        """Queue and send the finished row (upsert on id: doing it twice changes nothing)."""
        if record.status == "in_progress":
            raise BadInput("complete() needs a finished record: use records.completed_record().")
        return self._save("complete", record)

    def save_turns(self, writes: Sequence[TurnWrite]) -> list[SaveReceipt]:
        with self._turn_lock:
            return [self._save_turn(write) for write in writes]

    def get(self, session_id: str) -> SessionRecord | None:
        """The row, or the newer version of it still waiting in the outbox."""
        pending = self._pending(session_id)
        if pending is not None:
            return record_from_row(pending.row)
        rows = self._select(sql.SQL("select * from {} where id = %s").format(TABLE),
                            [session_id])
        return record_from_row(rows[0]) if rows else None

    def list(self, filters: SessionFilters | None = None, limit: int = 100, *,
             with_transcript: bool = True) -> list[SessionRecord]:
        """Newest first (rows still in the outbox are not included)."""
        columns = [c for c in COLUMNS if with_transcript or c != "transcript"]
        where, params = where_clause(filters)
        query = sql.SQL("select {} from {}{} order by created_at desc, id desc limit %s").format(
            sql.SQL(", ").join(map(sql.Identifier, columns)), TABLE, where)
        return [record_from_row(row) for row in self._select(query, [*params, max(0, limit)])]

    def count(self, filters: SessionFilters | None = None) -> int:
        where, params = where_clause(filters)
        rows = self._select(sql.SQL("select count(*) as n from {}{}").format(TABLE, where), params)
        return int(rows[0]["n"])

    def find_by_digest(self, digest: str, limit: int = 8) -> list[SessionRecord]:
        """Rows waiting in the outbox, then PostgreSQL's: in progress first, oldest first."""
        found = {item.session_id: record_from_row(item.row)
                 for item in self._pending_digest(digest)}
        try:
            rows = self._select(sql.SQL("select * from {} where state_digest = %s"
                                        " order by created_at limit %s").format(TABLE),
                                [digest, limit])
        except StoreFailure as error:
            log.warning("digest lookup read only the outbox: %s", error.message)
            rows = []
        for row in rows:
            found.setdefault(str(row["id"]), record_from_row(row))
        ordered = sorted(found.values(), key=lambda r: (r.status != "in_progress", r.created_at))
        return [r for r in ordered if r.state_digest == digest][:limit]

    # -- the outbox ---------------------------------------------------------------------------

    def flush_outbox(self, limit: int | None = None) -> SyncReport:
        """Send waiting rows, oldest first; stops at the first connection failure."""
        report = SyncReport()
        for item in self.outbox.items(limit):
            error, reachable = self._send_item(item)
            if error is None:
                report.sent += 1
                continue
            report.failed += 1
            report.errors.append(f"{item.session_id}: {error}")
            if not reachable:
                break
        report.remaining = self.outbox.count()
        return report

    def pending_count(self) -> int:
        return self.outbox.count()

    def close(self) -> None:
        with self._lock:
            if not self._pool.closed:
                self._pool.close()

    # -- internals ----------------------------------------------------------------------------

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        with self._lock:
            if self._pool.closed:
                self._pool.open(wait=False)
        with self._pool.connection() as conn:
            yield conn

    def _select(self, query: sql.Composable, params: Sequence[Any]) -> list[dict[str, Any]]:
        try:
            with self._connection() as conn, conn.cursor(row_factory=dict_row) as cursor:
                return cursor.execute(query, list(params)).fetchall()
        except (psycopg.Error, PoolTimeout) as error:
            raise StoreFailure(f"Could not read sessions from {self.description}: "
                               f"{_describe(error)}") from error

    def _save_turn(self, write: TurnWrite) -> SaveReceipt:
        pending = self._pending(write.record.id)
        if pending is not None:  # the newest copy is still local: check against it
            if pending.row.get("state_digest") != write.expected_digest:
                return _conflict(self.description)
            return self._save("complete", write.record)
        try:  # the database decides: a conditional insert/update, atomic
            with self._connection() as conn:
                written = _write(conn, "turn", row_from_record(write.record),
                                 write.expected_digest)
        except _FAILURES as error:
            log.warning("turn kept in the outbox: %s", _describe(error))
            return self._save("create" if write.expected_digest is None else "complete",
                              write.record)
        except psycopg.Error as error:
            return SaveReceipt(saved=False, location=self.description,
                               message=f"Could not save the turn: {_describe(error)}")
        return self._saved_remotely() if written else _conflict(self.description)

    def _save(self, op: OutboxOp, record: SessionRecord) -> SaveReceipt:
        row = row_from_record(record)
        try:
            self.outbox.put(op, row)
            item = self.outbox.get(record.id)
        except StoreFailure as outbox_error:
            log.warning("outbox unavailable, sending directly: %s", outbox_error.message)
            error = self._send(op, row)
            if error is not None:
                return SaveReceipt(saved=False, location=self.description,
                                   message=f"Could not save the session: {error}; "
                                           f"{outbox_error.message}")
            return self._saved_remotely()
        if item is None:  # sent and removed by a concurrent flush meanwhile
            return self._saved_remotely()
        error, _ = self._send_item(item)
        if error is not None:
            return SaveReceipt(
                saved=True, location=self.outbox.description, pending_sync=True,
                message=f"Saved locally, will sync to {self.description} when it is reachable.",
                extra={"error": error})
        report = self.flush_outbox(self.flush_batch) if self.outbox.count() else SyncReport()
        return self._saved_remotely(report)

    def _saved_remotely(self, report: SyncReport | None = None) -> SaveReceipt:
        extra = {"synced": str(report.sent)} if report and report.sent else {}
        return SaveReceipt(saved=True, location=self.description,
                           message=f"Saved to {self.description}.", extra=extra)

    def _send_item(self, item: OutboxItem) -> tuple[str | None, bool]:
        """(None, True) when sent; else (error text, whether PostgreSQL answered at all)."""
        try:
            with self._connection() as conn:
                _write(conn, item.op, item.row)
        except (psycopg.Error, PoolTimeout) as error:
            text = _describe(error)
            _bookkeep(self.outbox.failed, item, text)
            return text, not isinstance(error, _FAILURES)
        _bookkeep(self.outbox.done, item)
        return None, True

    def _send(self, op: OutboxOp, row: dict[str, Any]) -> str | None:
        try:
            with self._connection() as conn:
                _write(conn, op, row)
        except (psycopg.Error, PoolTimeout) as error:
            return _describe(error)
        return None

    def _pending(self, session_id: str) -> OutboxItem | None:
        try:
            return self.outbox.get(session_id)
        except StoreFailure:
            return None

    def _pending_digest(self, digest: str) -> list[OutboxItem]:
        try:
            return self.outbox.find_digest(digest)
        except StoreFailure:
            return []


def _write(conn: psycopg.Connection[Any], op: str, row: dict[str, Any],
           expected_digest: str | None = None) -> bool:
    """Insert/upsert the JSON row the way PostgREST does (json_populate_record). op 'create':
    insert unless the id exists; 'complete': upsert; 'turn': insert when expected_digest is None,
    else update only while the stored digest is expected_digest. True when a row was written."""
    names = [k for k in row if not (k == "user_id" and row[k] is None)]
    cols = sql.SQL(", ").join(map(sql.Identifier, names))
    source = sql.SQL("select {} from json_populate_record(null::public.interview_sessions, %s)"
                     ).format(cols)
    body = json.dumps(row)
    if op == "turn" and expected_digest is not None:
        query = sql.SQL("update {} set ({}) = ({}) where id = %s and state_digest = %s").format(
            TABLE, cols, source)
        return conn.execute(query, [body, row["id"], expected_digest]).rowcount == 1
    conflict = (sql.SQL("do nothing") if op != "complete" else sql.SQL("do update set {}").format(
        sql.SQL(", ").join(sql.SQL("{0} = excluded.{0}").format(sql.Identifier(n))
                           for n in names if n != "id")))
    query = sql.SQL("insert into {} ({}) {} on conflict (id) {}").format(
        TABLE, cols, source, conflict)
    return conn.execute(query, [body]).rowcount == 1


def where_clause(filters: SessionFilters | None) -> tuple[sql.Composable, list[Any]]:
    """` where …` (or nothing) and its parameters for the dashboard's filters."""
    if filters is None:
        return sql.SQL(""), []
    parts: list[sql.Composable] = []
    params: list[Any] = []
    if filters.since is not None:
        parts.append(sql.SQL("created_at >= %s"))
        params.append(filters.since)
    if filters.until is not None:
        parts.append(sql.SQL("created_at < %s"))
        params.append(filters.until)
    for field_name, column in FILTER_COLUMNS.items():
        values = getattr(filters, field_name)
        if values is not None:
            parts.append(sql.SQL("{} = any(%s::text[])").format(sql.Identifier(column)))
            params.append(list(values))
    if not parts:
        return sql.SQL(""), []
    return sql.SQL(" where ") + sql.SQL(" and ").join(parts), params


def _conflict(location: str) -> SaveReceipt:
    return SaveReceipt(saved=False, location=location, conflict=True, message=_CONFLICT.message)


def _bookkeep(action: Any, *args: Any) -> None:
    """Outbox bookkeeping after a send; if the local file fails now, a resend is harmless."""
    try:
        action(*args)
    except StoreFailure as error:
        log.warning("outbox bookkeeping failed: %s", error.message)


def _describe(error: Exception) -> str:
    """Short text for a failure; the URL's password never appears in psycopg's messages."""
    if isinstance(error, PoolTimeout):
        return "PostgreSQL did not answer within the timeout (no connection)"
    if isinstance(error, psycopg.OperationalError):
        return f"PostgreSQL is unreachable ({str(error).strip().splitlines()[0]})"
    return f"PostgreSQL refused the request ({type(error).__name__}: {str(error).strip()})"
