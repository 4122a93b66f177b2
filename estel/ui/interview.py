"""The interview page: setup, the interview as a chat, and the feedback report.

Layout of a running interview, top to bottom: header (title, progress, running scores), the chat
(answered exchanges as one transcript, then the open question as Estel's message with its hint),
status (spinner while the brain works, errors with Try again), the answer box. A Send or Try
again click is handled first, inside the status slot, so the page shows the next question in the
same script run (no extra rerun); the page content is a fragment, so a turn reruns and redraws
only it, not the navigation and sidebar.
"""

from __future__ import annotations

import gc
import logging

import streamlit as st

from estel.analysis.wording import counted
from estel.brains.offline.bank import load_bank
from estel.coach import coach_cards, latest_card
from estel.contract import MAX_ANSWER_CHARS, InterviewQuestionPayload
from estel.engine import Engine
from estel.errors import EstelError
from estel.report import ReportView, session_json
from estel.roles.context import role_context
from estel.store.records import trace_fields
from estel.ui import (
    account,
    answer_timer,
    components,
    read_aloud,
    resources,
    resume,
    saving,
    state,
)
from estel.ui.coach_view import latest_panel
from estel.ui.forms import answer_problem
from estel.ui.report_view import facts_caption, render_report, saved_banner
from estel.ui.setup import SOMETHING_WENT_WRONG, log_turn_failure, prefill, setup_screen
from estel.ui.streaming import with_streamed_question
from estel.ui.voice_input import microphone

log = logging.getLogger(__name__)

CHAT_HEIGHT = 360


def _freeze_loaded_objects() -> None:
    """Let Streamlit's after-run garbage collection skip everything the imports created.

    Streamlit calls gc.collect() after every script run (runner.postScriptGC). With plotly,
    pydantic and the engine loaded that full pass took ~50-70 ms per turn and holds the GIL, so
    the server could not send the new question meanwhile. Objects alive now are module-level
    and live for the whole process anyway; gc.freeze() moves them out of the collector's way.
    """
    gc.freeze()


_freeze_loaded_objects()  # once per import of this module, i.e. once per server process


def render_interview_page() -> None:
    """The whole Interview page."""
    _interview()


@st.fragment
def _interview() -> None:
    """Setup, chat and report as one fragment: Start, Send and Try again rerun only this.

    The page shell (navigation, sidebar) stays as drawn, so a turn sends the browser only what
    changed around the interview. Restart's dialog opens from here for the same reason; its
    buttons rerun the whole app.
    """
    resume.open_from_url()
    run = state.get_run()
    if run is None:
        resume.unfinished_list()
        run = setup_screen()
    if run is not None:
        interview_screen(run)
    if st.session_state.get(state.CONFIRM_RESTART_KEY):
        _confirm_restart()


def send_answer(run: state.InterviewRun, text: str) -> bool:
    """One answer turn; on failure the run is untouched and the error (with the answer) kept."""
    slot = resources.brain_slot()
    number = run.question_number
    if slot.brain is None:
        state.set_error(state.PendingError(slot.problem or SOMETHING_WENT_WRONG, "answer", text,
                                           number))
        return False
    finishing = number == run.current.state.total_questions
    label = ("Estel is scoring your interview and writing your feedback…" if finishing
             else f"Estel is reading your answer and choosing question {number + 1}…")
    try:
        result = with_streamed_question(label, lambda: Engine(slot.brain).answer(
            run.current.state, text, language=run.language, bounds=run.bounds,
            profile=run.profile))
    except EstelError as error:
        log_turn_failure(error)
        state.set_error(state.PendingError(error.message, "answer", text, number))
        return False
    except Exception:  # never a stack trace on the page; the log has it
        log.exception("answer turn failed")
        state.set_error(state.PendingError(SOMETHING_WENT_WRONG, "answer", text, number))
        return False
    given = answer_timer.answer_facts(run, number, text)
    store = account.run_store_slot(run).store
    if run.tracked and run.record is not None and saving.saves_turns(store):
        # the next question is shown only once this turn is saved (so it can be resumed)
        record, receipt = saving.save_answer(store, run.record, run.current.state, result,
                                             given)
        if not receipt.saved:
            state.set_error(state.PendingError(saving.answer_refusal(receipt), "answer", text,
                                               number))
            return False
        run.record = record
        if result.finished:
            run.end_receipt = receipt
    answer_timer.answer_sent(run, given)
    run.turns.append(result)
    state.set_error(None)
    return True


