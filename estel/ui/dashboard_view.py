"""The Dashboard page: filters, KPIs, charts, the sessions table, a drill-down and CSV export.

Filters go into the store query (`estel.dashboard.query`); the pure aggregations and figures
(`dashboard.analytics`, `dashboard.charts`) run on the filtered frame. Everything a filter change
computes is cached, keyed on the store, the filters and the store's change marker
(`query.change_marker`: on SQLite it changes with every write, elsewhere every `TTL` seconds), so
reruns (a click in the table, opening a report) and other visitors cost nothing until a session
is saved; Refresh forgets it. On SQLite a background warmer (`estel.dashboard.warmer`) recomputes
the views visitors opened as soon as a save changes the marker, so the next visitor does not wait.
"""

from __future__ import annotations

import codecs
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from estel.dashboard import aggregates, analytics
from estel.dashboard.chart_marks import partial_note
from estel.dashboard.charts import dashboard_figures
from estel.dashboard.incremental import IncrementalFrames
from estel.dashboard.query import (
    FilterOptions,
    change_marker,
    filter_options,
    load_dashboard,
    load_sessions,
)
from estel.dashboard.warmer import View, Warmer
from estel.errors import EstelError
from estel.report import ReportView, record_session_json
from estel.store.base import SessionFilters, SessionStore
from estel.store.sqlite import SQLiteStore
from estel.ui import resources
from estel.ui.basic_plotly import FigureJSON, basic_plotly_chart, figure_json, preload
from estel.ui.dashboard_filters import Chosen, render_filters
from estel.ui.report_view import render_report

log = logging.getLogger(__name__)

TTL = 30  # seconds: without a change marker (Supabase, PostgreSQL) new interviews show up
# within half a minute
TABLE_ROWS = 5_000  # newest rows shown in the table (the CSV has all of them)
PICK_ROWS = 500  # newest rows offered in the drill-down picker
CSV_ROWS = 250_000  # the CSV from PostgreSQL/Supabase: newest rows (the button says so)
EAGER_CSV_ROWS = 20_000  # above this the CSV is built when Download is clicked
SESSION_KEY = "dash_session"
EMPTY_HELP = """
Sessions appear here as soon as interviews are saved. Two ways to fill the dashboard:

- **Demo data:** run `python -m estel demo-data --sessions 200` in a terminal, then press
  **Refresh**. It plays scripted candidates through real interviews across roles and dates.
- **A real interview:** do one on the Interview page; it is saved when the feedback appears.
"""
PLOT_CONFIG = {"displayModeBar": False}


@dataclass(frozen=True)
class DashboardData:
    """What one filter choice shows: built once per filter change, then cached. Every rerun and
    visitor unpickles it (st.cache_data), so it holds what the page sends, ready made: plotly
    JSON, not Figure objects (which validate themselves again when unpickled), the grid as
    Arrow and the drill-down's labels, not the table's frame."""

    matching: int
    rows: int
    kpis: analytics.Kpis
    figures: dict[str, FigureJSON]
    grid: pa.Table  # the newest TABLE_ROWS rows, as the sessions grid shows them
    picks: tuple[tuple[str, str], ...]  # (session id, label) of the newest PICK_ROWS


def render_dashboard_page(today: date | None = None) -> None:
    """The whole Dashboard page; store problems are shown, never raised."""
    st.set_page_config(layout="wide")  # additive: app.py set the title and icon
    # a wrapping row, not fixed columns: a 1/7 column cut the button to "R…" at 1024 px
    with st.container(horizontal=True, horizontal_alignment="distribute",
                      vertical_alignment="bottom"):
        st.title("Dashboard", width="content")
        refreshed = st.button("Refresh", icon=":material/refresh:", key="dash_refresh")
    if refreshed:
        for cached in (_options, _dashboard, _csv, _frames):
            cached.clear()
    store = resources.store_slot().store
    preload()  # the chart library loads in the browser while the figures are computed
    if store is None:
        st.error(resources.store_slot().problem or "No session store.", icon=":material/error:")
        return
    try:
        _render(store, today or datetime.now(UTC).date())
    except EstelError as error:
        st.error(error.message, icon=":material/database_off:")


