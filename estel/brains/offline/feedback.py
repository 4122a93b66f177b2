"""Final feedback of the offline brain, built from the analysis of every answer in the session.

Every line cites what it is about ("Q3 (Stakeholder conflict): ..."), so a candidate can go back
to the answer. The dimension means are replayed with the session's own running-mean arithmetic,
so the summary names the same strongest and weakest dimension the final scores show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from estel import session
from estel.analysis.answer import AnswerAnalysis
from estel.analysis.wording import counted, lower_first, second_person
from estel.brains.base import FeedbackDraft
from estel.brains.offline.summary import summary
from estel.contract import Phase, SessionScores
from estel.languages import ENGLISH, Language

GOOD, WEAK, POLISH = 6.5, 5.0, 8.5  # overall score bands of one answer
PRAISE = 5.0  # no answer under this is ever praised
# What to practise for a weak answer, by phase (behavioural answers get the STAR steps instead).
PHASE_STEPS = {
    "intro": "Prepare a 60-second introduction for {cite}: what you do now, one achievement that "
    "fits the {role} role, and why you want this job.",
    "technical": "Practise {cite} aloud, step by step: the goal and constraints, your approach "
    "with one example, the trade-off you'd weigh and how you'd check it worked.",
    "wrap_up": "Prepare your answer to {cite}: one specific goal or plan, why it matters to you "
    "and how you'd know it was working.",
}
ASK_STEP = ("Prepare two specific questions for the interviewer (for example how success is "
            "measured in the first 90 days, or how the team works with others) and say why each "
            "matters to you; {cite} asked for your questions.")


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
    """Summary, strengths, improvements, skill gaps and next steps for the whole interview."""
    scores = final_scores(answered)
    return FeedbackDraft(
        summary=summary(role, answered, scores),
        strengths=_strengths(answered)[:5],
        improvements=_improvements(answered)[:5],
        skill_gaps=_skill_gaps(answered)[:5],
        next_steps=_next_steps(role, answered)[:5],
    )


def _unscorable(a: AnswerAnalysis) -> bool:
    return a.words == 0 or any(flag != "injection" for flag in a.flags)


def _off_topic(a: AnswerAnalysis) -> bool:
    return "off_topic" in a.flags


def _strengths(answered: Sequence[Answered]) -> list[str]:
    ranked = sorted(answered, key=lambda a: (-a.analysis.overall, a.number))
    lines = [f"{a.cite}: {_praise(a.analysis)}." for a in ranked
             if a.analysis.overall >= GOOD][:3]
    scored = [a for a in answered if not _unscorable(a.analysis)]
    total_words = sum(a.analysis.words for a in scored)
    fillers = sum(len(a.analysis.fillers) for a in scored)
    if scored and total_words >= 40 * len(scored) and fillers * 100 <= total_words:
        lines.append(f"Fluent delivery: {counted(fillers, 'filler word')} in {total_words} words "
                     f"across {counted(len(scored), 'answer')}.")
    owned = [a for a in scored if a.analysis.ownership >= 2 and not a.analysis.hedges
             and a.analysis.overall >= PRAISE]
    if len(owned) >= 2:
        lines.append("You owned your work in " + ", ".join(f"Q{a.number}" for a in owned[:4])
                     + ": clear 'I did/I decided' statements with no hedging.")
    best = ranked[0] if ranked else None
    if not lines and best is not None and best.analysis.overall >= PRAISE:
        lines.append(f"{best.cite} was your best answer ({best.analysis.overall}/10): "
                     f"{_praise(best.analysis)}.")
    return lines or [f"You answered all {counted(len(answered), 'question')}; the improvements "
                     "below say what would lift each score."]


def _praise(a: AnswerAnalysis) -> str:
    if a.praise:
        return lower_first(a.praise)
    parts = []
    if a.examples:
        parts.append("a concrete example")
    if a.numbers:
        parts.append("numbers that show the impact")
    if a.ownership:
        parts.append("clear ownership of what you did")
    if a.points_hit:
        parts.append(f"you explained {lower_first(second_person(a.points_hit[0]))}")
    if not parts:
        parts.append("a clear answer that stayed on the question")
    return " and ".join(parts[:2])


def _improvements(answered: Sequence[Answered]) -> list[str]:
    ranked = sorted(answered, key=lambda a: (a.analysis.overall, a.number))
    lines = []
    for item in ranked:
        a = item.analysis
        if a.overall >= GOOD and lines:
            break
        lines.append(f"{item.cite}: {_fix(a)}.")
        if len(lines) == 3:
            break
    fillers = [f for item in answered for f in item.analysis.fillers]
    if len(fillers) >= 5:
        common = sorted(set(fillers), key=lambda f: (-fillers.count(f), f))[:3]
        lines.append(f"Filler words came up {len(fillers)} times ("
                     + ", ".join(f"'{f}'" for f in common) + "); pause instead.")
    hedges = [h for item in answered for h in item.analysis.hedges]
    if len(hedges) >= 4:
        lines.append(f"You hedged {len(hedges)} times ('{hedges[0]}'...); state your decisions "
                     "plainly.")
    return lines


def _fix(a: AnswerAnalysis) -> str:
    """The advice for one answer, with the talking points it missed when there are any."""
    missed = "; ".join(lower_first(second_person(p)) for p in a.points_missed[:3])
    if not missed or _unscorable(a):
        return a.advice
    if a.advice.startswith("a strong answer also covers"):
        return f"a strong answer also covers: {missed}"
    return f"{a.advice} (not yet covered: {missed})"


def _skill_gaps(answered: Sequence[Answered]) -> list[str]:
    ranked = sorted(answered, key=lambda a: (a.analysis.overall, a.number))
    gaps: list[str] = []
    # A wrap-up that invites the candidate's questions ("Questions about how we work") is not
    # a skill.
    ranked = [item for item in ranked if not item.analysis.invited]
    for item in ranked:
        if item.analysis.overall >= GOOD or (gaps and item.analysis.overall >= WEAK):
            break
        if item.plain_topic not in gaps:
            gaps.append(item.plain_topic)
    if not gaps and ranked and ranked[0].analysis.overall < POLISH:
        gaps.append(ranked[0].plain_topic)  # even a strong interview has a weakest topic
    return gaps[:4]


def _next_steps(role: str, answered: Sequence[Answered]) -> list[str]:
    steps: list[str] = []
    scored = [a for a in answered if not _unscorable(a.analysis)]
    unscored = [a for a in answered if _unscorable(a.analysis) and not _off_topic(a.analysis)]
    if unscored:
        steps.append("Answer every question in your own words with a real example: "
                     + ", ".join(f"Q{a.number}" for a in unscored[:4]) + " earned nothing.")
    off_topic = [a for a in answered if _off_topic(a.analysis)]
    if off_topic:
        steps.append("Before answering, repeat the question to yourself and name the example "
                     "from your work that fits it: " + ", ".join(
                         f"Q{a.number}" for a in off_topic[:4]) + " talked about something else.")
    no_result = [a for a in scored if a.phase == "behavioural" and "result" not in a.analysis.star]
    if no_result:
        steps.append(f"Rewrite your {no_result[0].cite} story in four sentences (situation, task, "
                     "action, result) and end with what changed.")
    unreflective = [a for a in scored if a.phase == "behavioural" and not a.analysis.reflection]
    if unreflective and not no_result:
        steps.append(f"End your {unreflective[0].cite} story with what you learned or would do "
                     "differently next time.")
    steps.extend(_phase_steps(role, scored, unscored))
    # Numbers matter for stories and approaches, not for questions to the interviewer.
    stories = [a for a in scored if a.phase != "wrap_up"]
    if stories and sum(1 for a in stories if a.analysis.numbers) * 2 < len(stories):
        steps.append("For three stories you tell often, write down one number each (time saved, "
                     "% change, people affected) and use it when you answer.")
    steps.extend(_coverage_steps([a for a in scored if not a.analysis.invited]))
    steps.extend(_delivery_steps(scored))
    steps.append(f"Run another {role} mock interview in a few days and compare your scores "
                 "question by question.")
    return steps


def _phase_steps(
    role: str, scored: Sequence[Answered], unscored: Sequence[Answered]
) -> list[str]:
    """Practice for the two weakest non-behavioural answers, worded for their phase."""
    steps = []
    weak = sorted((a for a in scored if a.phase != "behavioural" and a.analysis.overall < GOOD),
                  key=lambda a: (a.analysis.overall, a.number))
    for item in weak:
        if item.analysis.invited:
            if not item.analysis.asks:
                steps.append(ASK_STEP.format(cite=item.cite))
        elif item.phase in PHASE_STEPS:
            steps.append(PHASE_STEPS[item.phase].format(cite=item.cite, role=role))
    asked_for = [a for a in unscored if a.analysis.invited]
    if asked_for and not any(step.startswith("Prepare two specific") for step in steps):
        steps.append(ASK_STEP.format(cite=asked_for[0].cite))
    return steps[:2]


def _coverage_steps(scored: Sequence[Answered]) -> list[str]:
    gaps = sorted((a for a in scored if a.analysis.points_missed),
                  key=lambda a: (-len(a.analysis.points_missed), a.number))
    if not gaps:
        return []
    worst = gaps[0]
    points = "; ".join(lower_first(second_person(p)) for p in worst.analysis.points_missed[:3])
    return [f"Prepare for '{worst.plain_topic}': a strong answer covers {points}."]


def _delivery_steps(scored: Sequence[Answered]) -> list[str]:
    if not scored:
        return []
    steps = []
    # A wrap-up is rightly short: the length advice is about the other answers.
    sized = [a for a in scored if a.phase != "wrap_up"]
    average = sum(a.analysis.words for a in sized) / len(sized) if sized else 100
    if average < 50:
        steps.append(f"Your answers averaged {average:.0f} words; aim for 120-200 words (one to "
                     "two minutes) with an example and its outcome.")
    elif average > 300:
        steps.append(f"Your answers averaged {average:.0f} words; lead with the point in one "
                     "sentence and keep each answer under two minutes.")
    fillers = sum(len(a.analysis.fillers) for a in scored)
    if fillers >= 5:
        worst = max(scored, key=lambda a: (len(a.analysis.fillers), -a.number))
        steps.append(f"Record yourself answering {worst.cite} again and replace each filler "
                     "word with a short pause.")
    hedged = [a for a in scored if len(a.analysis.hedges) > a.analysis.ownership]
    if hedged:
        steps.append(f"Retell {hedged[0].cite} using 'I decided', 'I built', 'I recommended' "
                     "for your own actions, without 'I think' or 'maybe'.")
    return steps
