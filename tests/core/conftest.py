"""Shared helpers for the core tests, exposed as session-scoped fixtures.

With --import-mode=importlib test modules cannot import each other, so helpers live here. The
fixtures return plain functions (no per-test state) so hypothesis tests can use them too.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from estel.brains.scripted import ScriptedBrain
from estel.engine import Engine, TurnResult
from estel.handler import handle_request

REPO = Path(__file__).resolve().parents[2]
SEED_CONTRACT = REPO.parent / "shared" / "seed" / "contract.ts"

# The seed's "Locked Request Shape", first turn, verbatim (migration-plan-v2.md, section 2).
SEED_FIRST_TURN = """{
  "message": "",
  "language": "en",
  "context": {
    "context": "interview_session",
    "meta": {
      "target_role": "Business Analyst",
      "experience_level": "0-2 years",
      "difficulty": "standard",
      "questions_target": 8
    },
    "session_state": null
  }
}"""
SEED_META: dict[str, Any] = json.loads(SEED_FIRST_TURN)["context"]["meta"]


def make_request(
    message: str = "",
    state: dict[str, Any] | None = None,
    meta: dict[str, Any] | None = None,
    language: str = "en",
) -> dict[str, Any]:
    """A request in the seed's shape; `state` None is the first turn."""
    return {
        "message": message,
        "language": language,
        "context": {
            "context": "interview_session",
            "meta": copy.deepcopy(meta if meta is not None else SEED_META),
            "session_state": copy.deepcopy(state),
        },
    }


def meta_for(total: int, **changes: Any) -> dict[str, Any]:
    return {**SEED_META, "questions_target": total, **changes}


def drive(
    engine: Engine, meta: dict[str, Any], answers: Sequence[str], language: str = "en"
) -> list[dict[str, Any]]:
    """Run an interview through handle_request; returns every envelope, first turn first."""
    envelopes = [handle_request(make_request(meta=meta, language=language), engine)]
    for answer in answers:
        last = envelopes[-1]
        assert last["status"] == "success", last
        state = last["payload"]["session_state"]
        envelopes.append(
            handle_request(make_request(answer, state, meta, language), engine)
        )
    return envelopes


def engine_run(
    engine: Engine, meta_dict: dict[str, Any], answers: Sequence[str]
) -> list[TurnResult]:
    """Run an interview through the engine directly; returns every TurnResult."""
    from estel.contract import InterviewMeta

    meta = InterviewMeta.model_validate(meta_dict)
    results = [engine.start(meta)]
    for answer in answers:
        results.append(engine.answer(results[-1].state, answer, meta=meta))
    return results


def scripted_engine(**kwargs: Any) -> Engine:
    return Engine(ScriptedBrain(**kwargs))


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seed_first_turn() -> str:
    """The seed's first-turn request, as the frontend sends it (JSON text)."""
    return SEED_FIRST_TURN


@pytest.fixture(scope="session")
def request_for() -> Callable[..., dict[str, Any]]:
    return make_request


@pytest.fixture(scope="session")
def meta() -> Callable[..., dict[str, Any]]:
    return meta_for


@pytest.fixture(scope="session")
def interview() -> Callable[..., list[dict[str, Any]]]:
    return drive


@pytest.fixture(scope="session")
def engine_interview() -> Callable[..., list[TurnResult]]:
    return engine_run


@pytest.fixture(scope="session")
def new_engine() -> Callable[..., Engine]:
    return scripted_engine


@pytest.fixture(scope="session")
def seed_contract() -> Path:
    return SEED_CONTRACT


@pytest.fixture(scope="session")
def clone() -> Callable[[Any], Any]:
    """A deep copy through JSON: what a client echoes back."""
    return lambda value: json.loads(json.dumps(value))
