"""Does an answer address its question? Keyword matching and the off-topic gate of the analysis.

An answer shows it is on the question through several kinds of evidence: the talking points it
touches, the role's own vocabulary, content words it shares with the question or its topic, and
the ordinary words of working life (a project, a customer, a deadline). A good answer in other
words than the question's still shows some of these; an answer about cooking or football shows
none. Only an answer showing almost none, and plainly about something else (life outside work:
food, sport, family, a holiday), is off-topic; an unusual trade's own jargon is not mistaken for
it. It needs substance first (`MIN_SUBSTANCE` specific words), so a vague or brief answer is left
to the other rules; a long one needs more evidence (a point per `SUBSTANCE_PER_POINT` specific
words), so a passing mention of a colleague does not carry a whole story about something else.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

from estel.analysis.lexicon import (
    LEISURE_WORDS,
    PLAIN_WORDS,
    QUESTION_FRAME,
    STOPWORDS,
    WORK_TERMS,
    tokens,
)
from estel.brains.offline.bank import TalkingPoint

MIN_SUBSTANCE = 7  # distinct specific words an answer needs before it can be off-topic
MIN_ELSEWHERE = 2  # distinct words of life outside work that show what it is about instead
OFF_TOPIC_BELOW = 2  # evidence points an answer with substance needs to count as on-topic
SUBSTANCE_PER_POINT = 20  # longer answers need one more point per this many specific words
STEM = 5  # question and answer words are compared by their first letters ('deploy'/'deployed')


def keyword_hits(words: Sequence[str], keywords: Iterable[str]) -> tuple[str, ...]:
    """Keywords present in `words`, each keyword word matched as a word prefix."""
    index = WordIndex(words)
    hits: list[str] = []
    for keyword in keywords:
        if keyword not in hits and index.has(tokens(keyword)):
            hits.append(keyword)
    return tuple(hits)


class WordIndex:
    """The answer's words, sorted for prefix look-ups by bisection."""

    def __init__(self, words: Sequence[str]) -> None:
        self.words = words
        self.sorted = sorted(set(words))

    def starting(self, prefix: str) -> list[str]:
        found = []
        i = bisect_left(self.sorted, prefix)
        while i < len(self.sorted) and self.sorted[i].startswith(prefix):
            found.append(self.sorted[i])
            i += 1
        return found

    def has(self, parts: Sequence[str]) -> bool:
        if not parts or not self.starting(parts[0]):
            return False
        if len(parts) == 1:
            return True
        words, span = self.words, len(parts)
        return any(
            all(words[i + j].startswith(part) for j, part in enumerate(parts))
            for i in range(len(words) - span + 1)
            if words[i].startswith(parts[0])
        )


def shared_stems(answer: Sequence[str], asked: str) -> frozenset[str]:
    """Content stems of the question (and topic) that the answer uses too, framing and plain
    words aside ('the real problem' and 'my real passion' share nothing)."""
    wanted = {w[:STEM] for w in tokens(asked) if _specific(w) and w not in QUESTION_FRAME}
    return frozenset(wanted & {w[:STEM] for w in answer if len(w) >= 4})


def evidence(
    words: Sequence[str], asked: str, points: Sequence[TalkingPoint], role_hits: Sequence[str]
) -> int:
    """Points of evidence that the answer is about the question: talking points and role terms
    matched by a specific word ('everyone' shows nothing), shared stems, words of work."""
    touched = sum(1 for p in points
                  if keyword_hits(words, [k for k in p.keywords if _specific_keyword(k)]))
    role = sum(1 for term in role_hits if _specific_keyword(term))
    work = len(keyword_hits(words, WORK_TERMS))
    return touched + role + len(shared_stems(words, asked)) + work


def substance(words: Sequence[str]) -> int:
    """Distinct specific words: not stop words, question framing or plain everyday words."""
    return len({w for w in words if _specific(w) and w not in QUESTION_FRAME})


def elsewhere(words: Sequence[str]) -> int:
    """Distinct words about life outside work: food, sport, home, family, leisure, weather."""
    return len(LEISURE_WORDS.intersection(words))


def is_off_topic(
    words: Sequence[str], asked: str, points: Sequence[TalkingPoint], role_hits: Sequence[str]
) -> bool:
    """True when an answer with substance is about life outside work and not about the question."""
    specific = substance(words)
    if specific < MIN_SUBSTANCE or elsewhere(words) < MIN_ELSEWHERE:
        return False
    needed = max(OFF_TOPIC_BELOW, specific // SUBSTANCE_PER_POINT)
    return evidence(words, asked, points, role_hits) < needed


def _specific(word: str) -> bool:
    return len(word) >= 4 and word not in STOPWORDS and word not in PLAIN_WORDS


def _specific_keyword(keyword: str) -> bool:
    """A keyword that says something: not made only of stop words and plain everyday words."""
    return any(w not in STOPWORDS and w not in PLAIN_WORDS for w in tokens(keyword))
