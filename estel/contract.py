"""The wire contract: pydantic models that are `seed/contract.ts`, exactly.

Names, literals and optional fields follow the TypeScript file one to one. Optional TS fields
(`answer?: string`) may be omitted but are never `null`: they are typed `str | SkipJsonSchema[None]`
with a `None` default, so the JSON Schema says `{"type": "string"}` (not required) and an explicit
`null` is rejected on parse. `to_wire()` drops omitted fields so every JSON we emit type-checks.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

Phase = Literal["intro", "behavioural", "technical", "wrap_up"]
MetaDifficulty = Literal["easy", "standard", "hard"]
QuestionDifficulty = Literal["easy", "medium", "hard"]

PHASES: tuple[Phase, ...] = ("intro", "behavioural", "technical", "wrap_up")
META_DIFFICULTIES: tuple[MetaDifficulty, ...] = ("easy", "standard", "hard")
QUESTION_DIFFICULTIES: tuple[QuestionDifficulty, ...] = ("easy", "medium", "hard")

MIN_QUESTIONS = 1
MAX_QUESTIONS = 20
MAX_ANSWER_CHARS = 8000

Score = Annotated[float, Field(ge=0, le=10)]


class ContractModel(BaseModel):
    """Base of every wire model: unknown fields are errors, types are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    def to_wire(self) -> dict[str, Any]:
        """The JSON-ready dict, with optional fields omitted rather than null."""
        return self.model_dump(mode="json", exclude_none=True)

    def to_json(self) -> str:
        return json.dumps(self.to_wire(), ensure_ascii=False)


def _reject_explicit_null(value: Any) -> Any:
    if value is None:
        raise ValueError("may be omitted but not null")
    return value


class InterviewMeta(ContractModel):
    target_role: str
    experience_level: str
    difficulty: MetaDifficulty
    questions_target: int


class InterviewTranscriptItem(ContractModel):
    question_id: str
    question: str
    answer: str | SkipJsonSchema[None] = None
    topic: str

    _null_check = field_validator("answer", mode="before")(_reject_explicit_null)


class SessionScores(ContractModel):
    """`score_so_far`: an anonymous object type in the TS file."""

    communication: float
    content: float
    confidence: float


class InterviewSessionState(ContractModel):
    phase: Phase
    question_index: int
    total_questions: int
    score_so_far: SessionScores
    transcript: list[InterviewTranscriptItem]
    meta: InterviewMeta


class InterviewQuestionPayload(ContractModel):
    kind: Literal["question"]
    end_of_interview: Literal[False]
    question_id: str
    question: str
    topic: str
    difficulty: QuestionDifficulty
    phase: Phase
    helper_hint: str | SkipJsonSchema[None] = None

    _null_check = field_validator("helper_hint", mode="before")(_reject_explicit_null)


class FeedbackScores(ContractModel):
    communication: float
    content: float
    confidence: float
    overall: float


class InterviewFeedbackPayload(ContractModel):
    kind: Literal["feedback"]
    end_of_interview: Literal[True]
    summary: str
    strengths: list[str]
    improvements: list[str]
    scores: FeedbackScores
    skill_gaps: list[str] | SkipJsonSchema[None] = None
    next_steps: list[str] | SkipJsonSchema[None] = None

    _null_check = field_validator("skill_gaps", "next_steps", mode="before")(
        _reject_explicit_null
    )


InterviewTurnPayload = Annotated[
    InterviewQuestionPayload | InterviewFeedbackPayload, Field(discriminator="kind")
]


class InterviewTurnResponse(ContractModel):
    type: Literal["interview_turn"]
    session_state: InterviewSessionState
    payload: InterviewTurnPayload


class EstelInterviewEnvelope(ContractModel):
    """`BrainEnvelope<InterviewTurnResponse>`; with status 'error' it is `BrainEnvelope<null>`."""

    brain: Literal["estel"]
    mode: str
    status: Literal["success", "error"]
    message: str | SkipJsonSchema[None] = None
    payload: InterviewTurnResponse | SkipJsonSchema[None] = None

    _null_check = field_validator("message", mode="before")(_reject_explicit_null)


# -- Extensions of `context` (docs/contract-extensions.ts) -----------------------------------
# Optional fields the seed's InterviewRequest does not have. A request without them is exactly
# the seed's shape, and `to_wire()` leaves an absent extension out, so seed clients never see one.

# One question per phase (intro, behavioural, technical, wrap_up): "every phase covered" needs 4.
MIN_ADAPTIVE_QUESTIONS = 4


class AdaptiveLength(ContractModel):
    """`context.length`: "let the interviewer decide" how many questions (docs/adaptive-length.md).

    Only the minimum travels: the maximum is `meta.questions_target`, so a client that reads
    only the seed's fields still sees the most questions the interview may have.
    """

    mode: Literal["adaptive"]
    min_questions: int = Field(
        description="the fewest questions the interview may have; at most "
                    "meta.questions_target, which is the most it may have",
        # in the schema for clients; checked by _in_range, which says why 4
        json_schema_extra={"minimum": MIN_ADAPTIVE_QUESTIONS, "maximum": MAX_QUESTIONS})

    @field_validator("min_questions")
    @classmethod
    def _in_range(cls, value: int) -> int:
        if not MIN_ADAPTIVE_QUESTIONS <= value <= MAX_QUESTIONS:
            raise ValueError(f"must be between {MIN_ADAPTIVE_QUESTIONS} (one question per phase) "
                             f"and {MAX_QUESTIONS}, not {value}")
        return value


class InterviewContext(ContractModel):
    context: Literal["interview_session"]
    meta: InterviewMeta
    session_state: InterviewSessionState | None
    # extension (optional): adaptive length; absent = the seed's fixed questions_target
    length: AdaptiveLength | SkipJsonSchema[None] = None

    _null_check = field_validator("length", mode="before")(_reject_explicit_null)

    @model_validator(mode="after")
    def _length_fits_meta(self) -> InterviewContext:
        if self.length is not None and self.length.min_questions > self.meta.questions_target:
            raise ValueError(f"length.min_questions ({self.length.min_questions}) exceeds "
                             f"meta.questions_target ({self.meta.questions_target}), the maximum")
        return self


class InterviewRequest(ContractModel):
    """The seed's "Locked Request Shape" (first turn: session_state null, message "")."""

    message: str
    language: str
    context: InterviewContext

    def to_wire(self) -> dict[str, Any]:
        # session_state: null is part of the first-turn shape, so keep that one null; every
        # other None is an omitted optional field (an open question's `answer`) and stays out.
        wire = self.model_dump(mode="json", exclude_none=True)
        wire["context"].setdefault("session_state", None)
        return wire


def success_envelope(
    response: InterviewTurnResponse, message: str | None = None
) -> EstelInterviewEnvelope:
    extra = {"message": message} if message else {}
    return EstelInterviewEnvelope(
        brain="estel", mode="interview_session", status="success", payload=response, **extra
    )


def error_envelope(message: str, mode: str = "interview_session") -> EstelInterviewEnvelope:
    return EstelInterviewEnvelope(brain="estel", mode=mode, status="error", message=message)


def json_schemas() -> dict[str, Any]:
    """JSON Schema of the request and the envelope, for frontend teams."""
    return {
        "InterviewRequest": InterviewRequest.model_json_schema(),
        "EstelInterviewEnvelope": EstelInterviewEnvelope.model_json_schema(),
    }
