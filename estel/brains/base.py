"""The Brain protocol: what the engine asks of an interviewer, and what it gets back.

A brain writes words; the engine keeps the books. It receives a `TurnContext` (meta, plan, what
was asked and answered) and returns a `TurnDraft`: its assessment of the latest answer and either
the next question or the final feedback texts. It never sees or writes session_state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from estel.contract import (
    InterviewMeta,
    InterviewTranscriptItem,
    MetaDifficulty,
    Phase,
    QuestionDifficulty,
    SessionScores,
)
from estel.extensions import MAX_REQUIREMENTS, MAX_RESUME_ITEMS, SessionProfile

TurnKind = Literal["opening", "question", "feedback"]


class DraftModel(BaseModel):
    """Strict, closed models: also the JSON Schema an LLM brain is asked to fill."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _no_defaults(schema: dict[str, Any]) -> None:
    for prop in schema.get("properties", {}).values():
        prop.pop("default", None)


class AnswerAssessment(DraftModel):
    """The brain's judgement of one answer: three scores 0-10, a short note, and what of the
    question's rubric it covered, missed and got wrong (empty when the brain does not say)."""

    communication: float = Field(ge=0, le=10)
    content: float = Field(ge=0, le=10)
    confidence: float = Field(ge=0, le=10)
    note: str = Field(max_length=600, description="one or two sentences")
    # Optional for code (defaults), required in the JSON Schema an LLM fills (strict structured
    # outputs reject "default"); lists may be empty. The descriptions are the json_object
    # shape's placeholders (estel.brains.openai.prompt.reply_shape).
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra=_no_defaults)

    covered: tuple[str, ...] = Field(  # talking points the answer explained
        default=(), description="rubric point the answer explained")
    missed: tuple[str, ...] = Field(  # talking points it did not explain
        default=(), description="rubric point it did not")
    red_flags: tuple[str, ...] = Field(  # the question's wrong claims it made, as named in it
        default=(), description="red-flag claim it made")

    def scores(self) -> SessionScores:
        return SessionScores(
            communication=float(self.communication),
            content=float(self.content),
            confidence=float(self.confidence),
        )


class QuestionDraft(DraftModel):
    question: str = Field(min_length=1, max_length=1000, description="one question")
    topic: str = Field(min_length=1, max_length=120, description="two to five words")
    difficulty: QuestionDifficulty
    helper_hint: str = Field(max_length=400, description="one sentence")


class FeedbackDraft(DraftModel):
    summary: str = Field(min_length=1, max_length=2000, description="three or four sentences")
    strengths: list[str] = Field(max_length=8)
    improvements: list[str] = Field(max_length=8)
    skill_gaps: list[str] = Field(max_length=8)
    next_steps: list[str] = Field(max_length=8)


@dataclass
class BrainTrace:
    """What a brain did for one turn: for the prompt lab's turn inspector and accounting."""

    brain: str
    model: str | None = None
    prompt_version: str | None = None
    json_mode: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    latency_ms: float | None = None
    attempts: int = 1
    messages: list[dict[str, Any]] = field(default_factory=list)  # what was sent to a model
    raw_reply: str | None = None
    validation_errors: list[str] = field(default_factory=list)
    warning: str | None = None  # e.g. "answered by the offline fallback"


@dataclass(frozen=True)
class TurnDraft:
    """A brain's output for one turn. The engine checks it against the TurnContext's kind."""

    assessment: AnswerAssessment | None = None  # None only on the opening turn
    question: QuestionDraft | None = None  # for "opening" and "question" turns
    feedback: FeedbackDraft | None = None  # for the "feedback" turn
    trace: BrainTrace | None = None
    # adaptive length: the brain may propose to wrap up; the code decides (estel/length.py)
    propose_end: bool = False


@dataclass(frozen=True)
class TurnContext:
    """Everything a brain may know for one turn; built by the engine from a checked state."""

    kind: TurnKind
    meta: InterviewMeta
    language: str
    plan: tuple[Phase, ...]  # phase of each question, index 0 = q1
    question_number: int  # the question to produce (opening/question) or total (feedback)
    history: tuple[InterviewTranscriptItem, ...]  # answered items, the latest last
    score_so_far: SessionScores  # before the latest answer is counted
    # adaptive length: (min, max) questions, the brain may propose to end; None = fixed length
    length_range: tuple[int, int] | None = None
    # the candidate's JD requirements and résumé items, when they gave them (estel/profile.py)
    profile: SessionProfile | None = None

    @property
    def total_questions(self) -> int:
        return len(self.plan)

    @property
    def phase(self) -> Phase:
        """Phase of the question to produce; wrap_up on the feedback turn."""
        return "wrap_up" if self.kind == "feedback" else self.plan[self.question_number - 1]

    @property
    def meta_difficulty(self) -> MetaDifficulty:
        return self.meta.difficulty

    @property
    def latest(self) -> InterviewTranscriptItem | None:
        """The question just answered, with its answer (None on the opening turn)."""
        return self.history[-1] if self.history else None

    @property
    def latest_phase(self) -> Phase | None:
        return self.plan[len(self.history) - 1] if self.history else None

    @property
    def questions_left(self) -> int:
        """Questions still to ask after the one being produced."""
        if self.kind == "feedback":
            return 0
        return self.total_questions - self.question_number


class ProfileExtraction(DraftModel):
    """What a model reads from a job description and a résumé (the structured extraction)."""

    requirements: list[str] = Field(
        max_length=MAX_REQUIREMENTS,
        description="skills, tools and responsibilities the job description asks for, each a "
                    "short noun phrase as the JD names it")
    resume_items: list[str] = Field(
        max_length=MAX_RESUME_ITEMS,
        description="the résumé's most concrete claims of what the candidate did, each one "
                    "clause in the second person starting with 'you'")


@runtime_checkable
class ProfileReader(Protocol):
    """Optional brain capability: read a JD and a résumé with a model (else offline rules)."""

    def read_profile(self, job_description: str, resume_text: str,
                     meta: InterviewMeta) -> ProfileExtraction: ...


@runtime_checkable
class Brain(Protocol):
    """An interviewer. `name` is 'offline', 'openai', 'scripted'...; `label` is for people."""

    name: str

    @property
    def label(self) -> str: ...

    def turn(self, ctx: TurnContext) -> TurnDraft: ...
