"""Turns -> record: the interview_sessions row an interview's turns make.

The app, the HTTP service and the stores build a session's record only with these functions:
when it starts (`new_record`), after each answer (`advanced_record`), at its feedback
(`completed_record`, or `record_from_final_turn` for a service that sees only the last turn) and
when it is left (`abandoned_record`). Each question's transcript entry is
estel/store/transcript.py's; the row encodings are estel/store/rows.py; the way back, from a
stored row to the contract's turn, is estel/store/stored_turn.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from estel.contract import InterviewFeedbackPayload
from estel.engine import TurnResult
from estel.errors import BadInput
from estel.store.base import SessionRecord
from estel.store.digest import opening_columns, turn_columns
from estel.store.digest import state_digest as state_digest  # re-exported for callers
from estel.store.rows import meta_columns, to_utc, utc_now
from estel.store.transcript import AnswersFacts, build_transcript

# uuid5 namespace for ids derived from a finished interview (stateless server saves)
FINAL_TURN_NAMESPACE = uuid.UUID("6f1c2f0e-5d7b-4a59-9a43-5e7a2c1b9d10")

def new_record(
    opening: TurnResult,
    *,
    language: str = "en",
    user_id: str | None = None,
    session_id: str | None = None,
    now: datetime | None = None,
) -> SessionRecord:
    """The in_progress row written when an interview starts (from its first turn)."""
    meta = opening.state.meta
    model, prompt_version = trace_fields([opening])
    now = to_utc(now or utc_now())
    return _validated({
        "id": _uuid_text(session_id, "session_id") if session_id else str(uuid.uuid4()),
        "user_id": _uuid_text(user_id, "user_id") if user_id else None,
        "created_at": now,
        "status": "in_progress",
        **meta_columns(meta),
        "language": language,
        "brain": opening.session_brain,  # the configured brain, even if a fallback answered
        "model": model,
        "prompt_version": prompt_version,
        "transcript": build_transcript(opening.state, [opening], bounds=opening.bounds),
        **turn_columns(opening, now),
        **opening_columns(opening),
    })


def completed_record(
    record: SessionRecord, turns: Sequence[TurnResult], *, now: datetime | None = None,
    answers: AnswersFacts | None = None,
) -> SessionRecord:
    """The row with the final feedback, scores and transcript filled in (status completed).

    `turns` are the interview's turns in order (opening … feedback), or any tail of them down
    to just the final feedback turn; what earlier turns said is kept from `record.transcript`.
    `answers` (question number -> AnswerFacts) adds how answers were given (time, timer limit,
    spoken delivery).
    """
    final = turns[-1] if turns else None
    feedback = final.response.payload if final is not None else None
    if final is None or not isinstance(feedback, InterviewFeedbackPayload):
        raise BadInput("The interview is not finished yet: there is no final feedback to save.")
    if (meta_columns(final.state.meta) != meta_columns(record)
            or final.bounds != record.length_bounds):
        raise BadInput("These turns belong to a different interview than the session record.")
    model, prompt_version = trace_fields(turns)
    now = to_utc(now or utc_now())
    return _validated({
        **dict(record),  # shallow: nested models stay models (strict contract models re-check)
        "status": "completed",
        "completed_at": now,
        "model": record.model or model,
        "prompt_version": record.prompt_version or prompt_version,
        "summary": feedback.summary,
        "strengths": list(feedback.strengths),
        "improvements": list(feedback.improvements),
        "skill_gaps": list(feedback.skill_gaps or []),
        "next_steps": list(feedback.next_steps or []),
        "communication_score": feedback.scores.communication,
        "content_score": feedback.scores.content,
        "confidence_score": feedback.scores.confidence,
        "overall_score": feedback.scores.overall,
        "transcript": build_transcript(final.state, turns, record.transcript, answers,
                                       bounds=final.bounds),
        **turn_columns(final, now),
    })


def advanced_record(
    record: SessionRecord, turn: TurnResult, *, now: datetime | None = None,
    answers: AnswersFacts | None = None,
) -> SessionRecord:
    """The row after one answer turn: the transcript with that answer and its assessment, the
    next open question and the new digest; completed when `turn` is the final feedback.
    `answers` (question number -> AnswerFacts) adds how answers were given."""
    if turn.finished:
        return completed_record(record, [turn], now=now, answers=answers)
    if meta_columns(turn.state.meta) != meta_columns(record) or \
            turn.bounds != record.length_bounds:
        raise BadInput("This turn belongs to a different interview than the session record.")
    now = to_utc(now or utc_now())
    return _validated({
        **dict(record),
        "transcript": build_transcript(turn.state, [turn], record.transcript, answers,
                                       bounds=turn.bounds),
        **turn_columns(turn, now),
    })


def abandoned_record(record: SessionRecord, *, now: datetime | None = None) -> SessionRecord:
    """The row of an interview left before its feedback (written with `store.complete`)."""
    if record.status == "completed":
        raise BadInput("A completed session cannot be marked abandoned.")
    now = to_utc(now or utc_now())
    return _validated({**dict(record), "status": "abandoned", "completed_at": now,
                       "updated_at": now})


def record_from_final_turn(
    final: TurnResult, *, language: str = "en", now: datetime | None = None
) -> SessionRecord:
    """Create and complete in one, for the stateless HTTP service that only sees the last turn.

    The id is derived from the finished state, so saving the same interview twice is one row.
    """
    session_id = str(uuid.uuid5(FINAL_TURN_NAMESPACE, final.state.model_dump_json()))
    record = new_record(final, language=language, session_id=session_id, now=now)
    return completed_record(record, [final], now=now)


def _validated(data: dict[str, Any]) -> SessionRecord:
    try:
        return SessionRecord.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False, include_input=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise BadInput(f"Cannot save this session: {where}: {first['msg']}.") from error


def trace_fields(turns: Sequence[TurnResult]) -> tuple[str | None, str | None]:
    """Model and prompt version of the first turn the configured brain answered itself.

    A turn the fallback answered would name the offline brain's prompt for an OpenAI session.
    """
    for turn in turns:
        if turn.trace is not None and not turn.fell_back:
            return turn.trace.model, turn.trace.prompt_version
    return None, None


def _uuid_text(value: str, name: str) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise BadInput(f"{name} must be a UUID.") from None
