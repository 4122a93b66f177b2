"""Follow-up wordings of the offline brain: several per phase, none used twice in one session.

A follow-up quotes the candidate when the answer has a phrase worth quoting ('fixed the bug');
otherwise it names the topic. Which wording comes first is the session's seed; a wording already
asked in the session (recognised by its longest fixed part) is not used again, so a candidate who
gives several thin answers hears a different probe each time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from estel.brains.offline import hinglish_words
from estel.languages import ENGLISH, HINGLISH, Language

QUOTE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "behavioural": (
        "You mentioned '{quote}'. What exactly did you do, step by step, and how did you know "
        "it worked?",
        "Let's go deeper on '{quote}': what was your own part in that situation, and what "
        "changed as a result?",
        "You said '{quote}'. Walk me through one specific moment: the situation, what you did, "
        "and the outcome.",
        "Tell me more about '{quote}': what was the hardest part, and how did you handle it?",
        "Picking up on '{quote}': who else was involved, what did you decide yourself, and what "
        "came of it?",
    ),
    "technical": (
        "You mentioned '{quote}'. How exactly would you do that, and what trade-off would you "
        "watch for?",
        "Let's go deeper on '{quote}': walk me through the steps, and how you would check that "
        "it worked.",
        "You said '{quote}'. What could go wrong with that approach, and what would you do "
        "first if it did?",
        "Picking up on '{quote}': what would you need to know before you start, and how would "
        "you measure success?",
    ),
}
TOPIC_TEMPLATES: dict[str, tuple[str, ...]] = {
    "behavioural": (
        "Your answer on {topic} was brief. Can you give me one concrete example: what you did, "
        "and what happened as a result?",
        "Let's stay with {topic} a moment longer. What is one specific example from your own "
        "work, and what was the outcome?",
        "I'd like to hear more about {topic}. Pick one real situation: what was at stake, what "
        "did you do, and how did it turn out?",
    ),
    "technical": (
        "Let's stay with {topic} a moment longer. How would you approach it, step by step, and "
        "how would you know it worked?",
        "I'd like to hear more about {topic}. What would you do first, and which trade-off "
        "would you weigh most carefully?",
        "Staying on {topic}: which approach would you pick, why that one, and what would you "
        "measure to check it?",
    ),
}
QUOTE_CHARS = 60  # longest quote, cut at a word boundary


def normalised(text: str) -> str:
    """Text compared for repeats: lower case, punctuation and spacing ignored (as the engine)."""
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


@cache
def signature(template: str) -> str:
    """The template's longest fixed part, normalised: how a wording is recognised once asked."""
    parts = re.split(r"\{quote\}|\{topic\}", template)
    return max((normalised(p) for p in parts), key=len)


def follow_up_texts(
    phase: str, fragment: str, topic: str, asked: Sequence[str], seed: int,
    language: Language = ENGLISH,
) -> list[str]:
    """Follow-up questions not yet worded this way in the session: quoting ones first."""
    hinglish = language == HINGLISH
    quoting = hinglish_words.QUOTE_TEMPLATES if hinglish else QUOTE_TEMPLATES
    naming = hinglish_words.TOPIC_TEMPLATES if hinglish else TOPIC_TEMPLATES
    spoken = " | ".join(normalised(text) for text in asked)
    quote = _quote(fragment)
    groups = [(quoting.get(phase, ()), {"quote": quote})] if quote else []
    # a Hinglish follow-up opens with the topic: it keeps the bank's capital letter there
    groups.append((naming.get(phase, ()), {"topic": topic if hinglish else _mid_sentence(topic)}))
    texts: list[str] = []
    for templates, values in groups:
        fresh = [t for t in templates if signature(t) not in spoken]
        if fresh:
            start = seed % len(fresh)
            texts += [t.format(**values) for t in fresh[start:] + fresh[:start]]
    return texts


def _quote(fragment: str) -> str:
    """The fragment as it can be quoted: plain characters, at most QUOTE_CHARS, whole words."""
    text = " ".join(re.sub(r"[^\w\s'%$-]", "", fragment).split()).strip("'")
    if len(text) > QUOTE_CHARS:
        text = text[:QUOTE_CHARS].rsplit(" ", 1)[0]
    return text


def _mid_sentence(topic: str) -> str:
    """'Production incident' -> 'production incident'; acronyms ('API design') are kept."""
    return topic[0].lower() + topic[1:] if topic[:2] != topic[:2].upper() else topic
