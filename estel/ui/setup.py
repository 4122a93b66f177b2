"""The setup screen: role, level, difficulty, number of questions, language, then Start.

A Start click is handled before the form is drawn, so validation messages sit under their
fields and a successful start shows the first question in the same script run.
"""

from __future__ import annotations

import logging
from dataclasses import replace

import streamlit as st

from estel.brains.offline.bank import load_bank
from estel.contract import MAX_QUESTIONS, MIN_ADAPTIVE_QUESTIONS, MIN_QUESTIONS, InterviewMeta
from estel.engine import Engine
from estel.errors import EstelError
from estel.length import LengthBounds
from estel.roles.context import role_context_for
from estel.roles.levels import DEFAULT_LEVEL, EXPERIENCE_LEVELS
from estel.ui import resources, state
from estel.ui.answer_timer import timer_chosen, timer_select
from estel.ui.coach_view import coach_chosen, coach_toggle
from estel.ui.forms import (
    DEFAULT_QUESTIONS,
    DEFAULT_RANGE,
    DIFFICULTIES,
    LANGUAGES,
    SetupChoice,
    bounds_from,
    language_note,
    meta_from,
    role_families,
    role_suggestions,
    setup_problems,
)
from estel.ui.profile_view import profile_panel, session_profile
from estel.ui.read_aloud import read_aloud_chosen, read_aloud_toggle
from estel.ui.streaming import with_streamed_question

log = logging.getLogger(__name__)

SOMETHING_WENT_WRONG = "Something went wrong on our side. Please try again."
DEFAULT_CHOICE = SetupChoice(role=None, level=DEFAULT_LEVEL, difficulty="standard",
                             questions=DEFAULT_QUESTIONS, language="en")


def log_turn_failure(error: EstelError) -> None:
    """Keep the real cause of a failed turn in the server log (the page shows only the message)."""
    if error.__cause__ is not None:
        log.warning("turn failed: %s", error.message, exc_info=error.__cause__)


def prefill(meta: InterviewMeta | None, language: str = "en",
            bounds: LengthBounds | None = None) -> None:
    """Remember a previous interview's setup so the form starts from it (after Restart)."""
    if meta is not None:
        st.session_state[state.PREFILL_KEY] = SetupChoice(
            meta.target_role, meta.experience_level, meta.difficulty, meta.questions_target,
            language, adaptive=bounds is not None,
            question_range=(bounds.min_questions, bounds.max_questions) if bounds else None)


def _initial() -> SetupChoice:
    """The form's starting values: the choices last shown (kept across pages) or the last
    interview's setup, else the defaults.

    They are passed as widget defaults (not written to session_state), so a widget always
    starts from a sensible value even when the browser sends no state for it.
    """
    return st.session_state.get(state.PREFILL_KEY) or DEFAULT_CHOICE


def current_choice() -> SetupChoice:
    ss = st.session_state
    return SetupChoice(
        role=ss.get(state.SETUP_ROLE),
        level=ss.get(state.SETUP_LEVEL),
        difficulty=ss.get(state.SETUP_DIFFICULTY),
        questions=ss.get(state.SETUP_QUESTIONS),
        language=ss.get(state.SETUP_LANGUAGE),
        adaptive=bool(ss.get(state.SETUP_ADAPTIVE)),
        question_range=_range(ss.get(state.SETUP_RANGE)),
    )


def _range(value: object) -> tuple[int, int] | None:
    """The range slider's (minimum, maximum), or None when it sends nothing usable."""
    if isinstance(value, list | tuple) and len(value) == 2:
        return int(value[0]), int(value[1])
    return None


def start_interview(choice: SetupChoice) -> state.InterviewRun | None:
    """Ask the brain for the first question; on failure keep the form and record the error."""
    slot = resources.brain_slot()
    if slot.brain is None:
        state.set_error(state.PendingError(slot.problem or SOMETHING_WENT_WRONG, "start"))
        return None
    meta, language, bounds = meta_from(choice), str(choice.language), bounds_from(choice)
    try:
        # streamed like every later question: its words show as the model writes them
        engine = Engine(slot.brain)
        profile, notes = session_profile(engine, meta)
        opening = with_streamed_question("Estel is preparing your first question…",
                                         lambda: engine.start(meta, language=language,
                                                              bounds=bounds, profile=profile))
        if notes:
            opening = replace(opening, warnings=(*opening.warnings, *notes))
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
    run = state.InterviewRun(meta=meta, language=language, turns=[opening],
                             coach=coach_chosen(), timer_minutes=timer_chosen(),
                             read_aloud=read_aloud_chosen(), profile=profile)
    state.set_run(run)
    state.set_error(None)
    return run


def _inline(problems: dict[str, str], field: str) -> None:
    if field in problems:
        st.error(problems[field], icon=":material/error:")


