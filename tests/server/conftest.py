"""Fixtures for the HTTP service tests: real uvicorn servers on free loopback ports.

Each server runs `uvicorn.Server` in a thread on a socket bound to 127.0.0.1:0 (no port race).
Helpers are exposed as fixtures because test modules cannot import each other (importlib mode).
"""

from __future__ import annotations

import copy
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from wire_requests import interview_request

from estel.brains.scripted import ScriptedBrain
from estel.config import load_settings
from estel.contract import EstelInterviewEnvelope
from estel.engine import Engine
from estel.server import create_app
from estel.store.sqlite import SQLiteStore

SEED_META: dict[str, Any] = {
    "target_role": "Business Analyst",
    "experience_level": "0-2 years",
    "difficulty": "standard",
    "questions_target": 8,
}


class MemoryStore:
    """A SessionStore fake: rows in a dict, per-turn writes with the compare-and-set a real
    store does; can be told to fail (every write raises)."""

    description = "memory (tests)"

    def __init__(self, fail: bool = False) -> None:
        self.rows: dict[str, Any] = {}
        self.fail = fail
        self.calls: list[int] = []  # the batch size of each save_turns call

    @property
    def completed(self) -> list[Any]:
        return [r for r in self.rows.values() if r.status == "completed"]

    def save_turns(self, writes: Any) -> list[Any]:
        from estel.store.base import SaveReceipt

        if self.fail:
            raise OSError("disk full")
        self.calls.append(len(writes))
        receipts = []
        for write in writes:
            current = self.rows.get(write.record.id)
            if not write.fits(dict(current) if current is not None else None):
                receipts.append(SaveReceipt(saved=False, location="memory", conflict=True))
                continue
            self.rows[write.record.id] = write.record
            receipts.append(SaveReceipt(saved=True, location="memory"))
        return receipts

    def get(self, session_id: str) -> Any:
        return self.rows.get(session_id)

    def find_by_digest(self, digest: str, limit: int = 8) -> list[Any]:
        found = [r for r in self.rows.values() if r.state_digest == digest]
        return sorted(found, key=lambda r: (r.status != "in_progress", r.created_at))[:limit]


def seed_request(message: str = "", state: dict[str, Any] | None = None,
                 meta: dict[str, Any] | None = None, mode: str = "interview_session"
                 ) -> dict[str, Any]:
    """The seed's locked request shape; `state` None is the first turn."""
    return interview_request(message, state, meta=meta or SEED_META, mode=mode)


def make_app(brain: Any = None, store: Any = None, **settings: Any) -> Any:
    """An app with a scripted brain (unless given), a memory store and explicit settings."""
    engine = Engine(brain if brain is not None else ScriptedBrain())
    return create_app(load_settings(environ={}, **settings), engine,
                      store if store is not None else MemoryStore())


@contextmanager
def running(app: Any) -> Iterator[str]:
    """Serve `app` with uvicorn on a free loopback port; yields the base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@contextmanager
def running_on_sqlite(path: Path, brain: Any = None) -> Iterator[tuple[str, SQLiteStore]]:
    """The service on a real SQLite file, with the scripted brain unless given (it scores
    answers by their length): (base URL, the store)."""
    store = SQLiteStore(path)
    engine = Engine(brain if brain is not None else ScriptedBrain())
    with running(create_app(load_settings(environ={}), engine, store)) as url:
        yield url, store


def assert_envelope(response: Any, status: int, message_part: str = "") -> EstelInterviewEnvelope:
    """The response has `status`, a JSON content type and a body that is an error envelope."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    envelope = EstelInterviewEnvelope.model_validate_json(response.content)
    if status != 200:
        assert envelope.status == "error"
        assert envelope.payload is None
        assert message_part in (envelope.message or "")
    return envelope


@pytest.fixture(scope="session")
def seed_meta() -> dict[str, Any]:
    return copy.deepcopy(SEED_META)


@pytest.fixture(scope="session")
def request_for() -> Callable[..., dict[str, Any]]:
    return seed_request


@pytest.fixture(scope="session")
def app_with() -> Callable[..., Any]:
    return make_app


@pytest.fixture(scope="session")
def serve() -> Callable[[Any], Any]:
    return running


@pytest.fixture(scope="session")
def serve_sqlite() -> Callable[..., Any]:
    return running_on_sqlite


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, SQLiteStore]]:
    """The service on a SQLite file in tmp_path with the scripted brain: (base URL, store)."""
    with running_on_sqlite(tmp_path / "estel.db") as service:
        yield service


@pytest.fixture(scope="session")
def envelope_of() -> Callable[..., EstelInterviewEnvelope]:
    return assert_envelope


@pytest.fixture(scope="session")
def memory_store() -> Callable[..., MemoryStore]:
    return MemoryStore


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """A default server: scripted brain, memory store, no auth, generous rate limit."""
    with running(make_app(rate_limit_per_minute=100_000)) as url:
        yield url
