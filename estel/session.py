"""Session rules (DESIGN.md "Session rules"): pure, deterministic functions.

The code keeps the books: phase plan, question ids, question_index, difficulty bounds and score
arithmetic live here so no brain can miscount, skip a phase or inflate a score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from estel.contract import (
    MAX_ANSWER_CHARS,
    MAX_QUESTIONS,
    MIN_QUESTIONS,
    QUESTION_DIFFICULTIES,
    InterviewMeta,
    InterviewSessionState,
    InterviewTranscriptItem,
    MetaDifficulty,
    Phase,
    QuestionDifficulty,
    SessionScores,
)
from estel.errors import BadInput

# Bounds on what a client may send back to us in session_state; generous, but finite.
MAX_QUESTION_CHARS = 2000
MAX_TOPIC_CHARS = 200
MAX_ROLE_CHARS = 120
MAX_LEVEL_CHARS = 60

BASE_DIFFICULTY: dict[MetaDifficulty, QuestionDifficulty] = {
    "easy": "easy",
    "standard": "medium",
    "hard": "hard",
}

ZERO_SCORES = SessionScores(communication=0.0, content=0.0, confidence=0.0)
# Overall is a weighted mean in which content weighs most: an interview is about what was said,
# so fluency and confidence cannot carry an empty or wrong answer. Defined here, and only here.
OVERALL_WEIGHTS: dict[str, float] = {"communication": 0.25, "content": 0.5, "confidence": 0.25}

# C0/C1 control characters other than tab and line breaks (NUL, ESC, DEL ...) and the bidi
# overrides and isolates that can make stored text display differently from what it says
# ("Trojan Source"). Answers lose them; roles, levels and a tampered transcript are refused.
CONTROL_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def without_control_chars(text: str) -> str:
    return CONTROL_CHARS.sub("", text)


def _refuse_control_chars(text: str, where: str) -> None:
    if CONTROL_CHARS.search(text):
        raise BadInput(f"{where} contains control characters.")


def phase_plan(total: int) -> tuple[Phase, ...]:
    """Phase of each question: intro, behavioural (larger half), technical, wrap_up last."""
    if not MIN_QUESTIONS <= total <= MAX_QUESTIONS:
        raise BadInput(f"questions_target must be between {MIN_QUESTIONS} and {MAX_QUESTIONS}.")
    if total == 1:
        return ("intro",)
    middle = total - 2
    behavioural = (middle + 1) // 2
    technical = middle - behavioural
    return ("intro",) + ("behavioural",) * behavioural + ("technical",) * technical + ("wrap_up",)


def phase_of(question_number: int, total: int) -> Phase:
    """Phase of the 1-based question number in an interview of `total` questions."""
    return phase_plan(total)[question_number - 1]


def question_id(question_number: int) -> str:
    return f"q{question_number}"


def base_difficulty(meta_difficulty: MetaDifficulty) -> QuestionDifficulty:
    return BASE_DIFFICULTY[meta_difficulty]


DIFFICULTY_MOVES = {
    1: "harder: your answers are strong",
    -1: "easier: let's build up from the basics",
}


def difficulty_move(
    question_difficulty: QuestionDifficulty, meta_difficulty: MetaDifficulty
) -> str | None:
    """Why a question's difficulty differs from the chosen one (the adaptive step), or None."""
    step = (QUESTION_DIFFICULTIES.index(question_difficulty)
            - QUESTION_DIFFICULTIES.index(base_difficulty(meta_difficulty)))
    return DIFFICULTY_MOVES.get(max(-1, min(1, step)))


def clamp_difficulty(
    proposed: QuestionDifficulty, meta_difficulty: MetaDifficulty
) -> QuestionDifficulty:
    """A brain may move the difficulty one step from the meta's, never more."""
    base = QUESTION_DIFFICULTIES.index(base_difficulty(meta_difficulty))
    wanted = QUESTION_DIFFICULTIES.index(proposed)
    return QUESTION_DIFFICULTIES[max(base - 1, min(base + 1, wanted))]


def round_score(value: float) -> float:
    """One decimal, halves rounded up (not banker's rounding), clamped to 0..10."""
    clamped = min(10.0, max(0.0, value))
    return int(clamped * 10 + 0.5 + 1e-9) / 10


