"""BrainService: one turn over HTTP, and the save of a finished interview behind it.

The seed (§1) keeps persistence "not blocking core loop": a final turn's envelope goes out at once
and the record is written by one saver thread, in order. A store failure is logged and never
fails the turn; pending saves finish before the process exits.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from estel.engine import Engine, TurnResult
from estel.handler import TurnOutcome, turn_outcome

log = logging.getLogger("estel.server")

RecordBuilder = Callable[..., Any]


class BrainService:
    """Runs turns with one engine; hands finished interviews to the store."""

    MAX_PENDING_SAVES = 256  # beyond this the turn itself waits for its save (backpressure)

    def __init__(
        self, engine: Engine, store: Any | None, to_record: RecordBuilder | None = None
    ) -> None:
        self.engine = engine
        self.store = store
        self._to_record = to_record
        # one thread: stores need not be thread-safe, saves keep their order, and a slow store
        # cannot take the request threads away from turns
        self._saver = ThreadPoolExecutor(max_workers=1, thread_name_prefix="estel-save")
        self._pending = 0
        self._pending_lock = threading.Lock()

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
        with self._pending_lock:
            self._pending += 1
            backlog = self._pending > self.MAX_PENDING_SAVES
        future = self._saver.submit(self._save_queued, result, language)
        if backlog:  # the store is falling behind: slow this turn down rather than queue forever
            future.result()

    def _save_queued(self, result: TurnResult, language: str) -> None:
        try:
            self.save_final(result, language)
        finally:
            with self._pending_lock:
                self._pending -= 1

    def save_final(self, result: TurnResult, language: str) -> None:
        """store.complete(record); a failure is logged, never raised."""
        if self.store is None:
            return
        try:
            to_record = self._to_record or _default_record_builder()
            record = to_record(result, language=language)
            receipt = self.store.complete(record)
            if not getattr(receipt, "saved", True):
                log.warning("finished interview not saved: %s", getattr(receipt, "message", ""))
        except Exception:  # the candidate has their feedback; a lost save is logged, not shown
            log.exception("saving the finished interview failed; the turn still succeeded")


def _default_record_builder() -> RecordBuilder:
    from estel.store.records import record_from_final_turn

    return record_from_final_turn
