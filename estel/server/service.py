"""BrainService: one turn over HTTP, and the save of a finished interview behind it.

The seed (§1) keeps persistence "not blocking core loop": a final turn's envelope goes out at once
and the record is written by one saver thread, in order. The saver drains everything queued so
far in one go: with a store that has `complete_many` (SQLite) that is one transaction, so a burst
of finished interviews costs one commit, not one each. A store failure is logged and never fails
the turn; pending saves finish before the process exits.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from estel.engine import Engine, TurnResult
from estel.handler import TurnOutcome, turn_outcome
from estel.store.base import BatchCompletion

log = logging.getLogger("estel.server")

RecordBuilder = Callable[..., Any]


class BrainService:
    """Runs turns with one engine; hands finished interviews to the store."""

    MAX_PENDING_SAVES = 256  # beyond this the turn itself waits for its save (backpressure)
    MAX_BATCH = 256  # records per store call (one transaction)

    def __init__(
        self, engine: Engine, store: Any | None, to_record: RecordBuilder | None = None
    ) -> None:
        self.engine = engine
        self.store = store
        self._to_record = to_record
        # one thread: stores need not be thread-safe, saves keep their order, and a slow store
        # cannot take the request threads away from turns
        self._saver = ThreadPoolExecutor(max_workers=1, thread_name_prefix="estel-save")
        self._queue: deque[tuple[TurnResult, str]] = deque()
        self._queue_lock = threading.Lock()

    @property
    def store_description(self) -> str:
        return str(self.store.description) if self.store is not None else "none"

    def turn(self, body: bytes) -> TurnOutcome:
        """The outcome of one turn (never raises); a final turn's save is queued."""
        outcome = turn_outcome(body, self.engine)
        if outcome.result is not None and outcome.result.finished and self.store is not None:
            language = outcome.request.language if outcome.request else "en"
            self._queue_save(outcome.result, language)
        return outcome

    def flush(self, timeout: float = 30.0) -> None:
        """Wait until every save queued so far has been attempted."""
        self._saver.submit(lambda: None).result(timeout)

    def _queue_save(self, result: TurnResult, language: str) -> None:
        with self._queue_lock:
            self._queue.append((result, language))
            backlog = len(self._queue) > self.MAX_PENDING_SAVES
        # one drain task per save: this one, or an earlier one, takes it; once it has run (the
        # executor runs tasks in order) this save has been attempted
        future = self._saver.submit(self._drain)
        if backlog:  # the store is falling behind: slow this turn down rather than queue forever
            future.result()

    def _drain(self) -> None:
        """Save what is queued (up to MAX_BATCH) in one store call; runs on the saver thread."""
        with self._queue_lock:
            batch = [self._queue.popleft() for _ in range(min(len(self._queue), self.MAX_BATCH))]
        if batch:
            self.save_finals(batch)

    def save_final(self, result: TurnResult, language: str) -> None:
        """store.complete(record); a failure is logged, never raised."""
        self.save_finals([(result, language)])

    def save_finals(self, finals: list[tuple[TurnResult, str]]) -> None:
        """Write these finished interviews (one call when the store batches); logs failures."""
        if self.store is None:
            return
        built = (self._record(result, lang) for result, lang in finals)
        records = [record for record in built if record is not None]
        receipts = None
        if len(records) > 1 and isinstance(self.store, BatchCompletion):
            receipts = self._attempt(self.store.complete_many, records)
        if not isinstance(receipts, list):  # no batches, or the batch call failed: one by one
            receipts = [self._attempt(self.store.complete, record) for record in records]
        for receipt in receipts:
            if not getattr(receipt, "saved", True):
                log.warning("finished interview not saved: %s", getattr(receipt, "message", ""))

    def _record(self, result: TurnResult, language: str) -> Any | None:
        try:
            return (self._to_record or _default_record_builder())(result, language=language)
        except Exception:  # one unbuildable record must not cost the others their save
            log.exception("saving the finished interview failed; the turn still succeeded")
            return None

    @staticmethod
    def _attempt(write: Callable[[Any], Any], argument: Any) -> Any:
        """write(argument); an exception is logged (the candidate has their feedback)."""
        try:
            return write(argument)
        except Exception:  # a lost save is logged, not shown: the turn already succeeded
            log.exception("saving the finished interview failed; the turn still succeeded")
            return None


def _default_record_builder() -> RecordBuilder:
    from estel.store.records import record_from_final_turn

    return record_from_final_turn
