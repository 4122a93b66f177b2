"""A fake OpenAI chat-completions server on 127.0.0.1, scripted per test, and helpers.

The real `openai` client talks to it over HTTP (base_url), so the tests exercise the client's own
retries, timeouts and error classes. Every request body and header is recorded.
"""

from __future__ import annotations

import itertools
import json
import logging
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from estel.brains.openai_brain import OpenAIBrain, make_client, reset_server_quirks
from estel.config import Settings, load_settings
from estel.engine import Engine
from estel.handler import handle_request

API_KEY = "sk-test-SECRET-0123456789abcdef"
META = {"target_role": "Backend Engineer", "experience_level": "mid", "difficulty": "standard",
        "questions_target": 8}


@dataclass
class Step:
    """One scripted reply: a JSON body with a status, or a dropped connection; maybe delayed."""

    status: int = 200
    body: Any = None
    delay: float = 0.0
    drop: bool = False
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def response_format(self) -> str | None:
        fmt = self.body.get("response_format")
        return fmt.get("type") if isinstance(fmt, dict) else None

    @property
    def user_text(self) -> str:
        return "\n".join(m["content"] for m in self.body["messages"] if m["role"] == "user")

    @property
    def all_text(self) -> str:
        return "\n".join(m["content"] for m in self.body["messages"])


class FakeOpenAI:
    """The scripted server. With the script empty it answers every turn with a valid reply."""

    def __init__(self) -> None:
        self.script: deque[Step] = deque()
        self.requests: list[Seen] = []
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def add(self, *steps: Step) -> None:
        self.script.extend(steps)

    def _next(self, seen: Seen) -> Step:
        with self._lock:
            self.requests.append(seen)
            if self.script:
                return self.script.popleft()
        return ok(auto_content(seen, next(self._numbers)))

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                step = fake._next(seen)
                if step.delay:
                    time.sleep(step.delay)
                if step.drop:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                raw = step.body if isinstance(step.body, bytes) else json.dumps(step.body).encode()
                try:
                    self.send_response(step.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(raw)))
                    for name, value in step.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(raw)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    self.close_connection = True

            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                pass

        return Handler


def completion(content: str | None, *, finish_reason: str = "stop", refusal: str | None = None,
               choices: bool = True) -> dict[str, Any]:
    message = {"role": "assistant", "content": content, "refusal": refusal}
    return {
        "id": "chatcmpl-test", "object": "chat.completion", "created": 1, "model": "fake-model",
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason,
                     "logprobs": None}] if choices else [],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    }


def ok(content: Any, **kwargs: Any) -> Step:
    text = content if isinstance(content, str) or content is None else json.dumps(content)
    return Step(body=completion(text, **kwargs))


def error(status: int, message: str = "error", code: str | None = None, **kwargs: Any) -> Step:
    # retry-after-ms keeps the client's own retry backoff short for 429/5xx
    headers = {"retry-after-ms": "5"} if status == 429 or status >= 500 else {}
    body = {"error": {"message": message, "type": "invalid_request_error", "code": code}}
    return Step(status=status, body=body, headers=headers, **kwargs)


def kind_of(seen: Seen) -> str:
    """Which turn a request is for: from the schema name, else from the task line."""
    fmt = seen.body.get("response_format") or {}
    name = (fmt.get("json_schema") or {}).get("name", "")
    if name:
        return {"OpeningReply": "opening", "QuestionReply": "question"}.get(name, "feedback")
    task = seen.user_text
    if "final feedback" in task:
        return "feedback"
    return "question" if "assess the answer" in task else "opening"


ASSESSMENT = {"communication": 7, "content": 6.5, "confidence": 8, "note": "Clear and specific."}


def question(n: int) -> dict[str, Any]:
    return {"question": f"Fake question number {n}: tell me about thing {n}?",
            "topic": f"Topic {n}", "difficulty": "medium", "helper_hint": "Be concrete."}


FEEDBACK = {"summary": "A solid interview overall.", "strengths": ["Clear stories"],
            "improvements": ["More numbers"], "skill_gaps": ["capacity planning"],
            "next_steps": ["Practise system design"]}


def auto_content(seen: Seen, n: int) -> dict[str, Any]:
    kind = kind_of(seen)
    if kind == "opening":
        return {"question": question(n)}
    if kind == "question":
        return {"assessment": ASSESSMENT, "question": question(n)}
    return {"assessment": ASSESSMENT, "feedback": FEEDBACK}


@pytest.fixture(autouse=True)
def _fast_and_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    # Connection-error retries have no Retry-After header: shorten the client's base backoff.
    monkeypatch.setattr("openai._base_client.INITIAL_RETRY_DELAY", 0.01)
    reset_server_quirks()


@pytest.fixture
def fake() -> Any:
    server = FakeOpenAI()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


def make_settings(base_url: str, **overrides: Any) -> Settings:
    values = {"openai_base_url": base_url, "openai_api_key": API_KEY, "openai_timeout": 2.0,
              "openai_max_retries": 2, "openai_model": "fake-model", **overrides}
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
