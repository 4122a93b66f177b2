"""handle_request: the seed's edge-function branch as a function. Never raises.

Takes the locked request (a dict, or JSON text/bytes), returns the envelope as a JSON-ready dict.
Every failure becomes `BrainEnvelope<null>` with a short, specific, safe message.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticSerializationError

from estel import length, session
from estel.contract import EstelInterviewEnvelope, error_envelope
from estel.engine import GENERIC_BRAIN_FAILURE, Engine, TurnResult
from estel.errors import BadInput, ErrorKind, EstelError
from estel.extensions import ExtendedRequest, SessionProfile, describe_validation_error

log = logging.getLogger(__name__)

SUPPORTED_MODES = ("interview_session",)
KNOWN_MODES = ("interview_session", "chat", "resume_review")


def parse_request(data: Any) -> ExtendedRequest:
    """The request model (the seed's, with its optional `context` extensions), or BadInput
    naming the first thing wrong with it."""
    if isinstance(data, bytes | bytearray):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise BadInput("The request body is not UTF-8 text.") from None
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except (json.JSONDecodeError, RecursionError):
            raise BadInput("The request is not valid JSON.") from None
    if not isinstance(data, dict):
        raise BadInput("The request must be a JSON object.")
    context = data.get("context")
    mode = context.get("context") if isinstance(context, dict) else None
    if isinstance(mode, str) and mode in KNOWN_MODES and mode not in SUPPORTED_MODES:
        raise BadInput(f"Mode '{mode}' is not supported yet.")
    try:
        request = ExtendedRequest.model_validate(data)
    except ValidationError as error:
        raise BadInput(describe_validation_error(error)) from None
    except RecursionError:
        raise BadInput("The request is nested too deeply.") from None
    try:  # a lone surrogate ("\ud800" in JSON) parses but can never be written out as UTF-8
        request.model_dump_json()
    except PydanticSerializationError:
        raise BadInput("The request contains invalid Unicode text.") from None
    session.check_message(request.message)
    return request


def run_turn(engine: Engine, request: ExtendedRequest,
             kept: SessionProfile | None = None) -> TurnResult:
    """Dispatch a parsed request to the engine: start on null state, answer otherwise.

    The profile is the session's `kept` one when there is one; else the request's own
    `context.profile` (a stateless surface, like `python -m estel turn`, reads it every turn)."""
    ctx = request.context
    bounds = length.bounds_of(ctx.length, ctx.meta)  # stateless: the request's own, every turn
    profile, warnings = kept, ()
    if profile is None and ctx.profile is not None:
        profile, warnings = engine.read_profile(ctx.profile, ctx.meta)
    if ctx.session_state is None:
        result = engine.start(ctx.meta, language=request.language, bounds=bounds,
                              profile=profile)
    else:
        result = engine.answer(ctx.session_state, request.message, meta=ctx.meta,
                               language=request.language, bounds=bounds, profile=profile)
    return replace(result, warnings=result.warnings + warnings) if warnings else result


def mode_of(data: Any) -> str:
    """Echo the request's mode in the envelope when it is a short string, as the seed does."""
    if isinstance(data, str | bytes | bytearray):  # raw bodies (CLI, HTTP): error path only
        try:
            data = json.loads(data)
        except (ValueError, RecursionError):
            return "interview_session"
    if isinstance(data, dict) and isinstance(data.get("context"), dict):
        mode = data["context"].get("context")
        if isinstance(mode, str) and 0 < len(mode) <= 40 and mode.isprintable():
            return mode
    return "interview_session"


@dataclass(frozen=True)
class TurnOutcome:
    """A turn's envelope, plus what adapters need: the result, the error kind, the request."""

    envelope: EstelInterviewEnvelope
    result: TurnResult | None = None
    error_kind: ErrorKind | None = None  # None on success; the HTTP service maps it to a status
    request: ExtendedRequest | None = None
    session_id: str | None = None  # the stored session this turn belongs to (HTTP service)


def turn_outcome(data: Any, engine: Engine) -> TurnOutcome:
    """Run one turn and say how it went. Never raises."""
    request = None
    try:
        request = parse_request(data)
        result = run_turn(engine, request)
        return TurnOutcome(result.envelope(), result, None, request)
    except EstelError as error:
        return TurnOutcome(error_envelope(error.message, mode=mode_of(data)), None, error.kind,
                           request)
    except Exception:  # the contract promises an envelope whatever happens
        log.exception("unexpected failure in handle_request")
        return TurnOutcome(error_envelope(GENERIC_BRAIN_FAILURE, mode=mode_of(data)), None,
                           ErrorKind.BRAIN_FAILURE, request)


def handle_turn(data: Any, engine: Engine) -> tuple[EstelInterviewEnvelope, TurnResult | None]:
    """The envelope for a request, and the TurnResult when the turn succeeded. Never raises."""
    outcome = turn_outcome(data, engine)
    return outcome.envelope, outcome.result


def handle_request(data: Any, engine: Engine | None = None) -> dict[str, Any]:
    """The seed's edge-function branch: request in, envelope dict out. Never raises."""
    if engine is None:
        from estel.brains import default_engine

        engine = default_engine()
    envelope, _ = handle_turn(data, engine)
    return envelope.to_wire()
