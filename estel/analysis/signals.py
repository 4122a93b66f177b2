"""Evidence of a talking point that no word list can hold: the shapes a concrete answer takes in
any line of work. Pure and deterministic.

A generic question ("What piece of work are you proudest of?") is asked of a marine biologist, a
plumber and a sommelier alike. Their pieces of work are a seagrass survey, a boiler refit and a
wine list; no list of nouns names them all, so a rubric point such as "a specific piece of work
and its context" cannot be recognised by its keywords. What every concrete answer shares is its
shape: the speaker did something ("I ran", "I designed") to something, anchored in a time, a
place or a count; a measured result is a number beside a change; a mistake owned is "I
mislabelled", "I forgot"; a habit changed is "since then", "now I". A bank talking point lists
the `signals` that show it was explained; `rubric.coverage` counts a point with a firing signal
as explained even when none of its keywords appear.

Signals read only the answer's sound sentences (not overclaiming, not mostly jargon: see
`estel.analysis.bluff`), so a bluffer's "I spearheaded a 300% transformation" shows nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from estel.analysis.bluff import BUZZWORDS, is_bluff_sentence, without_bluff
from estel.analysis.language import split_sentences
from estel.analysis.lexicon import (
    ASKING,
    HEDGES,
    QUESTION_FRAME,
    STOPWORDS,
    count_numbers,
    is_owned_verb,
    tokens,
)
from estel.brains.offline.bank import Signal

_IX = re.IGNORECASE | re.VERBOSE

# "I ran a survey", "we designed the rota", "I personally rewired the board": a subject, an
# optional adverb, a verb, then the next word (its object, checked apart).
_DID = re.compile(r"\b(I|we)\s+(?:[a-z]+ly\s+|also\s+|then\s+|first\s+|just\s+)?([a-z][a-z-]+)"
                  r"\s+([a-z0-9][\w'-]*)", re.IGNORECASE)
_EVERYDAY_PAST = frozenset(("did", "saw", "got", "had", "was", "were", "felt", "thought", "knew",
                            "went", "came", "said", "told", "heard"))
# When or where the work happened, or how big it was: what makes it one piece of work.
_ANCHOR = re.compile(
    r"""\b(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|\d+)[-\s]
        (?:day|week|month|year|hour)s?\b
    |(?:last|this|that|previous)\s+(?:year|summer|spring|autumn|winter|season|term|quarter
        |month|week)
    |during\s+(?:my|our|the|a)\b|(?:in|on)\s+(?:my|our)\s+(?:first|second|third|final|last|previous)\b
    |in\s+(?:19|20)\d\d|over\s+(?:the\s+)?(?:\w+\s+)?(?:days|weeks|months|years)
    |for\s+(?:about\s+)?(?:a|one|two|three|four|five|six|\d+)\s+(?:days?|weeks?|months?|years?)
    |at\s+(?:my|our)\s+(?:last|previous|current|first)\b)""",
    _IX,
)
_PROPER = re.compile(r"(?<=[a-z,;:]\s)(?!I\b)[A-Z][a-z]{2,}")  # a name inside a sentence
_CHANGE = re.compile(
    r"""\b(?:fell|fall(?:en|s|ing)?|dropped|drop|rose|rise[ns]?|grew|growth|cut|reduc\w+
    |increas\w+|improv\w+|halved|doubled|tripled|saved|sav(?:es|ing)|fewer|less|more|faster
    |slower|quicker|shorter|higher|lower|down|up|from\s+\S+\s+to|went\s+(?:up|down|from)
    |declin\w+|recover\w+|gain\w*|lost|loss|shrank|shrunk|raised|lifted|boosted|sold|won
    |completed|finished|met|beat|ahead|early|under\s+budget|on\s+time)\b""",
    _IX,
)
_OUTCOME = re.compile(
    r"""\b(?:as\s+a\s+result|result(?:ed)?\s+(?:was|in)|the\s+outcome|in\s+the\s+end
    |which\s+(?:meant|led|let|allowed|helped|gave|became|they|the|we|our)
    |led\s+to|so\s+(?:that\s+)?(?:the|we|they|our|every|no|nobody)\b
    |(?:was|were|got|has\s+been|have\s+been)\s+(?:adopted|approved|accepted|published|used
        |rolled\s+out|kept|copied|extended|renewed|funded|cited|commissioned|praised)
    |(?:they|the\s+\w+|it)\s+(?:used|adopted|kept|still\s+uses?|now\s+uses?|renewed|approved)
    |now\s+(?:uses?|runs?|has|takes?)|since\s+then|still\s+(?:in\s+use|used|running)
    |(?:is|are|it's|they're)\s+(?:now\s+|still\s+)?(?:used|in\s+use|standard|running)
    |turned\s+out|came\s+back|proved|it\s+worked|(?:was|were)\s+(?:the\s+)?right)\b""",
    _IX,
)
_MISTAKE = re.compile(
    r"""\b(?:I|I'd|we)\s+(?:had\s+)?(?:mis[a-z-]+|forgot|forgotten|overlooked|skipped|missed
        |assumed|misjudged|got\s+(?:\w+\s+){0,3}wrong|sent\s+(?:\w+\s+){0,3}(?:wrong|before)
        |made\s+(?:a|an|the)\s+(?:\w+\s+)?(?:mistake|error)|didn't\s+(?:check|read|ask|test|confirm
        |tell|label|count)|did\s+not\s+(?:check|read|ask|test|confirm|tell|label|count)
        |left\s+out|mixed\s+up|double[- ]booked|overbooked|broke|dropped|lost)
    |\bmy\s+(?:mistake|error|fault|oversight|slip)\b""",
    _IX,
)
_DENIED = re.compile(r"(?:\bnot|n't|\bnever|\bno)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_PUT_RIGHT = re.compile(
    r"""\b(?:told|informed|flagged|reported|warned|rang|phoned|called|e-?mailed|apologi[sz]ed
    |owned\s+up|admitted|let\s+(?:\w+\s+){1,3}know|raised\s+it|corrected|fixed|redid|re-?ran
    |re-?did|re-?checked|re-?sent|re-?issued|re-?wrote|re-?tested|re-?labell?ed|re-?sampled
    |re-?measured|re-?counted|replaced|reversed|undid|recalled|put\s+(?:it|things)\s+right
    |made\s+it\s+right|sorted\s+it)\b""",
    _IX,
)
_CHANGED = re.compile(
    r"""^now\b(?!\s+that)|\b(?:since\s+then|ever\s+since|from\s+then\s+on|these\s+days|nowadays|going\s+forward
    |now\s+(?:I|we)|(?:I|we)\s+now|now\s+my\s+(?:rule|habit|routine|practice|first\s+step)
    |my\s+(?:rule|habit|routine)\s+(?:now\s+)?is|I\s+(?:always|never)\s+\w+\s+(?:now|since)|I(?:'ve|\s+have)\s+(?:not|never)
        \s+(?:had|made|repeated)|I\s+(?:started|began|stopped)\s+\w+ing|I\s+learn(?:ed|t)
    |taught\s+me|showed\s+me|made\s+me\s+realis|I\s+realised|the\s+lesson
    |so\s+(?:that\s+)?(?:the\s+)?next\s+(?:time|person|one)|afterwards?,?\s+(?:I|we)\s+(?!went\b|left\b|had\b)
    |(?:I|we)\s+(?:added|introduced|made)\s+(?:\w+\s+){1,4}(?:part\s+of|to\s+every|a\s+rule)
    |next\s+time\s+I|I\s+(?:added|built|made|wrote|keep)\s+(?:a|an|my)
        \s+(?:\w+\s+)?(?:checklist|check|habit|rule|step|template|routine|reminder))\b""",
    _IX,
)
# "I want to get trained in radiographs", "I'd like to learn jury management": a goal of one's own
_GOAL = re.compile(
    r"""\b(?:I|I'd|I'm)\s+(?:really\s+)?(?:want|would\s+like|'d\s+like|like|hope|aim|plan|keen
    |looking\s+forward|hoping|planning|aiming)\s+(?:\w+\s+)?to\s+(?:learn|get|build|become
    |develop|train|improve|move|take|work|gain|master|understand|specialise|specialize|lead|run
    |qualify|earn|study|do)\b""",
    _IX,
)
ASK_WORDS = 3  # content words that make a question for the interviewer specific
OWN_ACTIONS = 2  # distinct things the speaker did, with their objects


def shows(signal: Signal, sentences: Sequence[str]) -> bool:
    """True when the sound `sentences` of an answer show `signal`."""
    return _DETECTORS[signal](sentences)


def actions(sentences: Sequence[str]) -> list[str]:
    """Distinct verbs the speaker did something with ('ran a survey', 'designed the method'),
    including those that share one subject ('I mapped the logs, rebuilt the rota and trained
    two apprentices')."""
    found: list[str] = []
    for sentence in sentences:
        # the chain starts at the speaker's first past action ('I logged about 300 metres, ...')
        subject = [m for m in _DID.finditer(sentence) if is_owned_verb(m.group(2))]
        done = [(m.group(2), m.group(3)) for m in subject]
        if subject:
            done += [(m.group(1), m.group(2))
                     for m in _THEN_DID.finditer(sentence, subject[0].end())]
        for verb, obj in done:
            if _acts(verb, obj) and verb.lower() not in found:
                found.append(verb.lower())
    return found


def _acts(verb: str, obj: str) -> bool:
    verb, obj = verb.lower(), obj.lower()
    return (is_owned_verb(verb) and verb not in _EVERYDAY_PAST and not BUZZWORDS.fullmatch(verb)
            and (obj not in STOPWORDS or obj in _OBJECT_STARTS))


# what may follow an action verb: an object's determiner, or a particle ('set up', 'wrote up')
_OBJECT_STARTS = frozenset((
    "the", "a", "an", "our", "my", "their", "its", "each", "every", "this", "that", "these",
    "those", "all", "both", "some", "any", "two", "three", "four", "five", "six",
    "up", "out", "off", "down", "back"))
# a further verb of the same subject: ', rebuilt the rota', 'and trained two apprentices'
_THEN_DID = re.compile(r"(?:,\s*(?:and\s+|then\s+)?|\band\s+(?:then\s+)?)([a-z][a-z-]+)"
                       r"\s+([a-z0-9][\w'-]*)", re.IGNORECASE)


def sound_sentences(text: str) -> tuple[str, ...]:
    """The sentences of `text` that neither overclaim nor are mostly jargon."""
    return tuple(s for s in split_sentences(text) if not is_bluff_sentence(s))


def anchored(sentences: Sequence[str]) -> bool:
    """The answer places its story: a time ('last spring', 'a six-month survey') or a name."""
    return any(_ANCHOR.search(s) or _PROPER.search(s) for s in sentences)


def _specific_work(sentences: Sequence[str]) -> bool:
    """Something the speaker did, anchored in a time, a place, a name or a count."""
    if not actions(sentences):
        return False
    return anchored(sentences) or bool(count_numbers(without_bluff(" ".join(sentences))))


def _own_actions(sentences: Sequence[str]) -> bool:
    return len(actions(sentences)) >= OWN_ACTIONS


def _measured_result(sentences: Sequence[str]) -> bool:
    """A number beside a change, in one sentence: 'a 30% fall', 'from 12 days to 4'."""
    return any(count_numbers(without_bluff(s)) and _CHANGE.search(s) for s in sentences)


def outcome(sentences: Sequence[str]) -> bool:
    """What came of it: a measured change, or a consequence stated as fact ('in the end he got a
    flat'), not hoped for ('I think people were happy in the end')."""
    if _measured_result(sentences):
        return True
    return any(_OUTCOME.search(s) and not HEDGES.search(s) for s in sentences)


def changed_practice(sentences: Sequence[str]) -> bool:
    """A habit changed after the event: 'since then I photograph every label', 'now I'."""
    return any(_CHANGED.search(s) for s in sentences)


def asks_question(sentences: Sequence[str]) -> bool:
    """A specific question for the interviewer ('could you tell me how new hygienists are
    supported?'), not 'any questions?' or 'what are the hours?'."""
    return any(ASKING.search(s) and len([w for w in tokens(s) if w not in STOPWORDS
                                          and w not in QUESTION_FRAME]) >= ASK_WORDS
               for s in sentences)


def _matches(pattern: re.Pattern[str]) -> Callable[[Sequence[str]], bool]:
    return lambda sentences: any(pattern.search(s) for s in sentences)


# A cause found by asking or looking, in one sentence: 'asked what was going on, and it turned
# out he was caring for a parent', 'we traced it to a blocked vent'.
_FOUND_CAUSE = re.compile(
    r"\b(turned\s+out|came\s+out\s+that|found\s+(out\s+)?(that|why|it\s+was)|traced\s+it\s+to"
    r"|it\s+was\s+because|the\s+(real\s+)?(cause|reason|problem)\s+was|(was|were)\s+caused\s+by)\b",
    re.IGNORECASE)


# The problem a change answered, with its size, in one sentence: 'the hypothermia rate was too
# high, about one in five', 'we had 40 callbacks a month'. A result alone ('complications fell
# to one in twenty') is no case for the change, so falling and improving words do not count.
_PROBLEM = re.compile(
    r"\b(too\s+(high|low|many|few|often|long|slow|late)|(was|were)\s+(rising|climbing|slipping"
    r"|getting\s+worse)|kept\s+(missing|failing|coming\s+back|happening|breaking)|complain\w*"
    r"|errors?|mistakes?|missed|overdue|backlog|failures?|incidents?|callbacks?|rework|delays?"
    r"|behind\s+(schedule|target|plan)|not\s+working)\b", re.IGNORECASE)


def _stated_problem(sentences: Sequence[str]) -> bool:
    return any(count_numbers(without_bluff(s)) and _PROBLEM.search(s) for s in sentences)


_DETECTORS: dict[Signal, Callable[[Sequence[str]], bool]] = {
    "specific_work": _specific_work,
    "own_actions": _own_actions,
    "measured_result": _measured_result,
    "outcome": outcome,
    "owned_mistake": lambda sentences: any(not _DENIED.search(s[:m.start()])
                                           for s in sentences for m in _MISTAKE.finditer(s)),
    "put_right": _matches(_PUT_RIGHT),
    "changed_practice": changed_practice,
    "stated_goal": _matches(_GOAL),
    "asks_question": asks_question,
    "found_cause": _matches(_FOUND_CAUSE),
    "stated_problem": _stated_problem,
}


# What a talking point's own text says it is about, for the points the bank lists no signals
# for: 'Changes made: describes the change in practice' is shown by 'since then I map the buyer
# in the first two meetings' whatever the point's keywords, as its signal would show it.
_IMPLIED: tuple[tuple[Signal, re.Pattern[str]], ...] = (
    ("changed_practice", re.compile(
        r"\b(change[sd]?\s+(in|to)\s+(their\s+)?(practice|approach|habits?|process)"
        r"|do(es)?\s+differently|now\s+(do|does|check|ask)|changed\s+(how|what)"
        r"|what\s+(they|you)\s+changed|lasting\s+change|prevent\w*\s+(a\s+)?recurrence"
        r"|stop\s+it\s+happening\s+again)\b", re.IGNORECASE)),
    ("put_right", re.compile(
        r"\b(put(s|ting)?\s+(it\s+)?right|fix(ed|es|ing)?\s+(it|the\s+(problem|issue|mistake"
        r"|error))|solv(ed|es|ing)\s+(it|the\s+problem)|workaround|made\s+it\s+right"
        r"|correct(ed|s)\s+(it|the\s+(mistake|error)))\b", re.IGNORECASE)),
    # the point is the outcome itself ('Outcome: describes the outcome'), not a plan to check
    # one ('Plans a check of the result and tells the manager')
    ("outcome", re.compile(
        r"^(the\s+)?(outcome|result)s?\b|\b((describes|gives|reports|states|says)\s+(the\s+)?"
        r"(outcome|result)|what\s+happened\s+(afterwards|next|in\s+the\s+end)"
        r"|how\s+it\s+(ended|turned\s+out)|ends\s+with\s+(the\s+)?(outcome|result|what))\b",
        re.IGNORECASE)),
    ("found_cause", re.compile(
        r"\b(finds?\s+(out\s+)?the\s+(root\s+)?cause|explores?\s+(the\s+)?reasons|root\s+cause"
        r"|understand\s+(the\s+)?cause|diagnos\w*\s+the\s+cause)\b", re.IGNORECASE)),
    # the case for a change ('Why the standard was needed: shows the cost of not having it')
    ("stated_problem", re.compile(
        r"\b(why\s+(the\s+|a\s+|it\s+)?(change|standard|it|rule|process|policy|practice)?\s*"
        r"(was|is)\s+needed|the\s+cost\s+of\s+not|(case|evidence)\s+for\s+(the\s+)?change"
        r"|(describes|states)\s+the\s+problem\s+with\s+(evidence|figures|data))\b",
        re.IGNORECASE)),
    ("owned_mistake", re.compile(
        r"\b(own(s|ed|ing)?\s+(the|their)\s+(mistake|error|gap)|owning\s+the\s+error"
        r"|takes?\s+responsibility|names?\s+what\s+(they|you)\s+(missed|got\s+wrong))\b",
        re.IGNORECASE)),
)


@cache
def implied_signals(point: str, substance: str) -> tuple[Signal, ...]:
    """The signals a talking point's name and substance describe (when the bank lists none)."""
    text = f"{point}. {substance}"
    return tuple(signal for signal, pattern in _IMPLIED if pattern.search(text))