def next_scores(
    previous: SessionScores, answered_before: int, answer_scores: SessionScores
) -> SessionScores:
    """Running mean after one more answer.

    The contract's state carries only the mean so far, not each answer's score, so the mean is
    updated incrementally from the (rounded) previous mean: deterministic from the state alone.
    """
    n = answered_before

    def step(old: float, new: float) -> float:
        return round_score((old * n + new) / (n + 1))

    return SessionScores(
        communication=step(previous.communication, answer_scores.communication),
        content=step(previous.content, answer_scores.content),
        confidence=step(previous.confidence, answer_scores.confidence),
    )


def overall(scores: SessionScores) -> float:
    """The weighted mean of the three dimensions (OVERALL_WEIGHTS), one decimal."""
    return round_score(weighted(scores.communication, scores.content, scores.confidence))


def weighted(communication: float, content: float, confidence: float) -> float:
    """OVERALL_WEIGHTS applied to three scores, unrounded."""
    w = OVERALL_WEIGHTS
    return (w["communication"] * communication + w["content"] * content
            + w["confidence"] * confidence)


def check_meta(meta: InterviewMeta) -> None:
    """Reject a meta the rules cannot serve, with a message that says which field."""
    if not MIN_QUESTIONS <= meta.questions_target <= MAX_QUESTIONS:
        raise BadInput(
            f"questions_target must be between {MIN_QUESTIONS} and {MAX_QUESTIONS}."
        )
    _refuse_control_chars(meta.target_role, "target_role")
    _refuse_control_chars(meta.experience_level, "experience_level")
    role = meta.target_role.strip()
    if not role:
        raise BadInput("target_role must not be empty.")
    if len(role) > MAX_ROLE_CHARS:
        raise BadInput(f"target_role must be at most {MAX_ROLE_CHARS} characters.")
    if not meta.experience_level.strip():
        raise BadInput("experience_level must not be empty.")
    if len(meta.experience_level) > MAX_LEVEL_CHARS:
        raise BadInput(f"experience_level must be at most {MAX_LEVEL_CHARS} characters.")


def check_answer(text: str) -> str:
    """The candidate's answer, stripped of control characters and outer space; blank or
    over-long answers are refused."""
    stripped = without_control_chars(text).strip()
    if not stripped:
        raise BadInput("The answer is empty. Type an answer before sending.")
    if len(stripped) > MAX_ANSWER_CHARS:
        raise BadInput(
            f"The answer is {len(stripped):,} characters; the limit is {MAX_ANSWER_CHARS:,}."
        )
    return stripped


def check_message(text: str) -> None:
    """The request's message obeys the answer limit on every turn, the first included (where
    it is ignored): one limit for the app, the command line and HTTP."""
    if len(text.strip()) > MAX_ANSWER_CHARS:
        raise BadInput(
            f"The message is {len(text.strip()):,} characters; the limit is {MAX_ANSWER_CHARS:,}."
        )


def is_finished(state: InterviewSessionState) -> bool:
    """True for the state sent with the feedback payload: every question answered."""
    return state.question_index == state.total_questions and all(
        item.answer is not None for item in state.transcript
    ) and len(state.transcript) == state.total_questions


def check_state(
    state: InterviewSessionState, meta: InterviewMeta, plan: Sequence[Phase] | None = None
) -> None:
    """Check an incoming session_state against the rules and the request's meta.

    Accepts open states (one unanswered question) and the finished state; raises BadInput with
    a specific message for anything else, so a tampered state never reaches a brain. `plan` is
    the phase plan the state must follow: phase_plan(meta.questions_target) unless given (an
    adaptive-length interview passes its own, see estel/length.py).
    """
    check_meta(meta)
    if state.meta != meta:
        raise BadInput("session_state.meta does not match the request's meta.")
    plan = tuple(plan) if plan is not None else phase_plan(meta.questions_target)
    total = len(plan)
    if state.total_questions != total:
        raise BadInput("session_state.total_questions does not match meta.questions_target."
                       if total == meta.questions_target else
                       "session_state.total_questions does not match the interview's plan.")
    if not 1 <= state.question_index <= total:
        raise BadInput(f"session_state.question_index must be between 1 and {total}.")
    if len(state.transcript) != state.question_index:
        raise BadInput("session_state.transcript must hold one item per question asked so far.")
    _check_transcript(state.transcript)
    finished = is_finished(state)
    if not finished and state.transcript[-1].answer is not None:
        # only the feedback state has every question answered; else the answer would be replaced
        raise BadInput(f"session_state: the open question {question_id(state.question_index)} "
                       "already has an answer.")
    expected_phase = "wrap_up" if finished else plan[state.question_index - 1]
    if state.phase != expected_phase:
        raise BadInput(
            f"session_state.phase is '{state.phase}' but question {state.question_index} "
            f"of {total} is in '{expected_phase}'."
        )
    _check_scores(state.score_so_far, answered=answered_count(state))


