"""What stands in front of a turn: CORS, the envelope safety net, auth, rate limit, body size.

Pure ASGI and plain classes, no FastAPI: each guard is small enough to test on its own and cheap
enough to run on every request.
"""

from __future__ import annotations

import hmac
import logging
import math
import threading
import time
from collections.abc import AsyncIterator, Callable

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from estel.contract import EstelInterviewEnvelope, error_envelope
from estel.engine import GENERIC_BRAIN_FAILURE

log = logging.getLogger("estel.server")

MAX_BODY_BYTES = 64 * 1024
# The seed's corsHeaders, plus what a browser needs for preflight and to read Retry-After.
CORS_ALLOW_HEADERS = "authorization, x-client-info, apikey, content-type, estel-session"
CORS_ALLOW_METHODS = "GET, POST, OPTIONS"
CORS_EXPOSE_HEADERS = "Retry-After, Estel-Session"
CORS_MAX_AGE = "600"


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


def bearer_ok(authorization: str | None, token: str | None) -> bool:
    """True when no token is configured, or the header carries it (constant-time compare)."""
    if not token:
        return True
    if not authorization:
        return False
    scheme, _, presented = authorization.partition(" ")
    if scheme.lower() != "bearer":
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


class CorsAndEnvelopeGuard:
    """Outermost middleware: CORS headers on every response, OPTIONS preflight, and a last
    safety net that turns any escaped exception into a 500 envelope (never a stack trace)."""

    def __init__(self, app: ASGIApp, origins: list[str]) -> None:
        self.app = app
        self.any_origin = "*" in origins or not origins
        self.origins = frozenset(origins)

    def cors_headers(self, origin: str | None) -> list[tuple[bytes, bytes]]:
        headers = [
            (b"access-control-allow-headers", CORS_ALLOW_HEADERS.encode()),
            (b"access-control-allow-methods", CORS_ALLOW_METHODS.encode()),
            (b"access-control-expose-headers", CORS_EXPOSE_HEADERS.encode()),
        ]
        if self.any_origin:
            return [(b"access-control-allow-origin", b"*"), *headers]
        headers.append((b"vary", b"Origin"))
        if origin and origin in self.origins:
            headers.append((b"access-control-allow-origin", origin.encode("latin-1")))
        return headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cors = self.cors_headers(Headers(scope=scope).get("origin"))
        if scope["method"] == "OPTIONS":  # the seed answers every OPTIONS with its CORS headers
            await _send_preflight(send, cors)
            return
        started = False

        async def send_with_cors(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": [*message.get("headers", []), *cors]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_cors)
        except Exception:  # the contract: whatever happens, the caller gets an envelope
            log.exception("unhandled error while serving %s %s", scope["method"], scope["path"])
            if started:
                raise
            body = envelope_bytes(error_envelope(GENERIC_BRAIN_FAILURE))
            await _send_json(send, 500, body, cors)


async def _send_preflight(send: Send, cors: list[tuple[bytes, bytes]]) -> None:
    headers = [*cors, (b"access-control-max-age", CORS_MAX_AGE.encode()), (b"content-length", b"0")]
    await send({"type": "http.response.start", "status": 204, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


async def _send_json(
    send: Send, status: int, body: bytes, extra: list[tuple[bytes, bytes]]
) -> None:
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(body)).encode()), *extra]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
