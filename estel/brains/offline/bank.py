"""The offline brain's question bank: one JSON file per role family in estel/data/questions/.

File format (validated by these models on load):

{
  "family": "software_engineering",          # file name without .json
  "label": "Software engineering",
  "titles": ["software engineer", "sde", ...], # lower-case titles/abbreviations that select it
  "role_terms": ["api", "testing", ...],       # words that make a question or answer on-role
  "questions": [
    {"id": "swe-beh-m-01", "phase": "behavioural", "difficulty": "medium",
     "topic": "Production incident",
     "question": "Tell me about a time you ... as a {role}.",   # {role} = the candidate's role
     "helper_hint": "Use STAR: ...",
     "talking_points": [{"point": "impact on users", "keywords": ["impact", "users"]}, ...]}
  ]
}
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from estel.contract import Phase, QuestionDifficulty
from estel.data import load_packaged

GENERIC_FAMILY = "generic"
Band = Literal["entry", "mid", "senior", "lead"]
# Shapes of evidence no word list holds, recognised in any line of work (estel.analysis.signals)
Signal = Literal["specific_work", "own_actions", "measured_result", "outcome",
                 "owned_mistake", "put_right", "changed_practice", "stated_goal", "asks_question",
                 "found_cause", "stated_problem"]
BANDS: tuple[Band, ...] = ("entry", "mid", "senior", "lead")


class TalkingPoint(BaseModel):
    """Something a good answer covers: the words that name it and the substance it needs.

    `keywords` show the point was *named*; `evidence` shows it was *explained* (a mechanism, a
    decision, a check, a step). Naming a point without its substance earns little: that is how
    name-dropping is told from knowledge. A firing `signal` explains the point even when no
    keyword names it (a marine biologist's "survey" is the "piece of work" no list foresaw).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    point: str = Field(min_length=3)
    keywords: tuple[str, ...] = Field(min_length=1)
    substance: str = ""  # what the answer must say about the point, in words (people and LLMs)
    evidence: tuple[str, ...] = ()  # stems/phrases that show the substance was given
    # answer shapes that show the substance in any trade ("I ran a six-month survey"), for
    # points whose subject no keyword list can name (a generic question's "piece of work")
    signals: tuple[Signal, ...] = ()

    @field_validator("keywords", "evidence")
    @classmethod
    def _lower(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(k.strip().lower() for k in value if k.strip())


class RedFlag(BaseModel):
    """A wrong claim or bluffing pattern a weak candidate makes on this question."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    claim: str = Field(min_length=5, max_length=200)  # the misconception, in words
    patterns: tuple[str, ...] = Field(min_length=1)  # case-insensitive regexes over the answer
    correction: str = Field(min_length=5, max_length=300)  # what is true instead

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in value:
            re.compile(pattern, re.IGNORECASE)
        return value


class BankQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    phase: Phase
    difficulty: QuestionDifficulty
    topic: str = Field(min_length=2, max_length=80)
    question: str = Field(min_length=15, max_length=600)
    helper_hint: str = Field(min_length=10, max_length=300)
    talking_points: tuple[TalkingPoint, ...] = Field(min_length=2, max_length=6)
    # experience bands the question is written for (estel.session's band of meta.experience_level)
    bands: tuple[Band, ...] = BANDS
    red_flags: tuple[RedFlag, ...] = ()
    model_answer: str = Field(default="", max_length=1200)  # outline of a strong answer

    def text_for(self, role: str) -> str:
        """The question with {role} replaced by the candidate's role."""
        return self.question.replace("{role}", role)


class RoleFamily(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    family: str = Field(pattern=r"^[a-z_]+$")
    label: str
    titles: tuple[str, ...]
    role_terms: tuple[str, ...]
    # words that make a typed title holding one of `titles` another job, which this family's
    # questions would misread: a 'Veterinary Nurse' nurses animals, a 'Property Developer'
    # builds houses (estel.roles.titles sends such a title to the generic family)
    not_with: tuple[str, ...] = ()
    questions: tuple[BankQuestion, ...]

    def pick(self, phase: Phase, difficulty: QuestionDifficulty) -> list[BankQuestion]:
        return [q for q in self.questions if q.phase == phase and q.difficulty == difficulty]


Bank = dict[str, RoleFamily]


@cache
def load_bank() -> Bank:
    """Every family file in estel/data/questions, validated; cached for the process."""
    return load_packaged("questions", RoleFamily, "family")
