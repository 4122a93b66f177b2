"""Role matching: which question-bank family serves a free-text target role.

Titles are compared as whole words after normalising case, punctuation and compounds
("Front-end" = "frontend", "SDE-2" = "sde 2"). A role is tried as typed and again with seniority
words removed ("Senior BA" -> "ba"); the longest matching title wins. No match: the generic family.
"""

from __future__ import annotations

import re
from functools import lru_cache

from estel.brains.offline.bank import GENERIC_FAMILY, Bank, RoleFamily

# Seniority and level words that say nothing about the kind of work.
NOISE = frozenset(
    str.split(
        """senior sr snr junior jr principal staff associate intern internship trainee graduate grad
    apprentice entry level mid experienced lead chief head i ii iii iv v 1 2 3 4 5 l1 l2 l3 l4 l5
    l6 l7 the a an of"""
    )
)

# Compounds written as one word, so "front end", "front-end" and "frontend" agree.
COMPOUNDS = (
    ("front end", "frontend"),
    ("back end", "backend"),
    ("full stack", "fullstack"),
    ("dev ops", "devops"),
    ("e commerce", "ecommerce"),
    ("web site", "website"),
)

# Abbreviations and common titles, in case a bank file does not list them itself.
BUILTIN_TITLES: dict[str, tuple[str, ...]] = {
    "software_engineering": (
        "software engineer", "software developer", "sde", "swe", "developer", "programmer",
        "frontend developer", "frontend engineer", "backend developer", "backend engineer",
        "fullstack developer", "fullstack engineer", "web developer", "devops engineer", "sre",
        "qa engineer", "qa", "mobile developer",
    ),
    "data_analytics": (
        "data scientist", "data analyst", "data engineer", "ml engineer",
        "machine learning engineer", "analytics engineer", "bi analyst",
    ),
    "business_analysis": (
        "business analyst", "ba", "business systems analyst", "systems analyst",
        "requirements analyst", "process analyst", "functional analyst", "it business analyst",
    ),
    "product_management": (
        "product manager", "pm", "apm", "product owner", "po", "product lead",
        "technical product manager", "group product manager", "cpo",
    ),
    "design_ux": (
        "ux designer", "ui designer", "ux ui designer", "ui ux designer", "ux", "ui",
        "product designer", "ux researcher", "interaction designer",
    ),
    "marketing_sales": (
        "marketing manager", "marketer", "digital marketer", "sales", "sales representative",
        "account executive", "ae", "sdr", "bdr", "account manager", "growth marketer",
        "seo specialist", "sales manager",
    ),
    "operations_support": (
        "operations manager", "operations", "ops", "customer support", "support engineer",
        "customer success manager", "csm", "it support", "help desk", "service desk",
        "support specialist", "customer service",
    ),
}


@lru_cache(maxsize=4096)
def normalise_title(text: str) -> str:
    """Lower case, punctuation as spaces, compounds joined: 'Front-End Dev.' -> 'frontend dev'."""
    text = text.lower().replace("&", " and ").replace("c++", "cpp").replace("c#", "csharp")
    text = " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())
    for spaced, joined in COMPOUNDS:
        text = re.sub(rf"\b{spaced}\b", joined, text)
    return text


def role_variants(role: str) -> tuple[tuple[str, ...], ...]:
    """The role's words as typed and without seniority noise (a level glued on: 'sde2')."""
    words = tuple(normalise_title(role).split())
    stripped = (re.sub(r"^([a-z]{2,})\d$", r"\1", w) for w in words if w not in NOISE)
    plain = tuple(w for w in stripped if w not in NOISE)
    return (words, plain) if plain != words else (words,)


def match_family(role: str, bank: Bank) -> RoleFamily:
    """The family whose title matches `role` best; the generic family when none does."""
    best: tuple[int, int, int] | None = None
    chosen: RoleFamily | None = None
    variants = role_variants(role)
    for order, family in enumerate(bank.values()):
        if family.family == GENERIC_FAMILY:
            continue
        for title in (*family.titles, *BUILTIN_TITLES.get(family.family, ())):
            parts = tuple(normalise_title(title).split())
            if not parts or not any(_contains(words, parts) for words in variants):
                continue
            key = (len(parts), len(" ".join(parts)), -order)
            if best is None or key > best:
                best, chosen = key, family
    if chosen is not None:
        return chosen
    if GENERIC_FAMILY not in bank:
        raise LookupError("the question bank has no generic family")
    return bank[GENERIC_FAMILY]


def _contains(words: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    span = len(parts)
    return any(words[i : i + span] == parts for i in range(len(words) - span + 1))
