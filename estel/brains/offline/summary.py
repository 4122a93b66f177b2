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
from estel.analysis.wording import counted
from estel.contract import SessionScores

Answered = Any  # estel.brains.offline.feedback.Answered (not imported: feedback imports this)

DIMENSIONS = ("communication", "content", "confidence")
WEAK_DIMENSION = 5.0  # below this no dimension is called a strength
MAX_CITED = 3


def summary(role: str, answered: Sequence[Answered], scores: SessionScores) -> str:
    """Overall, strongest/weakest dimension, what earned nothing, and advice from these answers."""
    values = {d: getattr(scores, d) for d in DIMENSIONS}
    strongest = max(DIMENSIONS, key=lambda d: (values[d], -DIMENSIONS.index(d)))
    weakest = min(DIMENSIONS, key=lambda d: (values[d], DIMENSIONS.index(d)))
    text = (f"Your {role} mock interview ({counted(len(answered), 'question')}, scored by the "
            f"offline interviewer) comes to {session.overall(scores)}/10 overall.")
    if values[strongest] < WEAK_DIMENSION:
        text += (" All three dimensions are below 5: communication "
                 f"{values['communication']}, content {values['content']}, confidence "
                 f"{values['confidence']}.")
    elif values[strongest] == values[weakest]:
        text += f" All three dimensions are level at {values[weakest]}."
    else:
        text += (f" Strongest dimension: {strongest} ({values[strongest]}); weakest: {weakest} "
                 f"({values[weakest]}).")
    unscored = [a for a in answered if a.unscorable and not a.off_topic]
    if unscored:
        text += (f" {len(unscored)} of {len(answered)} answers earned nothing (empty, not an "
                 "answer, a copy of the question or instructions to the interviewer).")
    off_topic = [a for a in answered if a.off_topic]
    if off_topic:
        text += (f" {len(off_topic)} of {len(answered)} answers did not address the question "
                 "asked, so they earned no content credit.")
    scored = [a for a in answered if not a.unscorable]
    advice = ADVISERS[weakest](scored) if scored else ""
    return f"{text} {advice}".strip()


def _content(scored: Sequence[Answered]) -> str:
    found: list[str] = []
    wrong = [a for a in scored if a.analysis.red_flags]
    if wrong:
        claim = wrong[0].analysis.red_flags[0].rstrip(".")
        found.append(f"correct the wrong claims ({_cite(wrong)}: \"{claim}\")")
    overclaimed = [a for a in scored if a.analysis.absolutes]
    if overclaimed:
        found.append(f"replace absolute claims such as '{overclaimed[0].analysis.absolutes[0]}' "
                     f"with how it works and what you checked ({_cite(overclaimed)})")
    named = [a for a in scored if a.analysis.points_named]
    if named:
        found.append(f"explain the points you only named: say how and why ({_cite(named)})")
    stories = [a for a in scored if a.phase != "wrap_up"]
    numberless = [a for a in stories if not a.analysis.numbers]
    if numberless and len(numberless) * 2 >= len(stories):
        found.append(f"give a number that shows the impact ({_cite(numberless)} had none)")
    bare = [a for a in stories if not a.analysis.examples and a.phase == "behavioural"
            and not a.analysis.has_result]
    if bare:
        found.append(f"tell one real example through to its result ({_cite(bare)})")
    missed = [a for a in scored if a.analysis.points_missed and not a.analysis.points_named]
    if not found and missed:
        found.append(f"cover what each question asks ({_cite(missed)} left points out)")
    return _advice("To lift your content", found, "keep the substance and add one measured "
                   "example per answer")


def _communication(scored: Sequence[Answered]) -> str:
    found: list[str] = []
    fillers = [f for a in scored for f in a.analysis.fillers]
    if fillers:
        found.append(f"replace filler words ('{fillers[0]}' came up "
                     f"{counted(len(fillers), 'time')}) with a short pause")
    jargon = [a for a in scored if len(a.analysis.buzzwords) >= 3]
    if jargon:
        found.append(f"say it in plain words instead of buzzwords like "
                     f"'{jargon[0].analysis.buzzwords[0]}' ({_cite(jargon)})")
    sized = [a for a in scored if a.phase != "wrap_up"]
    short = [a for a in sized if a.analysis.words < 50]
    long = [a for a in sized if a.analysis.words > 300]
    if short:
        found.append(f"say more: {_cite(short)} stayed under 50 words")
    if long:
        found.append(f"lead with the point and cut the detours ({_cite(long)} ran past 300 "
                     "words)")
    return _advice("To communicate more clearly", found, "give each answer a clear beginning, "
                   "middle and end in one to two minutes")


def _confidence(scored: Sequence[Answered]) -> str:
    found: list[str] = []
    hedged = [a for a in scored if a.analysis.hedges]
    if hedged:
        found.append(f"drop hedges such as '{hedged[0].analysis.hedges[0]}' ({_cite(hedged)})")
    overclaimed = [a for a in scored if a.analysis.absolutes or a.analysis.red_flags]
    if overclaimed:
        found.append("claim only what you can back: guarantees and 'never fails' sound "
                     f"unsure of the real risks ({_cite(overclaimed)})")
    unowned = [a for a in scored if not a.analysis.ownership and a.phase == "behavioural"]
    if unowned:
        found.append(f"say what you did yourself ('I decided', 'I built') in {_cite(unowned)}")
    return _advice("To sound more confident", found, "commit to a recommendation and say "
                   "what you decided")


ADVISERS = {"communication": _communication, "content": _content, "confidence": _confidence}


def _advice(lead: str, found: list[str], otherwise: str) -> str:
    parts = found[:2] or [otherwise]
    text = parts[0] if len(parts) == 1 else f"{parts[0]}, and {parts[1]}"
    return f"{lead}, {text}."


def _cite(items: Sequence[Answered]) -> str:
    numbers = [f"Q{a.number}" for a in items[:MAX_CITED]]
    more = len(items) - MAX_CITED
    return ", ".join(numbers) + (f" and {more} more" if more > 0 else "")
