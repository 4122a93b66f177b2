"""Group commit: turns that arrive while a write is running go to the store in one call, and
each request is answered only once its own write is done."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from estel.brains.scripted import ScriptedBrain
from estel.engine import Engine
from estel.errors import ErrorKind
from estel.server.service import BrainService
from estel.store.base import SaveReceipt
from estel.store.sqlite import SQLiteStore

META = {"target_role": "Business Analyst", "experience_level": "0-2 years",
        "difficulty": "standard", "questions_target": 1}
FIRST = json.dumps({"message": "", "language": "en",
                    "context": {"context": "interview_session", "meta": META,
                                "session_state": None}}).encode()


class GatedStore:
    """Records each save_turns call; the first one waits until the test opens the gate."""

    description = "gated (tests)"

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[int] = []
        self.saved: list[Any] = []
        self.entered, self.gate = threading.Event(), threading.Event()
        self.fail = fail

    def save_turns(self, writes: list[Any]) -> list[SaveReceipt]:
        self.entered.set()
        assert self.gate.wait(10), "gate never opened"
        self.calls.append(len(writes))
        if self.fail:
            raise RuntimeError("write failed")
        self.saved.extend(w.record for w in writes)
        return [SaveReceipt(saved=True, location="gated")] * len(writes)


def burst(store: GatedStore, count: int, max_batch: int = 256) -> list[Any]:
    """`count` openings at once: the first write blocks, the rest queue up behind it."""
    service = BrainService(Engine(ScriptedBrain()), store)
    service.MAX_BATCH = max_batch
    with ThreadPoolExecutor(count) as pool:
        first = pool.submit(service.turn, FIRST)
        assert store.entered.wait(10)
        rest = [pool.submit(service.turn, FIRST) for _ in range(count - 1)]
        while len(service._queue) < count - 1:  # all of them waiting for the saver
            threading.Event().wait(0.01)
        assert not first.done()
        assert not any(f.done() for f in rest)
        store.gate.set()
        return [f.result(10) for f in (first, *rest)]


def test_turns_queued_behind_a_slow_write_are_committed_in_one_call() -> None:
    store = GatedStore()
    outcomes = burst(store, 5)
    assert store.calls == [1, 4]
    assert all(o.error_kind is None for o in outcomes)
    assert {o.session_id for o in outcomes} == {r.id for r in store.saved}
    assert len(store.saved) == 5


def test_batches_are_capped_at_max_batch() -> None:
    store = GatedStore()
    burst(store, 6, max_batch=2)
    assert store.calls == [1, 2, 2, 1]


def test_a_failed_batch_answers_every_waiting_request_with_an_error() -> None:
    store = GatedStore(fail=True)
    outcomes = burst(store, 3)
    assert [o.envelope.status for o in outcomes] == ["error"] * 3
    assert all(o.session_id is None for o in outcomes)


def test_a_burst_of_interviews_lands_in_sqlite_as_distinct_rows(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "estel.db")
    service = BrainService(Engine(ScriptedBrain()), store)
    with ThreadPoolExecutor(8) as pool:
        opened = list(pool.map(lambda _: service.turn(FIRST), range(30)))
    assert len({o.session_id for o in opened}) == 30
    assert store.count() == 30


def test_a_lone_turn_is_written_by_its_own_request_thread() -> None:
    """No hand-off to a saver thread when nothing else is writing (two thread switches per
    turn cost more than the write itself on a busy machine)."""
    writers: list[threading.Thread] = []

    class ThreadRecordingStore(GatedStore):
        def save_turns(self, writes: list[Any]) -> list[SaveReceipt]:
            writers.append(threading.current_thread())
            return super().save_turns(writes)

    store = ThreadRecordingStore()
    store.gate.set()
    outcome = BrainService(Engine(ScriptedBrain()), store).turn(FIRST)
    assert outcome.error_kind is None
    assert writers == [threading.current_thread()]


def test_a_turn_left_waiting_past_the_timeout_is_refused_and_never_written() -> None:
    store = GatedStore()
    service = BrainService(Engine(ScriptedBrain()), store)
    service.SAVE_TIMEOUT = 0.3
    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(service.turn, FIRST)
        assert store.entered.wait(10)
        late = pool.submit(service.turn, FIRST).result(10)  # waits behind the stuck write
        assert late.error_kind is ErrorKind.STORE_FAILURE
        assert late.envelope.status == "error"
        store.gate.set()
        assert first.result(10).error_kind is None
    service.flush()
    assert store.calls == [1]  # the refused turn was taken out of the queue
