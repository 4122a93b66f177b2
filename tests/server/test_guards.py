"""The guards on their own: rate limiter, bearer check (through FastAPI's HTTPBearer), body
reader, the envelope safety net under Starlette's CORS middleware."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from fastapi.security import HTTPBearer
from starlette.requests import Request

from estel.contract import EstelInterviewEnvelope
from estel.server.guards import (
    BodyTooLarge,
    EnvelopeGuard,
    PreflightCORS,
    RateLimiter,
    cors_options,
    read_limited,
    token_matches,
)


def bearer_ok(header: str | None, token: str | None) -> bool:
    """What the route decides for an Authorization header: HTTPBearer parses, we compare."""
    headers = [] if header is None else [(b"authorization", header.encode("utf-8"))]
    request = Request({"type": "http", "method": "POST", "path": "/", "headers": headers})
    credentials = asyncio.run(HTTPBearer(auto_error=False)(request))
    return token_matches(credentials.credentials if credentials else None, token)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limiter_allows_a_burst_then_refills_at_the_rate():
    clock = Clock()
    limiter = RateLimiter(60, clock=clock)  # one token per second
    assert all(limiter.acquire("a") is None for _ in range(60))
    assert limiter.acquire("a") == 1
    assert limiter.acquire("b") is None  # buckets are per client
    clock.now += 1.0
    assert limiter.acquire("a") is None
    assert limiter.acquire("a") == 1


def test_rate_limiter_retry_after_is_the_time_to_the_next_token():
    clock = Clock()
    limiter = RateLimiter(2, clock=clock)  # one token per 30 s
    assert limiter.acquire("a") is None
    assert limiter.acquire("a") is None
    assert limiter.acquire("a") == 30
    clock.now += 20
    assert limiter.acquire("a") == 10


def test_rate_limiter_forgets_idle_clients_beyond_its_key_limit(monkeypatch):
    clock = Clock()
    limiter = RateLimiter(60, clock=clock)
    monkeypatch.setattr(RateLimiter, "MAX_KEYS", 3)
    for key in "abcd":
        limiter.acquire(key)
    clock.now += 120  # everyone has refilled
    limiter.acquire("e")
    limiter.acquire("f")  # over the limit again: the full buckets go
    assert set(limiter._buckets) <= {"e", "f"}


@pytest.mark.parametrize(("header", "token", "ok"), [
    (None, None, True), ("anything", "", True), (None, "t", False), ("Bearer t", "t", True),
    ("bearer t", "t", True), ("Bearer  t ", "t", True), ("Bearer x", "t", False),
    ("Token t", "t", False), ("Bearer tt", "t", False), ("Bearer é", "t", False),
])
def test_bearer_ok(header, token, ok):
    assert bearer_ok(header, token) is ok


async def _chunks(*parts: bytes):
    for part in parts:
        yield part


def test_read_limited_reads_up_to_the_limit_and_refuses_past_it():
    assert asyncio.run(read_limited(_chunks(b"ab", b"cd"), None, limit=4)) == b"abcd"
    with pytest.raises(BodyTooLarge):
        asyncio.run(read_limited(_chunks(b"ab", b"cde"), None, limit=4))
    with pytest.raises(BodyTooLarge):  # the declared size alone is enough
        asyncio.run(read_limited(_chunks(), "5", limit=4))
    # a declared size that lies low does not help: the streamed size is counted
    with pytest.raises(BodyTooLarge):
        asyncio.run(read_limited(_chunks(b"abcde"), "1", limit=4))


def test_guard_turns_an_escaped_exception_into_a_500_envelope_with_cors():
    async def broken_app(scope, receive, send):
        raise RuntimeError("secret internals")

    guard = PreflightCORS(EnvelopeGuard(broken_app), **cors_options(["*"]))
    transport = httpx.ASGITransport(app=guard)

    async def call():
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            return await client.get("/anything", headers={"Origin": "https://app.example"})

    response = asyncio.run(call())
    assert response.status_code == 500
    assert response.headers["access-control-allow-origin"] == "*"
    envelope = EstelInterviewEnvelope.model_validate_json(response.content)
    assert envelope.status == "error"
    assert "secret" not in response.text
