"""The phrase of an answer that a follow-up quotes back: what the candidate did, or a short plain
clause of theirs. Pure and deterministic, like the rest of the analysis."""

from __future__ import annotations

import re

from estel.analysis.lexicon import (
    FILLERS,
    FRAGMENT,
    HEDGES,
    JOINERS,
    PLAIN_WORDS,
    PRESENT_ACTIONS,
    STOPWORDS,
    VAGUE,
    is_owned_verb,
    tokens,
)

NEGATION = re.compile(r"\b(?:not|no|never|nothing|can't|cannot|don't|didn't|haven't|won't)\b", re.I)


def key_fragment(text: str) -> str:
    """A short phrase of the answer to quote back: what the candidate did ('fixed the bug'), else
    a short plain clause of theirs ('use the standard approach'), else ''."""
    for match in FRAGMENT.finditer(text):
        verb = match.group(1).lower()
        if not (is_owned_verb(verb) or verb in PRESENT_ACTIONS):
            continue
        words = _trimmed([verb, *match.group(2).split()])
        if len(words) >= 2:
            return " ".join(words)
    return _plain_clause(text)


def _trimmed(words: list[str]) -> list[str]:
    """Words up to the first joining word ('check the data' of 'check the data and fix'), with
    trailing stop words dropped."""
    for i, word in enumerate(words):
        if i >= 2 and word.lower() in JOINERS:
            words = words[:i]
            break
    while words and words[-1].lower() in STOPWORDS:
        words.pop()
    return words


def _plain_clause(text: str) -> str:
    """The first clause of 2-8 words that says something, and neither hedges, denies, asks nor
    falls back on a cliché ('team player'); cut at its first joining word."""
    for sentence in re.findall(r"[^.!?]+[.!?]?", text):
        if sentence.strip().endswith("?"):
            continue
        for clause in re.split(r"[,;:()]", sentence):
            words = _trimmed([w.strip(".!\"") for w in clause.split()])
            said = [w for w in tokens(clause) if len(w) >= 4 and w not in STOPWORDS
                    and w not in PLAIN_WORDS]
            if 2 <= len(words) <= 8 and said and not (HEDGES.search(clause)
                                                       or FILLERS.search(clause)
                                                       or NEGATION.search(clause)
                                                       or VAGUE.search(clause)):
                first = words[0]
                keep = first in ("I", "I'm", "I'd", "I've") or first[1:2].isupper()
                return " ".join([first if keep else first.lower(), *words[1:]])
    return ""
