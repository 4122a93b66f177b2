"""Resume: the interview's id in the URL (`?session=<id>`), reopening it from its saved row,
and the list of unfinished interviews on the setup screen (resume or abandon each).

A refresh, a new tab or a restarted server starts a new Streamlit session with nothing in
`st.session_state`; the URL still names the interview, and its row (saved after every answer)
rebuilds every turn (estel/store/replay.py), so the page reopens at the open question with the
transcript shown.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import streamlit as st

from estel.errors import EstelError
from estel.store.base import SaveReceipt, SessionFilters, SessionRecord
from estel.store.replay import turns_from_record
from estel.ui import account, saving, state
from estel.ui.answer_timer import TIMER_OPTIONS, timer_chosen
from estel.ui.coach_view import coach_chosen
from estel.ui.read_aloud import read_aloud_chosen

log = logging.getLogger(__name__)

SESSION_PARAM = "session"
UNFINISHED_SHOWN = 5
# The page's options travel in the URL beside the id, so a refresh keeps them (they are how
# this browser shows the interview, not part of the saved session).
OPTION_PARAMS = ("coach", "timer", "aloud")
OPENED_KEY = "estel_opened_session"  # the id last opened from the URL (not reopened each run)


def ago(when: datetime, now: datetime | None = None) -> str:
    """'just now', '5 minutes ago', '2 hours ago', '3 days ago'."""
    seconds = max(0.0, ((now or datetime.now(UTC)) - when).total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = int(seconds // size)
            return f"{count} {unit}{'s' if count > 1 else ''} ago"
    return "just now"


def resume_label(record: SessionRecord, now: datetime | None = None) -> str:
    """'Resume Data Scientist — question 4 of 8, 2 hours ago'."""
    when = record.updated_at or record.created_at
    bounds = record.length_bounds  # adaptive: 'of up to 12' until the wrap-up is asked
    open_ended = bounds is not None and record.transcript and \
        bounds.min_questions < record.total_questions == record.questions_target and \
        record.transcript[-1].phase != "wrap_up"
    up_to = "up to " if open_ended else ""
    return (f"Resume {record.target_role} — question {len(record.transcript)} of "
            f"{up_to}{record.total_questions}, {ago(when, now)}")


def run_from_record(record: SessionRecord) -> state.InterviewRun:
    """The app's run of a saved interview (BadInput when it cannot be resumed)."""
    turns = turns_from_record(record)
    store = account.candidate_store_slot().store
    kept = SaveReceipt(saved=True, location=store.description if store is not None else "store")
    run = state.InterviewRun(meta=turns[0].state.meta, language=record.language, turns=turns,
                             record=record, start_receipt=kept,
                             profile=record.extensions.profile if record.extensions else None)
    run.answers = {number: entry.facts  # so the report still has every time and delivery
                   for number, entry in enumerate(record.transcript, start=1)
                   if entry.answer is not None}
    if run.finished:
        run.end_receipt = kept
    return run


def open_session(session_id: str, *, setup_options: bool = False) -> bool:
    """Make the saved interview the page's run; False (with a message) when it cannot be.
    Its options come from the URL, or from the setup form when resumed from its list."""
    store = account.candidate_store_slot().store
    try:
        record = store.get(session_id) if store is not None else None
        if record is None:
            raise EstelError("No saved interview has this link's id.")
        run = run_from_record(record)
        if setup_options:
            run.coach, run.timer_minutes = coach_chosen(), timer_chosen()
            run.read_aloud = read_aloud_chosen()
        else:
            _options_from_url(run)
    except EstelError as error:
        st.warning(f"Could not reopen that interview: {error.message}", icon=":material/link_off:")
        st.query_params.pop(SESSION_PARAM, None)
        return False
    state.set_run(run)
    state.set_error(None)
    show_in_url(run)
    return True


def open_from_url() -> None:
    """Reopen the interview the URL names, unless it is the one on the page already."""
    wanted = st.query_params.get(SESSION_PARAM)
    run = state.get_run()
    current = run.record.id if run is not None and run.record is not None else None
    if not wanted or wanted == current or wanted == st.session_state.get(OPENED_KEY):
        return
    open_session(wanted)


def show_in_url(run: state.InterviewRun) -> None:
    """Put a saved interview's id (and the page's options) in the URL, so a refresh or a
    shared tab finds it again as it was."""
    if run.tracked and run.record is not None:
        st.query_params[SESSION_PARAM] = run.record.id
        st.session_state[OPENED_KEY] = run.record.id
        wanted = {"coach": "1" if run.coach else "", "aloud": "1" if run.read_aloud else "",
                  "timer": str(run.timer_minutes) if run.timer_minutes else ""}
        for name in OPTION_PARAMS:
            if wanted[name]:
                st.query_params[name] = wanted[name]
            else:
                st.query_params.pop(name, None)


def _options_from_url(run: state.InterviewRun) -> None:
    """Coach mode, read-aloud and the timer as the URL says (absent: off)."""
    params = st.query_params
    run.coach = params.get("coach") == "1"
    run.read_aloud = params.get("aloud") == "1"
    timer = params.get("timer", "")
    run.timer_minutes = int(timer) if timer in {str(m) for m in TIMER_OPTIONS if m} else 0


def leave(run: state.InterviewRun) -> None:
    """Leaving an interview (Restart): an unfinished saved one is marked abandoned."""
    if run.tracked and not run.finished and run.record is not None:
        receipt = saving.abandon(account.run_store_slot(run).store, run.record)
        if not receipt.saved:
            log.warning("could not mark %s abandoned: %s", run.record.id, receipt.message)
    for name in (SESSION_PARAM, *OPTION_PARAMS):
        st.query_params.pop(name, None)
    st.session_state.pop(OPENED_KEY, None)


def unfinished() -> list[SessionRecord]:
    """Unfinished interviews that can be resumed, most recently active first."""
    store = account.candidate_store_slot().store
    if store is None or not saving.saves_turns(store):  # only a per-turn store can resume
        return []
    try:
        rows = store.list(SessionFilters(statuses=("in_progress",)), limit=50)
    except EstelError as error:
        log.warning("could not list unfinished interviews: %s", error.message)
        return []
    open_rows = [r for r in rows if r.open_question is not None]
    open_rows.sort(key=lambda r: r.updated_at or r.created_at, reverse=True)
    return open_rows[:UNFINISHED_SHOWN]


def unfinished_list() -> None:
    """'Resume Data Scientist — question 4 of 8, 2 hours ago' buttons, each with Abandon."""
    rows = unfinished()
    if not rows:
        return
    st.subheader("Unfinished interviews", anchor=False)
    for record in rows:
        with st.container(horizontal=True, horizontal_alignment="distribute",
                          vertical_alignment="center"):
            if st.button(resume_label(record), key=f"resume_{record.id}", type="secondary",
                         icon=":material/play_circle:") and open_session(record.id,
                                                                   setup_options=True):
                st.rerun()
            if st.button("Abandon", key=f"abandon_{record.id}", type="tertiary",
                         icon=":material/delete:"):
                receipt = saving.abandon(account.candidate_store_slot().store, record)
                if not receipt.saved:
                    st.warning(f"Could not abandon it: {receipt.message}")
                else:
                    st.rerun()
    st.divider()
