"""Final feedback of the offline brain, built from the analysis of every answer in the session.

Every line cites what it is about ("Q3 (Stakeholder conflict): ..."), so a candidate can go back
to the answer. The dimension means are replayed with the session's own running-mean arithmetic,
so the summary names the same strongest and weakest dimension the final scores show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from estel import session
from estel.analysis.advice import KEEP_SHAPE
from estel.analysis.answer import AnswerAnalysis
from estel.analysis.wording import lower_first, second_person
from estel.brains.base import FeedbackDraft
from estel.brains.offline.feedback_words import count_of, hinglish_phrase, words
from estel.brains.offline.requirement_questions import requirement_of
from estel.brains.offline.summary import summary
from estel.contract import Phase, SessionScores
from estel.languages import ENGLISH, Language
from estel.profile import RESUME_TOPIC

GOOD, WEAK, POLISH = 6.5, 5.0, 8.5  # overall score bands of one answer
PRAISE = 5.0  # no answer under this is ever praised
# What to practise for a weak answer, by phase (behavioural answers get the STAR steps instead):
# the templates of estel.brains.offline.feedback_words.
PHASE_STEPS = {"intro": "step_intro", "technical": "step_technical", "wrap_up": "step_wrap_up"}


@dataclass(frozen=True)
class Answered:
    """One answered question: its number, topic, phase and the analysis of its answer."""

    number: int
    topic: str
    phase: Phase
    analysis: AnswerAnalysis

    @property
    def cite(self) -> str:
        return f"Q{self.number} ({self.topic})"

    @property
    def plain_topic(self) -> str:
        return self.topic.removeprefix("Follow-up: ")

    @property
    def unscorable(self) -> bool:
        return _unscorable(self.analysis)

    @property
    def off_topic(self) -> bool:
        return _off_topic(self.analysis)


def final_scores(answered: Sequence[Answered]) -> SessionScores:
    """The session's running mean, replayed exactly as the engine computes it."""
    scores = session.ZERO_SCORES
    for count, item in enumerate(answered):
        a = item.analysis
        scores = session.next_scores(scores, count, SessionScores(
            communication=a.communication, content=a.content, confidence=a.confidence))
    return scores


def build_feedback(
    role: str, answered: Sequence[Answered], language: Language = ENGLISH
) -> FeedbackDraft:
    """Summary, strengths, improvements, skill gaps and next steps for the whole interview, in
    `language` (English or Hinglish: estel.brains.offline.feedback_words)."""
    scores = final_scores(answered)
    w = Words(language)
    return FeedbackDraft(
        summary=summary(role, answered, scores, language),
        strengths=_strengths(answered, w)[:5],
        improvements=_improvements(answered, w)[:5],
        skill_gaps=_skill_gaps(answered)[:5],
        next_steps=_next_steps(role, answered, w)[:5],
    )


@dataclass(frozen=True)
class Words:
    """The report's language: its templates and its rendering of the analysis's phrases."""

    language: Language

    def __call__(self, key: str, **values: object) -> str:
        return words(self.language)[key].format(**values)

    def phrase(self, text: str) -> str:
        return hinglish_phrase(text, self.language)

    def count(self, count: int, noun: str) -> str:
        return count_of(count, noun, self.language)


def _unscorable(a: AnswerAnalysis) -> bool:
    return a.words == 0 or any(flag != "injection" for flag in a.flags)


def _off_topic(a: AnswerAnalysis) -> bool:
    return "off_topic" in a.flags


