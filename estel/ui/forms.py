"""The setup form's choices and its validation: pure (no streamlit), so tests can pin them down."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from estel.brains.offline.bank import GENERIC_FAMILY, load_bank
from estel.brains.offline.hinglish import has_hinglish
from estel.brains.offline.roles import match_family
from estel.contract import (
    MAX_ANSWER_CHARS,
    MAX_QUESTIONS,
    MIN_ADAPTIVE_QUESTIONS,
    MIN_QUESTIONS,
    InterviewMeta,
)
from estel.languages import HINGLISH, effective
from estel.length import LengthBounds
from estel.roles.titles import suggestions
from estel.session import MAX_LEVEL_CHARS, MAX_ROLE_CHARS


@cache
def role_families() -> dict[str, tuple[str, ...]]:
    """Suggested titles per role family, from the question bank (one data file per family);
    any other text is accepted too (the generic family)."""
    bank = load_bank()
    return {family.label: suggestions(family) for family in bank.values()
            if family.family != GENERIC_FAMILY and suggestions(family)}


def role_suggestions() -> tuple[str, ...]:
    return tuple(dict.fromkeys(r for roles in role_families().values() for r in roles))


DIFFICULTIES = ("easy", "standard", "hard")
DEFAULT_QUESTIONS = 8
DEFAULT_RANGE = (5, 12)  # "Let the interviewer decide": at least 5, at most 12 questions

# code -> label; English and Hinglish run (estel.languages), the rest are shown as coming
LANGUAGES: dict[str, str] = {
    "en": "English",
    "hinglish": "Hinglish (Hindi-English mix)",
    "de": "Deutsch (coming soon)",
    "es": "Español (coming soon)",
    "fr": "Français (coming soon)",
}
AVAILABLE_LANGUAGES = ("en", "hinglish")


def language_note(role: str, language: str | None) -> str | None:
    """Under the language picker: Hinglish for a role whose family has no Hinglish questions
    yet (estel/data/hinglish) says what the offline interviewer does instead."""
    if effective(language) != HINGLISH or not role.strip():
        return None
    family = match_family(role, load_bank())
    if has_hinglish(family.family):
        return None
    return (f"{family.label} has no Hinglish questions yet: the offline interviewer asks them in "
            "English, with its remarks, follow-ups and feedback in Hinglish.")


@dataclass(frozen=True)
class SetupChoice:
    """What the candidate entered, before validation."""

    role: str | None
    level: str | None
    difficulty: str | None
    questions: int | float | None
    language: str | None
    adaptive: bool = False  # "Let the interviewer decide": `question_range` instead of questions
    question_range: tuple[int, int] | None = None  # (at least, at most)


def setup_problems(choice: SetupChoice) -> dict[str, str]:
    """Field name -> message for each invalid field; empty when the setup can start."""
    problems: dict[str, str] = {}
    role = (choice.role or "").strip()
    if not role:
        problems["role"] = "Enter the role you are interviewing for, or pick a suggestion."
    elif len(role) > MAX_ROLE_CHARS:
        problems["role"] = f"Keep the role under {MAX_ROLE_CHARS} characters."
    level = (choice.level or "").strip()
    if not level:
        problems["level"] = "Choose your experience level."
    elif len(level) > MAX_LEVEL_CHARS:
        problems["level"] = f"Keep the level under {MAX_LEVEL_CHARS} characters."
    if choice.difficulty not in DIFFICULTIES:
        problems["difficulty"] = "Choose easy, standard or hard."
    questions = choice.questions
    if choice.adaptive:
        low, high = choice.question_range or (0, 0)
        if not MIN_ADAPTIVE_QUESTIONS <= low <= high <= MAX_QUESTIONS:
            problems["questions"] = (f"Choose at least {MIN_ADAPTIVE_QUESTIONS} questions (one "
                                     f"per phase) and at most {MAX_QUESTIONS}.")
    elif questions is None or int(questions) != questions or not (
        MIN_QUESTIONS <= questions <= MAX_QUESTIONS
    ):
        problems["questions"] = f"Choose between {MIN_QUESTIONS} and {MAX_QUESTIONS} questions."
    if choice.language not in AVAILABLE_LANGUAGES:
        problems["language"] = ("Only English and Hinglish are available for now; other "
                                "languages are coming.")
    return problems


def meta_from(choice: SetupChoice) -> InterviewMeta:
    """The contract meta for a valid choice (call setup_problems first)."""
    return InterviewMeta(
        target_role=(choice.role or "").strip(),
        experience_level=(choice.level or "").strip(),
        difficulty=choice.difficulty,  # type: ignore[arg-type]  # validated
        questions_target=(choice.question_range or (0, 0))[1] if choice.adaptive
        else int(choice.questions or 0),
    )


def bounds_from(choice: SetupChoice) -> LengthBounds | None:
    """Adaptive length's bounds for a valid choice; None for a fixed number of questions."""
    if not choice.adaptive or choice.question_range is None:
        return None
    return LengthBounds(*choice.question_range)


def answer_problem(text: str | None) -> str | None:
    """Why an answer cannot be sent yet (empty or over the limit), else None."""
    if not text or not text.strip():
        return "Write an answer before sending."
    length = len(text.strip())
    if length > MAX_ANSWER_CHARS:
        return (f"Your answer is {length:,} characters; the limit is {MAX_ANSWER_CHARS:,}. "
                "Shorten it before sending.")
    return None
