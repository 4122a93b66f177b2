"""Rubric coverage of one answer: which talking points it explains, which it only names, which it
misses, and which red flags (the question's known wrong claims) it makes. Pure and deterministic.

A point is *named* when one of its keywords appears; it is *explained* when the answer says
something about it: one of its `evidence` words (chosen to appear only when someone describes a
mechanism, a decision or a check), or, in a sentence naming it, a reason ("because", "so that",
"by doing", "which means"), a step ("first", "then"), a number, or an action on an object
("I'd cache the results"). A sentence that overclaims or is mostly jargon explains nothing
(`estel.analysis.bluff`). Naming earns a little (NAMED_CREDIT); explaining earns the point.
Questions without evidence words (older bank entries) are judged by the sentence tests alone.
A point its keywords never name is still explained when one sound sentence holds two of its
evidence words: an answer in the candidate's own words describes it without naming it.
A point may also list `signals`, answer shapes that show it in any line of work ("I ran a
six-month survey" is a specific piece of work): one firing explains it, keywords or not
(`estel.analysis.signals`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from estel.analysis.bluff import BUZZWORDS, is_bluff_sentence, without_bluff
from estel.analysis.hinglish import EXPLAINS as HINGLISH_EXPLAINS
from estel.analysis.hinglish import with_english
from estel.analysis.hinglish_gloss import flag_raised as hinglish_flag_raised
from estel.analysis.language import split_sentences
from estel.analysis.lexicon import (
    PRESENT_ACTIONS,
    STOPWORDS,
    count_numbers,
    is_owned_verb,
    tokens,
)
from estel.analysis.relevance import keyword_hits
from estel.analysis.signals import implied_signals, shows
from estel.brains.offline.bank import RedFlag, TalkingPoint

NAMED_CREDIT = 0.3  # a point named but not explained: a little, never the point
_I = re.IGNORECASE

REASON = re.compile(
    r"\b(?:because|so\s+that|by\s+\w+ing|which\s+means|which\s+meant|in\s+order\s+to|that\s+way"
    r"|otherwise|so\s+(?:we|I|it|the|they|you)|to\s+(?:make\s+sure|avoid|check|prevent|reduce"
    r"|catch|confirm|see\s+whether|find\s+out)|unless|instead\s+of|rather\s+than)\b",
    _I,
)
STEP = re.compile(r"\b(?:first(?:ly)?|second(?:ly)?|then|next|after\s+that|finally|before|once)\b",
                  _I)
ACTION = re.compile(
    r"\b(?:I|we|you)(?:'d|'ll|\s+would|\s+will|\s+can|\s+should)?\s+(?:[a-z]+ly\s+)?([a-z]+)"
    r"\s+([a-z][\w'-]*)",
    _I,
)
_NOT_OBJECTS = STOPWORDS - {"the", "a", "an", "our", "my", "their", "its", "each", "every",
                            "this", "that", "these", "those", "all", "both", "some", "any"}


@dataclass(frozen=True)
class Coverage:
    """Talking points explained, named only and missed; the red flags the answer raised."""

    explained: tuple[str, ...]
    named: tuple[str, ...]  # named but not explained
    missed: tuple[str, ...]  # not even named
    red_flags: tuple[RedFlag, ...]

    @property
    def total(self) -> int:
        return len(self.explained) + len(self.named) + len(self.missed)

    @property
    def credit(self) -> float:
        """Share of the rubric earned, 0..1 (0 when there is no rubric)."""
        if not self.total:
            return 0.0
        return (len(self.explained) + NAMED_CREDIT * len(self.named)) / self.total

    @property
    def not_explained(self) -> tuple[str, ...]:
        """Points a strong answer would explain and this one did not, named ones first."""
        return (*self.named, *self.missed)


def coverage(
    text: str, points: Sequence[TalkingPoint], red_flags: Sequence[RedFlag] = ()
) -> Coverage:
    """How `text` covers the rubric (talking points and red flags) of its question."""
    parts = split_sentences(text)
    sound = [s for s in parts if not is_bluff_sentence(s)]
    sound_words = with_english(tokens(" ".join(sound)))
    text_words = with_english(tokens(text))
    by_sentence = [(s, with_english(tokens(s))) for s in sound]  # read once, for every point
    fires = cache(lambda signal: shows(signal, sound))  # each shape is looked for once
    explained: list[str] = []
    named: list[str] = []
    missed: list[str] = []
    for point in points:
        signals = point.signals or implied_signals(point.point, point.substance)
        if any(fires(signal) for signal in signals):
            explained.append(point.point)  # its shape shows it, whatever words name it
        elif not keyword_hits(text_words, point.keywords):
            # described without being named: 'we agreed a plan: a fixed checklist…' is the plan
            # a point on expectations asks for, though it never says 'expectation'
            (explained if _described(point, by_sentence) else missed).append(point.point)
        elif _explains(point, by_sentence, sound_words):
            explained.append(point.point)
        else:
            named.append(point.point)
    hits = tuple(flag for flag in red_flags if raised(flag, text))
    return Coverage(tuple(explained), tuple(named), tuple(missed), hits)


def raised(flag: RedFlag, text: str) -> bool:
    """True when the answer makes the flag's wrong claim (one of its patterns matches), in English
    or in Hinglish (read through its English gloss)."""
    return (any(re.search(pattern, text, _I) for pattern in flag.patterns)
            or hinglish_flag_raised(flag.patterns, text))


# Evidence words one sound sentence needs to describe a point its keywords never name: one alone
# ('asked', 'team') is in any story; two together describe the mechanism.
DESCRIBED_BY = 2


def _described(point: TalkingPoint, by_sentence: Sequence[tuple[str, Sequence[str]]]) -> bool:
    """A sound sentence holding `DESCRIBED_BY` of the point's evidence words."""
    return len(point.evidence) > DESCRIBED_BY and any(
        len(keyword_hits(words, point.evidence)) >= DESCRIBED_BY for _, words in by_sentence)


def _explains(point: TalkingPoint, by_sentence: Sequence[tuple[str, Sequence[str]]],
              sound_words: Sequence[str]) -> bool:
    """Evidence words in a sound sentence, or a sound sentence naming the point that explains."""
    if point.evidence and keyword_hits(sound_words, point.evidence):
        return True
    return any(explains(s) for s, words in by_sentence if keyword_hits(words, point.keywords))


def explains(sentence: str) -> bool:
    """A sentence that says something: a reason, a step, a number or an action on an object."""
    if REASON.search(sentence) or STEP.search(sentence) or HINGLISH_EXPLAINS.search(sentence):
        return True
    if count_numbers(without_bluff(sentence)):
        return True
    return any(_acts(m.group(1), m.group(2)) for m in ACTION.finditer(sentence))


def _acts(verb: str, obj: str) -> bool:
    """'cache the results', 'migrated our billing': a real action verb with an object."""
    verb, obj = verb.lower(), obj.lower()
    if BUZZWORDS.fullmatch(verb) or obj in _NOT_OBJECTS:
        return False
    return is_owned_verb(verb) or verb in PRESENT_ACTIONS
