"""The HTTP service: the seed's edge function (`POST` the locked request, get an envelope back).

Every response is a JSON envelope: FastAPI's own error pages (404, 405, 422, 500) are replaced,
and `EnvelopeGuard` catches anything that still escapes; Starlette's CORS middleware wraps it
all. The token is read by FastAPI's `HTTPBearer`, so the OpenAPI schema documents it. Turns run
in the threadpool because the engine and brains are synchronous.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, Security
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import Response, StreamingResponse

from estel import __version__
from estel.config import Settings, load_settings
from estel.contract import (
    MAX_QUESTIONS,
    MIN_QUESTIONS,
    EstelInterviewEnvelope,
    error_envelope,
)
from estel.engine import GENERIC_BRAIN_FAILURE, Engine
from estel.extensions import ExtendedRequest, published
from estel.server.events import streamed_turn
from estel.server.guards import (
    MAX_BODY_BYTES,
    BodyTooLarge,
    EnvelopeGuard,
    PreflightCORS,
    RateLimiter,
    cors_options,
    read_limited,
    token_matches,
)
from estel.server.responses import (
    SESSION_HEADER,
    envelope_response,
    outcome_response,
)
from estel.server.service import BrainService
from estel.server.warmup import warm

log = logging.getLogger("estel.server")

# parses `Authorization: Bearer <token>` (None when absent or another scheme; the route then
# answers our 401 envelope) and documents the scheme in OpenAPI
Credentials = HTTPAuthorizationCredentials | None
BEARER = Security(HTTPBearer(scheme_name="bearer", auto_error=False))

BRAIN_PATH = "/v1/brain"
STREAM_PATH = "/v1/brain/stream"
STREAM_RESPONSE: dict[str, Any] = {
    "description": "Server-sent events: `question` ({\"text\": new words}) while the model "
                   "writes; `reset` ({}) when the words shown so far are void (the reply was "
                   "redone and says something else, or the turn ended without that question): "
                   "drop them, the next `question` starts anew; then `envelope` "
                   "({\"http_status\", \"session\", \"envelope\"})",
    # before OpenAPI 3.2, an event stream's schema describes one event
    "content": {"text/event-stream": {"schema": {
        "type": "object", "required": ["event", "data"],
        "properties": {"event": {"type": "string", "enum": ["question", "reset", "envelope"]},
                       "data": {"type": "string", "description": "one line of JSON"}}}}},
}
SESSION_PATH = "/v1/sessions/{session_id}"
SESSION_NOT_FOUND = "No interview with this id."
HTTP_MESSAGES = {
    404: f"Not found. The brain answers at POST {BRAIN_PATH}.",
    405: "Method not allowed on this path.",
}
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": EstelInterviewEnvelope, "description": "Invalid input (error envelope)"},
    409: {"model": EstelInterviewEnvelope,
          "description": "session_state is not the stored interview's (changed outside Estel)"},
    503: {"model": EstelInterviewEnvelope,
          "description": "The turn could not be saved; nothing changed, send it again"},
    401: {"model": EstelInterviewEnvelope, "description": "Missing or wrong bearer token"},
    413: {"model": EstelInterviewEnvelope, "description": "Body over 512 KiB"},
    429: {"model": EstelInterviewEnvelope, "description": "Rate limit; see Retry-After"},
    500: {"model": EstelInterviewEnvelope, "description": "Brain failure (seed's error envelope)"},
}


class Health(BaseModel):
    """GET /healthz: liveness, which brain answers, where sessions are saved, the version."""

    status: str
    brain: str
    store: str
    version: str


def open_default_store(settings: Settings) -> Any | None:
    """The configured store, or None while estel.store has no open_store (logged)."""
    try:
        from estel.store import open_store
    except ImportError:
        log.warning("estel.store.open_store is not available: finished interviews are not saved")
        return None
    return open_store(settings)


def create_app(
    settings: Settings | None = None, engine: Engine | None = None, store: Any | None = None
) -> FastAPI:
    """The ASGI app. Defaults: settings from the environment, their brain, their store."""
    settings = settings or load_settings()
    if engine is None:
        from estel.brains import make_brain

        engine = Engine(make_brain(settings))
    if store is None:
        store = open_default_store(settings)
    service = BrainService(engine, store)
    app = FastAPI(title="Estel Interview Studio", version=__version__,
                  description="The seed's edge-function contract over HTTP.",
                  docs_url=None, redoc_url=None,  # no HTML pages: every response is JSON
                  lifespan=_warm_first)
    app.state.service = service
    _add_routes(app, service, settings)
    _add_error_handlers(app)
    app.add_middleware(EnvelopeGuard)  # added first: inside, so its 500 gets CORS headers
    app.add_middleware(PreflightCORS, **cors_options(settings.cors_origin_list))
    app.openapi = lambda: _openapi(app, settings)  # type: ignore[method-assign]
    return app


@asynccontextmanager
async def _warm_first(app: FastAPI) -> AsyncIterator[None]:
    """Warm the worker (`estel.server.warm`) before it accepts a connection: uvicorn serves
    only once the lifespan's start-up is done. In a thread, so the event loop stays free."""
    await run_in_threadpool(warm)
    yield


