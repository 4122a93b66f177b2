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

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from estel.contract import Phase, QuestionDifficulty
from estel.data import load_packaged

GENERIC_FAMILY = "generic"


class TalkingPoint(BaseModel):
    """Something a good answer covers, and words whose presence shows it was covered."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    point: str = Field(min_length=3)
    keywords: tuple[str, ...] = Field(min_length=1)

    @field_validator("keywords")
    @classmethod
    def _lower(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(k.strip().lower() for k in value if k.strip())


class BankQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    phase: Phase
    difficulty: QuestionDifficulty
    topic: str = Field(min_length=2, max_length=80)
    question: str = Field(min_length=15, max_length=600)
    helper_hint: str = Field(min_length=10, max_length=300)
    talking_points: tuple[TalkingPoint, ...] = Field(min_length=2, max_length=6)

    def text_for(self, role: str) -> str:
        """The question with {role} replaced by the candidate's role."""
        return self.question.replace("{role}", role)


class RoleFamily(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    family: str = Field(pattern=r"^[a-z_]+$")
    label: str
    titles: tuple[str, ...]
    role_terms: tuple[str, ...]
    questions: tuple[BankQuestion, ...]

    def pick(self, phase: Phase, difficulty: QuestionDifficulty) -> list[BankQuestion]:
        return [q for q in self.questions if q.phase == phase and q.difficulty == difficulty]


Bank = dict[str, RoleFamily]
FamilyName = Literal[
    "software_engineering",
    "data_analytics",
    "business_analysis",
    "product_management",
    "design_ux",
    "marketing_sales",
    "operations_support",
    "generic",
]


@cache
def load_bank() -> Bank:
    """Every family file in estel/data/questions, validated; cached for the process."""
    return load_packaged("questions", RoleFamily, "family")
