"""Which bank question (and so which rubric) stands behind a turn. Pure and deterministic.

Selection is a pure function of the context at a turn, so a later turn can re-derive the question
an earlier one selected: the OpenAI brain grades an answer against the rubric it asked with, and
coach mode shows the same rubric, without anything extra stored in the session.

`selected_question` is the offline brain's own choice (`estel.brains.offline.selection` with the
difficulty step the offline brain takes after the latest answer), so both brains draw the same
question for the same context.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from estel import session
from estel.brains.base import TurnContext
from estel.brains.offline.bank import BankQuestion
from estel.brains.offline.brain import OfflineBrain
from estel.brains.offline.selection import Selection
from estel.contract import InterviewMeta, InterviewTranscriptItem
from estel.extensions import SessionProfile


@cache
def _selector() -> OfflineBrain:
    return OfflineBrain()  # the bank loads once per process; its role memo is pure


def selected_question(ctx: TurnContext, *, by_topic: bool = False) -> Selection | None:
    """The bank question for an opening or question turn (`by_topic`: see bank_choice)."""
    if ctx.kind == "feedback":
        return None
    return _selector().bank_choice(ctx, by_topic=by_topic)


def context_at(
    meta: InterviewMeta, history: Sequence[InterviewTranscriptItem], number: int,
    language: str = "en", profile: SessionProfile | None = None,
) -> TurnContext:
    """The context in which question `number` was chosen, from the items answered before it."""
    if not 1 <= number <= meta.questions_target or len(history) < number - 1:
        raise ValueError(f"no question {number} in this interview")
    earlier = tuple(history[: number - 1])
    return TurnContext(
        kind="opening" if number == 1 else "question",
        meta=meta,
        language=language,
        plan=session.phase_plan(meta.questions_target),
        question_number=number,
        history=earlier,
        score_so_far=session.ZERO_SCORES,  # selection never reads the scores
        profile=profile,  # the JD's requirements steer the technical questions
    )


def rubric_for(
    meta: InterviewMeta, transcript: Sequence[InterviewTranscriptItem], number: int,
    profile: SessionProfile | None = None,
) -> BankQuestion | None:
    """The bank question behind asked question `number` (1-based), or None (a follow-up, say).

    The turn's selection is re-derived as the offline brain makes it and as an LLM brain makes
    it (also skipping asked topics); it counts only when the asked item carries its topic.
    """
    item = transcript[number - 1]
    ctx = context_at(meta, transcript, number, profile=profile)
    for by_topic in (False, True):
        chosen = selected_question(ctx, by_topic=by_topic)
        if chosen is not None and chosen.question.topic == item.topic:
            return chosen.question
    return None
