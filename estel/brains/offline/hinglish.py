"""Hinglish text of the question bank: one file per family in estel/data/hinglish/.

A file holds, for each question id of its family, the question and hint as an interviewer in an
Indian office would ask them (romanised, "aap" throughout, English terms kept as people say them).
Only the words are translated: topics, talking points, red flags and model answers stay in the
bank, shared, so a Hinglish interview is scored on the same rubric as an English one. A family
without a file is asked in English (the brain says so); `tests/offline/test_hinglish_bank.py`
keeps every question of a translated family translated.

File format (validated by these models on load):

{
  "family": "generic",                               # the bank family, = the file name
  "questions": {
    "gen-intro-em-01": {"question": "Apne baare mein thoda bataiye ... {role} ...",
                        "helper_hint": "Short arc dijiye: ..."}
  }
}
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from estel.brains.offline.bank import BankQuestion
from estel.data import load_packaged
from estel.languages import HINGLISH, Language


class HinglishText(BaseModel):
    """One question and its hint in Hinglish; the same limits as the bank's English text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    question: str = Field(min_length=15, max_length=600)
    helper_hint: str = Field(min_length=10, max_length=300)


class HinglishFamily(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    family: str = Field(pattern=r"^[a-z_]+$")
    questions: dict[str, HinglishText]


@cache
def hinglish_bank() -> dict[str, HinglishFamily]:
    """Every family file in estel/data/hinglish, validated; cached for the process."""
    return load_packaged("hinglish", HinglishFamily, "family")


@cache
def _by_id() -> dict[str, HinglishText]:
    """Question id -> Hinglish text, over every family (ids are unique across the bank)."""
    return {qid: text for family in hinglish_bank().values()
            for qid, text in family.questions.items()}


def has_hinglish(family: str) -> bool:
    """True when the family's questions are written in Hinglish."""
    return family in hinglish_bank()


def templates(question: BankQuestion, language: Language) -> tuple[str, str]:
    """The question and hint templates ({role} unfilled) in `language`; English when the
    question has no text in it."""
    if language == HINGLISH:
        text = _by_id().get(question.id)
        if text is not None:
            return text.question, text.helper_hint
    return question.question, question.helper_hint


def missing_warning(label: str) -> str:
    """The envelope's message when the family has no Hinglish questions yet."""
    return (f"Hinglish questions are not written yet for {label}: those questions are asked in "
            "English; the interviewer's remarks, follow-ups and feedback are in Hinglish.")
