"""The final summary of the offline brain: the scores, then advice drawn from *these* answers.

The summary names a strongest dimension only when it is not weak, and its advice for the weakest
dimension lists what was actually missing in this interview (answers without a number, points
named but never explained, wrong claims, fillers, hedges...), citing the questions, never one
fixed sentence for every candidate. Pure: the analyses in, one paragraph out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from estel import session
from estel.brains.offline.feedback_words import count_of, language_of, words
from estel.contract import SessionScores
from estel.languages import ENGLISH, Language

Answered = Any  # estel.brains.offline.feedback.Answered (not imported: feedback imports this)

DIMENSIONS = ("communication", "content", "confidence")
WEAK_DIMENSION = 5.0  # below this no dimension is called a strength
MAX_CITED = 3


def summary(
    role: str, answered: Sequence[Answered], scores: SessionScores, language: Language = ENGLISH
) -> str:
    """Overall, strongest/weakest dimension, what earned nothing, and advice from these answers."""
    w = words(language)
    values = {d: getattr(scores, d) for d in DIMENSIONS}
    strongest = max(DIMENSIONS, key=lambda d: (values[d], -DIMENSIONS.index(d)))
    weakest = min(DIMENSIONS, key=lambda d: (values[d], DIMENSIONS.index(d)))
    text = w["sum_opening"].format(role=role, overall=session.overall(scores),
                                   questions=count_of(len(answered), "question", language))
    if values[strongest] < WEAK_DIMENSION:
        text += w["sum_all_low"].format(**values)
    elif values[strongest] == values[weakest]:
        text += w["sum_level"].format(value=values[weakest])
    else:
        text += w["sum_spread"].format(strongest=strongest, high=values[strongest],
                                       weakest=weakest, low=values[weakest])
    unscored = [a for a in answered if a.unscorable and not a.off_topic]
    if unscored:
        text += w["sum_unscored"].format(count=len(unscored), total=len(answered))
    off_topic = [a for a in answered if a.off_topic]
    if off_topic:
        text += w["sum_off_topic"].format(count=len(off_topic), total=len(answered))
    scored = [a for a in answered if not a.unscorable]
    advice = ADVISERS[weakest](scored, w) if scored else ""
    return f"{text} {advice}".strip()


def _content(scored: Sequence[Answered], w: dict[str, str]) -> str:
    found: list[str] = []
    wrong = [a for a in scored if a.analysis.red_flags]
    if wrong:
        claim = wrong[0].analysis.red_flags[0].rstrip(".")
        found.append(w["sum_wrong"].format(cites=_cite(wrong, w), claim=claim))
    overclaimed = [a for a in scored if a.analysis.absolutes]
    if overclaimed:
        found.append(w["sum_absolute"].format(absolute=overclaimed[0].analysis.absolutes[0],
                                              cites=_cite(overclaimed, w)))
    named = [a for a in scored if a.analysis.points_named]
    if named:
        found.append(w["sum_named"].format(cites=_cite(named, w)))
    stories = [a for a in scored if a.phase != "wrap_up"]
    numberless = [a for a in stories if not a.analysis.numbers]
    if numberless and len(numberless) * 2 >= len(stories):
        found.append(w["sum_numberless"].format(cites=_cite(numberless, w)))
    bare = [a for a in stories if not a.analysis.examples and a.phase == "behavioural"
            and not a.analysis.has_result]
    if bare:
        found.append(w["sum_bare"].format(cites=_cite(bare, w)))
    missed = [a for a in scored if a.analysis.points_missed and not a.analysis.points_named]
    if not found and missed:
        found.append(w["sum_missed"].format(cites=_cite(missed, w)))
    return _advice(w, "sum_content", found)


def _communication(scored: Sequence[Answered], w: dict[str, str]) -> str:
    found: list[str] = []
    fillers = [f for a in scored for f in a.analysis.fillers]
    if fillers:
        times = count_of(len(fillers), "time", language_of(w))
        found.append(w["sum_fillers"].format(filler=fillers[0], times=times))
    jargon = [a for a in scored if len(a.analysis.buzzwords) >= 3]
    if jargon:
        found.append(w["sum_jargon"].format(buzzword=jargon[0].analysis.buzzwords[0],
                                            cites=_cite(jargon, w)))
    sized = [a for a in scored if a.phase != "wrap_up"]
    short = [a for a in sized if a.analysis.words < 50]
    long = [a for a in sized if a.analysis.words > 300]
    if short:
        found.append(w["sum_short"].format(cites=_cite(short, w)))
    if long:
        found.append(w["sum_long"].format(cites=_cite(long, w)))
    return _advice(w, "sum_communication", found)


def _confidence(scored: Sequence[Answered], w: dict[str, str]) -> str:
    found: list[str] = []
    hedged = [a for a in scored if a.analysis.hedges]
    if hedged:
        found.append(w["sum_hedges"].format(hedge=hedged[0].analysis.hedges[0],
                                            cites=_cite(hedged, w)))
    overclaimed = [a for a in scored if a.analysis.absolutes or a.analysis.red_flags]
    if overclaimed:
        found.append(w["sum_overclaimed"].format(cites=_cite(overclaimed, w)))
    unowned = [a for a in scored if not a.analysis.ownership and a.phase == "behavioural"]
    if unowned:
        found.append(w["sum_unowned"].format(cites=_cite(unowned, w)))
    return _advice(w, "sum_confidence", found)


ADVISERS = {"communication": _communication, "content": _content, "confidence": _confidence}


def _advice(w: dict[str, str], lead: str, found: list[str]) -> str:
    """'To lift your content, X, and Y.' (the lead's '_else' advice when nothing was found)."""
    parts = found[:2] or [w[f"{lead}_else"]]
    text = parts[0] if len(parts) == 1 else w["sum_and"].format(first=parts[0], second=parts[1])
    return w["sum_advice"].format(lead=w[lead], text=text)


def _cite(items: Sequence[Answered], w: dict[str, str]) -> str:
    numbers = [f"Q{a.number}" for a in items[:MAX_CITED]]
    more = len(items) - MAX_CITED
    return ", ".join(numbers) + (w["sum_more"].format(more=more) if more > 0 else "")
