"""PostgresStore: interview_sessions in a plain PostgreSQL (ESTEL_DATABASE_URL), for teams
without Supabase. Same table and migrations (supabase/migrations, applied with
`python -m estel store migrate`), same local outbox as SupabaseStore (both are an
`estel.store.remote.OutboxStore`).

Every write is queued in the SQLite outbox first, then sent with psycopg 3 through a small
connection pool; once PostgreSQL has it, the entry goes. If PostgreSQL is down, the receipt
says "saved locally, will sync" and the next write or `python -m estel sync` sends it. Turns
are a compare-and-set done by the database itself (`update … where state_digest = expected and
status = 'in_progress'`), so two service processes cannot both win a question and a late
answer cannot reopen an abandoned interview. The dashboard reads through the SQL
functions (`dashboard_call`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlparse

import psycopg
from psycopg import sql
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from estel.errors import BadInput, StoreFailure
from estel.store.base import FILTER_COLUMNS, SessionFilters, SessionRecord
from estel.store.outbox import OutboxOp
from estel.store.pg_functions import function_call
from estel.store.remote import OutboxStore
from estel.store.rows import COLUMNS, record_from_row
from estel.store.sqlite import SQLiteStore

log = logging.getLogger(__name__)

TABLE = sql.SQL("public.interview_sessions")
_FAILURES = (psycopg.OperationalError, PoolTimeout)  # unreachable: keep it in the outbox


class PostgresStore(OutboxStore):
    """interview_sessions in PostgreSQL; writes that fail wait in `outbox`'s SQLite file."""

    SEND_ERRORS = (psycopg.Error, PoolTimeout)
    QUEUE_TURN_ERRORS = _FAILURES

    def __init__(self, url: str, timeout: float = 10.0, outbox: SQLiteStore | None = None, *,
                 pool_size: int = 4, flush_batch: int = 20) -> None:
        if not url.startswith(("postgresql://", "postgres://")):
            raise BadInput("ESTEL_DATABASE_URL must be a postgresql:// URL, e.g. "
                           "postgresql://estel:secret@localhost:5432/estel.")
        super().__init__(outbox, flush_batch)
        self.url, self.timeout = url, timeout
        # open=False: no I/O until the first query (SessionStore rule)
        self._pool = ConnectionPool(url, min_size=1, max_size=pool_size, open=False,
                                    timeout=timeout,
                                    kwargs={"connect_timeout": max(1, round(timeout)),
                                            "autocommit": True})
        self.dashboard_call = function_call(self._connection)

    @property
    def description(self) -> str:
        parsed = urlparse(self.url)
        return f"PostgreSQL: {parsed.hostname or 'localhost'}{parsed.path or ''}"

    # -- SessionStore -------------------------------------------------------------------------

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

    def _write_guarded(self, row: dict[str, Any], insert: bool, accept: Sequence[str]) -> bool:
        with self._connection() as conn:
            if insert and _write(conn, "create", row):
                return True
            return bool(accept) and _write(conn, "turn", row, accept)

    def _send(self, op: OutboxOp, row: dict[str, Any]) -> None:
        with self._connection() as conn:
            _write(conn, op, row)

    def _describe(self, error: Exception) -> str:
        return _describe(error)

    def _answered(self, error: Exception) -> bool:
        return not isinstance(error, _FAILURES)

    def _remote_get(self, session_id: str) -> dict[str, Any] | None:
        rows = self._select(sql.SQL("select * from {} where id = %s").format(TABLE),
                            [session_id])
        return rows[0] if rows else None

    def _remote_by_digest(self, digest: str, limit: int) -> list[dict[str, Any]]:
        return self._select(sql.SQL("select * from {} where state_digest = %s"
                                    " order by created_at limit %s").format(TABLE),
                            [digest, limit])


def _write(conn: psycopg.Connection[Any], op: str, row: dict[str, Any],
           accept: Sequence[str] = ()) -> bool:
    """Insert/upsert the JSON row the way PostgREST does (json_populate_record). op 'create':
    insert unless the id exists; 'complete': upsert; 'turn': update only while the row is in
    progress at one of the `accept` states (TurnWrite.fits). True when a row was written."""
    names = [k for k in row if not (k == "user_id" and row[k] is None)]
    cols = sql.SQL(", ").join(map(sql.Identifier, names))
    source = sql.SQL("select {} from json_populate_record(null::public.interview_sessions, %s)"
                     ).format(cols)
    body = json.dumps(row)
    if op == "turn":
        query = sql.SQL("update {} set ({}) = ({}) where id = %s and state_digest = any(%s)"
                        " and status = 'in_progress'").format(TABLE, cols, source)
        return conn.execute(query, [body, row["id"], list(accept)]).rowcount == 1
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


def _describe(error: Exception) -> str:
    """Short text for a failure; the URL's password never appears in psycopg's messages."""
    if isinstance(error, PoolTimeout):
        return "PostgreSQL did not answer within the timeout (no connection)"
    if isinstance(error, psycopg.OperationalError):
        return f"PostgreSQL is unreachable ({str(error).strip().splitlines()[0]})"
    return f"PostgreSQL refused the request ({type(error).__name__}: {str(error).strip()})"
