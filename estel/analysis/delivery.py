"""Delivery facts of one answer: fillers, hedges, STAR parts, most repeated words. Pure.

These describe *how* an answer was said, for coach mode's per-answer insights; they are not a
score. The word lists are the lexicon's (the same ones the scoring reads), so a filler the coach
points out is a filler the scores counted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from estel.analysis.lexicon import (
    FILLERS,
    HEDGES,
    OWNERSHIP_PHRASES,
    OWNERSHIP_VERB,
    STAR,
    STOPWORDS,
    is_owned_verb,
    normalise,
    tokens,
)

STAR_ORDER = ("situation", "task", "action", "result")
REPEAT_MIN = 3  # a content word said this often in one answer is worth pointing out
REPEAT_SHOWN = 5
MIN_WORD = 3  # shorter words ('ui', 'qa') repeat naturally; not worth a remark

Counts = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Delivery:
    """How one answer was said: counts of phrases, in order of frequency (ties alphabetical)."""

    words: int
    fillers: Counts
    hedges: Counts
    star: tuple[str, ...]  # parts present, in STAR order
    repeated: Counts  # content words said REPEAT_MIN or more times

    @property
    def star_missing(self) -> tuple[str, ...]:
        return tuple(part for part in STAR_ORDER if part not in self.star)

    @property
    def filler_count(self) -> int:
        return sum(n for _, n in self.fillers)

    @property
    def hedge_count(self) -> int:
        return sum(n for _, n in self.hedges)


def delivery_facts(answer: str) -> Delivery:
    """The delivery facts of `answer` (any text; empty gives an empty Delivery)."""
    text = normalise(answer)
    words = tokens(text)
    return Delivery(
        words=len(words),
        fillers=_counted(_spoken(m.group(0).strip(" ,")) for m in FILLERS.finditer(text)),
        hedges=_counted(_spoken(m.group(0)) for m in HEDGES.finditer(text)),
        star=star_parts(text),
        repeated=repeated_words(words),
    )


def star_parts(text: str) -> tuple[str, ...]:
    """STAR parts the text shows; an action is also any 'I <did something>' (ownership)."""
    return tuple(part for part in STAR_ORDER
                 if STAR[part].search(text) or (part == "action" and _owns(text)))


def repeated_words(words: Iterable[str]) -> Counts:
    """Content words (not stop words, not fillers) said REPEAT_MIN or more times, most first."""
    counts = Counter(w for w in words if len(w) >= MIN_WORD and w not in STOPWORDS)
    frequent = [(w, n) for w, n in counts.items() if n >= REPEAT_MIN]
    return tuple(sorted(frequent, key=lambda item: (-item[1], item[0]))[:REPEAT_SHOWN])


def _owns(text: str) -> bool:
    if OWNERSHIP_PHRASES.search(text):
        return True
    return any(is_owned_verb(m.group(1).lower()) for m in OWNERSHIP_VERB.finditer(text))


def _counted(phrases: Iterable[str]) -> Counts:
    counts = Counter(p for p in phrases if p)
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _spoken(phrase: str) -> str:
    """A matched phrase as quoted back: lower case, single spaces, 'I' capital."""
    return re.sub(r"\bi\b", "I", " ".join(phrase.lower().split()))