def save_if_due(run: state.InterviewRun) -> bool:
    """Create the row once the interview started, complete it once it finished; True if saved now.

    Called after the page is drawn: the candidate sees the question or the report first.
    """
    store, owner = account.run_store_slot(run), account.signed_in_user_id()
    if run.finished and run.end_receipt is None:
        run.record, run.end_receipt = saving.save_end(
            store.store, run.record, run.turns, language=run.language, problem=store.problem,
            answers=run.answers, user_id=owner)
        return True
    if not run.finished and run.start_receipt is None:
        run.record, run.start_receipt = saving.save_start(
            store.store, run.turns[0], language=run.language, problem=store.problem,
            user_id=owner)
        resume.show_in_url(run)
        return True
    return False


def _handle_click(run: state.InterviewRun) -> str | None:
    """Send (or resend) the answer if asked to; returns a message when it cannot be sent."""
    number = run.question_number
    error = state.get_error()
    if st.session_state.get(state.SEND_KEY):
        text = st.session_state.get(state.ANSWER_KEY) or ""
    elif st.session_state.get(state.retry_key(number)) and error is not None:
        text = error.answer
    else:
        return None
    problem = answer_problem(text)
    if problem is None and send_answer(run, text):
        # the box is drawn later in this run, so it can still be emptied for the next question
        st.session_state[state.ANSWER_KEY] = ""
    return problem


def interview_screen(run: state.InterviewRun) -> None:
    # two slots, so the click (whose spinner shows in `status`) is handled before anything is
    # drawn; the footer follows `status` in page order, so it needs no slot of its own
    top, status = st.container(), st.container()
    problem = None
    if not run.finished:
        with status:
            problem = _handle_click(run)
    with top:
        _header(run)
        start_note = st.empty()
        if run.finished:
            st.subheader("Your feedback report", anchor=False)
            end_note = st.empty()
            _report(run)
        else:
            _chat(run)
            answer_timer.countdown(run)
            read_aloud.speak_question(run)
    with status:
        _status(run, problem)
    _footer(run)
    save_if_due(run)
    with start_note:
        _start_save_note(run)
    if run.finished:
        with end_note:
            saved_banner(saving.receipt_text(run.end_receipt), bool(run.end_receipt and
                                                                   run.end_receipt.saved))


def _title(run: state.InterviewRun) -> None:
    meta = run.meta
    with st.container(horizontal=True, horizontal_alignment="distribute",
                      vertical_alignment="bottom"):
        st.subheader(f"{meta.target_role} interview", anchor=False)
        if not run.finished:
            st.button("Restart", key="restart", type="tertiary", icon=":material/restart_alt:",
                      on_click=_open_confirm)
    st.caption(f"{meta.experience_level} · {meta.difficulty} difficulty · "
               f"{_length(run)} · interviewer: {_interviewer(run)}")
    st.caption(role_context(meta, load_bank()).interviewing_as())


def _length(run: state.InterviewRun) -> str:
    """'8 questions', or for an adaptive interview '5-12 questions, the interviewer decides'."""
    bounds = run.bounds
    if bounds is None or bounds.min_questions == bounds.max_questions:
        return counted(run.meta.questions_target, "question")
    return f"{bounds.min_questions}–{bounds.max_questions} questions, the interviewer decides"


def _interviewer(run: state.InterviewRun) -> str:
    # the model of a turn the configured brain answered: a fallback turn must not rename it
    return trace_fields(run.turns)[0] or run.current.session_brain


def _header(run: state.InterviewRun) -> None:
    current = run.current.state
    _title(run)
    if run.finished:
        st.progress(1.0, text=f"Interview complete · {current.total_questions} of "
                              f"{current.total_questions} answered")
        return
    bounds = run.bounds
    early = bounds is not None and current.total_questions < bounds.max_questions
    components.progress(run.question_number, current.total_questions, run.answered,
                        current.phase, up_to=run.open_ended,
                        note=f"ending early (up to {bounds.max_questions} were allowed): enough "
                        "evidence" if early and bounds else "")
    before = run.turns[-2].state.score_so_far if len(run.turns) > 1 else None
    components.score_row(current.score_so_far, before, run.answered)


def _start_save_note(run: state.InterviewRun) -> None:
    receipt = run.start_receipt
    if not run.finished and receipt is not None and not receipt.saved:
        st.caption(f":material/cloud_off: This interview is not being saved: {receipt.message}")