def _strengths(answered: Sequence[Answered], w: Words) -> list[str]:
    ranked = sorted(answered, key=lambda a: (-a.analysis.overall, a.number))
    lines = [w("strength", cite=a.cite, praise=_praise(a.analysis, w)) for a in ranked
             if a.analysis.overall >= GOOD][:3]
    scored = [a for a in answered if not _unscorable(a.analysis)]
    total_words = sum(a.analysis.words for a in scored)
    fillers = sum(len(a.analysis.fillers) for a in scored)
    if scored and total_words >= 40 * len(scored) and fillers * 100 <= total_words:
        lines.append(w("fluent", fillers=w.count(fillers, "filler word"), words=total_words,
                       answers=w.count(len(scored), "answer")))
    owned = [a for a in scored if a.analysis.ownership >= 2 and not a.analysis.hedges
             and a.analysis.overall >= PRAISE]
    if len(owned) >= 2:
        lines.append(w("owned", numbers=", ".join(f"Q{a.number}" for a in owned[:4])))
    best = ranked[0] if ranked else None
    if not lines and best is not None and best.analysis.overall >= PRAISE:
        lines.append(w("best", cite=best.cite, score=best.analysis.overall,
                       praise=_praise(best.analysis, w)))
    return lines or [w("no_strength", questions=w.count(len(answered), "question"))]


def _praise(a: AnswerAnalysis, w: Words) -> str:
    if a.praise:
        return lower_first(w.phrase(a.praise))
    parts = []
    if a.examples:
        parts.append(w("praise_example"))
    if a.numbers:
        parts.append(w("praise_numbers"))
    if a.ownership:
        parts.append(w("praise_ownership"))
    if a.points_hit:
        parts.append(w("praise_point", point=lower_first(second_person(a.points_hit[0]))))
    if not parts:
        parts.append(w("praise_plain"))
    return w("praise_join").join(parts[:2])


def _improvements(answered: Sequence[Answered], w: Words) -> list[str]:
    ranked = sorted(answered, key=lambda a: (a.analysis.overall, a.number))
    lines = []
    for item in ranked:
        a = item.analysis
        if a.overall >= GOOD and lines:
            break
        if a.advice == KEEP_SHAPE and not a.points_missed:
            continue  # nothing to improve there: 'keep this shape' is praise, not a fix
        lines.append(w("improvement", cite=item.cite, fix=_fix(a, w)))
        if len(lines) == 3:
            break
    fillers = [f for item in answered for f in item.analysis.fillers]
    if len(fillers) >= 5:
        common = sorted(set(fillers), key=lambda f: (-fillers.count(f), f))[:3]
        lines.append(w("fillers", count=len(fillers),
                       common=", ".join(f"'{f}'" for f in common)))
    hedges = [h for item in answered for h in item.analysis.hedges]
    if len(hedges) >= 4:
        lines.append(w("hedges", count=len(hedges), first=hedges[0]))
    return lines


def _fix(a: AnswerAnalysis, w: Words) -> str:
    """The advice for one answer, with the talking points it missed when there are any."""
    if a.missed_ask:
        return w("missed_fix")  # the line cites the question's topic before it
    missed = "; ".join(lower_first(second_person(p)) for p in a.points_missed[:3])
    if not missed or _unscorable(a):
        return w.phrase(a.advice)
    if a.advice.startswith("a strong answer also covers") or a.advice == KEEP_SHAPE:
        return w("also_covers", missed=missed)
    return w("not_covered", advice=w.phrase(a.advice), missed=missed)


def _skill_gaps(answered: Sequence[Answered]) -> list[str]:
    ranked = sorted(answered, key=lambda a: (a.analysis.overall, a.number))
    gaps: list[str] = []
    # A wrap-up that invites the candidate's questions ("Questions about how we work") is not
    # a skill.
    ranked = [item for item in ranked if not item.analysis.invited]
    for item in ranked:
        if item.analysis.overall >= GOOD or (gaps and item.analysis.overall >= WEAK):
            break
        if _gap_name(item) not in gaps:
            gaps.append(_gap_name(item))
    if not gaps and ranked and ranked[0].analysis.overall < POLISH:
        gaps.append(_gap_name(ranked[0]))  # even a strong interview has a weakest topic
    return gaps[:4]


RESUME_GAP = "Explaining your own résumé work in depth"


def _gap_name(item: Answered) -> str:
    """A skill, not a topic: the question on a résumé line ('Your résumé: built 12 Tableau
    dashboards…') tests how well the candidate explains their own past work."""
    if item.plain_topic.startswith(RESUME_TOPIC):
        return RESUME_GAP
    return requirement_of(item.plain_topic) or item.plain_topic


