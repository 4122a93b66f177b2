"""The bank's side of an OpenAI turn: the question to ask and the rubric to grade against. Pure.

Each question turn asks the bank question the shared selection draws for that context (the model
may adapt its wording and opens it with a reaction to the previous answer). The answer to it is
later graded against that question's rubric, re-derived from the context of the turn that asked
it (`estel.brains.rubric`), so the grader sees what the asker saw and the coach shows the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from estel.brains.base import TurnContext
from estel.brains.offline.bank import BankQuestion
from estel.brains.offline.selection import Selection
from estel.brains.rubric import rubric_for, selected_question

RUBRIC_POINTS = 6
RUBRIC_FLAGS = 6


@dataclass(frozen=True)
class TurnBrief:
    """What the bank contributes to one turn: the question to ask, the rubric to grade with."""

    ask: Selection | None = None  # opening/question turns, when the bank has one left
    grade: BankQuestion | None = None  # the rubric of the question just answered, if any


def turn_brief(ctx: TurnContext) -> TurnBrief:
    """The brief for `ctx`: deterministic, a pure function of the context."""
    ask = selected_question(ctx, by_topic=True) if ctx.kind != "feedback" else None
    grade = None
    if ctx.history:
        grade = rubric_for(ctx.meta, ctx.history, len(ctx.history))
    return TurnBrief(ask=ask, grade=grade)


def ask_lines(ask: Selection, number: int) -> list[str]:
    """The question the model is to ask as q{number}, with its topic and hint."""
    q = ask.question
    return [
        f"Question to ask as q{number} (from the question bank; keep its substance, you may "
        "adapt the wording to the conversation):",
        f"  question: {ask.text}",
        f"  topic: {q.topic}",
        f"  difficulty: {ask.difficulty}",
        f"  helper_hint: {ask.helper_hint}",
    ]


def rubric_lines(question: BankQuestion, number: int) -> list[str]:
    """The rubric of q{number}, to grade its answer against."""
    lines = [f"Rubric for q{number} (grade the answer against it, not against its fluency):",
             "  talking points (credit a point only when the answer gives its substance):"]
    for point in question.talking_points[:RUBRIC_POINTS]:
        substance = f" — needs: {point.substance}" if point.substance else ""
        lines.append(f"  - {point.point}{substance}")
    if question.red_flags:
        lines.append("  red flags (wrong claims; each one costs content):")
        for flag in question.red_flags[:RUBRIC_FLAGS]:
            lines.append(f"  - {flag.claim} (in fact: {flag.correction})")
    if question.model_answer:
        lines.append(f"  model answer outline: {' '.join(question.model_answer.split())}")
    return lines
