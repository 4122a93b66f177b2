"""Coach mode's per-answer panel as data: pure, no streamlit.

One `CoachCard` per answered question, built from the engine's TurnResults: the scores, note and
rubric verdicts come from the turn's `AnswerAssessment` (the one judgement of that answer, the
same the report and the final feedback use: nothing is scored twice); the delivery insights are
facts about the answer's words (`estel.analysis.delivery`); "what a strong answer covers" is the
rubric of the bank question behind the turn (`estel.brains.rubric`), as the brain graded it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from estel.analysis.delivery import Counts, Delivery, delivery_facts
from estel.analysis.wording import counted
from estel.brains.base import AnswerAssessment
from estel.brains.offline.bank import BankQuestion
from estel.brains.rubric import rubric_for
from estel.contract import InterviewMeta, InterviewTranscriptItem, Phase
from estel.engine import TurnResult
from estel.session import overall, phase_plan


@dataclass(frozen=True)
class StrongAnswer:
    """What a strong answer to the question covers: the outline and the points with substance."""

    outline: str
    points: tuple[tuple[str, str], ...]  # (point, what the answer must say about it)

    @classmethod
    def from_question(cls, question: BankQuestion) -> StrongAnswer:
        return cls(outline=question.model_answer.strip(),
                   points=tuple((p.point, p.substance.strip()) for p in question.talking_points))


@dataclass(frozen=True)
class CoachCard:
    """One answered question: what was asked, how it was judged and how it was said."""

    number: int
    phase: Phase
    topic: str
    question: str
    answer: str
    communication: float
    content: float
    confidence: float
    overall: float
    note: str
    covered: tuple[str, ...]
    missed: tuple[str, ...]
    red_flags: tuple[str, ...]
    delivery: Delivery
    strong: StrongAnswer | None  # None when no bank question stands behind it (a follow-up)


def coach_cards(turns: Sequence[TurnResult]) -> list[CoachCard]:
    """A card for every answered question so far, first to last.

    turns[k] assesses the answer to question k (asked by turns[k-1]); turn 0 opens the interview.
    """
    if not turns:
        return []
    state = turns[-1].state
    transcript = state.transcript
    cards = []
    for number, turn in enumerate(turns[1:], start=1):
        item = transcript[number - 1]
        if turn.assessment is None or item.answer is None:
            continue
        cards.append(coach_card(state.meta, transcript, number, turn.assessment))
    return cards


def latest_card(turns: Sequence[TurnResult]) -> CoachCard | None:
    """The card of the answer the last turn assessed; None before the first answer."""
    if len(turns) < 2 or turns[-1].assessment is None:
        return None
    state = turns[-1].state
    number = len(turns) - 1
    if state.transcript[number - 1].answer is None:
        return None
    return coach_card(state.meta, state.transcript, number, turns[-1].assessment)


def coach_card(
    meta: InterviewMeta, transcript: Sequence[InterviewTranscriptItem], number: int,
    assessment: AnswerAssessment,
) -> CoachCard:
    """The card of answered question `number` (1-based) judged by `assessment`."""
    item = transcript[number - 1]
    rubric = rubric_for(meta, transcript, number)
    return CoachCard(
        number=number,
        phase=phase_plan(meta.questions_target)[number - 1],
        topic=item.topic,
        question=item.question,
        answer=item.answer or "",
        communication=assessment.communication,
        content=assessment.content,
        confidence=assessment.confidence,
        overall=overall(assessment.scores()),
        note=assessment.note,
        covered=_texts(assessment, "covered"),
        missed=_texts(assessment, "missed"),
        red_flags=_texts(assessment, "red_flags"),
        delivery=delivery_facts(item.answer or ""),
        strong=StrongAnswer.from_question(rubric) if rubric is not None else None,
    )


def _texts(assessment: AnswerAssessment, name: str) -> tuple[str, ...]:
    """An optional verdict list of the assessment (brains that do not give it leave it empty)."""
    value = getattr(assessment, name, None) or ()
    return tuple(str(v) for v in value if str(v).strip())


def delivery_lines(delivery: Delivery, phase: Phase) -> list[str]:
    """Delivery insights as markdown bullet lines (words are letters and digits: no escaping).

    STAR parts are not shown for technical scenarios or wrap-ups, which are not stories, and
    missing parts are pointed out for behavioural questions only (an introduction shows what it
    has: a highlight told as a story is fine, but it is not told to be one).
    """
    lines = [f"- Fillers: {_counts(delivery.fillers)}", f"- Hedges: {_counts(delivery.hedges)}"]
    if phase in ("behavioural", "intro"):
        missing = ", ".join(delivery.star_missing) if phase == "behavioural" else ""
        lines.append(f"- STAR parts: {', '.join(delivery.star) or 'none'}"
                     + (f" (missing: {missing})" if missing else ""))
    return [*lines, f"- Most repeated words: {_counts(delivery.repeated)}"]


def strong_lines(strong: StrongAnswer) -> list[str]:
    """What a strong answer covers, as markdown: the outline, then each point and its substance."""
    lines = [strong.outline, ""] if strong.outline else []
    return lines + [f"- **{point}**" + (f": {substance}" if substance else "")
                    for point, substance in strong.points]


def card_markdown(card: CoachCard) -> list[str]:
    """The coach panel of one answer for the Markdown report (after the answer's assessment)."""
    lines = ["**Coach.**", ""]
    for title, items in (("Covered", card.covered), ("Missed", card.missed),
                         ("Red flags", card.red_flags)):
        if items:
            lines.append(f"{title}: {'; '.join(items)}.")
    lines += ["", f"Delivery ({counted(card.delivery.words, 'word')}):", "",
              *delivery_lines(card.delivery, card.phase), ""]
    if card.strong is not None:
        lines += ["What a strong answer covers:", "", *strong_lines(card.strong), ""]
    return lines


def _counts(counts: Counts) -> str:
    return ", ".join(f"“{text}” ×{n}" for text, n in counts) if counts else "none"