def _next_steps(role: str, answered: Sequence[Answered], w: Words) -> list[str]:
    steps: list[str] = []
    scored = [a for a in answered if not _unscorable(a.analysis)]
    unscored = [a for a in answered if _unscorable(a.analysis) and not _off_topic(a.analysis)]
    if unscored:
        steps.append(w("unscored", numbers=_numbers(unscored)))
    off_topic = [a for a in answered if _off_topic(a.analysis)]
    if off_topic:
        steps.append(w("off_topic", numbers=_numbers(off_topic)))
    missed_ask = [a for a in scored if a.analysis.missed_ask]
    if missed_ask:
        steps.append(w("missed_ask", cites=", ".join(a.cite for a in missed_ask[:3])))
    no_result = [a for a in scored if a.phase == "behavioural" and "result" not in a.analysis.star]
    if no_result:
        steps.append(w("no_result", cite=no_result[0].cite))
    unreflective = [a for a in scored if a.phase == "behavioural" and not a.analysis.reflection]
    if unreflective and not no_result:
        steps.append(w("unreflective", cite=unreflective[0].cite))
    steps.extend(_phase_steps(role, scored, unscored, w))
    # Numbers matter for stories and approaches, not for questions to the interviewer.
    stories = [a for a in scored if a.phase != "wrap_up"]
    if stories and sum(1 for a in stories if a.analysis.numbers) * 2 < len(stories):
        steps.append(w("numbers_step"))
    steps.extend(_coverage_steps([a for a in scored if not a.analysis.invited], w))
    steps.extend(_delivery_steps(scored, w))
    steps.append(w("again", role=role))
    return steps


def _numbers(items: Sequence[Answered]) -> str:
    return ", ".join(f"Q{a.number}" for a in items[:4])


def _phase_steps(
    role: str, scored: Sequence[Answered], unscored: Sequence[Answered], w: Words
) -> list[str]:
    """Practice for the two weakest non-behavioural answers, worded for their phase."""
    steps = []
    weak = sorted((a for a in scored if a.phase != "behavioural" and a.analysis.overall < GOOD),
                  key=lambda a: (a.analysis.overall, a.number))
    asked = False  # the step asking for questions to the interviewer is given once
    for item in weak:
        if item.analysis.invited:
            if not item.analysis.asks:
                steps.append(w("ask_step", cite=item.cite))
                asked = True
        elif item.phase in PHASE_STEPS:
            steps.append(w(PHASE_STEPS[item.phase], cite=item.cite, role=role))
    asked_for = [a for a in unscored if a.analysis.invited]
    if asked_for and not asked:
        steps.append(w("ask_step", cite=asked_for[0].cite))
    return steps[:2]


def _coverage_steps(scored: Sequence[Answered], w: Words) -> list[str]:
    gaps = sorted((a for a in scored if a.analysis.points_missed),
                  key=lambda a: (-len(a.analysis.points_missed), a.number))
    if not gaps:
        return []
    worst = gaps[0]
    points = "; ".join(lower_first(second_person(p)) for p in worst.analysis.points_missed[:3])
    return [w("coverage", topic=worst.plain_topic, points=points)]


def _delivery_steps(scored: Sequence[Answered], w: Words) -> list[str]:
    if not scored:
        return []
    steps = []
    # A wrap-up is rightly short: the length advice is about the other answers.
    sized = [a for a in scored if a.phase != "wrap_up"]
    average = sum(a.analysis.words for a in sized) / len(sized) if sized else 100
    if average < 50:
        steps.append(w("short", average=f"{average:.0f}"))
    elif average > 300:
        steps.append(w("long", average=f"{average:.0f}"))
    fillers = sum(len(a.analysis.fillers) for a in scored)
    if fillers >= 5:
        worst = max(scored, key=lambda a: (len(a.analysis.fillers), -a.number))
        steps.append(w("record", cite=worst.cite))
    hedged = [a for a in scored if len(a.analysis.hedges) > a.analysis.ownership]
    if hedged:
        steps.append(w("retell", cite=hedged[0].cite))
    return steps
