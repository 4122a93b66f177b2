"""Dashboard aggregations: pure pandas, a sessions frame in and small frames or values out.

`sessions_frame` turns store rows (or SessionRecords) into the dashboard's frame: one row per
session, typed columns, no transcript. Every other function takes that frame (already filtered by
the store query) and returns what one KPI, chart or table needs, so figures stay small however
many sessions there are. Times are UTC; periods are naive timestamps meaning UTC.
"""

from __future__ import annotations

import io
import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from estel.store.base import SessionRecord

# what the dashboard reads of a row: everything but the long texts and the transcript
FRAME_COLUMNS: tuple[str, ...] = (
    "id", "created_at", "completed_at", "status", "target_role", "experience_level",
    "difficulty", "questions_target", "brain", "model", "prompt_version",
    "communication_score", "content_score", "confidence_score", "overall_score", "skill_gaps",
)
# dimension name -> score column, in the order the charts show them
DIMENSIONS: dict[str, str] = {
    "overall": "overall_score",
    "communication": "communication_score",
    "content": "content_score",
    "confidence": "confidence_score",
}
SCORE_COLUMNS = tuple(DIMENSIONS.values())
# what the KPIs and the five figures read: on SQLite the figures' frame holds only these (the
# other seven text columns were ~40% of reading 100k rows); the table reads every column of
# its newest rows apart
FIGURE_COLUMNS: tuple[str, ...] = ("created_at", "completed_at", "status", "target_role",
                                   *SCORE_COLUMNS, "skill_gaps")
Freq = Literal["D", "W", "M"]  # day, week (Monday start), month
# leading characters a spreadsheet would run as a formula (CSV injection)
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Kpis:
    """The headline numbers of the filtered sessions."""

    sessions: int
    completed: int
    completion_rate: float | None  # completed / sessions; None without sessions
    mean_overall: float | None  # over completed sessions
    median_duration: timedelta | None  # completed_at - created_at of completed sessions


def sessions_frame(rows: Iterable[Sequence[Any]],
                   columns: Sequence[str] = FRAME_COLUMNS) -> pd.DataFrame:
    """The typed frame from row tuples (SQLite) in `columns` order; JSON text arrays parsed."""
    rows = list(rows)
    # column-wise construction: several times faster than DataFrame.from_records at 100k rows
    values = dict(zip(columns, map(list, zip(*rows, strict=True)), strict=True)) if rows else {
        column: [] for column in columns}
    data: dict[str, pd.Series] = {}
    for column, items in values.items():
        if column in ("created_at", "completed_at"):
            data[column] = pd.to_datetime(pd.Series(items, dtype=object), utc=True,
                                          format="ISO8601").astype("datetime64[us, UTC]")
        elif column in SCORE_COLUMNS or column == "questions_target":
            data[column] = pd.Series(items, dtype="float64" if column in SCORE_COLUMNS
                                     else "int64")
        elif column == "skill_gaps":
            data[column] = pd.Series(_json_lists(items), dtype=object)
        else:  # text: object dtype skips the costly arrow-string conversion of 100k values
            data[column] = pd.Series(items, dtype=object)
    return pd.DataFrame(data)


def frame_from_records(records: Iterable[SessionRecord]) -> pd.DataFrame:
    """The same frame from SessionRecords (stores without a projected query, tests)."""
    rows = [tuple(_record_value(record, column) for column in FRAME_COLUMNS)
            for record in records]
    return sessions_frame(rows)


