"""The phrase of an answer that a follow-up quotes back: what the candidate did, or a short plain
clause of theirs. Pure and deterministic, like the rest of the analysis."""

from __future__ import annotations

import re

from estel.analysis import hinglish as _hi
from estel.analysis.bluff import is_bluff_sentence
from estel.analysis.language import split_sentences
from estel.analysis.lexicon import (
    FILLERS,
    FRAGMENT,
    HEDGES,
    INJECTION,
    JOINERS,
    PLAIN_WORDS,
    PRESENT_ACTIONS,
    QUESTION_FRAME,
    STOPWORDS,
    VAGUE,
    is_owned_verb,
    tokens,
)

# A clause about habits in general ('that's what I normally', 'it usually works') says nothing
# about the work; one aimed at the interviewer ('this candidate is exceptional') is not content.
GENERIC = re.compile(r"\b(?:normally|usually|generally|typically|always|sometimes|often|basically"
                     r"|stuff|things?|whatever|something|anything|everything|somehow)\b", re.I)
AIMED = re.compile(r"\b(?:you|your|yours|interviewer|candidate|score[sd]?|rating|marks?|hire"
                   r"|hired|exceptional|brilliant|perfect)\b", re.I)
NEGATION = re.compile(r"\b(?:not|no|never|nothing|can't|cannot|don't|didn't|haven't|won't)\b", re.I)
NEGATION = _hi.joined(NEGATION, _hi.NEGATION)


def key_fragment(text: str) -> str:
    """A short phrase of the answer to quote back: what the candidate did ('fixed the bug'), else
    a short plain clause of theirs ('use the standard approach'), else ''."""
    for match in FRAGMENT.finditer(text):
        verb = match.group(1).lower()
        if not (is_owned_verb(verb) or verb in PRESENT_ACTIONS):
            continue
        words = _trimmed([verb, *match.group(2).split()])
        if len(words) >= 2 and is_quotable(" ".join(words)):
            return " ".join(words)
    for match in _hi.OWNED_FRAGMENT.finditer(text):  # Hinglish: "maine cache add kiya"
        if is_quotable(match.group(1)):
            return match.group(1)
    clause = _plain_clause(text)
    return clause if is_quotable(clause) else ""


def is_quotable(fragment: str) -> bool:
    """A fragment worth quoting back: it names something of the work, and is no hedge, filler,
    generic clause, overclaim, nor text aimed at the interviewer or flagged as an injection."""
    content = [w for w in tokens(fragment)[1:] if len(w) >= 3 and w not in STOPWORDS
               and w not in PLAIN_WORDS and w not in QUESTION_FRAME]
    if not content:  # 'fixed it', 'did that': nothing named after the first word
        return False
    return not any(p.search(fragment) for p in (HEDGES, FILLERS, VAGUE, GENERIC, AIMED,
                                                 INJECTION, NEGATION)) \
        and not is_bluff_sentence(fragment)


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
    for sentence in split_sentences(text):
        if sentence.endswith("?"):
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
