"""The HTTP replies of a turn: an envelope as JSON, with the status its outcome maps to."""

from __future__ import annotations

from starlette.responses import Response

from estel.contract import EstelInterviewEnvelope
from estel.errors import ErrorKind
from estel.handler import TurnOutcome
from estel.server.guards import envelope_bytes

SESSION_HEADER = "Estel-Session"  # the stored session a turn belongs to (sent back and forth)
# every other kind is the service's fault: 500
STATUS_BY_KIND = {ErrorKind.BAD_INPUT: 400, ErrorKind.STATE_MISMATCH: 409,
                  ErrorKind.STORE_FAILURE: 503}


def envelope_response(
    status: int, envelope: EstelInterviewEnvelope, headers: dict[str, str] | None = None
) -> Response:
    """A JSON response carrying the envelope (CORS headers are added by the guard)."""
    return Response(envelope_bytes(envelope), status_code=status, headers=headers,
                    media_type="application/json")


def status_of(outcome: TurnOutcome) -> int:
    """200 for success, 400 for bad input, 409 for a state that is not the stored one, 503 for
    a turn that could not be saved, 500 for everything else that is the service's fault."""
    if outcome.error_kind is None:
        return 200
    return STATUS_BY_KIND.get(outcome.error_kind, 500)


def outcome_response(outcome: TurnOutcome) -> Response:
    """The outcome's envelope, with the session id header when the turn belongs to one."""
    headers = {SESSION_HEADER: outcome.session_id} if outcome.session_id else None
    return envelope_response(status_of(outcome), outcome.envelope, headers)
