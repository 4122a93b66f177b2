"""Does a work story answer the question that was asked, or a different one?

An engine-room fire told well (STAR, numbers) is still not an answer to "Tell me about a hire you
made". The off-topic gate (`relevance`) catches life outside work; this module catches the wrong
*work* story. It weighs what the question asks against what the answer is about, using the whole
question bank as a map of what interview questions ask:

- every bank question has a profile: the roots of its topic, its wording, its talking points'
  names, keywords and evidence, and its model answer;
- a root's weight is how distinctive it is across the bank (inverse document frequency), so
  'hire', 'fire' and 'budget' say what a question is about and 'team', 'result' and 'learned' do
  not;
- the asked question's profile is built the same way from what the analysis is given (question,
  topic, talking points), so a question the bank does not hold (a JD requirement, a CV item) is
  judged too.

An answer misses the question when it is a story with substance, shows almost nothing of the
asked question's distinctive subject, *and* clearly fits some other question of the bank better:
a good answer in other words than the question's (synonyms, trade words, Hinglish) fits nothing
in the bank well, and is given the benefit of the doubt. The story's own subject is named back
('the fire') from its most repeated distinctive noun, so the interviewer can say kindly what it
was about.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

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


@cache
def bank_map() -> BankMap:
    """Every bank question's profile and the roots' distinctiveness; built once per process."""
    questions = [q for family in load_bank().values() for q in family.questions]
    raws = [_raw_profile(_profile_parts(q.question, q.topic, q.talking_points, q.model_answer))
            for q in questions]
    df = Counter(r for raw in raws for r in raw)
    n = len(raws)
    idf = {r: math.log(n / count) for r, count in df.items()}
    default = math.log(n)
    m = BankMap(idf, (), default)
    return BankMap(idf, tuple(zip(questions, (m.weigh(raw) for raw in raws), strict=True)),
                   default)


def fit(answer_roots: frozenset[str], profile: Profile, idf: dict[str, float],
        default: float) -> float:
    """Cosine of the answer's roots (each weighted by its distinctiveness) and a profile."""
    if not answer_roots or not profile:
        return 0.0
    dot = sum(profile.get(r, 0.0) * idf.get(r, default) for r in answer_roots)
    a_norm = math.sqrt(sum(idf.get(r, default) ** 2 for r in answer_roots))
    p_norm = math.sqrt(sum(v * v for v in profile.values()))
    return dot / (a_norm * p_norm)


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
    """How many bank questions on other topics the answer fits better than the one asked."""
    m = bank_map()
    asked_q, asked_profile = m.profiles[index]
    asked = fit(said, asked_profile, m.idf, m.default_idf)
    return sum(1 for q, profile in m.profiles
               if q.topic != asked_q.topic and fit(said, profile, m.idf, m.default_idf) > asked)


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
    wanted = asked_competencies(asked_q.topic)
    if not wanted or shows_any(wanted, (text, gloss(text))):
        return ""
    return asked_q.topic if asked_rank(frozenset(_roots(text)), index) >= RANK_GUARD else ""
