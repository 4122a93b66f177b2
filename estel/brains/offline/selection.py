"""Which bank question to ask next: pure, deterministic, shared by the offline and OpenAI brains.

A question is chosen for the interview's family, band (estel.roles.bands), phase and wanted
difficulty, never repeating one already asked. The band is a hard preference: the family's own
band first, then the nearest band on the same side of the entry/mid | senior/lead line, then the
generic family's questions for the band, and only then the rest. Within a tier the wanted
difficulty comes first, then the meta's, then the others nearest it.

The choice among several candidates uses a hash of the session (`seed`) in which the experience
level is replaced by its band: "Junior" and "graduate" give the same interview.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from estel.brains.base import TurnContext
from estel.brains.offline.bank import (
    GENERIC_FAMILY,
    Band,
    Bank,
    BankQuestion,
    RoleFamily,
    load_bank,
)
from estel.brains.offline.follow_ups import normalised
from estel.brains.offline.hinglish import templates
from estel.brains.offline.requirement_questions import (
    requirement_lead,
    requirement_of,
    requirement_question,
    requirement_texts,
    requirement_topic,
)
from estel.contract import QUESTION_DIFFICULTIES, InterviewTranscriptItem, QuestionDifficulty
from estel.languages import ENGLISH, Language
from estel.requirements import (
    addressed,
    everyday,
    jd_requirements,
    mentions,
    overlaps,
    selection_terms,
)
from estel.roles.bands import adjacent_bands, band_for
from estel.roles.titles import abbreviations, spoken_title
from estel.session import base_difficulty

MAX_OWN_BEFORE_WEAK = 2  # questions of their own on JD requirements before a bank one on it


@dataclass(frozen=True)
class Selection:
    """A chosen bank question, filled in for the candidate's role."""

    question: BankQuestion
    family: RoleFamily  # where it came from: the role's family or the generic one
    band: Band  # the band it was chosen for (the interview's, or a fallback's when it ran out)
    text: str  # the question with {role} filled in
    helper_hint: str  # the hint with {role} filled in
    difficulty: QuestionDifficulty  # the tag: the wanted difficulty, not a fallback's


def interview_band(ctx: TurnContext) -> Band:
    """The session's band from its meta (level field first, then the title's seniority)."""
    return band_for(ctx.meta.experience_level, ctx.meta.target_role)


def _was_asked(text: str, asked: set[str]) -> bool:
    """Asked as such, or after the one-sentence reaction a later offline question opens with."""
    return text in asked or any(a.endswith(" " + text) for a in asked)


def select_question(
    ctx: TurnContext,
    bank: Bank,
    family: RoleFamily,
    *,
    wanted: QuestionDifficulty | None = None,
    role: str | None = None,
    skip_topics: frozenset[str] = frozenset(),
    language: Language = ENGLISH,
) -> Selection | None:
    """The next bank question for `ctx.phase`, or None when every tier is used up.

    `skip_topics` also counts a question as asked when an earlier one carried its topic: an LLM
    brain rewords the bank's question, so its text alone no longer identifies it. `language`
    picks the text (estel.brains.offline.hinglish); the choice itself does not depend on it.
    """
    band = interview_band(ctx)
    role = display_role(ctx.meta.target_role) if role is None else role
    base = base_difficulty(ctx.meta.difficulty)
    wanted = wanted or base
    asked = {normalised(item.question) for item in ctx.history}
    pick = seed(ctx, "bank")
    preferred = _on_the_jd(ctx, family, band, wanted, base, role, asked, skip_topics, language)
    if preferred is not None:
        return preferred
    for fam, tier in _tiers(bank, family, band):
        for difficulty in difficulty_order(wanted, base):
            fresh = [q for q in fam.questions
                     if q.phase == ctx.phase and q.difficulty == difficulty and tier in q.bands
                     and not _was_asked(normalised(fill_role(templates(q, language)[0], role)),
                                        asked)
                     and q.topic not in skip_topics]
            if fresh:
                chosen = fresh[pick % len(fresh)]
                question, hint = templates(chosen, language)
                return Selection(question=chosen, family=fam, band=tier,
                                 text=fill_role(question, role),
                                 helper_hint=fill_role(hint, role), difficulty=wanted)
    return None


