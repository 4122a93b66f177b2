"""BrainService: one turn over HTTP against the service's own copy of the interview.

Server-kept sessions: every turn is saved (the row is the trusted copy), and an answer is taken
only when the request's `session_state` is exactly the state saved for that interview (same
digest: estel/store/records.state_digest). The session is named by the `Estel-Session` header
when the client sends it back, else found by the digest of its state (the seed's clients send
only the state). The engine then runs on the stored state, never on the client's copy.

Acknowledged means committed: the reply goes out only after the turn's row is committed (or
durably queued in the outbox). Commits are grouped: one saver thread writes every turn waiting
in one store call (SQLite: one transaction), and each request waits for its own receipt. A failed
write is an error envelope, the stored session is untouched, and the same answer can be resent.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from estel import length
from estel.contract import AdaptiveLength, error_envelope, success_envelope
from estel.engine import GENERIC_BRAIN_FAILURE, Engine, TurnResult
from estel.errors import ErrorKind, EstelError, StateMismatch, StoreFailure
from estel.handler import TurnOutcome, mode_of, parse_request, turn_outcome
from estel.store.base import SaveReceipt, SessionRecord, TurnWrite
from estel.store.records import advanced_record, new_record, state_digest, stored_response

log = logging.getLogger("estel.server")

STATE_CHANGED = ("This interview's state was changed outside Estel, or is not the latest one. "
                 "Fetch the interview again (GET /v1/sessions/{id}) or start a new one.")
LENGTH_CHANGED = ("This interview's length was set when it started (context.length) and cannot "
                  "change mid-interview. Send the same context.length, or leave it out.")
NOT_SAVED = "Your answer could not be saved, so it was not taken. Please send it again."


class BrainService:
    """Runs turns with one engine against the store's copy of each interview."""

    MAX_BATCH = 256  # turns per store call (one transaction)
    SAVE_TIMEOUT = 60.0  # seconds a request waits for its commit before giving up

    def __init__(self, engine: Engine, store: Any | None) -> None:
        self.engine = engine
        self.store = store
        # one thread: turns are committed in order, and a whole queue in one store call
        self._saver = ThreadPoolExecutor(max_workers=1, thread_name_prefix="estel-save")
        self._queue: deque[tuple[TurnWrite, Future[SaveReceipt]]] = deque()
        self._queue_lock = threading.Lock()

    @property
    def store_description(self) -> str:
        return str(self.store.description) if self.store is not None else "none"

    def turn(self, body: bytes, session_id: str | None = None) -> TurnOutcome:
        """The outcome of one turn (never raises); success only once its row is committed."""
        if self.store is None:  # nowhere to keep sessions: the stateless, unverified turn
            return turn_outcome(body, self.engine)
        request = None
        try:
            request = parse_request(body)
            if request.context.session_state is None:
                ctx = request.context
                result = self.engine.start(ctx.meta, language=request.language,
                                           bounds=length.bounds_of(ctx.length, ctx.meta))
                record = new_record(result, language=request.language)
                self._commit(TurnWrite(record, None))
                return TurnOutcome(result.envelope(), result, None, request, record.id)
            return self._answer(request, session_id)
        except EstelError as error:
            return TurnOutcome(error_envelope(error.message, mode=mode_of(body)), None,
                               error.kind, request)
        except Exception:  # the contract promises an envelope whatever happens
            log.exception("unexpected failure in a turn")
            return TurnOutcome(error_envelope(GENERIC_BRAIN_FAILURE, mode=mode_of(body)), None,
                               ErrorKind.BRAIN_FAILURE, request)

    def stored(self, session_id: str) -> TurnOutcome | None:
        """The stored interview's last turn (its open question, or its final feedback); None
        when there is no such interview."""
        try:
            record = self._get(session_id) if self.store is not None else None
            if record is None:
                return None
            envelope = success_envelope(stored_response(record))
            return TurnOutcome(envelope, None, None, None, record.id)
        except EstelError as error:
            return TurnOutcome(error_envelope(error.message), None, error.kind)

    def flush(self, timeout: float = 30.0) -> None:
        """Wait until every write queued so far has been attempted."""
        self._saver.submit(lambda: None).result(timeout)

    # -- an answer ----------------------------------------------------------------------------

    def _answer(self, request: Any, session_id: str | None) -> TurnOutcome:
        state, ctx = request.context.session_state, request.context
        digest = state_digest(state)
        if session_id is not None:
            found = self._get(session_id)
            candidates = [found] if found is not None else []
        else:  # identical interviews (a deterministic brain) share a state: any of them will do
            candidates = list(self.store.find_by_digest(digest))
        result: TurnResult | None = None
        length_changed = False
        for record in candidates:
            if record.state_digest != digest:
                continue
            if not _same_length(record, ctx.length):
                length_changed = True  # maybe another interview at the same state: look on
                continue
            stored = stored_response(record)  # the trusted copy: the engine runs on it
            if state_digest(stored.session_state) != digest:
                log.error("session %s: its row does not rebuild its own state", record.id)
                raise StoreFailure(GENERIC_BRAIN_FAILURE)
            if result is None:
                result = self.engine.answer(stored.session_state, request.message,
                                            meta=request.context.meta,
                                            language=request.language,
                                            bounds=record.length_bounds)
            receipt = self._commit(TurnWrite(advanced_record(record, result), digest))
            if not receipt.conflict:  # else another request answered it first: try the next
                return TurnOutcome(result.envelope(), result, None, request, record.id)
        if length_changed:
            raise StateMismatch(LENGTH_CHANGED)
        # no stored interview is at this state: a state that breaks the rules gets its own
        # message (400); a valid one was changed or is not the latest (409)
        length.check_any_state(state, ctx.meta, length.bounds_of(ctx.length, ctx.meta))
        raise StateMismatch(STATE_CHANGED)

    def _get(self, session_id: str) -> SessionRecord | None:
        try:
            key = str(uuid.UUID(session_id))
        except ValueError:
            return None
        record: SessionRecord | None = self.store.get(key)
        return record

    # -- group commit -------------------------------------------------------------------------

    def _commit(self, write: TurnWrite) -> SaveReceipt:
        """Queue the write, wait until the saver has committed it; StoreFailure if it was not
        kept. A conflict comes back as a receipt (the caller decides)."""
        future: Future[SaveReceipt] = Future()
        with self._queue_lock:
            self._queue.append((write, future))
        self._saver.submit(self._drain)
        receipt = future.result(self.SAVE_TIMEOUT)
        if receipt.conflict:
            return receipt
        if not receipt.saved:
            log.warning("turn of session %s not saved: %s", write.record.id, receipt.message)
            raise StoreFailure(NOT_SAVED)
        return receipt

    def _drain(self) -> None:
        """Write what is queued (up to MAX_BATCH) in one store call; runs on the saver thread."""
        with self._queue_lock:
            batch = [self._queue.popleft() for _ in range(min(len(self._queue), self.MAX_BATCH))]
        if not batch:
            return
        try:
            receipts = list(self.store.save_turns([write for write, _ in batch]))
            if len(receipts) != len(batch):
                raise StoreFailure("the store returned the wrong number of receipts")
        except Exception as error:  # every waiting request gets its answer: not saved
            log.exception("saving %d turn(s) failed", len(batch))
            failed = SaveReceipt(saved=False, location=self.store_description,
                                 message=str(getattr(error, "message", error)))
            receipts = [failed] * len(batch)
        for (_, future), receipt in zip(batch, receipts, strict=True):
            future.set_result(receipt)


def _same_length(record: SessionRecord, asked: AdaptiveLength | None) -> bool:
    """A later turn runs with the bounds kept with the session: the request may repeat its
    context.length or leave it out; one that differs is refused like any other change (409)."""
    return asked is None or asked == length.extension_of(record.length_bounds)
