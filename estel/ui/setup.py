"""The setup screen: role, level, difficulty, number of questions, language, then Start.

A Start click is handled before the form is drawn, so validation messages sit under their
fields and a successful start shows the first question in the same script run.
"""

from __future__ import annotations

import logging

import streamlit as st

from estel.contract import MAX_QUESTIONS, MIN_QUESTIONS, InterviewMeta
from estel.engine import Engine
from estel.errors import EstelError
from estel.ui import resources, state
from estel.ui.forms import (
    DEFAULT_LEVEL,
    DEFAULT_QUESTIONS,
    DIFFICULTIES,
    EXPERIENCE_LEVELS,
    LANGUAGES,
    ROLE_FAMILIES,
    ROLE_SUGGESTIONS,
    SetupChoice,
    meta_from,
    setup_problems,
)

log = logging.getLogger(__name__)

SOMETHING_WENT_WRONG = "Something went wrong on our side. Please try again."
DEFAULTS = {
    state.SETUP_ROLE: None,
    state.SETUP_LEVEL: DEFAULT_LEVEL,
    state.SETUP_DIFFICULTY: "standard",
    state.SETUP_QUESTIONS: DEFAULT_QUESTIONS,
    state.SETUP_LANGUAGE: "en",
}


def log_turn_failure(error: EstelError) -> None:
    """Keep the real cause of a failed turn in the server log (the page shows only the message)."""
    if error.__cause__ is not None:
        log.warning("turn failed: %s", error.message, exc_info=error.__cause__)


def prefill(meta: InterviewMeta | None, language: str = "en") -> None:
    """Put a previous interview's setup back in the form (after Restart)."""
    if meta is None:
        return
    st.session_state[state.SETUP_ROLE] = meta.target_role
    st.session_state[state.SETUP_LEVEL] = meta.experience_level
    st.session_state[state.SETUP_DIFFICULTY] = meta.difficulty
    st.session_state[state.SETUP_QUESTIONS] = meta.questions_target
    st.session_state[state.SETUP_LANGUAGE] = language


def current_choice() -> SetupChoice:
    ss = st.session_state
    return SetupChoice(
        role=ss.get(state.SETUP_ROLE),
        level=ss.get(state.SETUP_LEVEL),
        difficulty=ss.get(state.SETUP_DIFFICULTY),
        questions=ss.get(state.SETUP_QUESTIONS),
        language=ss.get(state.SETUP_LANGUAGE),
    )


def start_interview(choice: SetupChoice) -> state.InterviewRun | None:
    """Ask the brain for the first question; on failure keep the form and record the error."""
    slot = resources.brain_slot()
    if slot.brain is None:
        state.set_error(state.PendingError(slot.problem or SOMETHING_WENT_WRONG, "start"))
        return None
    meta, language = meta_from(choice), str(choice.language)
    try:
        with st.spinner("Estel is preparing your first question…", show_time=True):
            opening = Engine(slot.brain).start(meta, language=language)
    except EstelError as error:
        log_turn_failure(error)
        state.set_error(state.PendingError(error.message, "start"))
        return None
    except Exception:  # never a stack trace on the page; the log has it
        log.exception("starting the interview failed")
        state.set_error(state.PendingError(SOMETHING_WENT_WRONG, "start"))
        return None
    # saved after the first question is on screen (interview.save_if_due), so a slow store
    # never delays the question
    run = state.InterviewRun(meta=meta, language=language, turns=[opening])
    state.set_run(run)
    state.set_error(None)
    return run


def _inline(problems: dict[str, str], field: str) -> None:
    if field in problems:
        st.error(problems[field], icon=":material/error:")


def _fields(problems: dict[str, str]) -> None:
    st.selectbox(
        "Target role", ROLE_SUGGESTIONS, key=state.SETUP_ROLE, accept_new_options=True,
        placeholder="Type any role, or pick a suggestion",
        help="Suggestions cover: " + ", ".join(f.lower() for f in ROLE_FAMILIES) + ".",
    )
    _inline(problems, "role")
    left, right = st.columns(2)
    with left:
        st.selectbox("Experience level", EXPERIENCE_LEVELS, key=state.SETUP_LEVEL)
        _inline(problems, "level")
    with right:
        st.segmented_control("Difficulty", DIFFICULTIES, key=state.SETUP_DIFFICULTY,
                             format_func=str.capitalize, required=True, width="stretch")
        _inline(problems, "difficulty")
    left, right = st.columns(2)
    with left:
        st.slider("Number of questions", MIN_QUESTIONS, MAX_QUESTIONS,
                  key=state.SETUP_QUESTIONS)
        _inline(problems, "questions")
    with right:
        st.selectbox("Language", list(LANGUAGES), key=state.SETUP_LANGUAGE,
                     format_func=LANGUAGES.__getitem__)
        _inline(problems, "language")


def setup_screen() -> state.InterviewRun | None:
    """Draw the setup form; returns the new run when Start just succeeded."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)
    problems: dict[str, str] = {}
    if st.session_state.get(state.SETUP_START):
        choice = current_choice()
        problems = setup_problems(choice)
        if not problems:
            state.set_error(None)
            run = start_interview(choice)
            if run is not None:
                return run
    st.title("Practice interview")
    st.markdown(
        "Estel asks one question at a time — intro, behavioural, technical, wrap-up — and "
        "ends with a feedback report you can download."
    )
    with st.form("setup", border=True):
        _fields(problems)
        st.form_submit_button("Start interview", type="primary", key=state.SETUP_START,
                              icon=":material/play_arrow:")
    error = state.get_error()
    if error is not None and error.stage == "start":
        st.error(f"{error.message} Your choices are kept; press Start to try again.",
                 icon=":material/error:")
    return None
