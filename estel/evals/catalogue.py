"""Measures of the role catalogue (issue 13): per family, do technical questions use the job's
terms, do junior and senior interviews differ, does one band typed two ways give one interview,
and how often do typed titles resolve to the expected family.

Pure measurement over the bank and the offline brain; `bench/roles.py` prints it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from estel.brains.offline.bank import GENERIC_FAMILY, Bank, RoleFamily
from estel.brains.offline.brain import FOLLOW_UP, OfflineBrain
from estel.brains.offline.selection import fill_role
from estel.contract import InterviewMeta, Phase
from estel.engine import Engine
from estel.roles.titles import display_title, resolve_title, suggestions

# The levels compared: two bands, and the senior band spelled another way (the control).
JUNIOR, SENIOR, SENIOR_AGAIN = "Junior", "Senior", "7 years"
QUESTIONS = 8
# A plain, mid-quality answer per phase: long enough not to draw a follow-up, neutral on role.
ANSWERS: dict[Phase, str] = {
    "intro": "I have worked in this field for several years. I enjoy solving practical problems "
             "with the people around me and I want a role where I can take on more.",
    "behavioural": "Last year a deadline moved forward by two weeks. I listed what was left, "
                   "agreed with my manager what to drop, and I took the riskiest part myself. "
                   "We delivered on the new date and I learned to raise risks earlier.",
    "technical": "First I would check the facts and what the constraints are, then pick the "
                 "simplest option that works, test it on a small case and measure the result "
                 "before rolling it out more widely, with a way back if it goes wrong.",
    "wrap_up": "Thank you. How does the team measure success in the first six months, and "
               "what is the biggest challenge right now?",
}


@dataclass(frozen=True)
class FamilyMeasure:
    family: str
    technical: int  # technical questions in the family
    term_share: float  # of those, the share using one of the family's role terms
    junior_senior: float  # share of questions a junior and a senior interview have in common
    same_band: float  # the same for two spellings of the senior band (the control)
    titles_tried: tuple[str, ...]


def words_of(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).split()


def uses_terms(text: str, terms: Iterable[str]) -> bool:
    """The text uses a term: each of its words starts a word of the text, in order."""
    words = words_of(text)
    for term in terms:
        parts = words_of(term)
        n = len(parts)
        if parts and any(all(w.startswith(p) for w, p in zip(words[i:i + n], parts, strict=True))
                         for i in range(len(words) - n + 1)):
            return True
    return False


def term_share(family: RoleFamily, title: str) -> tuple[int, float]:
    """Technical questions of the family, and the share that use its role terms."""
    technical = [q for q in family.questions if q.phase == "technical"]
    if not technical:
        return 0, 0.0
    used = sum(uses_terms(fill_role(q.question, title), family.role_terms) for q in technical)
    return len(technical), used / len(technical)


def interview_questions(engine: Engine, role: str, level: str,
                        total: int = QUESTIONS) -> list[str]:
    """The bank questions one offline interview asks, answered with the plain answers above.

    Follow-ups are left out: they quote the answer, which is the same at every level here.
    """
    result = engine.start(InterviewMeta(target_role=role, experience_level=level,
                                        difficulty="standard", questions_target=total))
    asked: list[str] = []
    while not result.finished:
        payload = result.response.payload
        if not payload.topic.startswith(FOLLOW_UP):
            asked.append(payload.question)
        result = engine.answer(result.state, ANSWERS[payload.phase])
    return asked


def overlap(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of questions two interviews have in common (by normalised text)."""
    left, right = {" ".join(words_of(q)) for q in a}, {" ".join(words_of(q)) for q in b}
    return len(left & right) / max(1, len(left), len(right))


def measure_family(family: RoleFamily, engine: Engine, titles: Sequence[str]) -> FamilyMeasure:
    technical, share = term_share(family, titles[0])
    pairs, controls = [], []
    for title in titles:
        junior = interview_questions(engine, title, JUNIOR)
        senior = interview_questions(engine, title, SENIOR)
        again = interview_questions(engine, title, SENIOR_AGAIN)
        pairs.append(overlap(junior, senior))
        controls.append(overlap(senior, again))
    return FamilyMeasure(family.family, technical, share, sum(pairs) / len(pairs),
                         sum(controls) / len(controls), tuple(titles))


def family_titles(family: RoleFamily, bank: Bank, limit: int = 2) -> list[str]:
    """Titles that resolve to the family, as people would type them (its label otherwise)."""
    typed = [t for t in suggestions(family, limit=limit + 2)
             if resolve_title(t, bank).family is family]
    return typed[:limit] or [display_title(family.label.lower())]


def measure_bank(bank: Bank, families: Iterable[str] | None = None) -> list[FamilyMeasure]:
    engine = Engine(OfflineBrain(bank))
    names = [n for n in (families or bank) if n in bank and n != GENERIC_FAMILY]
    return [measure_family(bank[n], engine, family_titles(bank[n], bank)) for n in names]


def title_rows(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Rows of a titles.tsv: (title, acceptable families); '#' lines are comments."""
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            title, expected = line.split("\t")
            rows.append((title, tuple(expected.split("|"))))
    return rows


def title_results(rows: Sequence[tuple[str, tuple[str, ...]]],
                  bank: Bank) -> list[tuple[str, tuple[str, ...], str]]:
    """(title, expected, got) for each row whose expected families are all in the bank."""
    return [(t, e, resolve_title(t, bank).family.family) for t, e in rows
            if all(f in bank for f in e)]
