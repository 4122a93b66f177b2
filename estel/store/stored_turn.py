"""The turn a stored row holds, in the contract's shape: the service's trusted copy.

`stored_response` gives the open question with the session_state sent with it (or a completed
session's final feedback); `contract_response_from_record` rebuilds a completed session's final
turn. Both check the session rules on what they rebuild, as for an incoming state.
"""

from __future__ import annotations

from pydantic import ValidationError

from estel import length, session
from estel.contract import (
    InterviewMeta,
    InterviewSessionState,
    InterviewTranscriptItem,
    InterviewTurnResponse,
)
from estel.errors import BadInput
from estel.store.base import SessionRecord
from estel.store.rows import meta_columns


def stored_response(record: SessionRecord) -> InterviewTurnResponse:
    """The last turn the session's row holds, in the contract's shape: the open question with
    the session_state sent with it, or a completed session's final feedback.

    This is the service's trusted copy of the interview. Raises BadInput for an abandoned
    session or a row saved before per-turn saving (it has no open question to resume).
    """
    if record.status == "completed":
        return contract_response_from_record(record)
    if record.status == "abandoned":
        raise BadInput("This interview was abandoned; start a new one.")
    if record.open_question is None or record.score_so_far is None or not record.transcript:
        raise BadInput("This interview was saved before turns were saved one by one, so it "
                       "cannot be resumed; start a new one.")
    bounds = record.length_bounds
    total = record.total_questions
    number = len(record.transcript)
    state = InterviewSessionState(
        phase=length.plan_for(total, bounds)[number - 1] if number <= total else "wrap_up",
        question_index=number,
        total_questions=total,
        score_so_far=record.score_so_far,
        transcript=[InterviewTranscriptItem(question_id=e.question_id, question=e.question,
                                            topic=e.topic,
                                            **({"answer": e.answer} if e.answer else {}))
                    for e in record.transcript],
        meta=InterviewMeta(**meta_columns(record)),
    )
    length.check_any_state(state, state.meta, bounds)
    return InterviewTurnResponse(type="interview_turn", session_state=state,
                                 payload=record.open_question)


def contract_response_from_record(record: SessionRecord) -> InterviewTurnResponse:
    """A completed session's final turn in the contract's shape, rebuilt from its row.

    It equals the engine's final InterviewTurnResponse. Not stored, so not rebuilt: the
    envelope's `message` (that turn's warnings). Raises BadInput for a row that cannot give one.
    """
    if record.status != "completed":
        raise BadInput(f"Only a completed session has final feedback; this one is "
                       f"{record.status.replace('_', ' ')}.")
    scores = {"communication": record.communication_score, "content": record.content_score,
              "confidence": record.confidence_score}
    if record.overall_score is None or any(v is None for v in scores.values()):
        raise BadInput("The stored session has no final scores.")
    total = record.total_questions
    try:
        response = InterviewTurnResponse.model_validate({
            "type": "interview_turn",
            "session_state": {
                "phase": "wrap_up", "question_index": total, "total_questions": total,
                "score_so_far": scores,
                "transcript": [e.model_dump(include={"question_id", "question", "answer",
                                                     "topic"}, exclude_none=True)
                               for e in record.transcript],
                "meta": meta_columns(record),
            },
            "payload": {
                "kind": "feedback", "end_of_interview": True, "summary": record.summary,
                "strengths": record.strengths, "improvements": record.improvements,
                "scores": {**scores, "overall": record.overall_score},
                "skill_gaps": record.skill_gaps, "next_steps": record.next_steps,
            },
        })
    except ValidationError as error:
        first = error.errors(include_url=False, include_input=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise BadInput(f"The stored session does not fit the contract: {where}: "
                       f"{first['msg']}.") from error
    state = response.session_state
    # the session rules, as for an incoming state
    length.check_any_state(state, state.meta, record.length_bounds)
    if not session.is_finished(state):
        raise BadInput("The stored session's transcript has an unanswered question.")
    return response