def _on_the_jd(
    ctx: TurnContext, family: RoleFamily, band: Band, wanted: QuestionDifficulty,
    base: QuestionDifficulty, role: str, asked: set[str], skip_topics: frozenset[str],
    language: Language = ENGLISH,
) -> Selection | None:
    """A technical question on the candidate's JD requirements, from the family's own band or
    the nearest one (entry|mid, senior|lead: the same side of the line), any difficulty (a
    question on the job beats one at the wanted difficulty; the tag stays the wanted one).
    Requirements no earlier question asked about come first (named in its text, or the reason
    a bank question was chosen), then a question whose own words name one, then the
    interview's own band, then the most requirements, then the nearest difficulty.

    A requirement no bank question is on ("Looker") gets a question of its own (`_on_unknown`)
    unless a fresh bank question names a requirement in its own words: one that is on the JD
    only through its rubric's keywords ("DCF" for "cash flow") is a weaker fit than a plain
    question on a tool the JD names. A bank question whose words name no requirement says
    which one it was chosen for."""
    if ctx.phase != "technical" or ctx.profile is None or not ctx.profile.requirements:
        return None
    terms = selection_terms(ctx.profile.requirements, family)
    earlier = " ".join(f"{item.question} {item.topic}" for item in ctx.history)
    spent = _spent(ctx, family, terms)
    fresh_terms = [t for t in terms if not mentions(earlier, t) and t not in spent]
    order = difficulty_order(wanted, base)
    ranked = []
    near = adjacent_bands(band)[0]
    for q in family.questions:
        tier = band if band in q.bands else near if near in q.bands else None
        if (tier is None or q.phase != "technical" or q.topic in skip_topics
                or _was_asked(normalised(fill_role(templates(q, language)[0], role)), asked)):
            continue
        on = addressed(q, terms)
        if on:
            new = [t for t in on if t in fresh_terms]
            named = any(mentions(f"{q.question} {q.topic}", t) for t in new)
            ranked.append((-len(new), not named, tier != band, -len(on),
                           order.index(q.difficulty), q.id, q, tier))
    # on a new requirement first, then named in its words, more new ones, own band, more, ...
    ranked.sort(key=lambda r: (r[0] == 0, r[1], r[0], *r[2:6]))
    fresh_in_bank = bool(ranked) and ranked[0][0] < 0
    named_in_bank = fresh_in_bank and not ranked[0][1]
    unknown = _on_unknown(ctx, family, band, wanted, earlier, skip_topics, named_in_bank,
                          fresh_in_bank, language)
    if unknown is not None or not ranked:
        return unknown
    *_, chosen, tier = ranked[0]
    question, hint = templates(chosen, language)
    text = fill_role(question, role)
    lead = _lead_in(ctx.profile.requirements, chosen, family, text, role, language)
    return Selection(question=chosen, family=family, band=tier, text=f"{lead}{text}",
                     helper_hint=fill_role(hint, role), difficulty=wanted)


def _spent(ctx: TurnContext, family: RoleFamily, terms: tuple[str, ...]) -> set[str]:
    """The terms an earlier bank question of the interview was chosen for (its rubric is on
    them), though its words may not name them: asked once, they are no longer new."""
    topics = {item.topic for item in ctx.history}
    spent: set[str] = set()
    for q in family.questions:
        if q.phase == "technical" and q.topic in topics:
            spent.update(addressed(q, terms))
    return spent


def _lead_in(requirements: tuple[str, ...], chosen: BankQuestion, family: RoleFamily,
             text: str, role: str, language: Language) -> str:
    """'The job description mentions dbt. ' before a bank question whose words name none of
    the requirements it is on, so the candidate sees why it is asked, or none of the JD's tools
    it is on ('The job description mentions Redis. Design rate limiting for a public API...');
    else ''."""
    skills = {t.lower() for t in family.role_terms}  # "dbt": everyday in the bank's prose
    # a word of the job's own title ("shift" of "Shift Manager") names the role, no skill
    title = set(re.findall(r"[a-z]+", role.lower()))
    on = [r for r in requirements if (r.lower() in skills or not _everyday_word(r))
          and r.lower() not in title and addressed(chosen, selection_terms((r,), family))]
    seen = f"{text} {chosen.topic}"
    unsaid = [r for r in on if not any(mentions(seen, t) for t in selection_terms((r,), family))]
    if unsaid and len(unsaid) < len(on):
        # its words name some: the JD's tools it is also on ("Redis" for a rate limiter on
        # "REST APIs"), not its everyday words ("latency")
        unsaid = [r for r in unsaid if re.search(r"[A-Z0-9]", r) and not _everyday_word(r)]
    return requirement_lead(unsaid[:2], language) + " " if unsaid else ""


def _on_unknown(
    ctx: TurnContext, family: RoleFamily, band: Band, wanted: QuestionDifficulty, earlier: str,
    skip_topics: frozenset[str], named_in_bank: bool, weak_in_bank: bool,
    language: Language = ENGLISH,
) -> Selection | None:
    """The question on the first JD requirement no bank question is on and no earlier
    question asked about (`ordered_unknown`), unless a fresh bank question names one (or is
    on one through its rubric, after MAX_OWN_BEFORE_WEAK such questions), or on the last
    technical turn of an interview that asked none yet; else None."""
    assert ctx.profile is not None
    before = [item.topic for item in ctx.history if requirement_of(item.topic) is not None]
    last_technical = "technical" not in ctx.plan[ctx.question_number:]
    if named_in_bank and not (last_technical and not before):
        return None
    if weak_in_bank and len(before) >= MAX_OWN_BEFORE_WEAK:
        return None  # a third template question in a row reads as one question repeated
    for term in ordered_unknown(ctx.profile.requirements, family, ctx.profile.job_description):
        topic = requirement_topic(term)
        if topic in before or topic in skip_topics or mentions(earlier, term):
            continue
        question = requirement_question(term, band, wanted, len(before))
        text, hint = requirement_texts(term, band, len(before), language)
        return Selection(question=question, family=family, band=band, text=text,
                         helper_hint=hint, difficulty=wanted)
    return None


