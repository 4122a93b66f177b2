"""Everything the app keeps in `st.session_state`, under a few documented keys.

Keys (all per browser session, so a refresh starts over cleanly):

- `estel_run`   : InterviewRun | None — the interview in progress or just finished: meta,
                  language, every TurnResult in order, the session record and save receipts.
- `estel_error` : PendingError | None — the last failed turn: its safe message and the answer
                  that was being sent (kept in the box; "Try again" resubmits it).
- `estel_confirm_restart` : bool — the Restart confirmation dialog is open.
- `estel_coach_prefill` : bool — the last coach-mode choice (the toggle's default).
- `estel_setup_prefill` : SetupChoice | None — the setup form's last values (kept while other
                  pages run, which drops widget state) or the last interview's setup after a
                  Restart: the form's starting values.
- `estel_brain` / `estel_store` : optional Brain / SessionStore overrides (tests, demos); when
                  absent the app uses the cached ones built from settings.

Widget keys: `setup_*` for the setup form (`setup_coach`: the coach-mode toggle); `answer` /
`send` for the one answer box and its button (kept across questions so the browser reuses them;
the page empties the box after a successful turn and leaves it filled after a failed one);
`retry_q{n}` for Try again on question n.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import streamlit as st

from estel.answer_facts import AnswerFacts, SpokenDelivery
from estel.contract import InterviewMeta
from estel.engine import TurnResult
from estel.extensions import SessionProfile
from estel.length import LengthBounds
from estel.store.base import SaveReceipt, SessionRecord

RUN_KEY = "estel_run"
ERROR_KEY = "estel_error"
CONFIRM_RESTART_KEY = "estel_confirm_restart"
PREFILL_KEY = "estel_setup_prefill"
BRAIN_KEY = "estel_brain"
STORE_KEY = "estel_store"

SETUP_ROLE = "setup_role"
SETUP_LEVEL = "setup_level"
SETUP_DIFFICULTY = "setup_difficulty"
SETUP_QUESTIONS = "setup_questions"
SETUP_LANGUAGE = "setup_language"
SETUP_ADAPTIVE = "setup_adaptive"  # "Let the interviewer decide" (adaptive length)
SETUP_RANGE = "setup_range"  # its (minimum, maximum) questions
SETUP_START = "setup_start"


ANSWER_KEY = "answer"
SEND_KEY = "send"


def retry_key(number: int) -> str:
    return f"retry_q{number}"


@dataclass
class InterviewRun:
    """One interview: its setup, every turn so far, and what happened to saving it."""

    meta: InterviewMeta
    language: str
    turns: list[TurnResult] = field(default_factory=list)
    record: SessionRecord | None = None
    start_receipt: SaveReceipt | None = None
    end_receipt: SaveReceipt | None = None
    coach: bool = False  # coach mode: each answer's panel right after it (estel.ui.coach_view)
    timer_minutes: int = 0  # the answer timer (estel.ui.answer_timer); 0 = none
    shown_at: dict[int, float] = field(default_factory=dict)  # question number -> epoch shown
    # question number -> how the answer was given (time, limit, spoken delivery), as saved
    answers: dict[int, AnswerFacts] = field(default_factory=dict)
    spoken: dict[int, SpokenDelivery] = field(default_factory=dict)  # recordings' delivery
    heard: dict[int, str] = field(default_factory=dict)  # what the recordings said
    read_aloud: bool = False  # questions read aloud (estel.ui.read_aloud)
    spoken_audio: dict[int, bytes] = field(default_factory=dict)  # question number -> speech
    profile: SessionProfile | None = None  # the JD's requirements and résumé items (issue 16)

    @property
    def answer_seconds(self) -> dict[int, float]:
        """Question number -> seconds each timed answer took."""
        return {n: f.seconds for n, f in self.answers.items() if f.seconds is not None}

    @property
    def current(self) -> TurnResult:
        return self.turns[-1]

    @property
    def tracked(self) -> bool:
        """Every turn is being saved (the opening row was written): the interview can be
        resumed from its id, and each answer waits for its save."""
        return self.record is not None and bool(self.start_receipt and self.start_receipt.saved)

    @property
    def finished(self) -> bool:
        return bool(self.turns) and self.current.finished

    @property
    def bounds(self) -> LengthBounds | None:
        """Adaptive length's bounds, kept with the interview from its first turn."""
        return self.turns[0].bounds if self.turns else None

    @property
    def open_ended(self) -> bool:
        """An adaptive interview that may still end before its maximum: its total is the
        most it may ask, not what it will ask."""
        bounds = self.bounds
        return (bounds is not None and not self.finished and bounds.min_questions
                < bounds.max_questions == self.current.state.total_questions
                and self.current.state.phase != "wrap_up")

    @property
    def question_number(self) -> int:
        return self.current.state.question_index

    @property
    def answered(self) -> int:
        """Answers given so far."""
        return sum(1 for item in self.current.state.transcript if item.answer is not None)


@dataclass(frozen=True)
class PendingError:
    """A turn that failed: what to show and what to resend."""

    message: str
    stage: Literal["start", "answer"]
    answer: str = ""
    question_number: int = 0


def get_run() -> InterviewRun | None:
    return st.session_state.get(RUN_KEY)


def set_run(run: InterviewRun | None) -> None:
    st.session_state[RUN_KEY] = run


def get_error() -> PendingError | None:
    return st.session_state.get(ERROR_KEY)


def set_error(error: PendingError | None) -> None:
    st.session_state[ERROR_KEY] = error


def override(key: str) -> Any:
    """A Brain or SessionStore put in session_state by a test or demo, else None."""
    return st.session_state.get(key)


def reset_interview() -> None:
    """Forget the interview (Restart): the setup form shows again."""
    for key in (RUN_KEY, ERROR_KEY, CONFIRM_RESTART_KEY):
        st.session_state.pop(key, None)
