"""A canned answer: the same text given again to a different question. Pure.

A candidate who pastes one prepared story into every box can look fluent and specific on each
question in isolation. Read across the interview, as a hiring manager reads it, the second copy
answers nothing new, so it earns what an echo of the question earns: no content.

Two answers count as the same when most of the later one's word triples (stopwords aside) occur
in the earlier one: reworded openings or a sentence added at the end don't hide a copy, while
an answer that returns to the same project with new detail (a follow-up's "tell me more") does
not reach the threshold. Short answers ("I don't know") are left to the other checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from estel.analysis.answer import AnswerAnalysis
from estel.analysis.lexicon import STOPWORDS, tokens

MIN_WORDS = 25  # shorter answers are judged on their own (a repeated "I don't know" is weak anyway)
SHARED = 0.6  # share of the later answer's word triples found in one earlier answer
CAP = 1.0  # the most communication or confidence a copy keeps, as for an echo of the question


@lru_cache(maxsize=2048)  # each answer is compared again on every later turn of its session
def _triples(text: str) -> frozenset[tuple[str, str, str]]:
    words = [w for w in tokens(text) if w not in STOPWORDS]
    return frozenset(zip(words, words[1:], words[2:], strict=False))


def repeated_from(answer: str, earlier: Sequence[str]) -> int | None:
    """The number (1-based) of the earlier answer this one copies, or None."""
    if len(tokens(answer)) < MIN_WORDS:
        return None
    mine = _triples(answer)
    if not mine:
        return None
    for number, before in enumerate(earlier, start=1):
        if len(mine & _triples(before)) / len(mine) >= SHARED:
            return number
    return None


def as_repeat(analysis: AnswerAnalysis, number: int) -> AnswerAnalysis:
    """The analysis of an answer that copies answer `number`: flagged, no content, no praise."""
    advice = (f"this repeats your answer to Q{number}; answer this question with the example "
              "that fits it")
    return replace(
        analysis,
        flags=(*analysis.flags, "repeat"),
        communication=min(analysis.communication, CAP),
        content=0.0,
        confidence=min(analysis.confidence, CAP),
        praise="",
        advice=advice,
        note=f"{advice[0].upper()}{advice[1:]}.",
        fragment="",
    )
