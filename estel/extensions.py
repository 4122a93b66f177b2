"""Extensions of the seed's request: optional fields of `context` (issue 16). Pure pydantic.

The seed's shapes (docs/contract.ts) never change. An extension is one OPTIONAL field of the
request's `context` (`context.length`, adaptive length, is declared on estel/contract.py's
InterviewContext; `context.profile` on ExtendedContext here), so a request without any is
exactly the seed's request, and a seed client never notices. `ExtendedRequest` is what every
surface parses (the app, `python -m estel turn`, HTTP); docs/contract-extensions.ts is its
TypeScript, checked by tests/core/test_contract_typescript.py.

Adding an extension:
1. its wire model here (a `ContractModel`: closed, strict, optional fields omitted never null);
2. one field on `ExtendedContext`: `name: Model = optional()` (EXTENSION_FIELDS lists it);
3. the same field on `InterviewContextExtensions` in docs/contract-extensions.ts;
4. what the session keeps of it: a field on `SessionExtensions` (the store's `extensions` column),
   or, for `context.answer`, the answered question's transcript entry.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from estel.answer_facts import AnswerFacts, spoken_delivery
from estel.contract import (
    ContractModel,
    EstelInterviewEnvelope,
    InterviewContext,
    InterviewRequest,
)

MAX_JOB_DESCRIPTION_CHARS = 20_000
MAX_RESUME_CHARS = 30_000
MAX_REQUIREMENTS = 15  # a JD that names everything names nothing in particular
MAX_REQUIREMENT_CHARS = 60
MAX_RESUME_ITEMS = 5
MAX_RESUME_ITEM_CHARS = 200
MAX_ANSWER_SECONDS = 86_400  # a day: longer is not one answer's time
MAX_RECORDING_SECONDS = 3_600
MAX_LONG_PAUSES = 100


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def optional(**constraints: Any) -> Any:
    """An optional wire field: may be omitted (then None in Python), never null on the wire.

    Typed as the bare type, not `X | None`: a union would name its branch in every error
    ("context.profile.ProfileExtension.job_description") and add a second error for the null
    branch. The default is not validated, so omitted stays None; an explicit null is refused
    as the wrong type. The JSON Schema shows the type alone, not required, without a default.
    """
    return Field(default=None, json_schema_extra=_no_default, **constraints)


class ProfileExtension(ContractModel):
    """`context.profile`: the candidate's job description and résumé, both optional text.

    Read on the first turn and kept with the session (estel/profile.py says what is kept).
    Fields are None when omitted (see `optional`)."""

    job_description: str = optional(
        max_length=MAX_JOB_DESCRIPTION_CHARS,
        description=f"the job description as text, at most {MAX_JOB_DESCRIPTION_CHARS:,} "
                    "characters")
    resume_text: str = optional(
        max_length=MAX_RESUME_CHARS,
        description=f"the résumé as text, at most {MAX_RESUME_CHARS:,} characters")


class SpokenAnswer(ContractModel):
    """`context.answer.spoken`: the recording of a spoken answer, as the client measured it. The
    words, fillers and words per minute are not sent: the server counts them on the answer."""

    recording_seconds: float = Field(gt=0, le=MAX_RECORDING_SECONDS,
                                     description="how long the recording(s) of the answer ran")
    speaking_seconds: float = optional(
        gt=0, le=MAX_RECORDING_SECONDS,
        description="of which talking (silence before, after and over 1 s inside left out)")
    long_pauses: list[Annotated[float, Field(ge=0, le=MAX_RECORDING_SECONDS)]] = optional(
        max_length=MAX_LONG_PAUSES, description="seconds of each silence of 2 s or more")

    @model_validator(mode="after")
    def _within_the_recording(self) -> SpokenAnswer:
        if self.speaking_seconds is not None and self.speaking_seconds > self.recording_seconds:
            raise ValueError("speaking_seconds cannot be more than recording_seconds")
        if sum(self.long_pauses or ()) > self.recording_seconds:
            raise ValueError("the long pauses add up to more than recording_seconds")
        return self


class AnswerExtension(ContractModel):
    """`context.answer`: how the candidate gave this turn's answer. Kept with that answer as
    the candidate's own report data (time against the timer, spoken delivery); no score, no
    question and no dashboard figure reads it, so nothing in it needs trusting."""

    seconds: float = optional(ge=0, le=MAX_ANSWER_SECONDS,
                              description="from the question being shown to the answer sent")
    limit_seconds: int = optional(ge=1, le=MAX_ANSWER_SECONDS,
                                  description="the answer timer's limit, when one was set")
    spoken: SpokenAnswer = optional(description="present when the answer was spoken")

    def facts(self, message: str) -> AnswerFacts:
        """What is kept: the client's timings, with words, fillers and the rate counted on
        `message` (the answer the server judged)."""
        spoken = self.spoken
        delivery = None if spoken is None else spoken_delivery(
            message, spoken.recording_seconds, spoken.speaking_seconds, spoken.long_pauses or ())
        return AnswerFacts(seconds=self.seconds, limit_seconds=self.limit_seconds,
                           spoken=delivery)


class ExtendedContext(InterviewContext):
    """The seed's context plus the optional extension fields (None when omitted)."""

    profile: ProfileExtension = optional(description="the candidate's job description and résumé")
    answer: AnswerExtension = optional(description="how this turn's answer was given")


