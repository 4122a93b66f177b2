"""The dashboard's filtered frames on SQLite, kept current from the change log.

Why: after every save the dashboard read all sessions again. At 100k sessions that was ~0.4 s of
CPU (fetching 0.18 s, building the frame 0.17 s). That work ran while a visitor's Chromium page
was loading on the same two cores.

How: migration 9 logs the id of every inserted, updated or deleted session in
`session_changes`, through triggers, so writes by any process are seen. A frame remembers the
log position it reflects. Reading it again re-reads only the sessions changed since, puts them
in place of their old rows, and checks the row count against the store's own count.

The frame is read whole instead when the log cannot answer:
- it is the first read;
- the frame is older than the log reaches;
- more than `CHANGES_TO_APPLY` sessions changed;
- the filters match more than the row cap (the frame is then the newest rows only);
- the counts disagree.

Both paths give rows in rowid order, so no aggregation can tell them apart. No streamlit here.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from estel.dashboard.analytics import sessions_frame
from estel.dashboard.query import Loaded, load_sessions
from estel.errors import StoreFailure
from estel.store.base import SessionFilters
from estel.store.sqlite import SQLiteStore, gc_paused, where_clause

CHANGES_TO_APPLY = 5_000  # more changed sessions than this: one whole read is cheaper
VIEWS = 4  # filter choices kept (the dashboard warms at most four)
KEYS = ("rowid", "id")  # read with every frame: rows are replaced by id and kept in rowid order


@dataclass(frozen=True)
class _Kept:
    loaded: Loaded
    seq: int  # the last session_changes entry the frame reflects


class IncrementalFrames:
    """The newest frames read per (filters, limit, columns), brought up to date on each read.

    Safe to share between threads (the page's and the warmer's): one read at a time.
    """

    def __init__(self, store: SQLiteStore, views: int = VIEWS) -> None:
        self._store = store
        self._views: OrderedDict[tuple[Any, ...], _Kept] = OrderedDict()
        self._keep = views
        self._lock = threading.Lock()
        self.reads: Counter[str] = Counter()  # "whole", "changes", "unchanged": how reads went

    def load(self, filters: SessionFilters | None, limit: int,
             columns: Sequence[str]) -> Loaded:
        """What `query.load_sessions` gives, with `rowid` and `id` columns in front."""
        key = (filters, limit, tuple(columns))
        wanted = [*KEYS, *(column for column in columns if column not in KEYS)]
        with self._lock, gc_paused():
            kept = self._read(self._views.pop(key, None), filters, limit, wanted)
            self._views[key] = kept
            while len(self._views) > self._keep:
                self._views.popitem(last=False)
            return kept.loaded

    def _read(self, kept: _Kept | None, filters: SessionFilters | None, limit: int,
              columns: list[str]) -> _Kept:
        try:
            with self._store.connect() as conn:
                conn.row_factory = None  # plain tuples: faster than sqlite3.Row for 100k rows
                conn.execute("BEGIN")  # one snapshot: the log position and the rows agree
                try:
                    return self._read_in(conn, kept, filters, limit, columns)
                finally:
                    conn.rollback()
        except sqlite3.Error as error:
            raise StoreFailure(
                f"Could not read sessions from {self._store.path}: {error}") from error

    def _read_in(self, conn: sqlite3.Connection, kept: _Kept | None,
                 filters: SessionFilters | None, limit: int, columns: list[str]) -> _Kept:
        newest, oldest = conn.execute("SELECT max(seq), min(seq) FROM session_changes").fetchone()
        seq = newest or 0
        where, params = where_clause(filters)
        matching = conn.execute(f"SELECT count(*) FROM interview_sessions{where}",
                                params).fetchone()[0]
        if kept is not None and matching <= limit and not kept.loaded.capped \
                and (oldest is None or oldest <= kept.seq + 1):
            changed = [row[0] for row in conn.execute(
                "SELECT DISTINCT session_id FROM session_changes WHERE seq > ?", [kept.seq])]
            if not changed and len(kept.loaded.frame) == matching:
                self.reads["unchanged"] += 1
                return _Kept(kept.loaded, seq)
            if len(changed) <= CHANGES_TO_APPLY:
                frame = _apply(conn, kept.loaded.frame, changed, where, params, columns)
                if len(frame) == matching:
                    self.reads["changes"] += 1
                    return _Kept(Loaded(frame, matching), seq)
        self.reads["whole"] += 1
        if matching > limit:  # capped: the newest `limit` rows, as load_sessions reads them
            return _Kept(load_sessions(self._store, filters, limit, columns), seq)
        rows = conn.execute(f"SELECT {', '.join(columns)} FROM interview_sessions{where}",
                            params).fetchall()
        return _Kept(Loaded(_in_rowid_order(sessions_frame(rows, columns)), matching), seq)


def _apply(conn: sqlite3.Connection, frame: pd.DataFrame, changed: list[str], where: str,
           params: list[Any], columns: list[str]) -> pd.DataFrame:
    """`frame` with the `changed` sessions re-read: gone if deleted or no longer matching."""
    only = " AND " + where.removeprefix(" WHERE ") if where else ""
    rows = conn.execute(
        f"SELECT {', '.join(columns)} FROM interview_sessions"
        f" WHERE id IN (SELECT value FROM json_each(?)){only}",
        [json.dumps(changed), *params]).fetchall()
    kept = frame.loc[~frame["id"].isin(changed)]
    if not rows:
        return kept.reset_index(drop=True)
    fresh = sessions_frame(rows, columns)
    return _in_rowid_order(pd.concat([kept, fresh.astype(kept.dtypes.to_dict())],
                                     ignore_index=True))


def _in_rowid_order(frame: pd.DataFrame) -> pd.DataFrame:
    frame["rowid"] = frame["rowid"].astype("int64")
    return frame.sort_values("rowid", kind="stable", ignore_index=True)