DEFAULT_VIEW = View(SessionFilters(), None, None)  # what the filter bar starts on: all time


def warm_default_view() -> None:
    """Compute what a first visitor sees (all time, no filter), and on SQLite have the warmer
    keep it computed after saves. app.py's lifespan runs this when the server starts, so the
    first visit after a start does not wait for the figures."""
    store = resources.configured_store().store
    if store is None:
        return
    key = store.description
    marker = change_marker(store, TTL)
    if _options(store, key, marker).total == 0:
        return
    view = DEFAULT_VIEW
    _dashboard(store, key, marker, view.filters, view.start, view.end)
    if isinstance(store, SQLiteStore):
        _warmer(store, key).seen(view, marker)


def _render(store: SessionStore, today: date) -> None:
    marker = change_marker(store, TTL)
    options = _options(store, store.description, marker)
    if options.total == 0:
        _empty_state()
        return
    choice = render_filters(options, today)
    with st.spinner("Loading sessions…"):  # shown only if it takes over half a second
        data = _dashboard(store, store.description, marker, choice.filters, choice.start,
                          choice.end)
    if isinstance(store, SQLiteStore):  # others have no change marker to watch
        _warmer(store, store.description).seen(
            View(choice.filters, choice.start, choice.end), marker)
    if data.rows == 0:
        st.info("No sessions match these filters. Widen the period or clear a filter.",
                icon=":material/filter_alt_off:")
        return
    if data.matching > data.rows:
        st.warning(f"{data.matching:,} sessions match; the figures cover the newest "
                   f"{data.rows:,}. Narrow the filters to see all of them.",
                   icon=":material/warning:")
    _kpis(data.kpis)
    _charts(data.figures)
    _table(store, choice, data, marker)


def _empty_state() -> None:
    st.info("No interview sessions are stored yet.", icon=":material/inbox:")
    st.markdown(EMPTY_HELP)
    st.page_link("app_pages/interview.py", label="Start an interview",
                 icon=":material/record_voice_over:")


def _kpis(numbers: analytics.Kpis) -> None:
    rate = f"{numbers.completion_rate:.0%}" if numbers.completion_rate is not None else "—"
    mean = f"{numbers.mean_overall:.1f} / 10" if numbers.mean_overall is not None else "—"
    items = (
        ("Sessions", f"{numbers.sessions:,}", "Interviews started in the filtered set."),
        ("Completion rate", rate, f"{numbers.completed:,} reached the final feedback."),
        ("Mean overall", mean, "Mean overall score of the completed sessions."),
        ("Median duration", analytics.format_duration(numbers.median_duration),
         "From start to feedback, completed sessions."),
    )
    # two rows of two: four columns cut labels and values ("Median du…", "17 …") beside the
    # sidebar at 1024-1366 px; on a phone Streamlit stacks the columns
    for row in (items[:2], items[2:]):
        for column, (label, value, help_text) in zip(st.columns(2), row, strict=True):
            column.metric(label, value, help=help_text, border=True)


def _chart(title: str, figure: FigureJSON, key: str) -> None:
    with st.container(border=True):
        st.markdown(f"**{title}**")
        basic_plotly_chart(figure, key=key, label=title, config=PLOT_CONFIG)
        if note := partial_note(figure):  # the time charts' last period is not whole
            st.caption(note)


def _charts(figures: dict[str, FigureJSON]) -> None:
    left, right = st.columns(2)
    with left:
        _chart("Overall score over time", figures["trend"], "dash_chart_trend")
        _chart("Score distribution", figures["distribution"], "dash_chart_distribution")
        _chart("Started vs completed", figures["activity"], "dash_chart_activity")
    with right:
        _chart("Mean scores by role (busiest roles)", figures["roles"], "dash_chart_roles")
        _chart("Most frequent skill gaps", figures["skill_gaps"], "dash_chart_skill_gaps")