def _chat(run: state.InterviewRun) -> None:
    """Answered exchanges as one transcript element, then the open question as a message."""
    transcript = run.current.state.transcript  # one entry per turn while the interview runs
    questions = [turn.response.payload for turn in run.turns]
    # a fixed height (scrolling to the newest message) only once there is more than one message
    height = CHAT_HEIGHT if len(transcript) > 1 else "content"
    with st.container(height=height, border=True, autoscroll=True):
        components.past_exchanges([
            (number, payload, item.answer)
            for number, (payload, item) in enumerate(zip(questions, transcript, strict=True), 1)
            if isinstance(payload, InterviewQuestionPayload) and item.answer is not None
        ])
        _coach(run)  # about the answer just given: after it, before the next question
        payload = questions[-1]
        if isinstance(payload, InterviewQuestionPayload) and transcript[-1].answer is None:
            # a fresh key per question: a new message, its hint expander closed again
            components.question_card(payload, key=f"question_q{len(transcript)}",
                                     chosen=run.meta.difficulty)


def _coach(run: state.InterviewRun) -> None:
    """Coach mode: the panel of the answer just given, between it and the next question."""
    card = latest_card(run.turns) if run.coach else None
    if card is not None:
        latest_panel(card)
        given = run.answers.get(card.number)
        if given is not None and (given.spoken or given.limit_seconds):  # spoken, or timed
            st.caption(facts_caption(given, any_spoken=given.spoken is not None))


def _status(run: state.InterviewRun, problem: str | None) -> None:
    if run.current.warnings:
        st.info(" ".join(run.current.warnings), icon=":material/info:")
    error = state.get_error()
    if problem:
        st.warning(problem, icon=":material/edit_note:")
    if run.finished or error is None or error.stage != "answer":
        return
    if error.question_number != run.question_number:
        return
    st.error(error.message, icon=":material/error:")
    st.caption("Your answer is still in the box: **Try again** resends it.")
    st.button("Try again", key=state.retry_key(run.question_number), type="primary",
              icon=":material/refresh:")


def _footer(run: state.InterviewRun) -> None:
    if run.finished:
        st.button("Start a new interview", key="new_interview", type="primary",
                  icon=":material/add:", on_click=_open_confirm)
        return
    microphone(run)  # before the box: a transcript fills it
    # the same form, box and button for every question: the browser keeps them and only the
    # box's text changes (a new key per question rebuilt them, ~10 ms a turn)
    with st.form("answer_form", border=False):
        # no max_chars: with it the browser silently drops a longer paste (the box stays
        # empty); without it the text stays and Send refuses it with its length (answer_problem)
        st.text_area(
            f"Your answer (up to {MAX_ANSWER_CHARS:,} characters)", key=state.ANSWER_KEY,
            height=120, placeholder="Type your answer…",
            help=f"Up to {MAX_ANSWER_CHARS:,} characters. A longer answer stays in the box and "
                 "is not sent: shorten it, then send.",
        )
        with st.container(horizontal=True, horizontal_alignment="distribute",
                          vertical_alignment="center"):
            st.form_submit_button("Send answer", key=state.SEND_KEY, type="primary",
                                  icon=":material/send:")
            st.caption("Tip: a situation, what you did, and the result beats a long story.")


def _report(run: state.InterviewRun) -> None:
    view = ReportView.from_turns(run.turns, language=run.language, answers=run.answers)
    render_report(
        view,
        session_json=session_json(run.current),
        key="interview_report",
        show_context=False,
        coach=coach_cards(run.turns) if run.coach else None,
        profile=run.profile,
    )


def _open_confirm() -> None:
    st.session_state[state.CONFIRM_RESTART_KEY] = True


def _close_confirm() -> None:
    st.session_state[state.CONFIRM_RESTART_KEY] = False


@st.dialog("Start over?", on_dismiss=_close_confirm)
def _confirm_restart() -> None:
    run = state.get_run()
    if run is not None and not run.finished:
        st.write("This interview is marked abandoned and a new one starts from the setup.")
    else:
        st.write("The report stays in your saved sessions; download it first if you want a "
                 "copy. Your setup is kept for the next interview.")
    left, right = st.columns(2)
    if left.button("Yes, start over", key="restart_yes", type="primary", width="stretch"):
        if run is not None:
            prefill(run.meta, run.language, run.bounds)
            resume.leave(run)  # an unfinished interview is marked abandoned, not left open
        state.reset_interview()
        st.rerun()
    if right.button("Keep going", key="restart_no", width="stretch"):
        _close_confirm()
        st.rerun()
