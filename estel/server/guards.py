"""What stands in front of a turn: CORS, the envelope safety net, rate limit, body size.

CORS is Starlette's `CORSMiddleware` (configured by `cors_options`); the bearer token is FastAPI's
`HTTPBearer` (estel.server.app). What is left here is ours: the envelope safety net, the body
reader and the rate limiter.

The rate limiter stays our own, on purpose: it is a token bucket per client (a burst of
`per_minute`, then one turn every 60/per_minute s) that says exactly how long to wait for
Retry-After, with an injectable clock so its tests are exact. `limits` / `slowapi` offer fixed or
moving windows instead (after a burst a client waits for the window, not for the next token),
read the wall clock, and slowapi answers with its own 429 body where ours must be an envelope;
for ~40 lines that is not a better trade.
"""

from __future__ import annotations

import hmac
import logging
import math
import threading
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from estel.contract import EstelInterviewEnvelope, error_envelope
from estel.engine import GENERIC_BRAIN_FAILURE

log = logging.getLogger("estel.server")

# Room for the largest valid request: a first turn carrying context.profile (a 20,000-character
# job description and a 30,000-character résumé) is ~300 KB when every character is
# \u-escaped JSON (6 bytes); 64 KiB refused valid non-Latin profiles with 413.
MAX_BODY_BYTES = 512 * 1024
# The seed's corsHeaders, plus what a browser needs for preflight and to read Retry-After.
CORS_ALLOW_HEADERS = ("authorization", "x-client-info", "apikey", "content-type",
                      "estel-session")
CORS_ALLOW_METHODS = ("GET", "POST", "OPTIONS")
CORS_EXPOSE_HEADERS = ("Retry-After", "Estel-Session")
CORS_MAX_AGE = 600


def envelope_bytes(envelope: EstelInterviewEnvelope) -> bytes:
    """The envelope as the wire JSON (optional fields omitted, never null)."""
    return envelope.to_json().encode("utf-8")


class BodyTooLarge(Exception):
    """The request body is over the limit (declared or actually sent)."""


async def read_limited(
    stream: AsyncIterator[bytes], declared: str | None, limit: int = MAX_BODY_BYTES
) -> bytes:
    """The whole body, or BodyTooLarge as soon as the declared or streamed size passes `limit`."""
    if declared is not None and declared.strip().isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in stream:
        size += len(chunk)
        if size > limit:  # a lying or absent Content-Length: stop reading, don't buffer it all
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def token_matches(presented: str | None, token: str | None) -> bool:
    """True when no token is configured, or the presented bearer credentials are it
    (constant-time compare)."""
    if not token:
        return True
    if not presented:
        return False
    return hmac.compare_digest(presented.strip().encode("utf-8"), token.encode("utf-8"))


class RateLimiter:
    """A token bucket per client: `per_minute` turns, refilled continuously, burst = per_minute.

    In-process: with N uvicorn workers each worker keeps its own buckets.
    """

    MAX_KEYS = 10_000  # beyond this, forget clients whose bucket has refilled

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0  # tokens per second
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, at)
        self._lock = threading.Lock()

    def acquire(self, key: str) -> int | None:
        """None when the turn may go ahead, else whole seconds until it may (for Retry-After)."""
        with self._lock:
            now = self._clock()
            tokens, at = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - at) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                if len(self._buckets) > self.MAX_KEYS:
                    self._forget_full(now)
                return None
            self._buckets[key] = (tokens, now)
            return max(1, math.ceil(round((1.0 - tokens) / self.rate, 6)))  # 10.0000001 -> 10

    def _forget_full(self, now: float) -> None:
        full = [k for k, (t, at) in self._buckets.items()
                if t + (now - at) * self.rate >= self.capacity]
        for key in full:
            del self._buckets[key]


def cors_options(origins: list[str]) -> dict[str, Any]:
    """Starlette CORSMiddleware's options: the seed's headers, any or the listed origins."""
    return {"allow_origins": origins or ["*"], "allow_methods": CORS_ALLOW_METHODS,
            "allow_headers": CORS_ALLOW_HEADERS, "expose_headers": CORS_EXPOSE_HEADERS,
            "max_age": CORS_MAX_AGE}


class PreflightCORS(CORSMiddleware):
    """Starlette's CORS middleware, answering an accepted preflight 204 with no body (as the
    service always has) instead of 200 "OK"."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code != 200:
            return response
        headers = {k: v for k, v in response.headers.items()
                   if k not in ("content-length", "content-type")}
        return Response(status_code=204, headers=headers)


class EnvelopeGuard:
    """A last safety net: any exception that escapes the app becomes a 500 envelope (never a
    stack trace). Sits inside the CORS middleware, so that answer carries CORS headers too."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_tracked)
        except Exception:  # the contract: whatever happens, the caller gets an envelope
            log.exception("unhandled error while serving %s %s", scope["method"], scope["path"])
            if started:
                raise
            body = envelope_bytes(error_envelope(GENERIC_BRAIN_FAILURE))
            headers = [(b"content-type", b"application/json"),
                       (b"content-length", str(len(body)).encode())]
            await send({"type": "http.response.start", "status": 500, "headers": headers})
            await send({"type": "http.response.body", "body": body})
