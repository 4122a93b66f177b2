"""The candidate's profile (issue 16): a job description and a résumé, and what the offline
interviewer can read from them. Pure functions over the role catalogue; no I/O.

Status: the model and the offline extraction/coverage rules only. `context.profile` is not yet
accepted on the wire, and question selection does not use it yet (docs/profile.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict, Field

from estel.brains.offline.bank import BankQuestion, RoleFamily

MAX_JOB_DESCRIPTION_CHARS = 20_000
MAX_RESUME_CHARS = 30_000
# the most requirements a report lists: a JD that names everything names nothing in particular
MAX_REQUIREMENTS = 15


class Profile(BaseModel):
    """The proposed wire extension `context.profile`: both fields optional, size-limited."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    job_description: str | None = Field(default=None, max_length=MAX_JOB_DESCRIPTION_CHARS)
    resume_text: str | None = Field(default=None, max_length=MAX_RESUME_CHARS)


def _mentions(text: str, term: str) -> bool:
    """`term` appears in `text` as whole words, plural allowed (case-insensitive; "dashboard"
    is in "dashboards", "sql" is not in "nosqlite")."""
    pattern = rf"(?<![a-z0-9]){re.escape(term.lower())}(?:e?s)?(?![a-z0-9])"
    return re.search(pattern, text.lower()) is not None


def _title_words(family: RoleFamily) -> set[str]:
    """Words in three or more of the family's titles ("data", "analyst"): the role's own
    vocabulary, which a JD for the role always uses and which names no particular skill."""
    counts: dict[str, int] = {}
    for title in family.titles:
        for word in set(re.findall(r"[a-z]+", title.lower())):
            counts[word] = counts.get(word, 0) + 1
    return {word for word, count in counts.items() if count >= 3}


def _candidate_terms(family: RoleFamily) -> list[str]:
    """The family's role terms, then its technical questions' talking-point keywords: the
    skills and tools the catalogue can ask about, without the role's own vocabulary."""
    terms = list(family.role_terms)
    for question in family.questions:
        if question.phase == "technical":
            terms.extend(k for point in question.talking_points for k in point.keywords)
    titles = _title_words(family)
    seen: dict[str, None] = {}
    for term in terms:
        term = term.strip().lower()
        if len(term) >= 3 and term not in titles and term not in seen:
            seen[term] = None
    return list(seen)


def jd_requirements(job_description: str, family: RoleFamily) -> tuple[str, ...]:
    """The skills and tools a JD names that the catalogue knows for this family, in the order
    the JD names them (first mention first)."""
    found = [(job_description.lower().find(term), term) for term in _candidate_terms(family)
             if _mentions(job_description, term)]
    ordered = [term for _, term in sorted(found)]
    # a term inside a longer found term ("query" in "sql query") adds nothing
    kept = [t for t in ordered if not any(t != o and _mentions(o, t) for o in ordered)]
    return tuple(kept[:MAX_REQUIREMENTS])


def addressed(question: BankQuestion, requirements: Iterable[str]) -> tuple[str, ...]:
    """The requirements a bank question asks about (its text, topic or talking points)."""
    text = " ".join([question.question, question.topic,
                     *(k for p in question.talking_points for k in p.keywords)])
    return tuple(term for term in requirements if _mentions(text, term))


def preferred_technical(family: RoleFamily, requirements: Sequence[str]) -> list[BankQuestion]:
    """The family's technical questions that address the JD, most requirements first."""
    scored = [(len(addressed(q, requirements)), i, q) for i, q in enumerate(family.questions)
              if q.phase == "technical"]
    return [q for count, _, q in sorted(scored, key=lambda s: (-s[0], s[1])) if count]


def coverage(requirements: Sequence[str], answers: Iterable[str]) -> tuple[list[str], list[str]]:
    """(covered, missing): a requirement is covered when some answer talks about it."""
    said = " \n ".join(answers)
    covered = [term for term in requirements if _mentions(said, term)]
    return covered, [term for term in requirements if term not in covered]
