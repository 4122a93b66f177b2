"""Contract ↔ row: the one place that turns interview turns into interview_sessions rows.

The app, the HTTP service and the stores call only these functions, so the column mapping lives
here and nowhere else. Rows are plain dicts: JSON-ready for PostgREST (`row_from_record`), with the
array and transcript columns as JSON text for SQLite (`sqlite_row`); `record_from_row` reads both.
Timestamps are ISO 8601 in UTC with microseconds (fixed width, so they also sort as text).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter, ValidationError

from estel import length, session
from estel.contract import (
    InterviewFeedbackPayload,
    InterviewMeta,
    InterviewSessionState,
    InterviewTranscriptItem,
    InterviewTurnResponse,
)
from estel.engine import TurnResult
from estel.errors import BadInput
from estel.store.base import SessionRecord, TranscriptEntry
from estel.store.digest import opening_columns, turn_columns
from estel.store.digest import state_digest as state_digest  # re-exported for callers
from estel.store.transcript import AnswersFacts, build_transcript

COLUMNS: tuple[str, ...] = tuple(SessionRecord.model_fields)
ARRAY_COLUMNS = ("strengths", "improvements", "skill_gaps", "next_steps")
JSON_COLUMNS = (*ARRAY_COLUMNS, "transcript")
OBJECT_COLUMNS = ("score_so_far", "open_question", "extensions")  # JSON objects, or null
TIME_COLUMNS = ("created_at", "completed_at", "updated_at")
SCORE_COLUMNS = ("communication_score", "content_score", "confidence_score", "overall_score")

_TRANSCRIPT = TypeAdapter(list[TranscriptEntry])

# uuid5 namespace for ids derived from a finished interview (stateless server saves)
FINAL_TURN_NAMESPACE = uuid.UUID("6f1c2f0e-5d7b-4a59-9a43-5e7a2c1b9d10")

def utc_now() -> datetime:
    return datetime.now(UTC)


def to_utc(value: datetime) -> datetime:
    """Aware UTC datetime; a naive one is taken to be UTC already."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def iso_utc(value: datetime) -> str:
    """'2026-11-28T10:00:00.000000+00:00': fixed width, so text order is time order."""
    return to_utc(value).isoformat(timespec="microseconds")


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
        **_meta_columns(meta),
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
    if (_meta_columns(final.state.meta) != _meta_columns(record)
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
    if _meta_columns(turn.state.meta) != _meta_columns(record) or \
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


def stored_response(record: SessionRecord) -> InterviewTurnResponse:
    """The last turn the session's row holds, in the contract's shape: the open question with
    the session_state sent with it, or a completed session's final feedback.

    This is the service's trusted copy of the interview. Raises BadInput for an abandoned
    session or a row saved before per-turn saving (it has no open question to resume).
    """
    if record.status == "completed":
        return contract_response_from_record(record)
    if record.status == "abandoned":
        raise BadInput("This interview was abandoned; start a new one.")
    if record.open_question is None or record.score_so_far is None or not record.transcript:
        raise BadInput("This interview was saved before turns were saved one by one, so it "
                       "cannot be resumed; start a new one.")
    bounds = record.length_bounds
    total = record.total_questions
    number = len(record.transcript)
    state = InterviewSessionState(
        phase=length.plan_for(total, bounds)[number - 1] if number <= total else "wrap_up",
        question_index=number,
        total_questions=total,
        score_so_far=record.score_so_far,
        transcript=[InterviewTranscriptItem(question_id=e.question_id, question=e.question,
                                            topic=e.topic,
                                            **({"answer": e.answer} if e.answer else {}))
                    for e in record.transcript],
        meta=InterviewMeta(**_meta_columns(record)),
    )
    length.check_any_state(state, state.meta, bounds)
    return InterviewTurnResponse(type="interview_turn", session_state=state,
                                 payload=record.open_question)


def record_from_final_turn(
    final: TurnResult, *, language: str = "en", now: datetime | None = None
) -> SessionRecord:
    """Create and complete in one, for the stateless HTTP service that only sees the last turn.

    The id is derived from the finished state, so saving the same interview twice is one row.
    """
    session_id = str(uuid.uuid5(FINAL_TURN_NAMESPACE, final.state.model_dump_json()))
    record = new_record(final, language=language, session_id=session_id, now=now)
    return completed_record(record, [final], now=now)


def contract_response_from_record(record: SessionRecord) -> InterviewTurnResponse:
    """A completed session's final turn in the contract's shape, rebuilt from its row.

    It equals the engine's final InterviewTurnResponse. Not stored, so not rebuilt: the
    envelope's `message` (that turn's warnings). Raises BadInput for a row that cannot give one.
    """
    if record.status != "completed":
        raise BadInput(f"Only a completed session has final feedback; this one is "
                       f"{record.status.replace('_', ' ')}.")
    scores = {"communication": record.communication_score, "content": record.content_score,
              "confidence": record.confidence_score}
    if record.overall_score is None or any(v is None for v in scores.values()):
        raise BadInput("The stored session has no final scores.")
    total = record.total_questions
    try:
        response = InterviewTurnResponse.model_validate({
            "type": "interview_turn",
            "session_state": {
                "phase": "wrap_up", "question_index": total, "total_questions": total,
                "score_so_far": scores,
                "transcript": [e.model_dump(include={"question_id", "question", "answer",
                                                     "topic"}, exclude_none=True)
                               for e in record.transcript],
                "meta": _meta_columns(record),
            },
            "payload": {
                "kind": "feedback", "end_of_interview": True, "summary": record.summary,
                "strengths": record.strengths, "improvements": record.improvements,
                "scores": {**scores, "overall": record.overall_score},
                "skill_gaps": record.skill_gaps, "next_steps": record.next_steps,
            },
        })
    except ValidationError as error:
        first = error.errors(include_url=False, include_input=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise BadInput(f"The stored session does not fit the contract: {where}: "
                       f"{first['msg']}.") from error
    state = response.session_state
    # the session rules, as for an incoming state
    length.check_any_state(state, state.meta, record.length_bounds)
    if not session.is_finished(state):
        raise BadInput("The stored session's transcript has an unanswered question.")
    return response


def row_from_record(record: SessionRecord) -> dict[str, Any]:
    """The JSON-ready row (PostgREST body): arrays as lists, timestamps ISO 8601 UTC."""
    row = record.model_dump(mode="json")
    for column in TIME_COLUMNS:
        value = getattr(record, column)
        row[column] = iso_utc(value) if value is not None else None
    row["transcript"] = [e.model_dump(mode="json", exclude_none=True) for e in record.transcript]
    for column in OBJECT_COLUMNS:
        value = getattr(record, column)
        row[column] = value.model_dump(mode="json", exclude_none=True) if value else None
    return row


def sqlite_row(record: SessionRecord) -> dict[str, Any]:
    """The row for SQLite: like `row_from_record`, with arrays and transcript as JSON text."""
    # attribute access and pydantic's JSON encoder: about 3x faster than via row_from_record
    row = {column: getattr(record, column) for column in COLUMNS}
    for column in TIME_COLUMNS:
        row[column] = iso_utc(row[column]) if row[column] is not None else None
    for column in ARRAY_COLUMNS:
        row[column] = json.dumps(row[column], ensure_ascii=False, separators=(",", ":"))
    row["transcript"] = _TRANSCRIPT.dump_json(record.transcript, exclude_none=True).decode()
    for column in OBJECT_COLUMNS:
        value = row[column]
        row[column] = value.model_dump_json(exclude_none=True) if value is not None else None
    return row


def record_from_json(text: str | bytes) -> SessionRecord:
    """A record from one row as a JSON object (what SQLite's json_object() gives): fast path."""
    return SessionRecord.model_validate_json(text)


def record_from_row(row: Mapping[str, Any]) -> SessionRecord:
    """A record from a SQLite or PostgREST row; columns it does not know are ignored."""
    given = dict(row)  # a Mapping, or a sqlite3.Row (which has keys() but is no Mapping)
    data = {column: given[column] for column in COLUMNS if column in given}
    for column in JSON_COLUMNS:
        value = data.get(column)
        if isinstance(value, str | bytes):
            value = json.loads(value)
        data[column] = [] if value is None else value
    for column in OBJECT_COLUMNS:
        if isinstance(data.get(column), str | bytes):
            data[column] = json.loads(data[column])
    for column in TIME_COLUMNS:
        value = data.get(column)
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        data[column] = to_utc(value) if isinstance(value, datetime) else value
    for column in SCORE_COLUMNS:
        if isinstance(data.get(column), Decimal | str):
            data[column] = float(data[column])
    for column in ("id", "user_id"):
        if data.get(column) is not None:
            data[column] = str(data[column])
    return SessionRecord.model_validate(data)


def _validated(data: dict[str, Any]) -> SessionRecord:
    try:
        return SessionRecord.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False, include_input=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise BadInput(f"Cannot save this session: {where}: {first['msg']}.") from error


def _meta_columns(source: InterviewMeta | SessionRecord) -> dict[str, Any]:
    return {
        "target_role": source.target_role,
        "experience_level": source.experience_level,
        "difficulty": source.difficulty,
        "questions_target": source.questions_target,
    }


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
