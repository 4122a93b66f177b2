"""Every dashboard figure as one question to a source: pandas over the SQLite frame, or the SQL
functions of migration 20261206213000_dashboard_functions.sql (PostgreSQL, Supabase via rpc).

Both sources answer with the same small frames (the shapes `analytics` returns), so the page,
the charts and the shared parity tests (tests/store/test_dashboard_parity.py) do not care where
the numbers were computed. `SqlQueries` takes a `call(function, params) -> rows` so one class
serves psycopg and supabase-py's `rpc()`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol, runtime_checkable

import pandas as pd

from estel.dashboard import analytics
from estel.dashboard.analytics import DIMENSIONS, Freq, Kpis
from estel.dashboard.query import FilterOptions, load_sessions
from estel.store.base import SessionFilters, SessionStore

Rows = list[dict[str, Any]]
Call = Callable[[str, Mapping[str, Any]], Rows]
TABLE_PAGE_MAX = 10_000  # the SQL function's own cap on one page
# SessionFilters field -> the functions' parameter name
_FILTER_PARAMS = {
    "since": "p_since", "until": "p_until", "target_roles": "p_target_roles",
    "experience_levels": "p_experience_levels", "difficulties": "p_difficulties",
    "brains": "p_brains", "models": "p_models", "prompt_versions": "p_prompt_versions",
    "statuses": "p_statuses",
}


@runtime_checkable
class DashboardQueries(Protocol):
    """What the Dashboard page asks; every answer is small whatever the number of sessions."""

    def options(self) -> FilterOptions: ...
    def count(self, filters: SessionFilters | None) -> int: ...
    def kpis(self, filters: SessionFilters | None) -> tuple[Kpis, datetime | None,
                                                             datetime | None]: ...
    def histogram(self, filters: SessionFilters | None,
                  bin_width: float = 1.0) -> pd.DataFrame: ...
    def overall_trend(self, filters: SessionFilters | None, freq: Freq,
                      start: datetime | None, end: datetime | None) -> pd.DataFrame: ...
    def activity(self, filters: SessionFilters | None, freq: Freq,
                 start: datetime | None, end: datetime | None) -> pd.DataFrame: ...
    def role_profiles(self, filters: SessionFilters | None, top: int = 5) -> pd.DataFrame: ...
    def skill_gaps(self, filters: SessionFilters | None, top: int = 12) -> pd.DataFrame: ...
    def table_page(self, filters: SessionFilters | None, offset: int = 0,
                   limit: int = 100) -> pd.DataFrame: ...


class FrameQueries:
    """SQLite's fast path: one projected read per filter choice, aggregated in pandas."""

    def __init__(self, store: SessionStore) -> None:
        self._store = store
        self._frames: dict[SessionFilters | None, pd.DataFrame] = {}

    def _frame(self, filters: SessionFilters | None) -> pd.DataFrame:
        if filters not in self._frames:
            self._frames = {filters: load_sessions(self._store, filters).frame}
        return self._frames[filters]

    def options(self) -> FilterOptions:
        from estel.dashboard.query import filter_options

        return filter_options(self._store)

    def count(self, filters: SessionFilters | None) -> int:
        return self._store.count(filters)

    def kpis(self, filters: SessionFilters | None) -> tuple[Kpis, datetime | None,
                                                             datetime | None]:
        frame = self._frame(filters)
        times = frame["created_at"]
        first = times.min().to_pydatetime() if len(times) else None
        last = times.max().to_pydatetime() if len(times) else None
        return analytics.kpis(frame), first, last

    def histogram(self, filters: SessionFilters | None, bin_width: float = 1.0) -> pd.DataFrame:
        return analytics.score_histogram(self._frame(filters), bin_width)

    def overall_trend(self, filters: SessionFilters | None, freq: Freq,
                      start: datetime | None, end: datetime | None) -> pd.DataFrame:
        return analytics.overall_trend(self._frame(filters), freq, start=start, end=end)

    def activity(self, filters: SessionFilters | None, freq: Freq,
                 start: datetime | None, end: datetime | None) -> pd.DataFrame:
        return analytics.activity(self._frame(filters), freq, start=start, end=end)

    def role_profiles(self, filters: SessionFilters | None, top: int = 5) -> pd.DataFrame:
        return analytics.role_profiles(self._frame(filters), top)

    def skill_gaps(self, filters: SessionFilters | None, top: int = 12) -> pd.DataFrame:
        return analytics.skill_gap_counts(self._frame(filters), top)

    def table_page(self, filters: SessionFilters | None, offset: int = 0,
                   limit: int = 100) -> pd.DataFrame:
        table = analytics.sessions_table(self._frame(filters), offset + limit)
        return table.iloc[offset:].reset_index(drop=True)


