"""The tasks a job description lists as verb phrases ("Laminate croissant dough daily, temper
chocolate, keep allergen records and cost new desserts"): a requirement the names and cues of
`estel.jd_terms` miss when a trade's work has no product names. Pure.

A clause is a task when it opens a list whose clauses open with verbs: at least one of them
with a verb the question bank's prose uses ("keep", "cost"), so "Strong Linux and networking
fundamentals" is no list of tasks. Each task becomes "[verb]-ing [object]" ("tempering
chocolate"), with the object cut at a preposition, a number or an adverb of frequency; after a
verb any job uses ("keep", "run") the object alone ("forklift licences"), when it has two
words. A task whose verb says nothing ("help", "work") or whose object is everyday words only
("keep things tidy") is left out; the names inside one are read elsewhere.

" and " joins two tasks when a verb follows it ("keep allergen records and cost new desserts"),
two verbs of one task ("install and test circuits": "installing and testing circuits"), or two
nouns of one object, kept together after a one-word noun ("promote health and safety",
"research and development"). A verb is a word the bank's prose uses as one with an object
(`actions`), and not the first word of a noun pair the bank writes ("test results",
"heat pumps": `compounds`), so "safety" or "development" never opens a task.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from estel.jd_terms import VAGUE, Found, requirement_text

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
# verbs whose object says nothing of the work either ("join a friendly team")
_EMPTY = frozenset(("be", "have", "want", "need", "love", "enjoy", "join", "feel", "come", "go",
                    "give", "show", "see", "know", "think", "say", "look", "grow", "learn",
                    "spend", "play", "act", "help", "work", "bring", "get", "make", "take",
                    "do", "use", "meet", "ensure", "support", "assist", "improve"))
_COMPLEMENTS = frozenset(("current", "safe", "clean", "tidy", "accurate", "compliant", "low",
                         "high", "up-to-date", "updated", "organised", "organized", "secure",
                         "running", "moving", "healthy", "simple", "consistent", "on", "fast",
                         "quick", "small", "short", "lean", "stable", "reliable", "available",
                         "green", "quiet", "open", "flowing"))
_NOT_VERBS = frozenset(("what", "which", "who", "how", "when", "where", "why", "our", "your",
                        "the", "this", "that", "these", "those", "all", "any", "some", "each",
                        "every", "own", "strong", "excellent", "good", "great", "new", "full"))
_OPENING = re.compile(r"^(?:[-*•·▪]\s*)?(?:(?:and|then|also)\s+)?(?:you(?:'ll|’ll| will| would)"
                      r"\s+(?:also\s+)?|we need you to\s+|to\s+)?", re.IGNORECASE)
# a colon opens the items of the duty before it ("Attend responsive repairs: leaks, ...")
_CLAUSES = re.compile(r",\s*(?:and\s+|or\s+)?|[;:]\s+|\s+(?:and then|as well as)\s+")
_STOP = re.compile(r"^(?:to|for|with|in|on|at|from|by|using|via|across|within|into|under|"
                   r"against|and|or|so|daily|weekly|monthly|every|each|when|while|as|"
                   r"including|like|per|the|a|an|our|your|their|provided|given|required|"
                   r"preferred|essential|desirable|included|needed|offered|you|we)$|\d",
                   re.IGNORECASE)
_PARTICLES = frozenset(("up", "out", "off", "down", "over", "back", "in", "on"))
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n")


def task_terms(jd: str, verbs: frozenset[str], common: frozenset[str],
               actions: frozenset[str] = frozenset(),
               compounds: frozenset[str] = frozenset()) -> list[Found]:
    """The JD's tasks as requirements ("tempering chocolate"), where it writes each.
    `verbs`: words the bank's prose uses as verbs; `common`: everyday lower-case words;
    `actions`: verbs the bank uses with an object, which may open a task after " and ";
    `compounds`: noun pairs the bank writes ("heat pump"), which never split."""
    found: list[Found] = []
    for offset, line in requirement_text(jd):
        for start, sentence in _sentences(line):
            clauses = [part for c in _split(sentence) if c[1]
                       for part in _on_and(c, actions, compounds)]
            if not any(words[0].lower() in verbs for _, words in clauses):
                continue
            for at, words in clauses:
                term = _task(words, common, actions)
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


def _on_and(clause: tuple[int, list[str]], actions: frozenset[str],
            compounds: frozenset[str]) -> list[tuple[int, list[str]]]:
    """The clause split before each " and " a task's verb with an object follows ("keep
    allergen records | cost new desserts"); one whose left side is a lone verb ("install and
    test circuits") stays whole, a task with two verbs."""
    at, words = clause
    parts: list[tuple[int, list[str]]] = []
    start = 0
    for i in range(2, len(words) - 2):
        if (words[i] == "and" and i - start >= 2 and _opens_task(words, i + 1, actions, compounds)):
            parts.append((at, words[start:i]))
            start = i + 1
    parts.append((at, words[start:]))
    return parts


