"""Fixtures for the OpenAI brain tests: the fake chat-completions server and helpers.

The fake (tests/support/fake_openai.py) is a real HTTP server on 127.0.0.1, so the tests exercise
the official client's own retries, timeouts and error classes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from fake_openai import (
    API_KEY,
    ASSESSMENT,
    FEEDBACK,
    MODEL,
    FakeOpenAI,
    Step,
    completion,
    error,
    fast_client,
    kind_of,
    ok,
    question,
)

from estel.brains.openai.brain import OpenAIBrain, make_client
from estel.config import Settings, load_settings
from estel.engine import Engine
from estel.handler import handle_request

META = {"target_role": "Backend Engineer", "experience_level": "mid", "difficulty": "standard",
        "questions_target": 8}


@pytest.fixture(autouse=True)
def _fast_and_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    fast_client(monkeypatch)


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


def make_settings(base_url: str, **overrides: Any) -> Settings:
    values = {"openai_base_url": base_url, "openai_api_key": API_KEY, "openai_timeout": 2.0,
              "openai_max_retries": 2, "openai_model": MODEL, **overrides}
    return load_settings(environ={}, **values)


def make_engine(settings: Settings, prompt: Any = None) -> Engine:
    return Engine(OpenAIBrain(make_client(settings), settings, prompt=prompt))


def start_request() -> dict[str, Any]:
    return {"message": "", "language": "en",
            "context": {"context": "interview_session", "meta": META, "session_state": None}}


def answer_request(envelope: dict[str, Any], text: str) -> dict[str, Any]:
    state = envelope["payload"]["session_state"]
    return {"message": text, "language": "en",
            "context": {"context": "interview_session", "meta": state["meta"],
                        "session_state": state}}


def run(request: dict[str, Any], engine: Engine) -> dict[str, Any]:
    return handle_request(request, engine)


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    return caplog


class Kit:
    """The helpers above, for test modules (importlib mode: they cannot import conftest)."""

    API_KEY = API_KEY
    META = META
    ASSESSMENT = ASSESSMENT
    FEEDBACK = FEEDBACK
    Step = Step
    ok = staticmethod(ok)
    error = staticmethod(error)
    completion = staticmethod(completion)
    question = staticmethod(question)
    kind_of = staticmethod(kind_of)
    make_settings = staticmethod(make_settings)
    make_engine = staticmethod(make_engine)
    start_request = staticmethod(start_request)
    answer_request = staticmethod(answer_request)
    run = staticmethod(run)


@pytest.fixture
def kit() -> type[Kit]:
    return Kit