# the extension fields of `context` (the seed's context has exactly these three others):
# `length` (estel/contract.py's InterviewContext) and `profile` (ExtendedContext, here)
SEED_CONTEXT_FIELDS = ("context", "meta", "session_state")
EXTENSION_FIELDS: tuple[str, ...] = tuple(
    name for name in ExtendedContext.model_fields if name not in SEED_CONTEXT_FIELDS)


class ExtendedRequest(InterviewRequest):
    """The seed's request with `context` extended: what every surface accepts."""

    model_config = ConfigDict(title="InterviewRequest")

    context: ExtendedContext

    def seed_request(self) -> InterviewRequest:
        """The request without its extensions: exactly the seed's shape."""
        wire = self.to_wire()
        for name in EXTENSION_FIELDS:
            wire["context"].pop(name, None)
        return InterviewRequest.model_validate(wire)


def describe_validation_error(error: ValidationError) -> str:
    """One short line naming the field as on the wire (`context.profile.resume_text`) and the
    problem; never echoes the input. The service refuses a request with it, and the Python
    client an argument before sending, in the same words."""
    problems = error.errors(include_url=False, include_input=False)
    # an optional object (`X | None`) that is there but wrong also fails the None branch of its
    # union: that sibling says nothing the real problem does not
    real = [p for p in problems if p["type"] != "none_required"] or problems
    first = real[0]
    where = ".".join(str(part) for part in first["loc"] if not _union_tag(part))
    where, problem = _shown(where, 60), _shown(first["msg"], 100)
    count = len(real)
    more = f" (and {count - 1} more problem{'s' if count > 2 else ''})" if count > 1 else ""
    return f"Invalid request: {where or 'body'}: {problem}{more}."


def _union_tag(part: object) -> bool:
    """A loc part that names a union member or a validator (not a field or an index)."""
    text = str(part)
    return text.startswith("function") or text[:1].isupper()


def _shown(text: str, limit: int) -> str:
    """Input-derived text made safe to echo: printable (no lone surrogates) and short."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in text[:limit])
    return cleaned + ("..." if len(text) > limit else "")


class SessionProfile(BaseModel):
    """What an interview keeps of `context.profile` and reads on every turn (estel/profile.py
    builds it). The résumé text itself only with the candidate's consent."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    job_description: str = Field(default="", max_length=MAX_JOB_DESCRIPTION_CHARS)
    requirements: tuple[str, ...] = Field(default=(), max_length=MAX_REQUIREMENTS)
    resume_items: tuple[str, ...] = Field(default=(), max_length=MAX_RESUME_ITEMS)
    resume_text: str | None = Field(default=None, max_length=MAX_RESUME_CHARS)
    extracted_by: str = "offline"  # who read the requirements: offline rules or the model
    source_digest: str = ""  # sha256 of the wire profile it was built from (no personal text)

    @field_validator("requirements")
    @classmethod
    def _short_requirements(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.strip()[:MAX_REQUIREMENT_CHARS] for v in value if v.strip())

    @field_validator("resume_items")
    @classmethod
    def _short_items(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.strip()[:MAX_RESUME_ITEM_CHARS] for v in value if v.strip())

    @property
    def is_empty(self) -> bool:
        return not (self.requirements or self.resume_items or self.job_description.strip())


class SessionExtensions(BaseModel):
    """The store's `extensions` column: what a session keeps of its request's extensions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    profile: SessionProfile | None = None


def source_digest(wire: ProfileExtension) -> str:
    """sha256 of a wire profile: tells a resent profile from a new one, holds no text."""
    return hashlib.sha256(wire.model_dump_json(exclude_none=True).encode("utf-8")).hexdigest()


def published(schema: dict[str, Any]) -> dict[str, Any]:
    """A schema with the extended models under the seed's names (InterviewRequest,
    InterviewContext): for clients they are those types, with optional fields added."""
    text = json.dumps(schema)
    for ours, seeds in (("ExtendedRequest", "InterviewRequest"),
                        ("ExtendedContext", "InterviewContext")):
        text = text.replace(f'"{ours}"', f'"{seeds}"').replace(f"/{ours}\"", f"/{seeds}\"")
    published_schema: dict[str, Any] = json.loads(text)
    return published_schema


def json_schemas() -> dict[str, Any]:
    """JSON Schema of the request (extensions included, all optional) and of the envelope."""
    return {
        "InterviewRequest": published(ExtendedRequest.model_json_schema()),
        "EstelInterviewEnvelope": EstelInterviewEnvelope.model_json_schema(),
    }
