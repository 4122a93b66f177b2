"""OutboxStore: what the remote stores (Supabase, plain PostgreSQL) share around their outbox.

Every write is first queued in the local SQLite outbox (durable), then sent; once the remote
database has it, the entry goes. If it cannot be sent, the receipt says "saved locally, will
sync", and the next successful write or `flush_outbox()` (`python -m estel sync`) sends it.
Reads see the outbox first: it holds the newest copy of a row not yet sent.

A subclass says how to reach its database: `_send` (write one row, raising one of
`SEND_ERRORS`), `_describe` and `_answered` (what went wrong, and whether the database answered
at all), `_remote_get` / `_remote_by_digest` (read rows) and `_write_guarded` (a turn's
compare-and-set as one conditional write, done by the database).

A turn that waits in the outbox is replayed through that same `_write_guarded`: it lands only on
a row still in progress at a state its session's own writes left (see estel/store/outbox.py),
never upserted over a row another process abandoned, completed or moved on. A refused replay is
kept in the outbox file's sync_refused table and listed in the SyncReport.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from estel.errors import BadInput, StoreFailure
from estel.store.base import SaveReceipt, SessionRecord, TurnWrite
from estel.store.digest import state_digest
from estel.store.outbox import Outbox, OutboxItem, OutboxOp
from estel.store.replay import turns_from_record
from estel.store.rows import record_from_row, row_from_record
from estel.store.sqlite import SQLiteStore

log = logging.getLogger(__name__)

MOVED_ON = "The stored interview moved on; this turn was not saved."
REPLAY_MOVED_ON = ("the stored interview moved on before this queued turn was sent ({now}); "
                   "it was not written and is kept in the outbox file's sync_refused table")


@dataclass
class SyncReport:
    """What one flush of the outbox did."""

    sent: int = 0
    failed: int = 0
    remaining: int = 0
    errors: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # "<session id>: <why>", kept, not sent


class OutboxStore:
    """The outbox half of a remote SessionStore (see the module docstring)."""

    SEND_ERRORS: tuple[type[Exception], ...] = ()  # what `_send` raises when a row is not sent
    # the failures after which a turn waits in the outbox (the others refuse it)
    QUEUE_TURN_ERRORS: tuple[type[Exception], ...] = ()

    def __init__(self, outbox: SQLiteStore | None, flush_batch: int,
                 owner: str | None = None) -> None:
        # with an owner (a signed-in user's id) the outbox holds and sends only their rows
        self.outbox = Outbox(outbox if outbox is not None else SQLiteStore(), owner=owner)
        self.flush_batch = flush_batch
        self._lock = threading.Lock()
        self._turn_lock = threading.Lock()  # turns are checked and saved one at a time

    @property
    def description(self) -> str:
        raise NotImplementedError

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

    def _save_turn(self, write: TurnWrite) -> SaveReceipt:
        """The compare-and-set: against the outbox's copy while the newest copy is still local,
        else by the database itself (`_write_turn`), so two service processes cannot both win a
        question and an answer cannot land on a row another process abandoned. A turn the
        database cannot take now waits in the outbox."""
        pending = self._pending(write.record.id)
        if pending is not None:
            if not write.fits(pending.row):
                return self._conflict()
            return self._queue_turn(write)
        try:
            written = self._write_turn(write)
        except self.QUEUE_TURN_ERRORS as error:
            log.warning("turn kept in the outbox: %s", self._describe(error))
            return self._queue_turn(write)
        except self.SEND_ERRORS as error:
            return SaveReceipt(saved=False, location=self.description,
                               message=f"Could not save the turn: {self._describe(error)}")
        return self._saved_remotely() if written else self._conflict()

    def get(self, session_id: str) -> SessionRecord | None:
        """The row, or the newer version of it still waiting in the outbox."""
        pending = self._pending(session_id)
        if pending is not None:
            return record_from_row(pending.row)
        row = self._remote_get(session_id)
        return record_from_row(row) if row is not None else None

    def find_by_digest(self, digest: str, limit: int = 8) -> list[SessionRecord]:
        """Rows waiting in the outbox, then the database's: in progress first, oldest first."""
        found = {item.session_id: record_from_row(item.row)
                 for item in self._pending_digest(digest)}
        try:
            rows = self._remote_by_digest(digest, limit)
        except StoreFailure as error:
            log.warning("digest lookup read only the outbox: %s", error.message)
            rows = []
        for row in rows:
            found.setdefault(str(row["id"]), record_from_row(row))
        ordered = sorted(found.values(), key=lambda r: (r.status != "in_progress", r.created_at))
        return [r for r in ordered if r.state_digest == digest][:limit]

    # -- the outbox ---------------------------------------------------------------------------

    def flush_outbox(self, limit: int | None = None) -> SyncReport:
        """Send waiting rows, oldest first; stops at the first failure to reach the database."""
        report = SyncReport()
        for item in self.outbox.items(limit):
            error, reachable = self._send_item(item)
            if error is None:
                report.sent += 1
                continue
            if reachable is None:
                report.refused.append(f"{item.session_id}: {error}")
                continue
            report.failed += 1
            report.errors.append(f"{item.session_id}: {error}")
            if not reachable:
                break
        report.remaining = self.outbox.count()
        return report

    def pending_count(self) -> int:
        return self.outbox.count()

    # -- for subclasses -----------------------------------------------------------------------

    def _send(self, op: OutboxOp, row: dict[str, Any]) -> None:
        """Write `row` to the database ('create': unless its id exists; 'complete': upsert)."""
        raise NotImplementedError

    def _describe(self, error: Exception) -> str:
        """Short, safe text for a failure (never a secret)."""
        raise NotImplementedError

    def _answered(self, error: Exception) -> bool:
        """Whether the database answered (refused the row) rather than being unreachable."""
        raise NotImplementedError

    def _remote_get(self, session_id: str) -> dict[str, Any] | None:
        raise NotImplementedError

    def _remote_by_digest(self, digest: str, limit: int) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _write_guarded(self, row: dict[str, Any], insert: bool, accept: Sequence[str]) -> bool:
        """A turn's compare-and-set done by the database in conditional writes: with `insert`,
        insert unless the id exists; else (or when it exists) update only while the stored row
        is in progress at one of the `accept` states. True when written; raises one of
        `SEND_ERRORS`."""
        raise NotImplementedError

    def _row(self, record: SessionRecord) -> dict[str, Any]:
        """The row written for `record` (SupabaseStore adds its owner)."""
        return row_from_record(record)

    def _write_turn(self, write: TurnWrite) -> bool:
        """A direct turn: insert the opening; an answer only onto its expected state."""
        expected = write.expected_digest
        return self._write_guarded(self._row(write.record), expected is None,
                                   [expected] if expected is not None else [])

    def _replay_turn(self, item: OutboxItem) -> str | None:
        """Send a queued turn through the same guarded write; None when it landed (or had
        landed before a timeout hid it), else why the database refused it."""
        assert item.guard is not None
        if self._write_guarded(item.row, item.op == "create", item.guard):
            return None
        try:
            stored = self._remote_get(item.session_id)
        except StoreFailure as error:  # the write was answered, the read not: try again later
            raise _Unread(error.message) from error
        if stored is not None and all(stored.get(key) == item.row.get(key)
                                      for key in ("status", "state_digest")):
            return None  # our own earlier send of this very row arrived
        now = "it is gone" if stored is None else f"it is {stored.get('status')} at another state"
        return REPLAY_MOVED_ON.format(now=now)

    # -- internals ----------------------------------------------------------------------------

    def _save(self, op: OutboxOp, record: SessionRecord) -> SaveReceipt:
        return self._save_row(op, row_from_record(record))

    def _queue_turn(self, write: TurnWrite) -> SaveReceipt:
        """Queue a turn with its compare-and-set, then send it as `_save_row` does."""
        row = self._row(write.record)
        expected = write.expected_digest
        try:
            self.outbox.put_turn(row, expected)
        except StoreFailure as outbox_error:
            log.warning("outbox unavailable: %s", outbox_error.message)
            return SaveReceipt(saved=False, location=self.description,
                               message=f"Could not save the turn: {outbox_error.message}")
        return self._save_row("create" if expected is None else "complete", row, queued=True)

    def _save_row(self, op: OutboxOp, row: dict[str, Any], queued: bool = False) -> SaveReceipt:
        """Queue the row durably (unless `queued` already), then send it (and what else
        waits); its receipt."""
        try:
            if not queued:
                self.outbox.put(op, row)
            item = self.outbox.get(row["id"])
        except StoreFailure as outbox_error:
            if queued:  # it is in the outbox (put_turn committed): never sent unguarded
                return self._kept_locally(outbox_error.message)
            return self._save_without_outbox(op, row, outbox_error)
        if item is None:  # sent and removed by a concurrent flush meanwhile
            return self._saved_remotely()
        error, reachable = self._send_item(item)
        if reachable is None:  # a queued turn the database refused: the row moved on
            return self._conflict()
        if error is not None:
            return self._kept_locally(error)
        report = self.flush_outbox(self.flush_batch) if self.outbox.count() else SyncReport()
        return self._saved_remotely(report)

    def _save_without_outbox(
        self, op: OutboxOp, row: dict[str, Any], outbox_error: StoreFailure
    ) -> SaveReceipt:
        log.warning("outbox unavailable, sending directly: %s", outbox_error.message)
        try:
            self._send(op, row)
        except self.SEND_ERRORS as error:
            return SaveReceipt(saved=False, location=self.description,
                               message=f"Could not save the session: {self._describe(error)}; "
                                       f"{outbox_error.message}")
        return self._saved_remotely()

    def _kept_locally(self, error: str) -> SaveReceipt:
        return SaveReceipt(
            saved=True, location=self.outbox.description, pending_sync=True,
            message=f"Saved locally, will sync to {self.description} when it is reachable.",
            extra={"error": error},
        )

    def _saved_remotely(self, report: SyncReport | None = None) -> SaveReceipt:
        extra = {"synced": str(report.sent)} if report and report.sent else {}
        return SaveReceipt(saved=True, location=self.description,
                           message=f"Saved to {self.description}.", extra=extra)

    def _conflict(self) -> SaveReceipt:
        return SaveReceipt(saved=False, location=self.description, conflict=True,
                           message=MOVED_ON)

    def _send_item(self, item: OutboxItem) -> tuple[str | None, bool | None]:
        """(None, True) when sent; (why, None) when a queued turn was refused (kept aside);
        else (error text, whether the database answered at all)."""
        item = _with_legacy_guard(item)
        try:
            if item.guard is None:
                self._send(item.op, item.row)
            elif (refusal := self._replay_turn(item)) is not None:
                log.warning("queued turn of %s refused: %s", item.session_id, refusal)
                _bookkeep(self.outbox.refuse, item, refusal)
                return refusal, None
        except (*self.SEND_ERRORS, _Unread) as error:
            text = error.args[0] if isinstance(error, _Unread) else self._describe(error)
            _bookkeep(self.outbox.failed, item, text)
            return text, not isinstance(error, _Unread) and self._answered(error)
        _bookkeep(self.outbox.done, item)
        return None, True

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


def _with_legacy_guard(item: OutboxItem) -> OutboxItem:
    """A turn an older Estel queued as a plain upsert ('complete' with an in-progress row, which
    `complete()` refuses) gets the guard it lacks: the state its answer was given against,
    rebuilt from the row (estel/store/replay.py). A row that cannot be rebuilt gets no state it
    may land on, so it is refused and kept rather than written blind."""
    if item.guard is not None or item.op != "complete" or item.row.get("status") != "in_progress":
        return item
    try:
        turns = turns_from_record(record_from_row(item.row))
    except (BadInput, ValueError):
        return replace(item, guard=())
    if len(turns) < 2:  # the opening: insert unless the id exists
        return replace(item, op="create", guard=())
    return replace(item, guard=(state_digest(turns[-2].state),))


class _Unread(Exception):
    """A replayed turn was not written and the row could not be read to say why."""


def _bookkeep(action: Any, *args: Any) -> None:
    """Outbox bookkeeping after a send; if the local file fails now, a resend is harmless."""
    try:
        action(*args)
    except StoreFailure as error:
        log.warning("outbox bookkeeping failed: %s", error.message)
