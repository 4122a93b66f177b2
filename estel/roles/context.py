"""Who the interview is for, resolved once: the family, the band and how each was decided.

Both brains and the UI read this: the offline brain picks questions by it, the OpenAI prompt
quotes the family's label, band and role terms, and the Interview page says "Interviewing as:
Nursing — Registered Nurse".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from estel.brains.offline.bank import Band, Bank
from estel.contract import InterviewMeta
from estel.roles.bands import BAND_FOCUS, DEFAULT_BAND, band_from_level, band_from_title
from estel.roles.titles import TitleMatch, resolve_title

BandSource = Literal["level", "title", "default"]
LOW_CONFIDENCE = 0.8  # below this the UI names the catalogue title it matched

BAND_LABELS: dict[Band, str] = {
    "entry": "entry level", "mid": "mid level", "senior": "senior", "lead": "lead / manager",
}


@dataclass(frozen=True)
class RoleContext:
    match: TitleMatch
    band: Band
    band_source: BandSource

    @property
    def role_terms(self) -> tuple[str, ...]:
        return self.match.family.role_terms

    def interviewing_as(self) -> str:
        """One line for people: the family and title, the level band and where it came from."""
        level = BAND_LABELS[self.band]
        if self.band_source == "title":
            level += " (from the title)"
        if self.match.is_generic:
            return (f"Interviewing as: {self.match.title} · {level}. No role family in the "
                    "catalogue matched this title, so the questions are general ones that fit "
                    "any job.")
        text = f"Interviewing as: {self.match.headline()} · {level}"
        if self.match.confidence < LOW_CONFIDENCE:
            text += (f" (closest catalogue title: '{self.match.matched}', "
                     f"{self.match.confidence:.0%} sure)")
        return text


MAX_PROMPT_TERMS = 20


def prompt_lines(context: RoleContext) -> list[str]:
    """What a model interviewer is told about the role: family, band and the job's vocabulary."""
    band = context.band
    lines = [f"Band: {band} ({BAND_FOCUS[band]}); ask and grade for this band: what earns an 8 "
             "from a senior is more than from a graduate."]
    match = context.match
    if match.is_generic:
        lines.insert(0, "Role family: none in the catalogue matched this title; ask general "
                        "questions about the work, using the title as typed.")
        return lines
    lines.insert(0, f"Role family: {match.family.label} (catalogue title "
                    f"'{match.matched}', {match.confidence:.0%} sure); interview as someone who "
                    "hires for this job.")
    terms = ", ".join(context.role_terms[:MAX_PROMPT_TERMS])
    lines.append("Role terms (stems of the job's vocabulary; technical questions use them): "
                 f"{terms}.")
    return lines


def role_context(meta: InterviewMeta, bank: Bank) -> RoleContext:
    """The family of the meta's title and the band of its level (the title's when it is silent)."""
    return role_context_for(meta.target_role, meta.experience_level, bank)


def role_context_for(target_role: str, experience_level: str, bank: Bank) -> RoleContext:
    """`role_context` from the two fields as typed (the setup form, before a meta exists)."""
    match = resolve_title(target_role, bank)
    from_level = band_from_level(experience_level)
    if from_level is not None:
        return RoleContext(match, from_level, "level")
    from_title = band_from_title(target_role)
    if from_title is not None:
        return RoleContext(match, from_title, "title")
    return RoleContext(match, DEFAULT_BAND, "default")
