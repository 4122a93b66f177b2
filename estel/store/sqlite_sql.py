"""The SQL the SQLite store runs: its statements and the dashboard filters' WHERE clause."""

from __future__ import annotations

from typing import Any

from estel.store.base import FILTER_COLUMNS, SessionFilters
from estel.store.rows import COLUMNS, JSON_COLUMNS, OBJECT_COLUMNS, iso_utc

_PLACEHOLDERS = ", ".join(f":{c}" for c in COLUMNS)
_INSERT = f"INSERT INTO interview_sessions ({', '.join(COLUMNS)}) VALUES ({_PLACEHOLDERS})"
_UPDATE_ALL = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS if c != "id")
SQL_CREATE = f"{_INSERT} ON CONFLICT (id) DO NOTHING"
SQL_UPSERT = f"{_INSERT} ON CONFLICT (id) DO UPDATE SET {_UPDATE_ALL}"
# a turn's write: only while the row is in progress at the state the turn answered (compare-
# and-set, TurnWrite.fits): a late answer neither reopens nor completes an abandoned row
_TURN_WHERE = " WHERE id = :id AND state_digest = :expected_digest AND status = 'in_progress'"
SQL_TURN = ("UPDATE interview_sessions SET " + ", ".join(f"{c} = :{c}" for c in COLUMNS
                                                          if c != "id") + _TURN_WHERE)
# An answer that leaves the interview in progress changes only these columns of its row
# (records.advanced_record; tests/store/test_turn_saving.py keeps the two in step). Setting
# just them spares SQLite the six indexes on the other columns: SET names a column, SQLite
# rewrites every index holding it, equal value or not (~40 us and a dozen pages per turn).
TURN_COLUMNS = ("transcript", "updated_at", "score_so_far", "open_question", "state_digest")
SQL_TURN_PROGRESS = ("UPDATE interview_sessions SET " + ", ".join(f"{c} = :{c}"
                                                                  for c in TURN_COLUMNS)
                     + _TURN_WHERE)

# A row is read as (rowid, every column but the transcript as one JSON object, the transcript's
# stored JSON text); `_record` splices the two into one document that pydantic parses and
# validates in one go. The transcript is never re-encoded by SQLite's json() (it is valid JSON:
# the table CHECKs it), which was about a quarter of a list's SQL time.
_HEAD = "json_object(" + ", ".join(
    f"'{c}', " + (f"json({c})" if c in (*JSON_COLUMNS, *OBJECT_COLUMNS) else c)
    for c in COLUMNS if c != "transcript"
) + ")"
SELECT_ROWS = f"SELECT rowid, {_HEAD}, transcript FROM interview_sessions"
SELECT_HEADS = f"SELECT rowid, {_HEAD}, NULL FROM interview_sessions"

def where_clause(filters: SessionFilters | None) -> tuple[str, list[Any]]:
    """`WHERE ...` (or '') and its parameters for the dashboard's filters."""
    if filters is None:
        return "", []
    parts: list[str] = []
    params: list[Any] = []
    if filters.since is not None:
        parts.append("created_at >= ?")
        params.append(iso_utc(filters.since))
    if filters.until is not None:
        parts.append("created_at < ?")
        params.append(iso_utc(filters.until))
    for field_name, column in FILTER_COLUMNS.items():
        values = getattr(filters, field_name)
        if values is not None:
            parts.append(f"{column} IN ({', '.join('?' * len(values))})" if values else "0")
            params.extend(values)
    return (" WHERE " + " AND ".join(parts) if parts else ""), params