def completed_sessions(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Completed sessions that have an overall score (the ones scores are about).

    `columns` limits the copy to what the caller reads (much cheaper on 100k rows).
    """
    mask = (frame["status"] == "completed") & frame["overall_score"].notna()
    return frame.loc[mask, list(columns) if columns is not None else slice(None)]


def kpis(frame: pd.DataFrame) -> Kpis:
    """Sessions, completion rate, mean overall and median duration."""
    total = len(frame)
    done = completed_sessions(frame, ["created_at", "completed_at", "overall_score"])
    durations = (done["completed_at"] - done["created_at"]).dropna()
    median = durations.median() if len(durations) else None
    return Kpis(
        sessions=total,
        completed=len(done),
        completion_rate=len(done) / total if total else None,
        mean_overall=float(done["overall_score"].mean()) if len(done) else None,
        median_duration=median.to_pytimedelta() if median is not None else None,
    )


def score_histogram(frame: pd.DataFrame, bin_width: float = 1.0) -> pd.DataFrame:
    """Completed sessions per score bin and dimension: columns dimension, bin, label, sessions.

    Bins are [0, w), [w, 2w) … and the last one includes 10; every bin is listed, empty ones as 0.
    """
    count = math.ceil(10 / bin_width)
    done = completed_sessions(frame, SCORE_COLUMNS)
    parts = []
    for name, column in DIMENSIONS.items():
        scores = done[column].dropna().to_numpy()
        index = np.minimum(np.floor(scores / bin_width + 1e-9), count - 1).astype(int)
        counts = np.bincount(index, minlength=count)
        edges = [round(i * bin_width, 6) for i in range(count)]
        parts.append(pd.DataFrame({
            "dimension": name,
            "bin": edges,
            "label": [f"{lo:g}–{min(lo + bin_width, 10):g}" for lo in edges],
            "sessions": counts.astype("int64"),
        }))
    return pd.concat(parts, ignore_index=True)


def trend_freq(start: datetime | pd.Timestamp, end: datetime | pd.Timestamp) -> Freq:
    """Days for up to a month, weeks for up to ~1.5 years, else months (a readable 30-80 points)."""
    span = pd.Timestamp(end) - pd.Timestamp(start)
    if span <= pd.Timedelta(days=31):
        return "D"
    return "W" if span <= pd.Timedelta(days=550) else "M"


def period_starts(times: pd.Series, freq: Freq) -> pd.Series:
    """The start of each time's day/week/month, naive (UTC)."""
    naive = times.dt.tz_convert("UTC").dt.tz_localize(None)
    return naive.dt.to_period(freq).dt.start_time


def _period_axis(frame: pd.DataFrame, freq: Freq,
                 start: datetime | None, end: datetime | None) -> pd.DatetimeIndex:
    """Every period from start (default: first session) to end (default: last session)."""
    times = frame["created_at"]
    first = pd.Timestamp(start) if start is not None else times.min()
    last = pd.Timestamp(end) if end is not None else times.max()
    if pd.isna(first) or pd.isna(last):
        return pd.DatetimeIndex([], name="period")
    first, last = (naive_utc(t) for t in (first, last))
    axis = pd.period_range(first, last, freq=freq).start_time
    return pd.DatetimeIndex(axis, name="period")


def overall_trend(frame: pd.DataFrame, freq: Freq, *, start: datetime | None = None,
                  end: datetime | None = None) -> pd.DataFrame:
    """Per period of created_at: completed sessions and their mean overall (NaN when none)."""
    done = completed_sessions(frame, ["created_at", "overall_score"])
    grouped = done.groupby(period_starts(done["created_at"], freq))["overall_score"]
    result = pd.DataFrame({"sessions": grouped.size(), "mean_overall": grouped.mean()})
    result = result.reindex(_period_axis(frame, freq, start, end))
    result["sessions"] = result["sessions"].fillna(0).astype("int64")
    return result.rename_axis("period").reset_index()


def activity(frame: pd.DataFrame, freq: Freq, *, start: datetime | None = None,
             end: datetime | None = None) -> pd.DataFrame:
    """Per period of created_at: sessions started, and how many of those were completed."""
    periods = period_starts(frame["created_at"], freq)
    started = periods.value_counts()
    done = periods[frame["status"] == "completed"].value_counts()
    result = pd.DataFrame({"started": started, "completed": done})
    result = result.reindex(_period_axis(frame, freq, start, end)).fillna(0).astype("int64")
    return result.rename_axis("period").reset_index()


def role_profiles(frame: pd.DataFrame, top: int = 5) -> pd.DataFrame:
    """Mean scores of the `top` roles with the most completed sessions (ties: by name)."""
    done = completed_sessions(frame, ["target_role", *SCORE_COLUMNS])
    grouped = done.groupby("target_role")
    result = grouped[list(SCORE_COLUMNS)].mean().rename(
        columns={column: name for name, column in DIMENSIONS.items()})
    result.insert(0, "sessions", grouped.size())
    result = result.rename_axis("target_role").reset_index()
    result = result.sort_values(["sessions", "target_role"], ascending=[False, True])
    return result.head(top).reset_index(drop=True)


def skill_gap_counts(frame: pd.DataFrame, top: int = 12) -> pd.DataFrame:
    """The most named skill gaps of completed sessions: skill_gap, sessions, share.

    Gaps are matched ignoring case and spacing, each counted once per session, and shown in
    their most common spelling (ties: alphabetical); share is of all completed sessions.
    """
    lists = completed_sessions(frame, ["skill_gaps"])["skill_gaps"].tolist()
    flat = np.array(list(itertools.chain.from_iterable(lists)), dtype=object)
    session = np.repeat(np.arange(len(lists)), np.fromiter(map(len, lists), int, len(lists)))
    # numpy on codes rather than pandas on strings: normalise only the distinct spellings
    spelling_codes, spellings = pd.factorize(flat)
    tidy = np.array([" ".join(str(text).split()) for text in spellings], dtype=object)
    key_codes, _ = pd.factorize(np.array([text.casefold() for text in tidy], dtype=object))
    key = key_codes[spelling_codes]
    kept = np.flatnonzero(tidy[spelling_codes] != "") if len(flat) else np.zeros(0, dtype=int)
    # each gap once per session: first occurrence of each (session, key) pair
    pair = session[kept].astype("int64") * (len(key_codes) + 1) + key[kept]
    kept = kept[np.unique(pair, return_index=True)[1]]
    if len(kept) == 0:
        return pd.DataFrame({"skill_gap": pd.Series(dtype=object),
                             "sessions": pd.Series(dtype="int64"),
                             "share": pd.Series(dtype="float64")})
    # how often each spelling of each key was used: a few hundred rows from here on
    combo, used = np.unique(key[kept].astype("int64") * len(tidy) + spelling_codes[kept],
                            return_counts=True)
    spelling = pd.DataFrame({"key": combo // len(tidy), "spelling": tidy[combo % len(tidy)],
                             "n": used})
    counts = spelling.groupby("key")["n"].sum()
    spelling = spelling.sort_values(["key", "n", "spelling"], ascending=[True, False, True])
    label = spelling.drop_duplicates("key").set_index("key")["spelling"]
    result = pd.DataFrame({"skill_gap": label.reindex(counts.index), "sessions": counts})
    result["share"] = result["sessions"] / len(lists)
    result = result.sort_values(["sessions", "skill_gap"], ascending=[False, True])
    return result.head(top).reset_index(drop=True)


def sessions_table(frame: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """The table to show and export: newest first (the first `limit`), duration in minutes."""
    # newest first; sorting on the datetime alone is ~10x cheaper than adding the text id
    frame = frame.sort_values("created_at", ascending=False, kind="stable").iloc[:limit]
    table = pd.DataFrame({
        "created_at": frame["created_at"],
        "status": frame["status"],
        "target_role": frame["target_role"],
        "experience_level": frame["experience_level"],
        "difficulty": frame["difficulty"],
        **{name: frame[column] for name, column in DIMENSIONS.items()},
        "duration_min": ((frame["completed_at"] - frame["created_at"]).dt.total_seconds() / 60
                         ).round(1),
        "brain": frame["brain"],
        "model": frame["model"],
        "prompt_version": frame["prompt_version"],
        "skill_gaps": frame["skill_gaps"].map("; ".join).astype("str"),
        "questions_target": frame["questions_target"],
        "completed_at": frame["completed_at"],
        "id": frame["id"],
    })
    return table.reset_index(drop=True)


def grid_table(table: pd.DataFrame, columns: Sequence[str]) -> pa.Table:
    """What the page's sessions grid is sent: only the `columns` it shows, as Arrow, with text
    that repeats (statuses, roles, levels, models …) dictionary-encoded. At 5,000 rows that is
    ~0.5 MB instead of 1.55 MB over the websocket for the browser to decode; the cells read the
    same. Built once per filter change (cached with the figures), not on every rerun."""
    arrays: dict[str, pa.Array] = {}
    for name in columns:
        values = table[name]
        array = pa.array(values, from_pandas=True)
        # dictionary-encode text whose distinct values are few next to its rows
        text = pa.types.is_string(array.type) or pa.types.is_large_string(array.type)
        if text and len(array) and pc.count_distinct(array).as_py() * 4 <= len(array):
            array = pc.dictionary_encode(array)
        arrays[name] = array
    return pa.table(arrays)


def csv_bytes(table: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV: times ISO 8601 UTC to the second, text cells that a spreadsheet
    would run as a formula prefixed with '. Written by pyarrow (~4x faster than to_csv)."""
    columns: dict[str, pa.Array] = {}
    for name in table.columns:
        values = table[name]
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            seconds = pc.cast(pa.array(values), pa.timestamp("s", tz="UTC"), safe=False)
            columns[name] = pc.strftime(seconds, format="%Y-%m-%dT%H:%M:%SZ")
        elif values.dtype == object or pd.api.types.is_string_dtype(values):
            columns[name] = pa.array(values.map(_defused), type=pa.string(), from_pandas=True)
        else:
            columns[name] = pa.array(values, from_pandas=True)
    sink = io.BytesIO()
    pa_csv.write_csv(pa.table(columns), sink)
    return sink.getvalue()


def _defused(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def format_duration(value: timedelta | None) -> str:
    """'12 min 30 s', '1 h 05 min', '45 s' or '—'."""
    if value is None:
        return "—"
    seconds = round(value.total_seconds())
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def _json_lists(items: Sequence[Any]) -> list[list[str]]:
    """JSON array texts (or lists, or None) as lists; texts parsed in one json.loads call."""
    if items and isinstance(items[0], str):
        try:
            return json.loads("[" + ",".join(items) + "]")
        except TypeError:  # not all texts (a None among them): one by one below
            pass
    return [json.loads(item) if isinstance(item, str) else list(item or []) for item in items]


def _record_value(record: SessionRecord, column: str) -> Any:
    value = getattr(record, column)
    return value.isoformat() if isinstance(value, datetime) else value


def naive_utc(value: pd.Timestamp) -> pd.Timestamp:
    return value.tz_convert("UTC").tz_localize(None) if value.tzinfo is not None else value