def _index(options: tuple[str, ...], value: str | None) -> int | None:
    return options.index(value) if value in options else None


def _fields(problems: dict[str, str], initial: SetupChoice) -> None:
    roles = role_suggestions()
    if initial.role and initial.role not in roles:  # a typed role from the last interview
        roles = (initial.role, *roles)
    st.selectbox(
        "Target role", roles, index=_index(roles, initial.role), key=state.SETUP_ROLE,
        accept_new_options=True,
        placeholder="Type any role, or pick a suggestion",
        help=f"Type any job title: {len(role_families())} role families are covered "
        "(suggestions list some of their titles); anything else gets general questions.",
    )
    _inline(problems, "role")
    left, right = st.columns(2)
    with left:
        levels = EXPERIENCE_LEVELS
        if initial.level and initial.level not in levels:
            levels = (initial.level, *levels)
        st.selectbox("Experience level", levels, index=_index(levels, initial.level) or 0,
                     key=state.SETUP_LEVEL)
        _inline(problems, "level")
    with right:
        st.segmented_control("Difficulty", DIFFICULTIES, default=initial.difficulty,
                             key=state.SETUP_DIFFICULTY,
                             format_func=str.capitalize, required=True, width="stretch")
        _inline(problems, "difficulty")
    _interviewing_as()
    left, right = st.columns(2)
    with left:
        _length_fields(initial)
        _inline(problems, "questions")
    with right:
        codes = tuple(LANGUAGES)
        st.selectbox("Language", codes, index=_index(codes, initial.language) or 0,
                     key=state.SETUP_LANGUAGE, format_func=LANGUAGES.__getitem__)
        _inline(problems, "language")
        note = language_note(st.session_state.get(state.SETUP_ROLE) or "",
                             st.session_state.get(state.SETUP_LANGUAGE))
        if note:
            st.caption(note)
    coach_toggle()
    timer_select()
    read_aloud_toggle()
    profile_panel(_meta_or_none())


def _meta_or_none() -> InterviewMeta | None:
    """The form's meta when its role and level make one (for reading the job description)."""
    choice = current_choice()
    if setup_problems(choice):
        return None
    try:
        return meta_from(choice)
    except EstelError:
        return None


def _length_fields(initial: SetupChoice) -> None:
    """A fixed number of questions, or "Let the interviewer decide" with a minimum and maximum
    (adaptive length: it ends early once the scores are stable and every phase is covered)."""
    adaptive = st.toggle(
        "Let the interviewer decide", value=initial.adaptive, key=state.SETUP_ADAPTIVE,
        help="Estel ends early once your scores are stable and every phase is covered, and "
        "keeps asking while the evidence is thin, within the minimum and maximum you set.")
    if adaptive:
        st.slider("Number of questions (at least – at most)", MIN_ADAPTIVE_QUESTIONS,
                  MAX_QUESTIONS, value=initial.question_range or DEFAULT_RANGE,
                  key=state.SETUP_RANGE,
                  help=f"At least {MIN_ADAPTIVE_QUESTIONS}: one question per phase.")
    else:
        st.slider("Number of questions", MIN_QUESTIONS, MAX_QUESTIONS,
                  value=int(initial.questions or DEFAULT_QUESTIONS), key=state.SETUP_QUESTIONS)


def _interviewing_as() -> None:
    """What the typed title and level resolve to, live, before Start ('Nursing — RN · senior').

    Always one caption in this slot, so typing a title does not shift the fields below it
    (a shifted slider lost key presses in the browser test)."""
    role = (st.session_state.get(state.SETUP_ROLE) or "").strip()
    if not role:
        st.caption("Type any job title: the role family that interviews you shows here.")
        return
    level = st.session_state.get(state.SETUP_LEVEL) or ""
    st.caption(role_context_for(role, level, load_bank()).interviewing_as(),
               help="Resolved from the title you typed; a title no family matches gets general "
               "questions. The level sets the band: entry, mid, senior or lead.")


def setup_screen() -> state.InterviewRun | None:
    """Draw the setup form; returns the new run when Start just succeeded."""
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
    # a bordered container, not a form: a form sends its values only on Start, so choices made
    # before visiting another page were lost; now each change reaches the server and is kept
    with st.container(border=True, key="setup"):
        _fields(problems, _initial())
        st.button("Start interview", type="primary", key=state.SETUP_START,
                  icon=":material/play_arrow:")
    # Streamlit drops a widget's state once a page without it runs: keep the choices in a
    # plain key, which the widgets start from when this page is drawn again
    st.session_state[state.PREFILL_KEY] = current_choice()
    error = state.get_error()
    if error is not None and error.stage == "start":
        st.error(error.message, icon=":material/error:")
        st.caption("Your choices are kept: press **Start interview** to try again.")
    return None