def _opens_task(words: list[str], i: int, actions: frozenset[str],
                compounds: frozenset[str]) -> bool:
    """words[i] is a verb with an object after it ("cost new desserts"), not a noun pair's
    first word ("heat pumps", "test results") nor a noun phrase's ("reach truck licensing")."""
    word, after = words[i], words[i + 1].lower()
    obj = _object(words[i + 1:], actions)
    # "reach truck licensing", "heat pump servicing": a noun phrase ending in an -ing noun
    return (word in actions and after not in ("and", "or") and not _STOP.match(after)
            and f"{word} {singular(after)}" not in compounds
            and not (obj and obj[-1].lower().endswith("ing")))


def singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _task(words: list[str], common: frozenset[str],
          actions: frozenset[str] = frozenset()) -> str | None:
    if words[0].isupper() and len(words[0]) > 1:
        return None  # "ECS gold card": a name, not a verb
    verbs = [words[0].lower()]
    if len(words) > 3 and words[1] == "and" and words[2] in actions:
        verbs.append(words[2])  # "install and test circuits": one object, two verbs
        words = [words[0], *words[3:]]
    if (any(v in _EMPTY or v in _NOT_VERBS or v.endswith("ing") or len(v) < 3
            or not v.isalpha() for v in verbs) or len(words) < 2):
        return None
    particle = words[1].lower() if words[1].lower() in _PARTICLES else ""
    obj = _object(words[2:] if particle else words[1:], actions)  # "set out", "carry out"
    if any(re.search(r"[A-Z]", w) for w in obj):
        return None  # a name inside ("keep HACCP logs"): read as the name itself
    named = [v for v in verbs if v not in _GENERIC]
    if not named:  # "hit pick rate targets": the object is the requirement
        return " ".join(obj) if len(obj) >= 2 and obj[-1].lower() not in VAGUE else None
    if not obj or all(w.lower() in common for w in obj if w != "and"):
        return None
    said = " and ".join(gerund(v) for v in named)
    return f"{said} {particle} {' '.join(obj)}" if particle else f"{said} {' '.join(obj)}"


def _object(words: list[str], actions: frozenset[str] = frozenset()) -> list[str]:
    """The verb's object: up to MAX_OBJECT_WORDS words, cut at a preposition, a number, an
    adverb ("accurately", "daily"); "and" joins a one-word noun to the next ("health and
    safety"), not to a verb ("set up and cut")."""
    obj: list[str] = []
    for i, word in enumerate(words):
        pair = (word == "and" and len(obj) == 1 and i + 1 < len(words)
                and not _STOP.match(words[i + 1]) and words[i + 1].islower()
                and words[i + 1] not in actions)
        if not pair and (_STOP.match(word) or len(obj) - obj.count("and") == MAX_OBJECT_WORDS
                         or _adverb(word)):
            break
        obj.append(word)
    while obj and obj[-1].lower() in _COMPLEMENTS | {"and", "of"}:  # "keep licences current"
        obj.pop()
    return obj


def _adverb(word: str) -> bool:
    """'accurately', 'safely', 'manually' (not 'supply', 'assembly', 'family')."""
    word = word.lower()
    return len(word) > 4 and word.endswith("ly") and word not in _LY_NOUNS


_LY_NOUNS = frozenset(("supply", "assembly", "family", "anomaly", "monopoly", "reply", "rally",
                       "jelly", "belly", "butterfly", "italy", "poly", "apply", "comply"))


def gerund(verb: str) -> str:
    """'temper' -> 'tempering', 'laminate' -> 'laminating', 'plan' -> 'planning'."""
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", verb):
        return verb + verb[-1] + "ing"
    return verb + "ing"
