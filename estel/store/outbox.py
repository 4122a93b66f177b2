"""The local outbox: rows waiting for Supabase, kept in the SQLite file (table sync_outbox).

One entry per session: the newest write replaces an older one, except that a queued `complete`
is never replaced by a `create` (so a late retry cannot turn a finished row back). Each entry has
a token; removing an entry names its token, so a newer write queued meanwhile is never dropped.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from estel.errors import StoreFailure
from estel.store.records import iso_utc, utc_now
from estel.store.sqlite import SQLiteStore

OutboxOp = Literal["create", "complete"]

_PUT = """
INSERT INTO sync_outbox (session_id, op, row, token, queued_at, attempts, last_error)
VALUES (:session_id, :op, :row, :token, :queued_at, 0, NULL)
ON CONFLICT (session_id) DO UPDATE SET
  op = excluded.op, row = excluded.row, token = excluded.token
WHERE NOT (sync_outbox.op = 'complete' AND excluded.op = 'create')
"""


@dataclass(frozen=True)
class OutboxItem:
    """A row waiting to be sent."""

    session_id: str
    op: OutboxOp
    row: dict[str, Any]
    token: str
    queued_at: str
    attempts: int
    last_error: str | None


class Outbox:
    """Queue of rows for a remote store, in `store`'s SQLite file."""

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store

    @property
    def description(self) -> str:
        return f"local outbox: {self.store.path}"

    def put(self, op: OutboxOp, row: dict[str, Any]) -> str:
        """Queue `row` (durably) and return the token of the entry now queued for its session."""
        params = {"session_id": row["id"], "op": op, "token": uuid.uuid4().hex,
                  "row": json.dumps(row, ensure_ascii=False), "queued_at": iso_utc(utc_now())}
        with self._connection() as conn, self.store.transaction(conn):
            conn.execute(_PUT, params)
            found = conn.execute("SELECT token FROM sync_outbox WHERE session_id = ?",
                                 [row["id"]]).fetchone()
        return str(found["token"])

    def items(self, limit: int | None = None) -> list[OutboxItem]:
        """Oldest first."""
        sql = "SELECT * FROM sync_outbox ORDER BY queued_at, session_id"
        with self._connection() as conn:
            rows = conn.execute(sql + (" LIMIT ?" if limit else ""),
                                [limit] if limit else []).fetchall()
        return [_item(row) for row in rows]

    def get(self, session_id: str) -> OutboxItem | None:
        with self._connection() as conn:
            row = conn.execute("SELECT * FROM sync_outbox WHERE session_id = ?",
                               [session_id]).fetchone()
        return _item(row) if row else None

    def find_digest(self, digest: str) -> list[OutboxItem]:
        """Queued rows whose stored state has this digest (per-turn saving's lookup)."""
        with self._connection() as conn:
            rows = conn.execute("SELECT * FROM sync_outbox WHERE"
                                " json_extract(row, '$.state_digest') = ?", [digest]).fetchall()
        return [_item(row) for row in rows]

    def done(self, item: OutboxItem) -> bool:
        """Remove the entry if it is still the one sent; False when a newer write replaced it."""
        with self._connection() as conn, self.store.transaction(conn):
            cursor = conn.execute("DELETE FROM sync_outbox WHERE session_id = ? AND token = ?",
                                  [item.session_id, item.token])
        return cursor.rowcount == 1

    def failed(self, item: OutboxItem, error: str) -> None:
        with self._connection() as conn, self.store.transaction(conn):
            conn.execute("UPDATE sync_outbox SET attempts = attempts + 1, last_error = ?"
                         " WHERE session_id = ? AND token = ?",
                         [error[:500], item.session_id, item.token])

    def count(self) -> int:
        with self._connection() as conn:
            return int(conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0])

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        """store.connect(), with SQLite errors reported as StoreFailure."""
        try:
            with self.store.connect() as conn:
                yield conn
        except sqlite3.Error as error:
            raise StoreFailure(f"The local outbox in {self.store.path} failed: {error}") from error


def _item(row: sqlite3.Row) -> OutboxItem:
    return OutboxItem(
        session_id=row["session_id"], op=row["op"], row=json.loads(row["row"]),
        token=row["token"], queued_at=row["queued_at"], attempts=int(row["attempts"]),
        last_error=row["last_error"],
    )