class SqlQueries:
    """The SQL functions, through `call` (psycopg or supabase-py rpc)."""

    def __init__(self, call: Call, page_rows: int = TABLE_PAGE_MAX) -> None:
        self._call = call
        self._page_rows = min(page_rows, TABLE_PAGE_MAX)

    def options(self) -> FilterOptions:
        rows = self._call("dashboard_filter_options", {})
        row = rows[0] if rows else {"total": 0}
        lists = {name: tuple(row.get(name) or ()) for name in (
            "target_roles", "experience_levels", "difficulties", "brains", "models",
            "prompt_versions")}
        return FilterOptions(total=int(row["total"] or 0), first=_time(row.get("first")),
                             last=_time(row.get("last")), **lists)

    def count(self, filters: SessionFilters | None) -> int:
        rows = self._call("dashboard_count", filter_params(filters))
        value = rows[0] if rows else 0
        # psycopg names a scalar function's column after it; PostgREST answers the bare value
        return int(next(iter(value.values())) if isinstance(value, dict) else value)

    def kpis(self, filters: SessionFilters | None) -> tuple[Kpis, datetime | None,
                                                             datetime | None]:
        row = self._call("dashboard_kpis", filter_params(filters))[0]
        sessions, completed = int(row["sessions"]), int(row["completed"])
        median = row["median_duration_seconds"]
        numbers = Kpis(
            sessions=sessions, completed=completed,
            completion_rate=completed / sessions if sessions else None,
            mean_overall=_float(row["mean_overall"]),
            median_duration=timedelta(seconds=float(median)) if median is not None else None)
        return numbers, _time(row["first_created"]), _time(row["last_created"])

    def histogram(self, filters: SessionFilters | None, bin_width: float = 1.0) -> pd.DataFrame:
        rows = self._call("dashboard_score_histogram",
                          {**filter_params(filters), "p_bin_width": bin_width})
        return pd.DataFrame({
            "dimension": [row["dimension"] for row in rows],
            "bin": [float(row["bin"]) for row in rows],
            "label": [f"{row['bin']:g}–{min(row['bin'] + bin_width, 10):g}" for row in rows],
            "sessions": pd.Series([int(row["sessions"]) for row in rows], dtype="int64"),
        })

    def overall_trend(self, filters: SessionFilters | None, freq: Freq,
                      start: datetime | None, end: datetime | None) -> pd.DataFrame:
        rows = self._call("dashboard_overall_trend", _span(filters, freq, start, end))
        return pd.DataFrame({
            "period": _periods(rows),
            "sessions": pd.Series([int(row["sessions"]) for row in rows], dtype="int64"),
            "mean_overall": pd.Series([_float(row["mean_overall"]) for row in rows],
                                      dtype="float64"),
        })

    def activity(self, filters: SessionFilters | None, freq: Freq,
                 start: datetime | None, end: datetime | None) -> pd.DataFrame:
        rows = self._call("dashboard_activity", _span(filters, freq, start, end))
        return pd.DataFrame({
            "period": _periods(rows),
            **{name: pd.Series([int(row[name]) for row in rows], dtype="int64")
               for name in ("started", "completed")},
        })

    def role_profiles(self, filters: SessionFilters | None, top: int = 5) -> pd.DataFrame:
        rows = self._call("dashboard_role_profiles", {**filter_params(filters), "p_top": top})
        return pd.DataFrame({
            "target_role": pd.Series([row["target_role"] for row in rows], dtype=object),
            "sessions": pd.Series([int(row["sessions"]) for row in rows], dtype="int64"),
            **{name: pd.Series([_float(row[name]) for row in rows], dtype="float64")
               for name in DIMENSIONS},
        })

    def skill_gaps(self, filters: SessionFilters | None, top: int = 12) -> pd.DataFrame:
        rows = self._call("dashboard_skill_gaps", {**filter_params(filters), "p_top": top})
        return pd.DataFrame({
            "skill_gap": pd.Series([row["skill_gap"] for row in rows], dtype=object),
            "sessions": pd.Series([int(row["sessions"]) for row in rows], dtype="int64"),
            "share": pd.Series([float(row["share"]) for row in rows], dtype="float64"),
        })

    def table_page(self, filters: SessionFilters | None, offset: int = 0,
                   limit: int = 100) -> pd.DataFrame:
        """Rows offset … offset+limit-1, fetched in pages of `page_rows`: through PostgREST
        that is its max-rows (1,000 on Supabase), which cuts longer answers, so a page shorter
        than asked is the end and never a silent cut."""
        rows: Rows = []
        while len(rows) < limit:
            want = min(limit - len(rows), self._page_rows)
            page = self._call("dashboard_table_page", {
                **filter_params(filters), "p_offset": offset + len(rows), "p_limit": want})
            rows.extend(page)
            if len(page) < want:
                break
        return table_frame(rows[:limit])


