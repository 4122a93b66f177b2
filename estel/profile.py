"""The candidate's profile (issue 16): a job description and a résumé, and what the interviewer
reads from them. Pure functions over the role catalogue; no I/O.

- `jd_requirements`: the skills and tools a JD names that the catalogue knows for the family.
- `resume_items`: the résumé's concrete claims ("Led the migration to Kubernetes ..."), which a
  question asks about ("Your résumé says you led the migration to Kubernetes: ...").
- `build_profile`: the `SessionProfile` an interview keeps (estel/extensions.py); the résumé
  text itself only when the candidate chose to keep it.
- `preferred_technical` / `addressed`: which technical questions address the requirements.
- `coverage`: which requirements the answers covered, for the report.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence

from estel.brains.base import ProfileReader, TurnContext
from estel.brains.offline.bank import RoleFamily, load_bank
from estel.contract import InterviewMeta
from estel.errors import EstelError
from estel.extensions import (
    MAX_JOB_DESCRIPTION_CHARS,
    MAX_REQUIREMENTS,
    MAX_RESUME_CHARS,
    MAX_RESUME_ITEM_CHARS,
    MAX_RESUME_ITEMS,
    ProfileExtension,
    SessionProfile,
    source_digest,
)
from estel.requirements import (
    addressed,
    catalogue_terms,
    coverage,
    jd_requirements,
    mentions,
    merged,
    preferred_technical,
    requirement_coverage,
    selection_terms,
)
from estel.roles.titles import match_family
from estel.session import without_control_chars

log = logging.getLogger(__name__)

__all__ = [  # the requirement functions live in estel/requirements.py; named here as before
    "MAX_JOB_DESCRIPTION_CHARS", "MAX_REQUIREMENTS", "MAX_RESUME_CHARS", "Profile", "addressed",
    "catalogue_terms", "coverage", "jd_requirements", "mentions", "preferred_technical",
    "requirement_coverage", "selection_terms"]

Profile = ProfileExtension  # the wire extension `context.profile`
RESUME_QUESTION_ITEMS = 3  # résumé items an interview keeps to ask about
ITEM_WORDS = (4, 30)  # a claim shorter says nothing particular; longer is a paragraph
ITEM_CHARS = 140

# Verbs a résumé line opens with when it claims something the candidate did, in any job.
_VERBS = """
achieved automated built championed coached created cut decreased delivered deployed designed
developed directed drove established expanded founded grew halved handled implemented improved
increased introduced launched led maintained managed mentored migrated modernised modernized
negotiated opened optimised optimized organised organized oversaw owned piloted planned produced
rebuilt redesigned reduced refactored reorganised replaced resolved restructured revamped ran
saved scaled set shipped simplified spearheaded standardised standardized started streamlined
supervised taught trained transformed turned upgraded wrote coordinated administered prepared
assessed audited analysed analyzed authored cared closed consolidated converted doubled tripled
"""
ACTION_VERBS = frozenset(_VERBS.split())


# -- the résumé ----------------------------------------------------------------------------

_BULLET = re.compile(r"^[\s\-–—•*·▪●◦>+]+|^\s*\d+[.)]\s+")
_PRONOUNS = ((r"\bmy\b", "your"), (r"\bour\b", "your team's"), (r"\bmyself\b", "yourself"),
             (r"\bI\b", "you"), (r"\bme\b", "you"))


def _claims(text: str) -> Iterable[str]:
    """The résumé's lines and sentences, bullets stripped."""
    for line in text.splitlines():
        for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z])", line):
            cleaned = _BULLET.sub("", sentence).strip().rstrip(".;")
            if cleaned:
                yield cleaned


def _as_claim(sentence: str) -> str | None:
    """'Led the migration to Kubernetes' / 'I led ...' -> 'you led the migration to Kubernetes';
    None when the sentence does not open with something the candidate did."""
    words = sentence.split()
    if words and words[0].lower() in ("i", "i've"):
        words = words[1:]
    if not words or words[0].lower().strip(",:") not in ACTION_VERBS:
        return None
    if not ITEM_WORDS[0] <= len(words) <= ITEM_WORDS[1]:
        return None
    claim = " ".join([words[0].lower(), *words[1:]]).split(";")[0]
    for pattern, replacement in _PRONOUNS:
        claim = re.sub(pattern, replacement, claim)
    if len(claim) > ITEM_CHARS:  # cut at a clause, else at a word
        cut = max(claim.rfind(",", 0, ITEM_CHARS), claim.rfind(" and ", 0, ITEM_CHARS))
        claim = claim[:cut] if cut > 40 else claim[:ITEM_CHARS].rsplit(" ", 1)[0]
    return "you " + claim.rstrip(" ,;:-")