def _add_routes(app: FastAPI, service: BrainService, settings: Settings) -> None:
    limiter = RateLimiter(settings.rate_limit_per_minute)
    token = settings.api_token.get_secret_value() if settings.api_token else None

    def refused(request: Request, credentials: HTTPAuthorizationCredentials | None
                ) -> Response | None:
        """The rate limit's 429 or the bearer check's 401, else None (go ahead)."""
        wait = limiter.acquire(request.client.host if request.client else "unknown")
        if wait is not None:
            return envelope_response(429, error_envelope(
                f"Too many requests. Try again in {wait} s."), {"Retry-After": str(wait)})
        if not token_matches(credentials.credentials if credentials else None, token):
            return envelope_response(401, error_envelope(
                "Missing or invalid bearer token."), {"WWW-Authenticate": "Bearer"})
        return None

    @app.post(BRAIN_PATH, response_model=EstelInterviewEnvelope, responses=ERROR_RESPONSES,
              summary="Run one interview turn", openapi_extra=_request_body_doc())
    async def brain(request: Request, credentials: Credentials = BEARER) -> Response:
        """The seed's request in; a `BrainEnvelope` out (success or error). The reply's
        `Estel-Session` header names the stored interview; sending it back binds the next turn
        to it. A success reply means the turn is saved."""
        if (refusal := refused(request, credentials)) is not None:
            return refusal
        body = await _body(request)
        if isinstance(body, Response):
            return body
        outcome = await run_in_threadpool(service.turn, body,
                                          request.headers.get(SESSION_HEADER))
        return outcome_response(outcome)

    @app.post(STREAM_PATH, responses={**ERROR_RESPONSES, 200: STREAM_RESPONSE},
              summary="Run one interview turn, streaming the question",
              openapi_extra=_request_body_doc(), response_class=StreamingResponse)
    async def brain_stream(request: Request, credentials: Credentials = BEARER) -> Response:
        """The same turn as `POST /v1/brain`, as server-sent events: `question` events carry
        the next question's new words as the model writes them, then one `envelope` event
        carries `http_status`, `session` and the envelope `/v1/brain` would send, once the turn
        is saved. A turn that fails before any question text is the JSON error reply."""
        if (refusal := refused(request, credentials)) is not None:
            return refusal
        body = await _body(request)
        if isinstance(body, Response):
            return body
        session_id = request.headers.get(SESSION_HEADER)
        return await streamed_turn(lambda: service.turn(body, session_id))

    session_responses = {**ERROR_RESPONSES, 404: {"model": EstelInterviewEnvelope,
                                                  "description": "No interview with this id"}}

    @app.get(SESSION_PATH, response_model=EstelInterviewEnvelope, responses=session_responses,
             summary="The stored interview's last turn")
    async def stored_session(session_id: str, request: Request,
                             credentials: Credentials = BEARER) -> Response:
        """For a client that lost its state: the open question with its session_state, or the
        final feedback; the same envelope the last turn sent."""
        if (refusal := refused(request, credentials)) is not None:
            return refusal
        outcome = await run_in_threadpool(service.stored, session_id)
        if outcome is None:
            return envelope_response(404, error_envelope(SESSION_NOT_FOUND))
        return outcome_response(outcome)

    @app.get("/healthz", response_model=Health, summary="Liveness, brain and store")
    async def healthz() -> Health:
        return Health(status="ok", brain=service.engine.brain.name,
                      store=service.store_description, version=__version__)