def queries_for(store: SessionStore) -> DashboardQueries:
    """The SQL functions when the store offers them (PostgreSQL, Supabase), else pandas."""
    call = getattr(store, "dashboard_call", None)
    if not callable(call):
        return FrameQueries(store)
    return SqlQueries(call, getattr(store, "dashboard_page_rows", TABLE_PAGE_MAX))


def sql_figures(queries: DashboardQueries, filters: SessionFilters | None,
                start: datetime | None, end: datetime | None, *, top_roles: int = 5,
                top_gaps: int = 12, now: datetime | None = None) -> tuple[Kpis, dict[str, Any]]:
    """The KPIs and every chart, each computed by its own query (nothing is capped); `now`
    (default: the clock) says whether the time charts' last period is still under way."""
    from estel.dashboard.charts import figures_from_parts
    from estel.dashboard.partial_period import partial_period

    numbers, first_seen, last_seen = queries.kpis(filters)
    first = start if start is not None else first_seen
    last = end if end is not None else last_seen
    freq: Freq = (analytics.trend_freq(first, last)
                  if first is not None and last is not None else "D")
    figures = figures_from_parts(
        histogram=queries.histogram(filters),
        trend=queries.overall_trend(filters, freq, first, last),
        roles=queries.role_profiles(filters, top_roles),
        skill_gaps=queries.skill_gaps(filters, top_gaps),
        activity=queries.activity(filters, freq, first, last),
        partial=partial_period(freq, end, now))
    return numbers, figures


def table_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """The sessions table (analytics.sessions_table's columns) from the function's rows."""
    columns = ("created_at", "status", "target_role", "experience_level", "difficulty",
               *DIMENSIONS, "duration_min", "brain", "model", "prompt_version", "skill_gaps",
               "questions_target", "completed_at", "id")
    data: dict[str, pd.Series] = {}
    for column in columns:
        values = [row[column] for row in rows]
        if column in ("created_at", "completed_at"):
            data[column] = pd.to_datetime(pd.Series(values, dtype=object), utc=True,
                                          format="ISO8601").astype("datetime64[us, UTC]")
        elif column in DIMENSIONS or column == "duration_min":
            data[column] = pd.Series([_float(v) for v in values], dtype="float64")
        elif column == "questions_target":
            data[column] = pd.Series(values, dtype="int64")
        else:
            data[column] = pd.Series([None if v is None else str(v) for v in values],
                                     dtype=object)
    return pd.DataFrame(data)


def filter_params(filters: SessionFilters | None) -> dict[str, Any]:
    """The functions' filter parameters; None stays null (no filter), tuples become arrays."""
    params: dict[str, Any] = {}
    for name, param in _FILTER_PARAMS.items():
        value = getattr(filters, name) if filters is not None else None
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        params[param] = value
    return params


def _span(filters: SessionFilters | None, freq: Freq, start: datetime | None,
          end: datetime | None) -> dict[str, Any]:
    return {**filter_params(filters), "p_freq": freq,
            "p_start": start.isoformat() if start is not None else None,
            "p_end": end.isoformat() if end is not None else None}


def _periods(rows: Rows) -> pd.Series:
    return pd.Series(pd.to_datetime([row["period"] for row in rows], format="ISO8601"),
                     dtype="datetime64[ns]")


def _time(value: Any) -> datetime | None:
    if value is None:
        return None
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _float(value: Any) -> float | None:
    return None if value is None else float(value)
