"""Fixtures for the eval harness tests: an offline run, a clean environment, a fake OpenAI server.

The fake is a real HTTP server on 127.0.0.1 speaking chat completions, so the official client,
the OpenAI brain and the judge are exercised over HTTP. Interviewer requests are answered by
turn kind (from the json_schema name); judge requests (recognised by the judge's system prompt)
from a script of replies, else with an all-true grade.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections import deque
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from estel.brains.openai_brain import reset_server_quirks
from estel.config import SETTING_NAMES
from estel.evals import EvalConfig, EvalRun, run_eval
from estel.evals.judge import JUDGE_MARKER

OFFLINE_ROLES = ("Data Scientist", "Business Analyst")
ALL_TRUE = {"relevant": True, "non_repeating": True, "phase_appropriate": True,
            "adapts_to_answer": True, "feedback_actionable": True,
            "reasons": {"relevant": "Questions fit the role."}}
FEEDBACK = {"summary": "A fair interview with room to grow.", "strengths": ["Clear"],
            "improvements": ["Add numbers"], "skill_gaps": ["metrics"],
            "next_steps": ["Practise STAR"]}


def assessment(score: float) -> dict[str, Any]:
    return {"communication": score, "content": score, "confidence": score, "note": "Noted."}


class FakeOpenAI:
    """Chat completions on 127.0.0.1: interviewer replies by kind, judge replies by script."""

    def __init__(self) -> None:
        self.judge_script: deque[Any] = deque()  # dict -> JSON reply, str -> raw, int -> status
        self.requests: list[dict[str, Any]] = []
        self.broken_questions = False  # reply garbage to every question turn
        self.score_by_marker: dict[str, float] = {}  # answer contains marker -> assessed score
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def judge_requests(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if _is_judge(r)]

    def reply(self, body: dict[str, Any]) -> tuple[int, Any]:
        with self._lock:
            self.requests.append(body)
            number = next(self._numbers)
            if _is_judge(body):
                step = self.judge_script.popleft() if self.judge_script else ALL_TRUE
                if isinstance(step, int):
                    return step, {"error": {"message": "judge down", "type": "server_error"}}
                return 200, completion(step if isinstance(step, str) else json.dumps(step))
        kind = _kind(body)
        if kind == "question" and self.broken_questions:
            return 200, completion("this is not JSON")
        question = {"question": f"Fake question {number}: what did you learn from task {number}?",
                    "topic": f"Topic {number}", "difficulty": "medium", "helper_hint": "Be brief."}
        score = self._score(body)
        content = {"opening": {"question": question},
                   "question": {"assessment": assessment(score), "question": question},
                   "feedback": {"assessment": assessment(score), "feedback": FEEDBACK}}[kind]
        return 200, completion(json.dumps(content))

    def _score(self, body: dict[str, Any]) -> float:
        text = json.dumps(body["messages"][-1]["content"])
        return next((s for marker, s in self.score_by_marker.items() if marker in text), 5.0)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                status, body = fake.reply(json.loads(self.rfile.read(length) or b"{}"))
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(raw)))
                if status >= 500:
                    self.send_header("retry-after-ms", "1")
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler


def completion(content: str) -> dict[str, Any]:
    return {"id": "chatcmpl-eval", "object": "chat.completion", "created": 1, "model": "fake",
            "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                         "message": {"role": "assistant", "content": content, "refusal": None}}],
            "usage": {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150}}


def _is_judge(body: dict[str, Any]) -> bool:
    return JUDGE_MARKER in body["messages"][0]["content"]


def _kind(body: dict[str, Any]) -> str:
    name = ((body.get("response_format") or {}).get("json_schema") or {}).get("name", "")
    return {"OpeningReply": "opening", "QuestionReply": "question"}.get(name, "feedback")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """No setting leaks in from the machine; the session DB lives in tmp_path."""
    for name in SETTING_NAMES.values():
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ESTEL_DB_PATH", str(tmp_path / "estel.db"))
    monkeypatch.setattr("openai._base_client.INITIAL_RETRY_DELAY", 0.01)
    reset_server_quirks()


@pytest.fixture
def fake_openai(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAI]:
    """The fake server, with the environment pointing the OpenAI brain at it."""
    fake = FakeOpenAI()
    fake.thread.start()
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-eval")
    monkeypatch.setenv("ESTEL_OPENAI_MODEL", "fake-model")
    monkeypatch.setenv("ESTEL_OPENAI_MAX_RETRIES", "0")
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


@pytest.fixture(scope="session")
def offline_run() -> EvalRun:
    """Every persona through 8-question interviews on the offline brain, for two roles."""
    return run_eval(EvalConfig(brain="offline", roles=OFFLINE_ROLES))
