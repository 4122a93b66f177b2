"""BrainService: one turn over HTTP against the service's own copy of the interview.

Server-kept sessions: every turn is saved (the row is the trusted copy), and an answer is taken
only when the request's `session_state` is exactly the state saved for that interview (same
digest: estel/store/records.state_digest). The session is named by the `Estel-Session` header
when the client sends it back, else found by the digest of its state (the seed's clients send
only the state). The engine then runs on the stored state, never on the client's copy.

Acknowledged means committed: the reply goes out only after the turn's row is committed (or
durably queued in the outbox). Commits are grouped, one store call (SQLite: one transaction) at
a time: a request that finds no write running writes every turn waiting, its own first, in its
own thread; requests that arrive meanwhile wait, and the next of them writes all that queued up.
Each request is answered only once its own write is done. (A saver thread did the writing
before: the two thread hand-offs per turn cost more than the write, ~3 ms of waiting per turn
on a busy 2-core machine.) A failed write is an error envelope, the stored session is
untouched, and the same answer can be resent.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import deque
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from estel import length
from estel.answer_facts import AnswerFacts
from estel.contract import (
    AdaptiveLength,
    InterviewSessionState,
    error_envelope,
    success_envelope,
)
from estel.engine import GENERIC_BRAIN_FAILURE, Engine, TurnResult
from estel.errors import ErrorKind, EstelError, StateMismatch, StoreFailure
from estel.extensions import ExtendedRequest, source_digest
from estel.handler import TurnOutcome, mode_of, parse_request, run_turn, turn_outcome
from estel.store.base import SaveReceipt, SessionRecord, TurnWrite
from estel.store.records import advanced_record, new_record, state_digest
from estel.store.stored_turn import stored_response

log = logging.getLogger("estel.server")

STATE_CHANGED = ("This interview's state was changed outside Estel, or is not the latest one. "
                 "Fetch the interview again (GET /v1/sessions/{id}) or start a new one.")
LENGTH_CHANGED = ("This interview's length was set when it started (context.length) and cannot "
                  "change mid-interview. Send the same context.length, or leave it out.")
PROFILE_KEPT = ("context.profile is read on the first turn only: this interview keeps the profile "
                "it started with.")
NOT_SAVED = "Your answer could not be saved, so it was not taken. Please send it again."
ANSWER_NOT_KEPT = ("context.answer describes the answer a turn sends; the first turn has none, "
                   "so it was not kept.")


class BrainService:
    """Runs turns with one engine against the store's copy of each interview."""

    MAX_BATCH = 256  # turns per store call (one transaction)
    SAVE_TIMEOUT = 60.0  # seconds a turn may wait in the queue before it is given up, unwritten

    def __init__(self, engine: Engine, store: Any | None) -> None:
        self.engine = engine
        self.store = store
        # turns waiting to be written, in order; one store call at a time (`_writing`)
        self._queue: deque[_Pending] = deque()
        self._turns = threading.Condition()
        self._writing = False

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
                result = run_turn(self.engine, request)  # reads context.length/.profile
                if request.context.answer is not None:
                    result = replace(result, warnings=(*result.warnings, ANSWER_NOT_KEPT))
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
        deadline = time.monotonic() + timeout
        with self._turns:
            while self._queue or self._writing:
                if not self._turns.wait(deadline - time.monotonic()):
                    raise TimeoutError("turns are still being written")

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
                result = self._answer_turn(request, stored.session_state, record)
            given = _given(request, stored.session_state)
            receipt = self._commit(TurnWrite(advanced_record(record, result, answers=given),
                                             digest))
            if not receipt.conflict:  # else another request answered it first: try the next
                return TurnOutcome(result.envelope(), result, None, request, record.id)
        if length_changed:
            raise StateMismatch(LENGTH_CHANGED)
        # no stored interview is at this state: a state that breaks the rules gets its own
        # message (400); a valid one was changed or is not the latest (409)
        length.check_any_state(state, ctx.meta, length.bounds_of(ctx.length, ctx.meta))
        raise StateMismatch(STATE_CHANGED)

    def _answer_turn(self, request: ExtendedRequest, state: InterviewSessionState,
                     record: SessionRecord) -> TurnResult:
        """The engine's answer on the stored state, with the profile the session keeps: a
        profile sent again is not read again (a different one is ignored, and said so)."""
        kept = record.extensions.profile if record.extensions is not None else None
        result = self.engine.answer(state, request.message, meta=request.context.meta,
                                    language=request.language, bounds=record.length_bounds,
                                    profile=kept)
        sent = request.context.profile
        if sent is not None and (kept is None or kept.source_digest != source_digest(sent)):
            result = replace(result, warnings=(*result.warnings, PROFILE_KEPT))
        return result

    def _get(self, session_id: str) -> SessionRecord | None:
        try:
            key = str(uuid.UUID(session_id))
        except ValueError:
            return None
        record: SessionRecord | None = self.store.get(key)
        return record

    # -- group commit -------------------------------------------------------------------------

    def _commit(self, write: TurnWrite) -> SaveReceipt:
        """Queue the write and return once it is committed (writing the queue itself when no
        write is running); StoreFailure if it was not kept. A conflict comes back as a receipt
        (the caller decides)."""
        pending = _Pending(write)
        deadline = time.monotonic() + self.SAVE_TIMEOUT
        with self._turns:
            self._queue.append(pending)
            while (receipt := pending.receipt) is None:
                if not self._writing:
                    self._write_queued()
                    continue
                left = deadline - time.monotonic()
                if left > 0 or pending not in self._queue:  # a write in progress is awaited
                    self._turns.wait(left if left > 0 else None)
                    continue
                self._queue.remove(pending)  # unwritten after SAVE_TIMEOUT: it never will be
                log.warning("turn of session %s not saved: it waited %.0f s in the queue",
                            write.record.id, self.SAVE_TIMEOUT)
                raise StoreFailure(NOT_SAVED)
        if receipt.conflict:
            return receipt
        if not receipt.saved:
            log.warning("turn of session %s not saved: %s", write.record.id, receipt.message)
            raise StoreFailure(NOT_SAVED)
        return receipt

    def _write_queued(self) -> None:
        """Write what is queued (up to MAX_BATCH) in one store call, in this thread; called
        holding `_turns` with no write running, which it releases while the store works."""
        batch = [self._queue.popleft() for _ in range(min(len(self._queue), self.MAX_BATCH))]
        self._writing = True
        receipts: Sequence[SaveReceipt] = [self._failed("the write was interrupted")] * len(batch)
        self._turns.release()
        try:
            receipts = self._save([pending.write for pending in batch])
        finally:
            self._turns.acquire()
            self._writing = False
            for pending, receipt in zip(batch, receipts, strict=True):
                pending.receipt = receipt
            self._turns.notify_all()  # the written return; the next waiting one writes on

    def _save(self, writes: list[TurnWrite]) -> Sequence[SaveReceipt]:
        """The store's receipts for `writes`; every one not saved if the call failed."""
        try:
            receipts = list(self.store.save_turns(writes))
            if len(receipts) != len(writes):
                raise StoreFailure("the store returned the wrong number of receipts")
        except Exception as error:  # every waiting request gets its answer: not saved
            log.exception("saving %d turn(s) failed", len(writes))
            return [self._failed(str(getattr(error, "message", error)))] * len(writes)
        return receipts

    def _failed(self, message: str) -> SaveReceipt:
        return SaveReceipt(saved=False, location=self.store_description, message=message)


class _Pending:
    """One turn's write waiting in the queue, and its receipt once written."""

    __slots__ = ("receipt", "write")

    def __init__(self, write: TurnWrite) -> None:
        self.write = write
        self.receipt: SaveReceipt | None = None


def _given(request: ExtendedRequest, state: InterviewSessionState
           ) -> dict[int, AnswerFacts] | None:
    """How the answer to the open question (the state's last) was given, when the client said
    (context.answer); kept with that answer for the candidate's report, never scored."""
    given = request.context.answer
    return None if given is None else {len(state.transcript): given.facts(request.message)}


def _same_length(record: SessionRecord, asked: AdaptiveLength | None) -> bool:
    """A later turn runs with the bounds kept with the session: the request may repeat its
    context.length or leave it out; one that differs is refused like any other change (409)."""
    return asked is None or asked == length.extension_of(record.length_bounds)
