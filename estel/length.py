"""Adaptive length ("Let the interviewer decide"): pure session rules, beside estel/session.py.

An adaptive interview has a minimum and a maximum number of questions. The maximum is
`meta.questions_target`, so the seed's shapes do not change and a client that knows nothing of
adaptive length still sees a valid interview of `questions_target` questions. How the plan adapts
(docs/adaptive-length.md):

- The core is `session.phase_plan(min)` without its wrap-up: intro, behavioural, technical.
  Extra questions are technical (that is where a thin answer leaves the most unknown) and go
  between the core and the wrap-up: plan(T) = core + technical × (T - min) + wrap_up.
- The interview starts at T = max. After each answer the code decides, once the core is asked,
  whether the next question is the wrap-up: then T shrinks to that question's number, and never
  changes again. Every plan(T) agrees with plan(max) on every question before its wrap-up, so no
  question already asked ever changes phase, and `total_questions` is the current T on every turn.
- It ends early when the evidence is enough: the latest answer is not thin and either the scores
  are stable (the latest answer moved the overall mean by at most STABLE_DELTA) or the brain
  proposes to end. A brain's proposal is only a proposal: below the minimum, or after a thin
  answer, the code goes on.

Over the wire the bounds are the optional extension `context.length` (contract.AdaptiveLength);
the HTTP service keeps them with the session (the `min_questions` column).
"""

from __future__ import annotations

from dataclasses import dataclass

from estel import session
from estel.contract import (
    MAX_QUESTIONS,
    MIN_ADAPTIVE_QUESTIONS,
    AdaptiveLength,
    InterviewMeta,
    InterviewSessionState,
    InterviewTranscriptItem,
    Phase,
    SessionScores,
)
from estel.errors import BadInput

# The latest answer moved the overall mean by at most this much: the scores have settled.
STABLE_DELTA = 0.5
# An answer shorter than this says too little to judge on; the interview goes on after it.
THIN_ANSWER_WORDS = 30


@dataclass(frozen=True)
class LengthBounds:
    """The minimum and maximum number of questions of one adaptive interview."""

    min_questions: int
    max_questions: int

    def __post_init__(self) -> None:
        if not MIN_ADAPTIVE_QUESTIONS <= self.min_questions <= MAX_QUESTIONS:
            raise BadInput(f"The minimum number of questions must be between "
                           f"{MIN_ADAPTIVE_QUESTIONS} (one per phase) and {MAX_QUESTIONS}.")
        if not self.min_questions <= self.max_questions <= MAX_QUESTIONS:
            raise BadInput(f"The maximum number of questions must be between the minimum "
                           f"({self.min_questions}) and {MAX_QUESTIONS}.")


def bounds_for(meta: InterviewMeta, min_questions: int) -> LengthBounds:
    """The bounds of an adaptive interview: the maximum is the meta's questions_target."""
    return LengthBounds(min_questions=min_questions, max_questions=meta.questions_target)


def bounds_of(extension: AdaptiveLength | None, meta: InterviewMeta) -> LengthBounds | None:
    """The bounds a request's `context.length` asks for; None for the seed's fixed length."""
    return None if extension is None else bounds_for(meta, extension.min_questions)


def extension_of(bounds: LengthBounds | None) -> AdaptiveLength | None:
    """The wire extension that asks for these bounds (the inverse of bounds_of)."""
    if bounds is None:
        return None
    return AdaptiveLength(mode="adaptive", min_questions=bounds.min_questions)


def plan_for(total: int, bounds: LengthBounds | None) -> tuple[Phase, ...]:
    """The phase plan of an interview of `total` questions, fixed or adaptive."""
    return session.phase_plan(total) if bounds is None else adaptive_plan(total, bounds)


def check_any_state(
    state: InterviewSessionState, meta: InterviewMeta, bounds: LengthBounds | None
) -> None:
    """session.check_state for a fixed interview, check_adaptive_state for an adaptive one."""
    if bounds is None:
        session.check_state(state, meta)
    else:
        check_adaptive_state(state, meta, bounds)


def adaptive_plan(total: int, bounds: LengthBounds) -> tuple[Phase, ...]:
    """Phase of each question when the interview has `total` questions (min <= total <= max)."""
    if not bounds.min_questions <= total <= bounds.max_questions:
        raise BadInput(f"An adaptive interview has between {bounds.min_questions} and "
                       f"{bounds.max_questions} questions, not {total}.")
    core = session.phase_plan(bounds.min_questions)[:-1]
    return core + ("technical",) * (total - bounds.min_questions) + ("wrap_up",)


@dataclass(frozen=True)
class Evidence:
    """What the decision to end may look at, all known once the latest answer is scored."""

    before: SessionScores  # the running mean before the latest answer
    after: SessionScores  # the running mean with it
    answer_words: int  # length of the latest answer
    brain_proposes_end: bool = False


def is_thin(evidence: Evidence) -> bool:
    return evidence.answer_words < THIN_ANSWER_WORDS


def is_stable(evidence: Evidence) -> bool:
    return abs(session.overall(evidence.after) - session.overall(evidence.before)) <= STABLE_DELTA


def should_end(evidence: Evidence) -> bool:
    """Enough evidence to wrap up (the caller has checked the core is covered)."""
    return not is_thin(evidence) and (is_stable(evidence) or evidence.brain_proposes_end)


def next_total(answered: int, total: int, bounds: LengthBounds, evidence: Evidence) -> int:
    """The interview's total once `answered` questions (the latest included) have answers.

    Decides only while the total is still the maximum and the next question is past the core;
    the total never grows and never drops below the next question's number.
    """
    next_number = answered + 1
    if answered >= total or total < bounds.max_questions:
        return total  # finished, or the end was already decided: the wrap-up is next
    if next_number < bounds.min_questions or next_number == total:
        return total  # the core is not asked yet, or the wrap-up is next anyway
    return next_number if should_end(evidence) else total


def check_adaptive_state(
    state: InterviewSessionState, meta: InterviewMeta, bounds: LengthBounds
) -> None:
    """session.check_state for an adaptive interview: its own plan, and the early-end rule."""
    if bounds.max_questions != meta.questions_target:
        raise BadInput("The maximum number of questions must be meta.questions_target.")
    total = state.total_questions
    if not bounds.min_questions <= total <= bounds.max_questions:
        raise BadInput(f"session_state.total_questions must be between {bounds.min_questions} "
                       f"and {bounds.max_questions}.")
    if total < bounds.max_questions and state.question_index != total:
        # the total shrinks only when the wrap-up is the next question
        raise BadInput("session_state: an interview that ends early must be at its wrap-up.")
    session.check_state(state, meta, plan=adaptive_plan(total, bounds))


def advanced_state(
    state: InterviewSessionState, answer: str, scores: SessionScores, question: str, topic: str,
    total: int, bounds: LengthBounds,
) -> InterviewSessionState:
    """The state after an answer, with the next question open and the decided total."""
    number = state.question_index + 1
    transcript = session.with_answer(state, answer)
    transcript.append(InterviewTranscriptItem(question_id=session.question_id(number),
                                              question=question, topic=topic))
    return InterviewSessionState(
        phase=adaptive_plan(total, bounds)[number - 1],
        question_index=number,
        total_questions=total,
        score_so_far=scores,
        transcript=transcript,
        meta=state.meta,
    )
