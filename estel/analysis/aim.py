"""Does a work story answer the question that was asked, or a different one?

An engine-room fire told well (STAR, numbers) is still not an answer to "Tell me about a hire you
made". The off-topic gate (`relevance`) catches life outside work; this module catches the wrong
*work* story, for bank questions whose topic names what they ask (`estel.analysis.asks`: a hire,
a mistake, a conflict, priorities, leading change...). Two tests must both fail before an answer
is said to miss its question:

1. it never talks about what the question asks, in any words: 'shortlisted', 'took on a new mate'
   and 'interview liya' all talk about a hire (`asks.shows_any`, on the answer and its Hinglish
   gloss);
2. the question bank shows it is about something else: it fits at least `RANK_GUARD` other bank
   questions better than the one asked. Every bank question has a profile (the roots of its
   topic, wording, talking points and model answer, each weighted by how distinctive it is across
   the bank, so 'hire', 'fire' and 'budget' count and 'team', 'result' and 'learned' hardly do). A
   good answer in unexpected words (trade words, synonyms, Hinglish) fits nothing in the bank
   much better than its own question, and keeps the benefit of the doubt.

A short or vague answer is left to the other rules (`MIN_STORY_WORDS`); a follow-up, a JD
requirement or a résumé question is never judged here (only a bank question's own wording is).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np

from estel.analysis.asks import asked_competencies, shows_any
from estel.analysis.hinglish_gloss import gloss
from estel.analysis.lexicon import PLAIN_WORDS, QUESTION_FRAME, STOPWORDS, tokens
from estel.analysis.relevance import root
from estel.brains.offline.bank import BankQuestion, TalkingPoint, load_bank

Profile = dict[str, float]


def _roots(text: str) -> list[str]:
    return [root(w) for w in tokens(text) if _content(w)]


def _content(word: str) -> bool:
    return (len(word) >= 4 and word not in STOPWORDS and word not in PLAIN_WORDS
            and word not in QUESTION_FRAME and not word.isdigit())


# How much each part of a question says about what it asks.
TOPIC_WEIGHT, QUESTION_WEIGHT, POINT_WEIGHT, EVIDENCE_WEIGHT, MODEL_WEIGHT = 3.0, 2.0, 1.5, 1.0, 0.7


def _profile_parts(question: str, topic: str, points: Sequence[TalkingPoint],
                   model_answer: str = "") -> Iterable[tuple[str, float]]:
    yield topic, TOPIC_WEIGHT
    yield question, QUESTION_WEIGHT
    for p in points:
        yield " ".join((p.point, *p.keywords)), POINT_WEIGHT
        yield " ".join((p.substance, *p.evidence)), EVIDENCE_WEIGHT
    yield model_answer, MODEL_WEIGHT


def _raw_profile(parts: Iterable[tuple[str, float]]) -> dict[str, float]:
    found: dict[str, float] = {}
    for text, weight in parts:
        for r in set(_roots(text)):
            found[r] = max(found.get(r, 0.0), weight)
    return found


@dataclass(frozen=True)
class BankMap:
    idf: dict[str, float]
    profiles: tuple[tuple[BankQuestion, Profile], ...]
    default_idf: float

    def weigh(self, raw: dict[str, float]) -> Profile:
        return {r: w * self.idf.get(r, self.default_idf) for r, w in raw.items()}

    @cached_property
    def postings(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """For each root, the profiles that hold it and its weight there (an inverted index:
        an answer is compared only with the questions that share a root with it), as arrays,
        so ranking an answer adds a few vectors instead of looping over thousands of pairs."""
        found: dict[str, tuple[list[int], list[float]]] = {}
        for i, (_, profile) in enumerate(self.profiles):
            for r, v in profile.items():
                ids, values = found.setdefault(r, ([], []))
                ids.append(i)
                values.append(v)
        return {r: (np.array(ids, dtype=np.intp), np.array(values))
                for r, (ids, values) in found.items()}

    @cached_property
    def topics(self) -> np.ndarray:
        """Each profile's topic, as a number (questions on the same topic share it)."""
        numbers: dict[str, int] = {}
        return np.array([numbers.setdefault(q.topic, len(numbers)) for q, _ in self.profiles])


