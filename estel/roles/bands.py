"""Experience bands: free-text experience levels ("Graduate", "2 years", "Head of") -> a band.

The band, not the raw text, is what an interview depends on, so "Junior" and "graduate" give the
same interview. Rules, in order (docs/role-catalogue.md "Coverage" defines the bands):

1. Words in the level field: lead words (lead, manager, head, director, VP, chief) -> lead;
   senior words (senior, staff, principal, expert) -> senior; mid words (mid, intermediate) ->
   mid; entry words (junior, graduate, intern, student, trainee, entry) -> entry.
2. Years in the level field: under 2 -> entry, 2-4 -> mid, 5 or more -> senior (the first number
   of a range: "3-5 years" is mid).
3. A level that says nothing ("Experienced", "Professional", "any") lets the title speak:
   "Senior Data Scientist" -> senior, "Head of Nursing" -> lead, "Graduate Engineer" -> entry.
   The level field wins when it says something, because the candidate chose it for the practice
   run ("Junior" + "Senior Engineer" title = a junior practising for the senior job's interview
   is rarer than a person who typed their current title).
4. Nothing anywhere: mid, the middle of the range.
"""

from __future__ import annotations

import re
from functools import lru_cache

from estel.brains.offline.bank import BANDS, Band

DEFAULT_BAND: Band = "mid"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Whole words (after lower-casing and splitting on non-letters). Checked lead first: "Senior
# Manager" is a manager, "Lead Engineer" leads.
LEVEL_WORDS: dict[Band, frozenset[str]] = {
    "lead": _words(
        "lead leads leader leadership manager managers management head director directors vp "
        "chief cto cfo coo ceo cpo cmo cio ciso executive supervisor superintendent "
        "headteacher"
    ),
    "senior": _words("senior sr snr staff principal expert veteran seasoned advanced"),
    "mid": _words("mid middle intermediate midlevel medior"),
    "entry": _words(
        "junior jr entry graduate grad graduates intern internship interns student students "
        "trainee apprentice apprenticeship beginner fresher newcomer placement undergraduate "
        "undergrad novice starter associate"
    ),
}
# In a title, "manager" is often the job itself (product, account, project manager), not a rank:
# only explicit seniority words and level numerals count ("Software Engineer III").
TITLE_WORDS: dict[Band, frozenset[str]] = {
    "lead": _words("lead head director vp chief cto cfo coo ceo cpo cmo cio ciso"),
    "senior": _words("senior sr snr staff principal iii iv l5 l6 l7"),
    "mid": _words("ii l3 l4 mid intermediate"),
    "entry": _words("junior jr graduate grad intern trainee apprentice entry associate l1 l2"),
}
# Multi-word phrases checked before single words ("vice president", "no experience").
BAND_PHRASES: tuple[tuple[str, Band], ...] = (
    ("vice president", "lead"),
    ("team leader", "lead"),
    ("head of", "lead"),
    ("no experience", "entry"),
    ("career change", "entry"),
    ("career changer", "entry"),
    ("first job", "entry"),
    ("new grad", "entry"),
    ("recent graduate", "entry"),
    ("early career", "entry"),
    ("entry level", "entry"),
    ("mid career", "mid"),
    ("mid level", "mid"),
)
_YEARS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:\+|plus)?\s*(?:(?:-|to|–)\s*\d+\s*)?"
                    r"(?:years?|yrs?|y\b)")
_MONTHS = re.compile(r"\d+\s*(?:months?|mos?)\b")


def _by_words(text: str, table: dict[Band, frozenset[str]]) -> Band | None:
    spaced = " ".join(re.findall(r"[a-z0-9]+", text.lower()))
    for phrase, band in BAND_PHRASES:
        if re.search(rf"\b{phrase}\b", spaced):
            return band
    words = set(spaced.split())
    for band in ("lead", "senior", "mid", "entry"):
        if words & table[band]:
            return band
    return None


@lru_cache(maxsize=1024)
def band_from_level(level: str) -> Band | None:
    """The band an experience level says outright; None when it says nothing about seniority."""
    band = _by_words(level, LEVEL_WORDS)
    if band is not None:
        return band
    years = _YEARS.search(level.lower())
    if years:
        count = float(years.group(1))
        return "entry" if count < 2 else "mid" if count < 5 else "senior"
    return "entry" if _MONTHS.search(level.lower()) else None


@lru_cache(maxsize=1024)
def band_from_title(title: str) -> Band | None:
    """The band a job title's seniority words say ("Senior ...", "Head of ..."), if any."""
    return _by_words(title, TITLE_WORDS)


def band_for(experience_level: str, target_role: str = "") -> Band:
    """The interview's band: the level field first, then the title's seniority words, else mid."""
    return band_from_level(experience_level) or band_from_title(target_role) or DEFAULT_BAND


# What each band's questions test and what its answers must show (docs/role-catalogue.md).
BAND_FOCUS: dict[Band, str] = {
    "entry": "fundamentals, learning, guided work, first projects and placements",
    "mid": "independent ownership, trade-offs inside a project, working across teams",
    "senior": "design, trade-offs, ambiguity, risk, mentoring and setting standards",
    "lead": "strategy, people, hiring, performance conversations, budgets and cross-team "
            "influence",
}


def adjacent_bands(band: Band) -> tuple[Band, ...]:
    """Bands to borrow from, nearest first, staying on the band's side of the entry/mid |
    senior/lead line before crossing it (a junior borrows from mid before senior)."""
    index = BANDS.index(band)
    side = index // 2  # entry, mid = 0; senior, lead = 1
    return tuple(sorted((b for b in BANDS if b != band),
                        key=lambda b: (BANDS.index(b) // 2 != side, abs(BANDS.index(b) - index))))
