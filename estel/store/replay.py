"""An interview's turns rebuilt from its stored row: what the app needs to resume it.

The row keeps every question (with its phase and difficulty), every answer and its assessment,
the open question and the running scores. The session rules are deterministic, so each turn's
session_state is rebuilt exactly: the running scores are re-derived answer by answer with
`session.next_scores` and must come out as the row's `score_so_far` (else the row is refused).
Not stored, so not rebuilt: timings, traces and warnings; a past question's helper hint.
"""

from __future__ import annotations

from estel import length, session
from estel.brains.base import AnswerAssessment
from estel.contract import (
    InterviewMeta,
    InterviewQuestionPayload,
    InterviewSessionState,
    InterviewTranscriptItem,
    InterviewTurnResponse,
    SessionScores,
)
from estel.engine import TurnResult
from estel.errors import BadInput
from estel.store.base import SessionRecord, TranscriptEntry
from estel.store.stored_turn import stored_response

NOT_RESUMABLE = "This interview's saved copy is incomplete, so it cannot be resumed."


def turns_from_record(record: SessionRecord) -> list[TurnResult]:
    """Every turn so far (opening … open question, or … final feedback), as the engine made
    them; BadInput for an abandoned session or a row that does not add up."""
    last = stored_response(record)  # raises for abandoned / pre-per-turn rows
    entries = record.transcript
    meta = InterviewMeta(target_role=record.target_role,
                         experience_level=record.experience_level,
                         difficulty=record.difficulty,  # type: ignore[arg-type]
                         questions_target=record.questions_target)
    bounds = record.length_bounds
    scores = session.ZERO_SCORES
    turns: list[TurnResult] = []
    asked = len(entries) if last.payload.kind != "feedback" else len(entries) + 1
    for number in range(1, asked + 1):
        assessment = _assessment(entries[number - 2]) if number > 1 else None
        if assessment is not None:
            scores = session.next_scores(scores, number - 2, assessment.scores())
        if number == asked:
            response = last
        else:
            state = _state(meta, entries[:number], scores, bounds)
            response = InterviewTurnResponse(type="interview_turn", session_state=state,
                                             payload=_question(entries[number - 1], state))
        turns.append(TurnResult(response=response, brain=record.brain, elapsed_ms=0.0,
                                assessment=assessment, configured_brain=record.brain,
                                bounds=bounds))
    if turns[-1].state.score_so_far != scores:
        raise BadInput(NOT_RESUMABLE)
    return turns


def _assessment(entry: TranscriptEntry) -> AnswerAssessment:
    values = (entry.communication, entry.content, entry.confidence)
    if entry.answer is None or any(v is None for v in values):
        raise BadInput(NOT_RESUMABLE)
    return AnswerAssessment(communication=entry.communication, content=entry.content,
                            confidence=entry.confidence, note=entry.note or "")


def _state(meta: InterviewMeta, entries: list[TranscriptEntry], scores: SessionScores,
           bounds: length.LengthBounds | None) -> InterviewSessionState:
    """The state sent with question len(entries): earlier ones answered, the last one open.

    An adaptive interview's total was its maximum until its wrap-up was asked, and then the
    wrap-up's number (the stored entry says which question was the wrap-up)."""
    items = [InterviewTranscriptItem(question_id=e.question_id, question=e.question,
                                     topic=e.topic, **({"answer": e.answer} if e.answer else {}))
             for e in entries[:-1]]
    open_entry = entries[-1]
    items.append(InterviewTranscriptItem(question_id=open_entry.question_id,
                                         question=open_entry.question, topic=open_entry.topic))
    number = len(entries)
    total = number if bounds is not None and open_entry.phase == "wrap_up" else \
        meta.questions_target
    return InterviewSessionState(phase=length.plan_for(total, bounds)[number - 1],
                                 question_index=number, total_questions=total,
                                 score_so_far=scores, transcript=items, meta=meta)


def _question(entry: TranscriptEntry, state: InterviewSessionState) -> InterviewQuestionPayload:
    return InterviewQuestionPayload(
        kind="question", end_of_interview=False, question_id=entry.question_id,
        question=entry.question, topic=entry.topic,
        difficulty=entry.difficulty or session.base_difficulty(state.meta.difficulty),
        phase=state.phase)
