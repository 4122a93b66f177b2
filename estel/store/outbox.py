"""The local outbox: rows waiting for Supabase, kept in the SQLite file (table sync_outbox).

One entry per session: the newest write replaces an older one, except that a queued `complete`
is never replaced by a `create` (so a late retry cannot turn a finished row back). Each entry has
a token; removing an entry names its token, so a newer write queued meanwhile is never dropped.

A queued turn (`put_turn`) keeps its compare-and-set as `guard`: the states the remote row may
be in for the turn to land (the state it was answered against, and those of this session's own
earlier queued turns, which may have reached the database before a timeout hid it). A replay
the database refuses moves to `sync_refused` with the reason (`refuse`), so it is never lost.
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
from estel.store.rows import iso_utc, utc_now
from estel.store.sqlite import SQLiteStore

OutboxOp = Literal["create", "complete"]

_INSERT = """
INSERT INTO sync_outbox (session_id, op, row, token, queued_at, attempts, last_error, guard)
VALUES (:session_id, :op, :row, :token, :queued_at, 0, NULL, :guard)
ON CONFLICT (session_id) DO UPDATE SET
  op = excluded.op, row = excluded.row, token = excluded.token, guard = excluded.guard
"""
_PUT = _INSERT + "WHERE NOT (sync_outbox.op = 'complete' AND excluded.op = 'create')"


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
    guard: tuple[str, ...] | None = None  # a queued turn: the states it may land on


@dataclass(frozen=True)
class RefusedItem:
    """A queued turn the database refused when it was replayed, kept with the reason."""

    session_id: str
    row: dict[str, Any]
    queued_at: str
    refused_at: str
    reason: str


class Outbox:
    """Queue of rows for a remote store, in `store`'s SQLite file.

    With an `owner` (a signed-in user's id) it reads, sends and counts only that user's rows:
    their token could not send anyone else's, and must not read them back either.
    """

    def __init__(self, store: SQLiteStore, owner: str | None = None) -> None:
        self.store = store
        self.owner = owner

    def _mine(self, sql: str, params: list[Any]) -> tuple[str, list[Any]]:
        """`sql` (ending in a WHERE clause or none) limited to the owner's rows."""
        if self.owner is None:
            return sql, params
        joiner = " AND " if " WHERE " in sql else " WHERE "
        return sql + joiner + "json_extract(row, '$.user_id') = ?", [*params, self.owner]

    @property
    def description(self) -> str:
        return f"local outbox: {self.store.path}"

    def put(self, op: OutboxOp, row: dict[str, Any]) -> str:
        """Queue `row` (durably) and return the token of the entry now queued for its session."""
        with self._connection() as conn, self.store.transaction(conn):
            conn.execute(_PUT, _params(op, row, None))
            found = conn.execute("SELECT token FROM sync_outbox WHERE session_id = ?",
                                 [row["id"]]).fetchone()
        return str(found["token"])

    def put_turn(self, row: dict[str, Any], expected_digest: str | None) -> str:
        """Queue a turn's row with its compare-and-set (the module docstring); its token. Over
        a queued row of the same session (which the turn was checked against) the guard grows by
        that row's state, and an opening not sent yet stays a 'create'."""
        with self._connection() as conn, self.store.transaction(conn):
            prior = conn.execute("SELECT op, row, guard FROM sync_outbox WHERE session_id = ?",
                                 [row["id"]]).fetchone()
            if prior is None:
                op: OutboxOp = "create" if expected_digest is None else "complete"
                guard = [expected_digest] if expected_digest is not None else []
            else:
                op = "create" if prior["op"] == "create" else "complete"
                guard = json.loads(prior["guard"] or "[]")
                guard.append(json.loads(prior["row"]).get("state_digest"))
            guard = list(dict.fromkeys(g for g in guard if g))
            conn.execute(_INSERT, _params(op, row, guard))
            found = conn.execute("SELECT token FROM sync_outbox WHERE session_id = ?",
                                 [row["id"]]).fetchone()
        return str(found["token"])

    def items(self, limit: int | None = None) -> list[OutboxItem]:
        """Oldest first."""
        sql, params = self._mine("SELECT * FROM sync_outbox", [])
        sql += " ORDER BY queued_at, session_id" + (" LIMIT ?" if limit else "")
        with self._connection() as conn:
            rows = conn.execute(sql, [*params, *([limit] if limit else [])]).fetchall()
        return [_item(row) for row in rows]

    def get(self, session_id: str) -> OutboxItem | None:
        sql, params = self._mine("SELECT * FROM sync_outbox WHERE session_id = ?", [session_id])
        with self._connection() as conn:
            row = conn.execute(sql, params).fetchone()
        return _item(row) if row else None

    def find_digest(self, digest: str) -> list[OutboxItem]:
        """Queued rows whose stored state has this digest (per-turn saving's lookup)."""
        sql, params = self._mine("SELECT * FROM sync_outbox WHERE"
                                 " json_extract(row, '$.state_digest') = ?", [digest])
        with self._connection() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [_item(row) for row in rows]

    def done(self, item: OutboxItem) -> bool:
        """Remove the entry if it is still the one sent; False when a newer write replaced it."""
        with self._connection() as conn, self.store.transaction(conn):
            cursor = conn.execute("DELETE FROM sync_outbox WHERE session_id = ? AND token = ?",
                                  [item.session_id, item.token])
        return cursor.rowcount == 1

    def refuse(self, item: OutboxItem, reason: str) -> bool:
        """Move the entry (if it is still the one sent) to sync_refused, with the reason."""
        with self._connection() as conn, self.store.transaction(conn):
            cursor = conn.execute("DELETE FROM sync_outbox WHERE session_id = ? AND token = ?",
                                  [item.session_id, item.token])
            if cursor.rowcount == 1:
                conn.execute("INSERT INTO sync_refused (session_id, row, queued_at, refused_at,"
                             " reason) VALUES (?, ?, ?, ?, ?)",
                             [item.session_id, json.dumps(item.row, ensure_ascii=False),
                              item.queued_at, iso_utc(utc_now()), reason])
        return cursor.rowcount == 1

    def refused(self) -> list[RefusedItem]:
        """Replays the database refused, oldest first (`python -m estel sync` lists them)."""
        sql, params = self._mine("SELECT * FROM sync_refused", [])
        with self._connection() as conn:
            rows = conn.execute(sql + " ORDER BY id", params).fetchall()
        return [RefusedItem(session_id=r["session_id"], row=json.loads(r["row"]),
                            queued_at=r["queued_at"], refused_at=r["refused_at"],
                            reason=r["reason"]) for r in rows]

    def failed(self, item: OutboxItem, error: str) -> None:
        with self._connection() as conn, self.store.transaction(conn):
            conn.execute("UPDATE sync_outbox SET attempts = attempts + 1, last_error = ?"
                         " WHERE session_id = ? AND token = ?",
                         [error[:500], item.session_id, item.token])

    def count(self) -> int:
        sql, params = self._mine("SELECT count(*) FROM sync_outbox", [])
        with self._connection() as conn:
            return int(conn.execute(sql, params).fetchone()[0])

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        """store.connect(), with SQLite errors reported as StoreFailure."""
        try:
            with self.store.connect() as conn:
                yield conn
        except sqlite3.Error as error:
            raise StoreFailure(f"The local outbox in {self.store.path} failed: {error}") from error


def _params(op: OutboxOp, row: dict[str, Any], guard: list[str] | None) -> dict[str, Any]:
    return {"session_id": row["id"], "op": op, "token": uuid.uuid4().hex,
            "row": json.dumps(row, ensure_ascii=False), "queued_at": iso_utc(utc_now()),
            "guard": None if guard is None else json.dumps(guard)}


def _item(row: sqlite3.Row) -> OutboxItem:
    guard = row["guard"]
    return OutboxItem(
        session_id=row["session_id"], op=row["op"], row=json.loads(row["row"]),
        token=row["token"], queued_at=row["queued_at"], attempts=int(row["attempts"]),
        last_error=row["last_error"], guard=None if guard is None else tuple(json.loads(guard)),
    )
