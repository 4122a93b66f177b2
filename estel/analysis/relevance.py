"""Does an answer address its question? Keyword matching and the off-topic gate of the analysis.

An answer shows it is on the question through several kinds of evidence: the talking points it
touches, the role's own vocabulary, content words it shares with the question or its topic, and
the ordinary words of working life (a project, a customer, a deadline). A good answer in other
words than the question's still shows some of these; an answer about cooking or football shows
none. Only an answer showing little, and plainly about something else (life outside work:
food, sport, family, a holiday), is off-topic; an unusual trade's own jargon with no word of life
outside work is not mistaken for it, and one word of leisure ('a summer holiday') weighs only
against no evidence at all. It needs substance first (`MIN_SUBSTANCE` specific words), so
a vague or brief answer is left to the other rules; a long one needs more evidence (a point per
`SUBSTANCE_PER_POINT` specific words), so a passing mention of a colleague does not carry a whole
story about something else; and it needs more evidence of the question than words of leisure, so
the generic words a question shares with a football story ('team', 'changed') do not carry it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

from estel.analysis.language import stem
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
MIN_ELSEWHERE = 2  # words of life outside work that, with little evidence, show it is about that
OFF_TOPIC_BELOW = 2  # evidence points an answer with substance needs to count as on-topic
SUBSTANCE_PER_POINT = 20  # longer answers need one more point per this many specific words
ROOT_MIN = 6  # letters a stem keeps when its -is/-iz ending is dropped ('prioritis' -> 'priorit')


def keyword_hits(words: Sequence[str], keywords: Iterable[str]) -> tuple[str, ...]:
    """Keywords present in `words`: each keyword word matches an answer word it starts
    ('diagnos' of 'diagnosed') or one of the same stem ('deployment' of 'deploying')."""
    index = WordIndex(words)
    hits: list[str] = []
    for keyword in keywords:
        if keyword not in hits and index.has(tokens(keyword)):
            hits.append(keyword)
    return tuple(hits)


class WordIndex:
    """The answer's words, sorted for prefix look-ups by bisection, and their stems."""

    def __init__(self, words: Sequence[str]) -> None:
        self.words = words
        self.sorted = sorted(set(words))
        self.stems = [stem(w) for w in words]
        self.stem_set = frozenset(self.stems)

    def starting(self, prefix: str) -> list[str]:
        found = []
        i = bisect_left(self.sorted, prefix)
        while i < len(self.sorted) and self.sorted[i].startswith(prefix):
            found.append(self.sorted[i])
            i += 1
        return found

    def has(self, parts: Sequence[str]) -> bool:
        if not parts:
            return False
        stems = [stem(part) for part in parts]
        if not (self.starting(parts[0]) or stems[0] in self.stem_set):
            return False
        if len(parts) == 1:
            return True
        return any(all(self._matches(i + j, part, stems[j]) for j, part in enumerate(parts))
                   for i in range(len(self.words) - len(parts) + 1)
                   if self._matches(i, parts[0], stems[0]))

    def _matches(self, i: int, part: str, part_stem: str) -> bool:
        return self.words[i].startswith(part) or self.stems[i] == part_stem


def root(word: str) -> str:
    """The word's Snowball stem, with the spelling variants Snowball leaves apart joined:
    'priority', 'prioritise' and 'prioritize' -> 'priorit'; 'analysis'/'analysed' -> 'analys'.
    Unlike the first five letters it replaced, 'interview' and 'internet', 'understand' and
    'underlying', 'standard' and 'standing' stay apart, and 'test'/'testing' meet."""
    found = stem(word)
    if found.endswith("i") and len(found) > ROOT_MIN:  # Snowball's y -> i: 'safeti', 'analysi'
        found = found[:-1]
    if found.endswith(("is", "iz")) and len(found) - 2 >= ROOT_MIN:  # -ise/-ize verbs
        found = found[:-2]
    return found


def shared_stems(answer: Sequence[str], asked: str) -> frozenset[str]:
    """Content roots of the question (and topic) that the answer uses too, framing and plain
    words aside ('the real problem' and 'my real passion' share nothing)."""
    wanted = {root(w) for w in tokens(asked) if _specific(w) and w not in QUESTION_FRAME}
    return frozenset(wanted & {root(w) for w in answer if len(w) >= 4})


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
    """True when an answer with substance is about life outside work and not about the question:
    it shows less evidence of the question than it shows of something else."""
    specific = substance(words)
    leisure = elsewhere(words)
    if specific < MIN_SUBSTANCE or not leisure:
        return False
    # A football story shares 'team' and 'changed' with a question about a burnt-out team: more
    # words about the match than evidence of the question still make it about the match.
    shown = evidence(words, asked, points, role_hits)
    if leisure < MIN_ELSEWHERE:  # one word of leisure: off-topic only when nothing shows the ask
        return shown == 0
    return shown < max(OFF_TOPIC_BELOW, specific // SUBSTANCE_PER_POINT, leisure)


def _specific(word: str) -> bool:
    return len(word) >= 4 and word not in STOPWORDS and word not in PLAIN_WORDS


def _specific_keyword(keyword: str) -> bool:
    """A keyword that says something: not made only of stop words and plain everyday words."""
    return any(w not in STOPWORDS and w not in PLAIN_WORDS for w in tokens(keyword))
