"""The tasks a job description lists as verb phrases ("Laminate croissant dough daily, temper
chocolate, keep allergen records and cost new desserts"): a requirement the names and cues of
`estel.jd_terms` miss when a trade's work has no product names. Pure.

A clause is a task when it opens a list whose clauses open with verbs: at least one of them
with a verb the question bank's prose uses ("keep", "cost"), so "Strong Linux and networking
fundamentals" is no list of tasks. Each task becomes "[verb]-ing [object]" ("tempering
chocolate"), with the object cut at a preposition, a number or an adverb of frequency; a task
whose verb says nothing particular ("work", "help", "manage") or whose object is everyday
words only ("keep things tidy") is left out: the names inside it are read elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from estel.jd_terms import Found, requirement_text

MAX_OBJECT_WORDS = 3
# verbs that say nothing particular about the work, or whose object is read as a name anyway
_GENERIC = frozenset((
    "be", "have", "work", "help", "support", "join", "ensure", "make", "take", "get", "use", "do",
    "manage", "own", "lead", "run", "deliver", "provide", "maintain", "assist", "report",
    "attend", "follow", "learn", "bring", "want", "need", "love", "enjoy", "look", "grow",
    "keep", "build", "create", "develop", "drive", "partner", "collaborate", "communicate",
    "contribute", "champion", "handle", "write", "liaise", "coordinate", "oversee", "act",
    "set", "spend", "play", "feel", "come", "go", "give", "show", "see", "know", "think", "say",
    "improve", "understand", "apply", "meet", "hit", "identify", "review", "prepare", "plan",
    "check"))
_OPENING = re.compile(r"^(?:[-*•·▪]\s*)?(?:(?:and|then|also)\s+)?(?:you(?:'ll|’ll| will| would)"
                      r"\s+(?:also\s+)?|we need you to\s+|to\s+)?", re.IGNORECASE)
_CLAUSES = re.compile(r",\s*(?:and\s+|or\s+)?|;\s*|\s+(?:and then|as well as)\s+")
_STOP = re.compile(r"^(?:to|for|with|in|on|at|from|by|using|via|across|within|into|under|"
                   r"against|and|or|so|daily|weekly|monthly|every|each|when|while|as|"
                   r"including|like|per|the|a|an|our|your|their)$|\d", re.IGNORECASE)
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n")


def task_terms(jd: str, verbs: frozenset[str], common: frozenset[str]) -> list[Found]:
    """The JD's tasks as requirements ("tempering chocolate"), where it writes each.
    `verbs`: words the bank's prose uses as verbs; `common`: everyday lower-case words."""
    found: list[Found] = []
    for offset, line in requirement_text(jd):
        for start, sentence in _sentences(line):
            clauses = [c for c in _split(sentence) if c[1]]
            if not any(words[0].lower() in verbs for _, words in clauses):
                continue
            for at, words in clauses:
                term = _task(words, common)
                if term is not None:
                    found.append(Found(offset + start + at, term))
    return found


def _sentences(line: str) -> Iterator[tuple[int, str]]:
    at = 0
    for part in _SENTENCES.split(line):
        at = line.find(part, at)
        yield at, part
        at += len(part)


def _split(sentence: str) -> list[tuple[int, list[str]]]:
    """The sentence's clauses, each without its opening ("you'll", "and"), as words."""
    clauses = []
    at = 0
    for part in _CLAUSES.split(sentence):
        at = sentence.find(part, at)
        opening = _OPENING.match(part)
        rest = part[opening.end():] if opening else part
        words = re.findall(r"[A-Za-z][\w'’&/-]*|\d[\w%.,]*", rest)
        clauses.append((at + len(part) - len(rest), words))
        at += len(part)
    return clauses


def _task(words: list[str], common: frozenset[str]) -> str | None:
    verb = words[0].lower()
    if (verb in _GENERIC or verb.endswith("ing") or len(verb) < 3 or not verb.isalpha()
            or len(words) < 2):
        return None
    obj: list[str] = []
    for word in words[1:]:
        if _STOP.match(word) or len(obj) == MAX_OBJECT_WORDS:
            break
        obj.append(word)
    if not obj or all(w.lower() in common for w in obj):
        return None
    if any(re.search(r"[A-Z]", w) for w in obj):
        return None  # a name inside ("keep HACCP logs"): read as the name itself
    return f"{gerund(verb)} {' '.join(obj)}"


def gerund(verb: str) -> str:
    """'temper' -> 'tempering', 'laminate' -> 'laminating', 'plan' -> 'planning'."""
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", verb):
        return verb + verb[-1] + "ing"
    return verb + "ing"
