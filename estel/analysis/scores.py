"""The three scores an answer's features earn (0-10, unrounded). Pure and deterministic.

- communication: length inside the phase's band (a band, never a reward: past it rambling costs),
  structure, fluency; dense jargon costs clarity.
- content: the rubric's talking points *explained* (named only earns a little), the answer's
  shape for its phase, relevance, concrete specifics; red flags (the question's known wrong
  claims), absolutes and jargon without substance cost content. Neither length past the band nor
  fluency nor confidence adds to it.
- confidence: ownership and decisiveness minus hedges; overclaiming (absolutes, wrong claims said
  as facts) is miscalibrated confidence and costs it.
"""

from __future__ import annotations

from estel.analysis.advice import RUN_ON, Features
from estel.analysis.lexicon import BANDS
from estel.contract import Phase

RUN_ON_COST = 1.5  # length points a run-on answer loses at most
ASK_BAND = 15  # a wrap-up that asks a real question is complete in fewer words
COVERAGE = 3.5  # content points for the whole rubric explained
RED_FLAG_COST = 2.0  # content per wrong claim on the question
RED_FLAG_CAP = 5.0  # the most content an answer making a wrong claim keeps
ABSOLUTE_COST = 1.25  # content and confidence per absolute or unsupported superlative
JARGON_COST = 0.5  # per buzzword past the second, when jargon stands in for substance
NO_ANSWER_OVERLAP = 0.2  # share of the question's words below which a story is about else
UNSUPPORTED_COST = 0.5  # per claim with no mechanism past the first, when nothing is explained
# Communication is getting the substance across: an answer that overclaims (a wrong claim, an
# absolute, jargon in place of substance) may lead its content by at most this much. Without the
# cap a polished, buzzword-rich wrong answer out-scored a plain correct one on communication by
# 2-4 points, enough to win overall (a hiring manager would not sign that). Plain answers that
# merely miss the rubric keep their communication score.
COMMUNICATION_LEAD = 3.0
INTRO_STORY = 0.5  # content per STAR part an introduction tells (situation, action, result)


def scores(f: Features, phase: Phase) -> tuple[float, float, float]:
    """Communication, content and confidence, before the guards of `analysis.answer`."""
    low, high = BANDS[phase]
    low = min(low, ASK_BAND) if f.asks else low
    gate = min(1.0, f.words / low)
    if f.words < low:
        length = 4.0 * gate**1.3
    else:  # past the band, rambling costs up to 3 of the 4 length points
        length = max(1.0, 4.0 - 3.0 * max(0, f.words - high) / (1.5 * high))
    avg = f.words / max(1, f.sentences)
    # One unbroken run-on is long to follow whatever its word count: it loses length credit too.
    length = max(0.0, length - min(RUN_ON_COST, max(0.0, avg - RUN_ON) / RUN_ON))
    structure = min(1.0, f.sentences / 3) + (1.0 if 6 <= avg <= 32 else 0.3)
    structure += min(1.0, 0.4 * f.connectors)
    filler_rate = 100 * len(f.fillers) / max(1, f.words)
    fluency = max(-2.0, 3.0 - 0.6 * filler_rate)  # heavy filler costs beyond its 3 points
    communication = length + (structure + fluency) * gate - _jargon(f)
    said = content(f, phase, gate)
    if f.red_flags or f.absolutes or _jargon(f):
        communication = min(communication, said + COMMUNICATION_LEAD)
    return max(0.0, communication), said, confidence(f, gate)


def content(f: Features, phase: Phase, gate: float) -> float:
    """What was said: rubric points explained, shape, relevance, specifics; minus bluffing."""
    coverage = COVERAGE * f.credit if f.rubric else COVERAGE * min(1.0, 1.5 * f.overlap)
    behavioural = phase == "behavioural"
    # A wrap-up question for the interviewer is the answer's substance, as a STAR part or a step.
    asked = min(f.asks, 2) + 0.75 * f.asks_why
    # An introduction is told as reasons for the choice or as a piece of work, start to result.
    told = INTRO_STORY * len(f.star) if phase == "intro" else 0.0
    shape = 0.75 * len(f.star) if behavioural else min(3.0, 0.6 * f.reasoning + asked + told)
    # Explaining the question's rubric shows the answer is on it, in whatever trade's words: a
    # marine biologist's survey shares no word with 'proudest piece of work'.
    relevance = min(1.0, max(0.34 * len(f.role_hits), 2.0 * f.overlap, f.credit))
    examples = f.examples + f.asks  # a specific question is as concrete as a wrap-up gets
    specifics = min(1.25, 0.65 * examples) + min(1.25, 0.45 * f.numbers)
    if behavioural and f.rubric and not f.credit and f.overlap < NO_ANSWER_OVERLAP:
        # A story that touches nothing the question asks about does not answer it: its polish
        # (STAR shape, numbers) is about something else and earns nothing here.
        shape, specifics = 0.0, 0.0
    raw = coverage + shape + relevance + specifics - min(1.5, 0.5 * f.vague)
    raw -= _bluffing(f)
    if f.red_flags:
        raw = min(raw, RED_FLAG_CAP) - RED_FLAG_COST * len(f.red_flags)
    return max(0.0, raw) * gate**0.5


def confidence(f: Features, gate: float) -> float:
    """Owning and deciding, minus hedges and fillers; overclaiming is not confidence."""
    raw = 5.0 + 1.0 * min(f.ownership, 4) + 0.8 * min(f.decisive, 3)
    raw -= 1.2 * min(len(f.hedges), 4) + 0.25 * min(len(f.fillers), 6)
    raw -= min(4.0, ABSOLUTE_COST * (len(f.absolutes) + len(f.red_flags)))
    return max(0.0, min(10.0, raw)) * min(1.0, gate / 0.6)


def _bluffing(f: Features) -> float:
    """Content lost to absolutes, jargon in place of substance and claims with no mechanism."""
    cost = min(3.0, ABSOLUTE_COST * len(f.absolutes)) + _jargon(f)
    if not f.points_hit:
        cost += min(1.5, UNSUPPORTED_COST * max(0, f.unsupported - 1))
    return cost


def _jargon(f: Features) -> float:
    """Buzzwords past the second, when they are dense enough to stand in for the answer."""
    if len(f.buzzwords) < 3 or 100 * len(f.buzzwords) / max(1, f.words) < 2.0:
        return 0.0
    return min(2.5, JARGON_COST * (len(f.buzzwords) - 2))
