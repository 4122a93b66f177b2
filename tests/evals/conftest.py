"""Fixtures for the eval harness tests: an offline run, a clean environment, a fake OpenAI server.

The fake (tests/support/fake_openai.py) is a real HTTP server on 127.0.0.1 speaking chat
completions, so the official client, the OpenAI brain and the judge are exercised over HTTP.
Interviewer requests are answered by turn kind; judge requests (recognised by the judge's system
prompt) from a script of replies, else with an all-true grade.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any

import pytest
from fake_openai import FakeOpenAI, Seen, Step, fast_client
from settings_env import clear_settings_env

from estel.evals import EvalConfig, EvalRun, run_eval
from estel.evals.judge import JUDGE_MARKER

OFFLINE_ROLES = ("Data Scientist", "Business Analyst")
ALL_TRUE = {"relevant": True, "non_repeating": True, "phase_appropriate": True,
            "adapts_to_answer": True, "feedback_actionable": True,
            "reasons": {"relevant": "Questions fit the role."}}
USAGE = {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150}


class JudgedFake(FakeOpenAI):
    """The fake server, with judge requests answered from `judge_script`, then all-true."""

    def __init__(self) -> None:
        super().__init__(usage=USAGE)
        self.judge_script: deque[Any] = deque()  # dict -> JSON reply, str -> raw, int -> status

    def judge_requests(self) -> list[Seen]:
        return [r for r in self.requests if _is_judge(r)]

    def answer(self, seen: Seen, number: int) -> Step:
        if _is_judge(seen):
            return self.step(self.judge_script.popleft() if self.judge_script else ALL_TRUE)
        return super().answer(seen, number)


def _is_judge(seen: Seen) -> bool:
    return JUDGE_MARKER in seen["messages"][0]["content"]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """No setting leaks in from the machine; the session DB lives in tmp_path."""
    clear_settings_env(monkeypatch)
    monkeypatch.setenv("ESTEL_DB_PATH", str(tmp_path / "estel.db"))
    fast_client(monkeypatch)


@pytest.fixture
def fake_openai(monkeypatch: pytest.MonkeyPatch) -> Iterator[JudgedFake]:
    """The fake server, with the environment pointing the OpenAI brain at it."""
    with JudgedFake() as fake:
        for name, value in {**fake.env(), "ESTEL_OPENAI_MAX_RETRIES": "0"}.items():
            monkeypatch.setenv(name, value)
        yield fake


@pytest.fixture(scope="session")
def offline_run() -> EvalRun:
    """Every persona through 8-question interviews on the offline brain, for two roles."""
    return run_eval(EvalConfig(brain="offline", roles=OFFLINE_ROLES))
