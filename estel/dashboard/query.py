"""The dashboard's reads of the store: filtered, column-projected rows → the sessions frame.

SQLite gets one SELECT of the summary columns (no transcript or feedback texts, the wide ones)
under the store's own WHERE clause (`where_clause`), so filters run in the database and 100k
sessions load in well under a second. Any other store (Supabase) is read with `store.list`,
capped at `OTHER_STORE_ROWS`, since PostgREST pages its answers. No streamlit here.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import pandas as pd

from estel.dashboard.analytics import (
    FIGURE_COLUMNS,
    FRAME_COLUMNS,
    frame_from_records,
    sessions_frame,
)
from estel.errors import StoreFailure
from estel.store.base import FILTER_COLUMNS, SessionFilters, SessionStore
from estel.store.sqlite import SQLiteStore, gc_paused, where_clause

MAX_ROWS = 250_000  # beyond this the page says it shows the newest MAX_ROWS sessions
OTHER_STORE_ROWS = 5_000
STATUSES = ("completed", "in_progress", "abandoned")
# filter option -> column, for the distinct values the filter widgets offer (the statuses
# offered are the fixed STATUSES, not read from the store)
OPTION_COLUMNS = {name: column for name, column in FILTER_COLUMNS.items() if name != "statuses"}


@dataclass(frozen=True)
class FilterOptions:
    """What the filter widgets offer: the values present in the store, and its time span."""

    total: int
    first: datetime | None = None
    last: datetime | None = None
    target_roles: tuple[str, ...] = ()
    experience_levels: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    brains: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    prompt_versions: tuple[str, ...] = ()
    statuses: tuple[str, ...] = STATUSES


@dataclass(frozen=True)
class Loaded:
    """The filtered sessions, and whether the cap cut them short."""

    frame: pd.DataFrame
    matching: int  # sessions that match the filters (≥ len(frame) when capped)

    @property
    def capped(self) -> bool:
        return self.matching > len(self.frame)


class FrameSource(Protocol):
    """Reads the frame `load_sessions` would (estel.dashboard.incremental.IncrementalFrames)."""

    def load(self, filters: SessionFilters | None, limit: int,
             columns: Sequence[str]) -> Loaded: ...


def load_sessions(store: SessionStore, filters: SessionFilters | None,
                  limit: int = MAX_ROWS, columns: Sequence[str] = FRAME_COLUMNS) -> Loaded:
    """The newest `limit` sessions matching `filters`, as the dashboard frame; on SQLite only
    `columns` are read (other stores give every column)."""
    with gc_paused():
        return _load(store, filters, limit, columns)


def load_dashboard(store: SessionStore, filters: SessionFilters | None, table_rows: int,
                   frames: FrameSource | None = None) -> tuple[Loaded, pd.DataFrame]:
    """What the page shows for `filters`: the frame the KPIs and figures aggregate, and the
    newest `table_rows` sessions with every column (for the table and the drill-down).
    `frames` (SQLite: estel.dashboard.incremental) keeps the former up to date between reads."""
    if not isinstance(store, SQLiteStore):
        loaded = load_sessions(store, filters)
        return loaded, loaded.frame
    loaded = frames.load(filters, MAX_ROWS, FIGURE_COLUMNS) if frames is not None else \
        load_sessions(store, filters, columns=FIGURE_COLUMNS)
    return loaded, load_sessions(store, filters, limit=table_rows).frame


def _load(store: SessionStore, filters: SessionFilters | None, limit: int,
          columns: Sequence[str]) -> Loaded:
    if not isinstance(store, SQLiteStore):
        limit = min(limit, OTHER_STORE_ROWS)
        frame = frame_from_records(store.list(filters, limit=limit))
        return Loaded(frame, len(frame) if len(frame) < limit else store.count(filters))
    matching = store.count(filters)  # index-only: cheap next to the read
    where, params = where_clause(filters)
    select = f"SELECT {', '.join(columns)} FROM interview_sessions{where}"
    if matching <= limit:  # no ORDER BY: reading in table order is ~1.5x faster than by index
        return Loaded(sessions_frame(_rows(store, select, params), columns), matching)
    sql = f"{select} ORDER BY created_at DESC, id DESC LIMIT ?"
    return Loaded(sessions_frame(_rows(store, sql, [*params, limit]), columns), matching)


def change_marker(store: SessionStore, every_seconds: float = 30) -> tuple[object, ...]:
    """Changes whenever the stored sessions may have: the dashboard's cache key.

    SQLite: the database file's and its WAL's size and modification time (every commit
    appends to the WAL; a checkpoint rewrites the file), so a cached dashboard is reused until
    a session is written, and recomputed right after. Other stores cannot say cheaply: the
    current `every_seconds` time slot (new sessions show up within that long)."""
    if not isinstance(store, SQLiteStore):
        return ("time", int(time.time() // every_seconds))
    stats = []
    for path in (store.path, store.path.with_name(store.path.name + "-wal")):
        try:
            info = path.stat()
        except OSError:
            stats.append(None)
        else:  # an empty WAL holds nothing: a reader opening the file creates one
            stats.append((info.st_size, info.st_mtime_ns) if info.st_size else None)
    return ("sqlite", *stats)


def filter_options(store: SessionStore) -> FilterOptions:
    """Distinct values per filter column (indexed, so cheap on SQLite) and the time span."""
    if not isinstance(store, SQLiteStore):
        return options_from_frame(load_sessions(store, None).frame, store.count(None))
    values = {name: tuple(str(row[0]) for row in _rows(store, _DISTINCT.format(column=column), []))
              for name, column in OPTION_COLUMNS.items()}
    total, first, last = _rows(
        store, "SELECT count(*), min(created_at), max(created_at) FROM interview_sessions", [])[0]
    return FilterOptions(total=int(total), first=_time(first), last=_time(last), **values)


# A column's distinct values in order, one index seek each ("loose index scan"): SELECT
# DISTINCT read the whole index, ~70 ms per column at 100k sessions, for a dozen values.
_DISTINCT = (
    "WITH RECURSIVE seen(value) AS (SELECT min({column}) FROM interview_sessions"
    " UNION ALL SELECT (SELECT min({column}) FROM interview_sessions WHERE {column} > seen.value)"
    " FROM seen WHERE seen.value IS NOT NULL) SELECT value FROM seen WHERE value IS NOT NULL")


def options_from_frame(frame: pd.DataFrame, total: int) -> FilterOptions:
    """Filter options read off a frame (stores without DISTINCT queries)."""
    values = {
        name: tuple(sorted(str(v) for v in frame[column].dropna().unique()))
        for name, column in OPTION_COLUMNS.items()
    }
    times = frame["created_at"]
    first = times.min().to_pydatetime() if len(times) else None
    last = times.max().to_pydatetime() if len(times) else None
    return FilterOptions(total=total, first=first, last=last, **values)


def _rows(store: SQLiteStore, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    try:
        with store.connect() as conn:
            conn.row_factory = None  # plain tuples: faster than sqlite3.Row for 100k rows
            return conn.execute(sql, params).fetchall()
    except sqlite3.Error as error:
        raise StoreFailure(f"Could not read sessions from {store.path}: {error}") from error


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
