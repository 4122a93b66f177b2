"""The digest of a session_state (what a request's state must match) and the per-turn columns
a turn writes into its interview's row."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from estel.contract import InterviewQuestionPayload, InterviewSessionState
from estel.engine import TurnResult
from estel.extensions import SessionExtensions


def state_digest(state: InterviewSessionState) -> str:
    """sha256 of the state's canonical JSON: what a request's session_state must match.

    Canonical because it is computed on the parsed model (key order, 5 vs 5.0, an omitted vs an
    absent answer all come out the same), so only a change of content changes it.
    """
    return hashlib.sha256(state.model_dump_json(exclude_none=True).encode("utf-8")).hexdigest()


def turn_columns(turn: TurnResult, now: datetime) -> dict[str, Any]:
    """The per-turn columns after `turn`: its scores, its open question and its state's digest."""
    payload = turn.response.payload
    return {
        "updated_at": now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC),
        "score_so_far": turn.state.score_so_far,
        "open_question": payload if isinstance(payload, InterviewQuestionPayload) else None,
        "state_digest": state_digest(turn.state),
    }


def opening_columns(opening: TurnResult) -> dict[str, Any]:
    """What the session keeps from its first request: the adaptive minimum (None: fixed
    length) and its context extensions (None: it had none)."""
    return {
        "min_questions": opening.bounds.min_questions if opening.bounds else None,
        "extensions": SessionExtensions(profile=opening.profile) if opening.profile else None,
    }