async def _body(request: Request) -> bytes | Response:
    """The request body, or the error reply for a cut-off or oversized one."""
    try:
        return await read_limited(request.stream(), request.headers.get("content-length"))
    except ClientDisconnect:  # nobody is left to read an answer; don't log it as a crash
        return envelope_response(400, error_envelope("The request body was cut off."))
    except BodyTooLarge:
        return envelope_response(413, error_envelope(
            f"The request body is over {MAX_BODY_BYTES // 1024} KiB."), {"Connection": "close"})


def _add_error_handlers(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> Response:
        code = exc.status_code if isinstance(exc, StarletteHTTPException) else 500
        message = HTTP_MESSAGES.get(code, "The request could not be served.")
        headers = getattr(exc, "headers", None)  # keeps Allow on 405
        return envelope_response(code, error_envelope(message), dict(headers or {}))

    async def invalid_request(request: Request, exc: Exception) -> Response:
        return envelope_response(422, error_envelope("Invalid request parameters."))

    async def crashed(request: Request, exc: Exception) -> Response:
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return envelope_response(500, error_envelope(GENERIC_BRAIN_FAILURE))

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(Exception, crashed)


def _request_body_doc() -> dict[str, Any]:
    """The body is read raw (so bad JSON gets our 400 envelope) but documented as the model,
    with the seed's first-turn request as the example. An answer turn is described, not given as
    an example: its session_state must be one this service sent (a made-up one is refused, 409),
    so no fixed example could be accepted."""
    ref = {"$ref": "#/components/schemas/InterviewRequest"}
    content = {"application/json": {"schema": ref, "examples": EXAMPLES}}
    return {"requestBody": {"required": True, "content": content,
                            "description": ANSWER_TURN_DOC}}


ANSWER_TURN_DOC = (
    "The first turn sends `session_state: null` and an empty `message` (the example). To answer, "
    "send the candidate's answer as `message` with the `session_state` of the previous reply "
    "unchanged and the reply's `Estel-Session` header back; a session_state this service did not "
    "send is refused (409).")

_SEED_META = {"target_role": "Business Analyst", "experience_level": "0-2 years",
              "difficulty": "standard", "questions_target": 8}


def _seed_request() -> dict[str, Any]:
    return {"message": "", "language": "en",
            "context": {"context": "interview_session", "meta": _SEED_META,
                        "session_state": None}}


EXAMPLES = {"first_turn": {"summary": "Start an interview", "value": _seed_request()}}


def _document_rules(schemas: dict[str, Any]) -> None:
    """Say in the schema what session.check_meta enforces, so generated clients know it."""
    props = schemas["InterviewMeta"]["properties"]
    props["questions_target"].update(minimum=MIN_QUESTIONS, maximum=MAX_QUESTIONS)
    for name in ("target_role", "experience_level"):
        props[name]["pattern"] = r"\S"  # not blank


def _openapi(app: FastAPI, settings: Settings) -> dict[str, Any]:
    """FastAPI's schema plus the request model's components and, with a token, bearer auth."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description,
                         routes=app.routes)
    # the accepted request: the seed's, with its optional context extensions (context.profile)
    _, extra = models_json_schema([(ExtendedRequest, "validation")],
                                  ref_template="#/components/schemas/{model}")
    defs = published(extra).get("$defs", {})  # under the seed's names: InterviewRequest...
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {}).update(defs)
    _document_rules(components["schemas"])
    # FastAPI drops None values while encoding the schema, which took `session_state: null`
    # out of the first-turn example, so the published example was refused (400, schemathesis
    # ST202): put the examples back as written
    for path in (BRAIN_PATH, STREAM_PATH):
        body = schema["paths"][path]["post"]["requestBody"]
        body["content"]["application/json"]["examples"] = EXAMPLES
    if not settings.api_token:  # HTTPBearer documents the token; without one none is needed
        components.pop("securitySchemes", None)
        for operation in (op for path in schema["paths"].values() for op in path.values()):
            operation.pop("security", None)
    app.openapi_schema = schema
    return schema
