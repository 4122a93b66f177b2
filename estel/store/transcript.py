"""The stored transcript: one entry per question of a session's state, with the phase, the
difficulty asked, the answer's assessment and how the answer was given (time, timer limit,
spoken delivery). Used by estel/store/records.py (rows) and estel/report.py (live reports).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from estel import length, session
from estel.answer_facts import AnswerFacts
from estel.contract import InterviewSessionState
from estel.engine import TurnResult
from estel.store.base import TranscriptEntry

AnswersFacts = Mapping[int, AnswerFacts]  # question number -> how that answer was given
_Scores = tuple[float, float, float, str | None]


def build_transcript(
    state: InterviewSessionState,
    turns: Sequence[TurnResult],
    earlier: Sequence[TranscriptEntry] = (),
    answers: AnswersFacts | None = None,
    bounds: length.LengthBounds | None = None,
) -> list[TranscriptEntry]:
    """One entry per question in `state`, with phase, difficulty and the answer's assessment.

    A question turn's payload names the question it asks (so its difficulty) and its assessment
    judges the question before; the feedback turn's assessment judges the last question. How an
    answer was given comes from `answers` (question number -> AnswerFacts), else from the
    earlier entry; only answered questions keep it.
    """
    plan = length.plan_for(state.total_questions, bounds)
    difficulty = {e.question_id: e.difficulty for e in earlier}
    facts = {e.question_id: e.facts for e in earlier}
    facts.update({session.question_id(n): f for n, f in (answers or {}).items()})
    judged: dict[str, _Scores | None] = {e.question_id: _entry_scores(e) for e in earlier}
    for turn in turns:
        payload = turn.response.payload
        if payload.kind == "question":
            difficulty[payload.question_id] = payload.difficulty
            number = _question_number(payload.question_id) - 1
        else:
            number = turn.state.total_questions
        if turn.assessment is not None and number >= 1:
            a = turn.assessment
            note = f"{a.note} (assessed by the {turn.brain} fallback)" if turn.fell_back else a.note
            judged[session.question_id(number)] = (a.communication, a.content, a.confidence, note)
    entries = []
    for number, item in enumerate(state.transcript, start=1):
        scores = judged.get(item.question_id)
        given = facts.get(item.question_id) if item.answer is not None else None
        entries.append(TranscriptEntry(
            question_id=item.question_id,
            question=item.question,
            topic=item.topic,
            phase=plan[number - 1],
            difficulty=difficulty.get(item.question_id),
            answer=item.answer,
            **(_fact_keys(given) if given is not None else {}),
            **(dict(zip(("communication", "content", "confidence", "note"), scores, strict=True))
               if scores else {}),
        ))
    return entries


def _fact_keys(facts: AnswerFacts) -> dict[str, object]:
    return {"answer_seconds": facts.seconds, "answer_limit_seconds": facts.limit_seconds,
            "spoken": facts.spoken}


def _entry_scores(entry: TranscriptEntry) -> _Scores | None:
    if entry.communication is None or entry.content is None or entry.confidence is None:
        return None
    return (entry.communication, entry.content, entry.confidence, entry.note)


def _question_number(question_id: str) -> int:
    return int(question_id.removeprefix("q"))