def resume_items(resume: str, requirements: Sequence[str] = (),
                 limit: int = RESUME_QUESTION_ITEMS) -> tuple[str, ...]:
    """The résumé's most concrete claims, second person, best first: those naming a JD
    requirement, then those with a number (a result), then in résumé order."""
    scored: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for index, sentence in enumerate(_claims(without_control_chars(resume))):
        claim = _as_claim(sentence)
        if claim is None or claim.lower() in seen:
            continue
        seen.add(claim.lower())
        score = 2 * any(mentions(claim, term) for term in requirements)
        score += bool(re.search(r"\d", claim))
        scored.append((-score, index, claim))
    return tuple(claim for _, _, claim in sorted(scored)[:min(limit, MAX_RESUME_ITEMS)])


RESUME_TOPIC = "Your résumé"
RESUME_HINT = ("Say what you did yourself, one hard decision you made and what came of it, with a "
               "number if you have one.")


def resume_item_for(ctx: TurnContext) -> str | None:
    """The résumé item this turn asks about: the first behavioural question of an interview
    whose candidate gave a résumé asks about its most concrete claim (once per interview)."""
    kept = ctx.profile
    if kept is None or not kept.resume_items or ctx.kind == "feedback":
        return None
    if ctx.phase != "behavioural" or any(i.topic.startswith(RESUME_TOPIC) for i in ctx.history):
        return None
    return kept.resume_items[0]


def resume_topic(item: str) -> str:
    """'Your résumé: led the migration of 40 services to Kubernetes'."""
    words = item.removeprefix("you ").split()
    short = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
    return f"{RESUME_TOPIC}: {short}"[:120]


def resume_question(item: str) -> str:
    """The question about one résumé claim."""
    return (f"Your résumé says {item}: what was your own part in it, what was the hardest "
            "decision along the way, and what came of it?")


# -- the kept profile ----------------------------------------------------------------------

def build_profile(
    wire: ProfileExtension, family: RoleFamily, *, keep_resume: bool = False,
    requirements: Sequence[str] | None = None, extracted_by: str = "offline",
) -> SessionProfile:
    """What the interview keeps: the JD, its requirements (`requirements` when someone else,
    the model or the candidate, read them; else the offline rules), the résumé items to ask
    about, and the résumé text only with `keep_resume`."""
    jd = without_control_chars(wire.job_description or "").strip()
    resume = without_control_chars(wire.resume_text or "").strip()
    found = tuple(requirements) if requirements is not None else jd_requirements(jd, family)
    return SessionProfile(
        job_description=jd,
        requirements=_distinct(found)[:MAX_REQUIREMENTS],
        resume_items=resume_items(resume, found) if resume else (),
        resume_text=resume if keep_resume and resume else None,
        extracted_by=extracted_by,
        source_digest=source_digest(wire),
    )


def _distinct(terms: Iterable[str]) -> tuple[str, ...]:
    """The terms without blanks and case-insensitive repeats, first spelling kept."""
    seen: dict[str, str] = {}
    for term in terms:
        term = " ".join(term.split())
        if term:
            seen.setdefault(term.lower(), term)
    return tuple(seen.values())


def read_profile(
    wire: ProfileExtension, meta: InterviewMeta, reader: ProfileReader | None = None, *,
    keep_resume: bool = False,
) -> tuple[SessionProfile, tuple[str, ...]]:
    """The kept profile for an interview of `meta`, and warnings for the candidate.

    With a `reader` (a brain that reads with a model) its structured extraction gives the
    requirements and the résumé items; when it fails, the offline rules do, and a warning says so.
    """
    family = match_family(meta.target_role, load_bank())
    if reader is None or not (wire.job_description or wire.resume_text):
        return build_profile(wire, family, keep_resume=keep_resume), ()
    try:
        read = reader.read_profile(wire.job_description or "", wire.resume_text or "", meta)
    except EstelError as error:
        log.warning("profile extraction by the model failed: %s", error.message)
        note = ("The AI could not read your job description and résumé, so the offline rules "
                "picked out the skills.")
        return build_profile(wire, family, keep_resume=keep_resume), (note,)
    # the model's reading first; the offline rules add what the bank can ask about and the
    # names it left out
    both = merged(read.requirements, jd_requirements(wire.job_description or "", family))
    built = build_profile(wire, family, keep_resume=keep_resume, requirements=both or None,
                          extracted_by="openai")
    items = tuple(_second_person(i) for i in read.resume_items if i.strip())
    return built.model_copy(update={"resume_items": items or built.resume_items}), ()


def _second_person(item: str) -> str:
    item = " ".join(item.split()).rstrip(" .;:")[:MAX_RESUME_ITEM_CHARS]
    return item if item.lower().startswith("you ") else "you " + item[:1].lower() + item[1:]