@cache
def bank_map() -> BankMap:
    """Every bank question's profile, scaled to unit length, and the roots' distinctiveness;
    built once per process (about a second), then each judged answer costs a few milliseconds."""
    questions = [q for family in load_bank().values() for q in family.questions]
    raws = [_raw_profile(_profile_parts(q.question, q.topic, q.talking_points, q.model_answer))
            for q in questions]
    df = Counter(r for raw in raws for r in raw)
    n = len(raws)
    idf = {r: math.log(n / count) for r, count in df.items()}
    default = math.log(n)
    m = BankMap(idf, (), default)
    return BankMap(idf, tuple(zip(questions, (_unit(m.weigh(raw)) for raw in raws), strict=True)),
                   default)


def _unit(profile: Profile) -> Profile:
    norm = math.sqrt(sum(v * v for v in profile.values())) or 1.0
    return {r: v / norm for r, v in profile.items()}


def _template(question: str) -> re.Pattern[str]:
    """A bank question's wording as a pattern its role-filled text matches ({role} is anything)."""
    parts = [re.escape(" ".join(part.split())) for part in question.split("{role}")]
    return re.compile("(?:.+?)".join(parts), re.IGNORECASE)


@cache
def _by_topic() -> dict[str, tuple[tuple[re.Pattern[str], int], ...]]:
    found: dict[str, list[tuple[re.Pattern[str], int]]] = {}
    for i, (q, _) in enumerate(bank_map().profiles):
        found.setdefault(q.topic, []).append((_template(q.question), i))
    return {topic: tuple(items) for topic, items in found.items()}


def bank_entry(question: str, topic: str) -> int | None:
    """The index (in `bank_map().profiles`) of the bank question asked, or None for a question
    the bank does not hold (a follow-up, a JD requirement, a résumé line)."""
    text = " ".join(question.split())
    for pattern, index in _by_topic().get(topic, ()):
        if pattern.fullmatch(text):
            return index
    return None


def asked_rank(said: frozenset[str], index: int) -> int:
    """How many bank questions on other topics the answer fits better than the one asked (the
    cosine's answer length is the same for all of them, so the dot products rank them)."""
    m = bank_map()
    scores = np.zeros(len(m.profiles))
    for r in said:
        found = m.postings.get(r)
        if found is not None:
            ids, values = found
            scores[ids] += m.idf.get(r, m.default_idf) * values
    better = (scores > scores[index]) & (m.topics != m.topics[index])
    return int(np.count_nonzero(better))


# A story needs this many words before its aim is judged: a short or vague answer is judged as
# short or vague, by the other rules.
MIN_STORY_WORDS = 40
# The answer must fit this many other bank questions better than the one asked (about 2.5% of
# the bank): a good answer in unexpected words fits the asked question, or nothing, about as
# well as anything else; a story about something else fits dozens of other questions better.
RANK_GUARD = 35


def missed_ask(text: str, words: Sequence[str], question: str, topic: str) -> str:
    """The asked question's topic when a story with substance answers a different question (it
    never talks about what the question asks, and the bank shows it is about something else);
    else ''. Only bank questions whose competency is known are judged."""
    if len(words) < MIN_STORY_WORDS:
        return ""
    index = bank_entry(question, topic)
    if index is None:
        return ""
    asked_q = bank_map().profiles[index][0]
    wanted = asked_competencies(asked_q.topic, asked_q.question, phase=asked_q.phase)
    # the gloss (Hinglish read in English) only for an answer its own words did not show
    if not wanted or shows_any(wanted, (text,)) or shows_any(wanted, (gloss(text),)):
        return ""
    return asked_q.topic if asked_rank(frozenset(_roots(text)), index) >= RANK_GUARD else ""


def warm() -> None:
    """Build the bank index (`bank_map`, its postings, the topic lookup) now rather than in the
    first answer this process ranks: a server calls it at start-up (about a second of CPU)."""
    _ = bank_map().postings, bank_map().topics
    _by_topic()
