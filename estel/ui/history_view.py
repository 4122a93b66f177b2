"""The History page: past interviews newest first, a role filter, the full report and
transcript of any of them, and a trend chart of scores across attempts at the same role."""

from __future__ import annotations

import logging

import streamlit as st

from estel.errors import EstelError
from estel.history import attempts_trend, history_label, newest_first, roles_of
from estel.report import ReportView, record_session_json
from estel.store.base import SessionFilters, SessionRecord
from estel.ui import account
from estel.ui.report_view import render_report

log = logging.getLogger(__name__)

ALL_ROLES = "All roles"
HISTORY_LIMIT = 500  # most recent completed interviews read


def load_completed() -> tuple[list[SessionRecord], str | None]:
    """Completed interviews from the store (with transcripts), or a problem to show."""
    slot = account.candidate_store_slot()
    if slot.store is None:
        return [], slot.problem or "No session store is configured."
    try:
        return slot.store.list(SessionFilters(statuses=("completed",)), HISTORY_LIMIT), None
    except EstelError as error:
        return [], error.message


def render_history_page() -> None:
    st.title("History")
    whose = account.history_scope()
    if whose:
        st.caption(whose)
    records, problem = load_completed()
    if problem:
        st.warning(f"Past interviews cannot be read: {problem}", icon=":material/cloud_off:")
        return
    if not records:
        st.info("No finished interviews yet. They appear here once an interview ends.",
                icon=":material/history:")
        return
    role = st.selectbox("Role", [ALL_ROLES, *roles_of(records)], key="history_role")
    shown = newest_first(records, None if role == ALL_ROLES else role)
    st.caption(f"{len(shown)} finished interview{'s' if len(shown) != 1 else ''}, newest first.")
    by_label = {f"{history_label(r)} · {r.id[:8]}": r for r in shown}
    picked = st.selectbox("Open an interview", list(by_label), key="history_pick")
    record = by_label[picked]
    if sum(1 for r in records if r.target_role == record.target_role and
           r.status == "completed") > 1:
        st.plotly_chart(attempts_trend(records, record.target_role), width="stretch",
                        key="history_trend")
    _report(record)


def _report(record: SessionRecord) -> None:
    try:
        session_json = record_session_json(record)
    except EstelError as error:  # an old or odd row: the report still shows, without it
        log.warning("session %s has no contract JSON: %s", record.id, error.message)
        session_json = None
    render_report(ReportView.from_record(record), session_json=session_json,
                  key="history_report",
                  profile=record.extensions.profile if record.extensions else None)