@lru_cache(maxsize=256)
def ordered_unknown(requirements: tuple[str, ...], family: RoleFamily,
                    job_description: str) -> tuple[str, ...]:
    """`unknown_requirements`, those the offline reading of the JD also finds first: a word
    only a model read ("B2B", "EMEA") names a market or a region more often than a skill."""
    offline = jd_requirements(job_description, family) if job_description else ()
    unknown = unknown_requirements(requirements, family)
    agreed = [t for t in unknown if any(overlaps(t, o) for o in offline)]
    return (*agreed, *(t for t in unknown if t not in agreed))


@lru_cache(maxsize=256)
def unknown_requirements(requirements: tuple[str, ...], family: RoleFamily) -> tuple[str, ...]:
    """The requirements no technical question of the family is on ("Looker" for analysts), which
    name something particular: not one everyday word ("teach", or a model's "Growth")."""
    technical = [q for q in family.questions if q.phase == "technical"]
    unknown = []
    for requirement in requirements:
        if _everyday_word(requirement):
            continue
        terms = selection_terms((requirement,), family)
        if not any(addressed(q, terms) for q in technical):
            unknown.append(requirement)
    return tuple(unknown)


def _everyday_word(term: str) -> bool:
    """One everyday word ("teach", "Growth"), a number or amount ("£3M", "2M") or a roman
    numeral ("phase II"): nothing to ask a question about."""
    term = term.strip()
    ordinal = re.match(r"\d{1,3}(?:st|nd|rd|th) [A-Z]", term)  # "18th Edition": a name
    if (re.match(r"[£$€¥\d]", term) and not ordinal) or re.fullmatch(r"[IVXLC]+", term):
        return True
    return " " not in term and term.lower() in everyday() and not re.search(
        r"[A-Z0-9+#/]", term[1:])


def _tiers(bank: Bank, family: RoleFamily, band: Band) -> Iterator[tuple[RoleFamily, Band]]:
    """Family x band in order of preference (see the module docstring)."""
    generic = bank.get(GENERIC_FAMILY)
    families = [family] if generic is None or generic is family else [family, generic]
    near, *far = adjacent_bands(band)
    for fam in families:
        yield fam, band
        yield fam, near
    for fam in families:
        for other in far:
            yield fam, other


def difficulty_order(
    wanted: QuestionDifficulty, base: QuestionDifficulty
) -> list[QuestionDifficulty]:
    """Wanted first, then the base, then the rest nearest the base (the engine clamps to it)."""
    order = [wanted, base]
    rest = sorted(QUESTION_DIFFICULTIES, key=lambda d: abs(QUESTION_DIFFICULTIES.index(d)
                                                         - QUESTION_DIFFICULTIES.index(base)))
    return list(dict.fromkeys(order + rest))


def seed(ctx: TurnContext, purpose: str) -> int:
    """A stable number from everything the session has said so far (never Python's hash()).

    The experience level enters as its band, so two spellings of one band agree.
    """
    meta = ctx.meta.model_dump()
    meta["experience_level"] = interview_band(ctx)
    payload = json.dumps(
        [purpose, meta, ctx.question_number, ctx.kind, [_item(item) for item in ctx.history]],
        sort_keys=True, ensure_ascii=False,
    )
    return int.from_bytes(hashlib.sha256(payload.encode("utf-8")).digest()[:8], "big")


def _item(item: InterviewTranscriptItem) -> list[str]:
    return [item.question, item.topic, item.answer or ""]


def display_role(role: str) -> str:
    """The role mid-sentence, capitalised as typed: 'Registered Nurse', 'BA'; spacing tidied;
    abbreviations typed in lower case in capitals ('sre' -> 'SRE', so 'as an SRE')."""
    return spoken_title(role, _abbreviations())


@cache
def _abbreviations() -> frozenset[str]:
    return abbreviations(load_bank())  # the packaged bank never changes while we run


def fill_role(template: str, role: str) -> str:
    """The text with {role} filled in, its article agreeing ('an Operations Manager')."""
    text = _ARTICLE.sub(lambda m: _article(role, m.group(1)) + " {role}", template)
    text = text.replace("{role}", role)
    return text[:1].upper() + text[1:]


_ARTICLE = re.compile(r"\b([Aa]n?) \{role\}")


def _article(role: str, written: str) -> str:
    first = role.split()[0] if role.split() else role
    if first.isupper() and len(first) > 1:  # acronyms go by the letter's name: an SDE, a UX
        vowel = first[0] in "AEFHILMNORSX"
    else:
        vowel = first[:1].lower() in "aeiou" and not first.lower().startswith(("uni", "use", "eu"))
    word = "an" if vowel else "a"
    return word.capitalize() if written[0].isupper() else word