TABLE_COLUMNS: dict[str, Any] = {
    "created_at": st.column_config.DatetimeColumn("Started (UTC)", format="YYYY-MM-DD HH:mm"),
    "status": st.column_config.TextColumn("Status"),
    "target_role": st.column_config.TextColumn("Role"),
    "experience_level": st.column_config.TextColumn("Level"),
    "difficulty": st.column_config.TextColumn("Difficulty"),
    **{name: st.column_config.ProgressColumn(name.capitalize(), min_value=0, max_value=10,
                                             format="%.1f")
       for name in analytics.DIMENSIONS},
    "duration_min": st.column_config.NumberColumn("Minutes", format="%.1f"),
    "brain": st.column_config.TextColumn("Brain"),
    "model": st.column_config.TextColumn("Model"),
    "prompt_version": st.column_config.TextColumn("Prompt"),
    "skill_gaps": st.column_config.TextColumn("Skill gaps", width="large"),
    "id": st.column_config.TextColumn("Session id"),
}


def _table(store: SessionStore, choice: Chosen, data: DashboardData,
           marker: tuple[object, ...]) -> None:
    st.subheader("Sessions")
    shown = data.grid.num_rows
    st.caption(f"Newest {shown:,} of {data.rows:,} sessions; click a column header to sort"
               + (" (the CSV has all of them)." if shown < data.rows else "."))
    st.dataframe(data.grid, column_config=TABLE_COLUMNS, column_order=list(TABLE_COLUMNS),
                 hide_index=True, width="stretch", height=420, key="dash_table")
    _download(store, choice.filters, data, marker)
    _drill_down(store, data.picks)


def _download(store: SessionStore, filters: SessionFilters, data: DashboardData,
              marker: tuple[object, ...]) -> None:
    key = store.description
    csv: Any = (_csv(store, key, marker, filters) if data.rows <= EAGER_CSV_ROWS
                else lambda: build_csv(store, filters))  # big: built on click, in a thread
    label = ("Download CSV (filtered sessions)" if data.rows <= CSV_ROWS
             or not isinstance(aggregates.queries_for(store), aggregates.SqlQueries)
             else f"Download CSV (newest {CSV_ROWS:,} of {data.rows:,} filtered sessions)")
    st.download_button(label, csv, file_name="estel-sessions.csv",
                       mime="text/csv", icon=":material/download:", on_click="ignore",
                       key="dash_csv")


def _pick_label(row: Any) -> str:
    score = f"{row.overall:.1f}/10" if pd.notna(row.overall) else row.status.replace("_", " ")
    return (f"{row.created_at:%Y-%m-%d %H:%M} · {row.target_role} · {row.experience_level} · "
            f"{row.difficulty} · {score} · {row.id[:8]}")


@st.fragment  # picking a session reruns only this part, not the charts and the table
def _drill_down(store: SessionStore, picks: tuple[tuple[str, str], ...]) -> None:
    st.subheader("Session report")
    labels = dict(picks)
    picked = st.selectbox("Open a session", list(labels), index=None, key=SESSION_KEY,
                          format_func=lambda session_id: labels.get(session_id, session_id),
                          placeholder=f"Choose one of the newest {len(labels):,} sessions…")
    if picked is None:
        st.caption("Pick a session to see its full report, as the candidate saw it.")
        return
    record = store.get(picked)
    if record is None:
        st.warning("That session is no longer stored.", icon=":material/search_off:")
        return
    if record.status != "completed":
        answered = sum(1 for entry in record.transcript if entry.answer is not None)
        st.info(f"This session is {record.status.replace('_', ' ')}: {answered} of "
                f"{record.total_questions} questions answered and no final feedback, so "
                "there is no report.", icon=":material/hourglass_empty:")
        return
    try:  # the contract's final envelope, as the Interview page's download gives it
        contract_json, problem = record_session_json(record), None
    except EstelError as error:  # a row written by hand or by an older version
        contract_json, problem = None, error.message
    with st.container(border=True):
        render_report(ReportView.from_record(record), key="dash_report",
                      session_json=contract_json, record_json=record.model_dump_json(indent=2))
        if problem:
            st.caption(f"No contract JSON for this session: {problem}")


