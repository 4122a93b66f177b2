"""What to praise and the one change worth most in an answer, worded for the question's phase.

An introduction is judged on background and motivation, a behavioural answer on its STAR story,
a technical or scenario answer on its steps, trade-offs and checks, and a wrap-up on the
candidate's own questions (when the interviewer invited them) or on a specific plan or goal.
Pure and deterministic, like the rest of `estel.analysis.answer`.
"""

from __future__ import annotations

from dataclasses import dataclass

from estel.analysis.lexicon import BANDS
from estel.analysis.wording import lower_first, second_person
from estel.contract import Phase

KEEP_SHAPE = "keep this shape for your other answers"  # nothing left to fix in the answer
RUN_ON = 45  # words per sentence past which an answer reads as a ramble

# The same advice, worded for each phase; behavioural keeps the STAR wording.
BRIEF: dict[Phase, str] = {
    "intro": "too brief: say what you do now, the background that fits this role and why you "
    "want it",
    "behavioural": "too brief: give one concrete example of what you did and what happened",
    "technical": "too brief: walk through your approach step by step, the trade-off you'd weigh "
    "and how you'd check it worked",
    "wrap_up": "too brief: give a specific answer, why it matters to you and one concrete step "
    "you'd take",
}
EXPAND_STEPS = ("expand each step: why that order, the trade-off you'd weigh and how you'd check "
                "it worked")
OWN_WORK = "; an example from your own work helps"  # only where the question asks about it
BREAK_UP: dict[Phase, str] = {
    "intro": "break it up: who you are now, one highlight, then why this role",
    "behavioural": "break it up: the point in one sentence, then the example, then the result",
    "technical": "break it up: one step per sentence, then the trade-off, then how you'd check it",
    "wrap_up": "break it up: one point or question per sentence, then why it matters to you",
}
CONCRETE: dict[Phase, str] = {
    "intro": "add one highlight from your background that fits this role, with a number (years, "
    "team size or a result)",
    "behavioural": "add a concrete example with a number that shows the impact",
    "technical": "ground it in an example: where you used this approach and what it changed",
    "wrap_up": "make it concrete: one specific goal or step, and how you'd know it was working",
}
# A scenario ("What would you do?") is answered with steps: concrete means specific to it, not a
# story from elsewhere.
SCENARIO_CONCRETE = ("make it concrete: name the first thing you'd check, the tool or method you'd "
                     "use, and the number that would tell you it worked")
NUMBER: dict[Phase, str] = {
    "intro": "put a number on one highlight (years, team size or a result)",
    "behavioural": "put a number on the impact",
    "technical": "put a number on the result you'd expect, or on one you've had",
    "wrap_up": "say how you'd know it was going well",
}
ASK = ("ask one or two specific questions about the team or the role, and say why they matter "
       "to you")
ASK_WHY = ("say why your question matters to you, or ask a second one (for example how success "
           "is measured in this role)")


@dataclass(frozen=True)
class Features:
    """What one answer contains, as counted by `estel.analysis.answer`."""

    words: int
    sentences: int
    fillers: tuple[str, ...]
    hedges: tuple[str, ...]
    ownership: int
    decisive: int
    star: tuple[str, ...]
    reasoning: int
    connectors: int
    examples: int
    numbers: int
    vague: int
    reflection: bool
    points_hit: tuple[str, ...]
    points_missed: tuple[str, ...]
    role_hits: tuple[str, ...]
    overlap: float
    asks: int = 0  # wrap-up: specific questions the candidate asks the interviewer
    asks_why: bool = False  # ... and says why they matter
    invited: bool = False  # the wrap-up question invites the candidate's own questions
    rubric: bool = False  # the question has talking points to cover
    credit: float = 0.0  # share of the rubric earned (explained points, a little for named ones)
    points_named: tuple[str, ...] = ()  # named but not explained (also in points_missed)
    red_flags: tuple[str, ...] = ()  # the question's wrong claims the answer makes
    absolutes: tuple[str, ...] = ()  # "guarantees 100% uptime", "never fails"
    buzzwords: tuple[str, ...] = ()
    unsupported: int = 0  # claims of a benefit with no mechanism
    asks_past: bool = True  # the question asks about the candidate's own past, not a scenario


def praise(f: Features, phase: Phase) -> str:
    """What worked, as a capitalised phrase, or ""."""
    parts: list[str] = []
    total = len(f.points_hit) + len(f.points_missed)
    if phase == "behavioural" and len(f.star) >= 3:
        parts.append("Clear STAR structure")
    elif phase == "wrap_up" and f.asks:
        parts.append("Asks the interviewer " + ("specific questions" if f.asks > 1
                                                else "a specific question"))
        if f.asks_why:
            parts.append("says why it matters")
    elif phase == "technical" and f.reasoning >= 3 and f.words < BANDS[phase][0] * 0.5:
        parts.append("A good outline of the steps")  # named, not yet explained
    elif phase == "intro" and f.reasoning >= 3:
        parts.append("Clear about your background and motivation")
    elif phase != "behavioural" and f.reasoning >= 3:
        parts.append("Well-reasoned")
    if total and len(f.points_hit) / total >= 0.6:
        parts.append("covers the key points" if parts else "Covers the key points")
    if f.numbers and ("result" in f.star or phase != "behavioural"):
        parts.append("with a measured result" if parts else "Backed by numbers")
    return " ".join(_join(parts).split()) if parts else ""


def advice(f: Features, phase: Phase) -> str:
    """The one change worth most, as a lower-case phrase."""
    if f.invited and not f.asks:
        return ASK  # the interviewer asked for questions: asking one is the answer
    if f.words < BANDS[phase][0] * 0.5 and not f.asks:
        return _brief(f, phase)
    if f.words > BANDS[phase][1] * 1.6:
        return "tighten it: lead with the point and cut the detours"
    if f.words / max(1, f.sentences) > RUN_ON:
        return BREAK_UP[phase]
    if phase == "behavioural" and "result" not in f.star:
        return "finish the story with the result and what changed"
    if f.asks and not f.asks_why:
        return ASK_WHY
    if f.points_missed and len(f.points_missed) >= len(f.points_hit):
        return f"a strong answer also covers: {lower_first(second_person(f.points_missed[0]))}"
    if not f.examples and not f.numbers and not f.asks:
        return SCENARIO_CONCRETE if _scenario(f, phase) else CONCRETE[phase]
    if len(f.fillers) >= 3:
        return f"cut filler words such as '{f.fillers[0]}'"
    if len(f.hedges) >= 2 and len(f.hedges) > f.ownership:
        return "own it: say 'I decided' or 'I would' instead of hedging"
    if not f.numbers and not f.asks:
        return NUMBER[phase]
    if not f.reflection and phase == "behavioural":
        return "add what you learned or would do differently"
    return KEEP_SHAPE


def _brief(f: Features, phase: Phase) -> str:
    if phase == "behavioural" and f.examples:
        return "too brief: say what you did, step by step, and what happened"
    if phase == "technical" and f.reasoning >= 2:
        # the steps are named; what's missing is why, trade-offs and checks
        return EXPAND_STEPS if _scenario(f, phase) else EXPAND_STEPS + OWN_WORK
    return BRIEF[phase]


def _scenario(f: Features, phase: Phase) -> bool:
    """A technical question about a situation to handle, not about the candidate's past."""
    return phase == "technical" and not f.asks_past


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    if parts[-1].startswith("with"):
        return _join(parts[:-1]) + " " + parts[-1]
    return ", ".join(parts[:-1]) + " and " + parts[-1]
