"""SessionRecord <-> row: the columns of interview_sessions and their encodings.

Rows are plain dicts: JSON-ready for PostgREST and PostgreSQL (`row_from_record`), with the
array, transcript and object columns as JSON text for SQLite (`sqlite_row`); `record_from_row`
reads both. Timestamps are ISO 8601 in UTC with microseconds (fixed width, so they also sort as
text). What a row holds after each turn is estel/store/records.py's business; this module only
encodes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter

from estel.contract import InterviewMeta
from estel.store.base import SessionRecord, TranscriptEntry

COLUMNS: tuple[str, ...] = tuple(SessionRecord.model_fields)
ARRAY_COLUMNS = ("strengths", "improvements", "skill_gaps", "next_steps")
JSON_COLUMNS = (*ARRAY_COLUMNS, "transcript")
OBJECT_COLUMNS = ("score_so_far", "open_question", "extensions")  # JSON objects, or null
TIME_COLUMNS = ("created_at", "completed_at", "updated_at")
SCORE_COLUMNS = ("communication_score", "content_score", "confidence_score", "overall_score")

_TRANSCRIPT = TypeAdapter(list[TranscriptEntry])


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_utc(value: datetime) -> datetime:
    """Aware UTC datetime; a naive one is taken to be UTC already."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def iso_utc(value: datetime) -> str:
    """'2026-11-28T10:00:00.000000+00:00': fixed width, so text order is time order."""
    return to_utc(value).isoformat(timespec="microseconds")


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


def meta_columns(source: InterviewMeta | SessionRecord) -> dict[str, Any]:
    """The columns that mirror the contract's meta (they identify the interview)."""
    return {
        "target_role": source.target_role,
        "experience_level": source.experience_level,
        "difficulty": source.difficulty,
        "questions_target": source.questions_target,
    }