def answered_count(state: InterviewSessionState) -> int:
    return sum(1 for item in state.transcript if item.answer is not None)


def _check_transcript(transcript: Sequence[InterviewTranscriptItem]) -> None:
    last = len(transcript) - 1
    for number, item in enumerate(transcript, start=1):
        if item.question_id != question_id(number):
            raise BadInput(f"session_state.transcript[{number - 1}].question_id must be "
                           f"'{question_id(number)}'.")
        if not item.question.strip() or len(item.question) > MAX_QUESTION_CHARS:
            raise BadInput(f"session_state.transcript[{number - 1}].question is empty or too long.")
        if not item.topic.strip() or len(item.topic) > MAX_TOPIC_CHARS:
            raise BadInput(f"session_state.transcript[{number - 1}].topic is empty or too long.")
        # answers come from the client (ours are cleaned by check_answer); questions and
        # topics come from a brain and are not the client's to add control characters to
        _refuse_control_chars(item.answer or "", f"session_state.transcript[{number - 1}].answer")
        if item.answer is None:
            if number - 1 != last:
                raise BadInput(f"session_state.transcript[{number - 1}] has no answer but a later "
                               "question was asked.")
            continue
        if not item.answer.strip() or len(item.answer) > MAX_ANSWER_CHARS:
            raise BadInput(f"session_state.transcript[{number - 1}].answer is empty or too long.")


def _check_scores(scores: SessionScores, answered: int) -> None:
    values = (scores.communication, scores.content, scores.confidence)
    if any(not 0 <= value <= 10 for value in values):
        raise BadInput("session_state.score_so_far values must be between 0 and 10.")
    if answered == 0 and any(values):
        raise BadInput("session_state.score_so_far must be 0 before the first answer.")


def opening_state(meta: InterviewMeta, question: str, topic: str) -> InterviewSessionState:
    """The state sent with the first question."""
    return InterviewSessionState(
        phase=phase_of(1, meta.questions_target),
        question_index=1,
        total_questions=meta.questions_target,
        score_so_far=ZERO_SCORES,
        transcript=[InterviewTranscriptItem(question_id=question_id(1), question=question,
                                            topic=topic)],
        meta=meta,
    )


def with_answer(state: InterviewSessionState, answer: str) -> list[InterviewTranscriptItem]:
    """The transcript with the open question answered."""
    *earlier, open_item = state.transcript
    return [*earlier, open_item.model_copy(update={"answer": answer})]


def advanced_state(
    state: InterviewSessionState, answer: str, scores: SessionScores, question: str, topic: str
) -> InterviewSessionState:
    """The state after an answer, with the next question open."""
    number = state.question_index + 1
    transcript = with_answer(state, answer)
    transcript.append(
        InterviewTranscriptItem(question_id=question_id(number), question=question, topic=topic)
    )
    return InterviewSessionState(
        phase=phase_of(number, state.total_questions),
        question_index=number,
        total_questions=state.total_questions,
        score_so_far=scores,
        transcript=transcript,
        meta=state.meta,
    )


def finished_state(
    state: InterviewSessionState, answer: str, scores: SessionScores
) -> InterviewSessionState:
    """The state sent with the feedback payload."""
    return InterviewSessionState(
        phase="wrap_up",
        question_index=state.total_questions,
        total_questions=state.total_questions,
        score_so_far=scores,
        transcript=with_answer(state, answer),
        meta=state.meta,
    )
