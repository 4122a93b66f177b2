"""ScriptedBrain: a deterministic brain for tests and the prompt lab's dry runs.

It plays a script of steps in order; a step is a TurnDraft, an exception to raise (to test the
error paths), or a callable taking the TurnContext. With no script left it invents plain
numbered questions and a fixed assessment, so any interview can run to the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from estel.brains.base import (
    AnswerAssessment,
    BrainTrace,
    FeedbackDraft,
    QuestionDraft,
    TurnContext,
    TurnDraft,
)
from estel.session import base_difficulty

Step = TurnDraft | BaseException | Callable[[TurnContext], TurnDraft]

DEFAULT_ASSESSMENT = AnswerAssessment(
    communication=6.0, content=5.0, confidence=7.0, note="Scripted assessment."
)


def default_draft(ctx: TurnContext, assessment: AnswerAssessment = DEFAULT_ASSESSMENT) -> TurnDraft:
    """A valid draft for any context: numbered question, or plain feedback."""
    scored = None if ctx.kind == "opening" else assessment
    if ctx.kind == "feedback":
        feedback = FeedbackDraft(
            summary=f"Scripted feedback for the {ctx.meta.target_role} interview.",
            strengths=["Answered every question."],
            improvements=["Add concrete numbers."],
            skill_gaps=["scripted gap"],
            next_steps=["Practise one STAR story a day."],
        )
        return TurnDraft(assessment=scored, feedback=feedback)
    question = QuestionDraft(
        question=f"Scripted {ctx.phase} question {ctx.question_number} for "
        f"{ctx.meta.target_role}?",
        topic=f"{ctx.phase} topic {ctx.question_number}",
        difficulty=base_difficulty(ctx.meta.difficulty),
        helper_hint="Take your time.",
    )
    return TurnDraft(assessment=scored, question=question)


@dataclass
class ScriptedBrain:
    """Plays `script` in order, then falls back to `default_draft`."""

    script: list[Step] = field(default_factory=list)
    assessment: AnswerAssessment = DEFAULT_ASSESSMENT
    name: str = "scripted"
    calls: list[TurnContext] = field(default_factory=list)

    def __init__(
        self,
        script: Iterable[Step] = (),
        assessment: AnswerAssessment = DEFAULT_ASSESSMENT,
        name: str = "scripted",
    ) -> None:
        self.script = list(script)
        self.assessment = assessment
        self.name = name
        self.calls = []

    @property
    def label(self) -> str:
        return "Scripted (tests)"

    def turn(self, ctx: TurnContext) -> TurnDraft:
        self.calls.append(ctx)
        if self.script:
            step = self.script.pop(0)
            if isinstance(step, BaseException):
                raise step
            if callable(step) and not isinstance(step, TurnDraft):
                return step(ctx)
            return step
        draft = default_draft(ctx, self.assessment)
        return TurnDraft(draft.assessment, draft.question, draft.feedback,
                         trace=BrainTrace(brain=self.name))
