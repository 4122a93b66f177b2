"""The saver thread: what queued up while a save was running goes to the store in one call."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from estel.brains.scripted import ScriptedBrain
from estel.contract import InterviewMeta
from estel.engine import Engine
from estel.server.service import BrainService
from estel.store.base import SaveReceipt
from estel.store.sqlite import SQLiteStore

META = {"target_role": "Business Analyst", "experience_level": "0-2 years",
        "difficulty": "standard", "questions_target": 1}


def final_bodies(count: int) -> list[bytes]:
    """Request bodies of `count` different final turns (1-question interviews)."""
    first = Engine(ScriptedBrain()).start(InterviewMeta.model_validate(META))
    state = first.state.to_wire()
    return [json.dumps({"message": f"Answer number {n}.", "language": "en",
                        "context": {"context": "interview_session", "meta": META,
                                    "session_state": state}}).encode()
            for n in range(count)]


class GatedStore:
    """Records each store call; the first one waits until the test opens the gate."""

    description = "gated (tests)"

    def __init__(self, batches: bool = True, fail_batches: bool = False) -> None:
        self.calls: list[tuple[str, int]] = []
        self.saved: list[Any] = []
        self.entered, self.gate = threading.Event(), threading.Event()
        self.fail_batches = fail_batches
        if not batches:
            self.complete_many = None  # type: ignore[assignment]

    def _wait(self) -> None:
        self.entered.set()
        assert self.gate.wait(10), "gate never opened"

    def complete(self, record: Any) -> SaveReceipt:
        self._wait()
        self.calls.append(("complete", 1))
        self.saved.append(record)
        return SaveReceipt(saved=True, location="gated")

    def complete_many(self, records: list[Any]) -> list[SaveReceipt]:
        self._wait()
        self.calls.append(("complete_many", len(records)))
        if self.fail_batches:
            raise RuntimeError("batch write failed")
        self.saved.extend(records)
        return [SaveReceipt(saved=True, location="gated")] * len(records)


def run_burst(store: Any, count: int = 5) -> BrainService:
    """One final turn whose save blocks, then `count - 1` more queued behind it."""
    service = BrainService(Engine(ScriptedBrain()), store)
    bodies = final_bodies(count)
    assert service.turn(bodies[0]).result.finished
    assert store.entered.wait(10)
    for body in bodies[1:]:
        assert service.turn(body).result.finished  # answered while the store is busy
    store.gate.set()
    service.flush()
    return service


def test_saves_queued_behind_a_slow_one_go_to_the_store_in_one_call() -> None:
    store = GatedStore()
    run_burst(store, 5)
    assert store.calls == [("complete", 1), ("complete_many", 4)]
    assert len({r.id for r in store.saved}) == 5
    assert all(r.status == "completed" for r in store.saved)


def test_a_store_without_complete_many_gets_one_call_per_record() -> None:
    store = GatedStore(batches=False)
    run_burst(store, 4)
    assert store.calls == [("complete", 1)] * 4


def test_when_a_batch_call_fails_each_record_is_tried_on_its_own(caplog: Any) -> None:
    store = GatedStore(fail_batches=True)
    with caplog.at_level("ERROR", logger="estel.server"):
        run_burst(store, 4)
    assert store.calls == [("complete", 1), ("complete_many", 3), *[("complete", 1)] * 3]
    assert len({r.id for r in store.saved}) == 4  # nothing lost
    assert any("saving the finished interview failed" in r.message for r in caplog.records)


def test_batches_are_capped_at_max_batch() -> None:
    store = GatedStore()
    service = BrainService(Engine(ScriptedBrain()), store)
    service.MAX_BATCH = 2
    bodies = final_bodies(6)
    service.turn(bodies[0])
    assert store.entered.wait(10)
    for body in bodies[1:]:
        service.turn(body)
    store.gate.set()
    service.flush()
    assert store.calls == [("complete", 1), ("complete_many", 2), ("complete_many", 2),
                           ("complete", 1)]


def test_a_burst_of_final_turns_lands_in_sqlite(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "estel.db")
    service = BrainService(Engine(ScriptedBrain()), store)
    for body in final_bodies(30):
        service.turn(body)
    service.flush()
    rows = store.list(limit=100)
    assert len(rows) == 30
    assert sorted(r.transcript[0].answer for r in rows) == sorted(
        f"Answer number {n}." for n in range(30))
    assert all(r.status == "completed" for r in rows)