# -- cached computations (keyed on the store's description and the filters) ---------------------

@st.cache_data(max_entries=4, show_spinner=False)
def _options(_store: SessionStore, store_key: str, marker: tuple[object, ...]) -> FilterOptions:
    queries = aggregates.queries_for(_store)
    return queries.options() if isinstance(queries, aggregates.SqlQueries) else \
        filter_options(_store)


@st.cache_data(max_entries=16, show_spinner=False)  # the page shows its own; the warmer none
def _dashboard(_store: SessionStore, store_key: str, marker: tuple[object, ...],
               filters: SessionFilters, start: datetime | None,
               end: datetime | None) -> DashboardData:
    queries = aggregates.queries_for(_store)
    if isinstance(queries, aggregates.SqlQueries):  # PostgreSQL/Supabase: computed there
        numbers, figures = aggregates.sql_figures(queries, filters, start, end)
        return _data(numbers.sessions, numbers.sessions, numbers, figures,
                     queries.table_page(filters, 0, TABLE_ROWS))
    frames = _frames(_store, store_key) if isinstance(_store, SQLiteStore) else None
    loaded, newest = load_dashboard(_store, filters, TABLE_ROWS, frames)
    frame = loaded.frame
    return _data(loaded.matching, len(frame), analytics.kpis(frame),
                 dashboard_figures(frame, start=start, end=end),
                 analytics.sessions_table(newest, TABLE_ROWS))


def _data(matching: int, rows: int, kpis: analytics.Kpis, figures: dict[str, go.Figure],
          table: pd.DataFrame) -> DashboardData:
    return DashboardData(
        matching=matching, rows=rows, kpis=kpis,
        figures={name: figure_json(figure) for name, figure in figures.items()},
        grid=analytics.grid_table(table, list(TABLE_COLUMNS)),
        picks=tuple((row.id, _pick_label(row))
                    for row in table.head(PICK_ROWS).itertuples(index=False)),
    )


@st.cache_resource(show_spinner=False)
def _frames(_store: SQLiteStore, store_key: str) -> IncrementalFrames:
    """One per store: the frames read so far, re-read after a save only where sessions changed
    (estel/dashboard/incremental.py)."""
    return IncrementalFrames(_store)


# released (Refresh settings, a cleared cache): its thread stops instead of watching an old store
@st.cache_resource(show_spinner=False, on_release=lambda warmer: warmer.stop())
def _warmer(_store: SessionStore, store_key: str) -> Warmer:
    """One per store: recomputes the views visitors opened when a session is saved
    (estel/dashboard/warmer.py), through the same caches the page reads."""
    def compute(marker: Any, view: View) -> None:
        _options(_store, store_key, marker)
        _dashboard(_store, store_key, marker, view.filters, view.start, view.end)

    return Warmer(marker=lambda: change_marker(_store, TTL), compute=compute)


@st.cache_data(max_entries=4, show_spinner=False)
def _csv(_store: SessionStore, store_key: str, marker: tuple[object, ...],
         filters: SessionFilters) -> bytes:
    return build_csv(_store, filters)


def build_csv(store: SessionStore, filters: SessionFilters) -> bytes:
    """Every filtered session as CSV (UTF-8 with a BOM, so spreadsheets read accents); from
    PostgreSQL/Supabase the newest CSV_ROWS, paged through the table function."""
    queries = aggregates.queries_for(store)
    if isinstance(queries, aggregates.SqlQueries):
        table = queries.table_page(filters, 0, CSV_ROWS)
    else:
        table = analytics.sessions_table(load_sessions(store, filters).frame)
    return codecs.BOM_UTF8 + analytics.csv_bytes(table)
