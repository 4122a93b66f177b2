"""Title resolution: which role family serves a free-text job title, and how sure we are.

Every family file lists the titles, abbreviations and misspellings people type; its label and
name count as titles too ("Nursing", "data science"). A typed title is normalised (case,
punctuation, compounds: "Front-end" = "frontend"; short forms: "engr" = "engineer") and tried,
in order, as:

1. its words as typed, then without seniority words ("Senior BA" -> "ba"), then with a comma's
   halves swapped ("Engineer, Software" -> "software engineer"): a catalogue title found as
   whole words wins; among several, the one that ends on the title's last word (its head noun:
   a "Marketing Data Analyst" is an analyst), then the longest;
2. the same after correcting typos word by word against the catalogue's vocabulary with
   rapidfuzz's optimal-string-alignment distance (1 edit up to 9 letters, 2 for longer; a
   transposed pair is one edit; the first letter must agree), so "regsitered nurse" and
   "sofware engineer" resolve while "zookeeper" stays away from "bookkeeper";
3. a head noun or a department, with typos fixed: the family most of whose titles end with the
   title's words ("Consultant": management, strategy... consultant) or begin with them ("VP,
   Investment Banking"), or begin with its modifiers when the head noun is unknown ("Retail
   Assistant"); a listed word that is a misspelling of a much commoner one is corrected too;
4. a whole-title fuzzy match (rapidfuzz token_sort_ratio >= 88: word order and spacing aside);
5. nothing: the generic family, confidence 0, and the UI says so.

Pure and deterministic; the index of a bank is built once per bank object.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from estel.brains.offline.bank import GENERIC_FAMILY, Bank, RoleFamily
from estel.roles.english import real_word

# Seniority and level words that say nothing about the kind of work.
NOISE = frozenset(str.split("""
    senior sr snr junior jr principal staff associate intern internship trainee graduate grad
    apprentice entry level mid experienced lead chief head i ii iii iv v 1 2 3 4 5 l1 l2 l3 l4 l5
    l6 l7 the a an of to for vp vice president director"""))

# Compounds written as one word, so "front end", "front-end" and "frontend" agree.
COMPOUNDS = (
    ("front end", "frontend"),
    ("back end", "backend"),
    ("full stack", "fullstack"),
    ("dev ops", "devops"),
    ("e commerce", "ecommerce"),
    ("web site", "website"),
    ("help desk", "helpdesk"),
    ("service desk", "servicedesk"),
    ("case worker", "caseworker"),
    ("copy writer", "copywriter"),
    ("book keeper", "bookkeeper"),
    ("cyber security", "cybersecurity"),
    ("head teacher", "headteacher"),
    ("sales man", "salesman"),
)
# Short forms of title words, expanded on both sides (typed titles and catalogue titles).
SHORT_FORMS = {
    "engr": "engineer", "engg": "engineer", "eng": "engineer", "mgr": "manager",
    "dev": "developer", "devs": "developer", "asst": "assistant", "rep": "representative",
    "reps": "representative", "exec": "executive", "coord": "coordinator",
    "mech": "mechanical", "admin": "administrator", "mktg": "marketing", "comms": "communications",
}
TYPO_CUTOFF = 88  # token_sort_ratio for a whole-title fuzzy match
MIN_TYPO_LETTERS = 5  # shorter words are abbreviations or common words: never "corrected"
# (SRE is not SDE; a ship is not a shop: one letter apart, four-letter words are often both real)
LONG_WORD = 10  # from this length a word may have two typos, shorter ones one
COMMONER = 3  # a listed word is read as a typo of a neighbour used this many times as often


@lru_cache(maxsize=4096)
def normalise_title(text: str) -> str:
    """Lower case, punctuation as spaces, compounds joined, short forms expanded."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()  # é -> e
    text = text.lower().replace("&", " and ").replace("c++", "cpp").replace("c#", "csharp")
    text = " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())
    for spaced, joined in COMPOUNDS:
        text = re.sub(rf"\b{spaced}\b", joined, text)
    return " ".join(SHORT_FORMS.get(word, word) for word in text.split())


def role_variants(role: str) -> tuple[tuple[str, ...], ...]:
    """The title's words (without a bracketed gloss, then as typed), with a comma's halves
    swapped, and each without seniority noise."""
    variants = [tuple(normalise_title(role).split())]
    if "(" in role:  # 'Registered Nurse (RN)': the title without its bracketed gloss first
        variants.insert(0, tuple(normalise_title(re.sub(r"\([^)]*\)?", " ", role)).split()))
    if role.count(",") == 1:
        before, after = role.split(",")
        variants.append(tuple(normalise_title(f"{after} {before}").split()))
    for words in list(variants):
        # a level glued on ('sde2') and seniority words go; what is left is the kind of work
        stripped = (re.sub(r"^([a-z]{2,})\d$", r"\1", w) for w in words if w not in NOISE)
        variants.append(tuple(w for w in stripped if w not in NOISE))
    return tuple(v for v in dict.fromkeys(variants) if v)


@dataclass(frozen=True)
class TitleMatch:
    """The family a title resolved to, the catalogue title that matched and how sure it is."""

    family: RoleFamily
    title: str  # as typed, spacing tidied
    matched: str  # the catalogue title (normalised) that matched; "" for the generic fallback
    confidence: float  # 0..1
    method: str  # exact | contains | typo | department | fuzzy | none

    @property
    def is_generic(self) -> bool:
        return self.family.family == GENERIC_FAMILY

    def headline(self) -> str:
        """'Nursing — Registered Nurse': the family's label and the title as typed."""
        return f"{self.family.label} — {self.title}"


@dataclass(frozen=True)
class _Entry:
    words: tuple[str, ...]
    family: str
    order: int


class TitleIndex:
    """A bank's titles as word sequences, its vocabulary, and the families' leading words."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        entries: dict[tuple[str, ...], _Entry] = {}
        self.collisions: list[tuple[str, str, str]] = []  # (title, kept family, other family)
        families = [f for f in bank.values() if f.family != GENERIC_FAMILY]
        for order, family in enumerate(families):
            names = (*family.titles, family.label, family.family.replace("_", " "))
            for title in names:
                words = tuple(normalise_title(title).split())
                if not words:
                    continue
                kept = entries.get(words)
                if kept is None:
                    entries[words] = _Entry(words, family.family, order)
                elif kept.family != family.family and title in family.titles:
                    self.collisions.append((" ".join(words), kept.family, family.family))
        self.entries = tuple(entries.values())
        self.by_first: dict[str, list[_Entry]] = {}
        for entry in self.entries:
            self.by_first.setdefault(entry.words[0], []).append(entry)
        self.vocabulary = tuple(sorted({w for e in self.entries for w in e.words
                                        if len(w) >= MIN_TYPO_LETTERS}))
        self.known = frozenset(w for e in self.entries for w in e.words)
        self.frequency = Counter(w for e in self.entries for w in e.words)
        self.not_with = {f.family: frozenset(normalise_title(" ".join(f.not_with)).split())
                         for f in families if f.not_with}
        self.phrases = tuple(" ".join(e.words) for e in self.entries)

    def contained(self, words: tuple[str, ...]) -> _Entry | None:
        """The best catalogue title found in `words` as whole words (see the module docstring)."""
        best: tuple[int, int, int, int] | None = None
        chosen: _Entry | None = None
        for start, word in enumerate(words):
            for entry in self.by_first.get(word, ()):
                span = len(entry.words)
                if words[start:start + span] != entry.words:
                    continue
                key = (start + span == len(words), span, len(" ".join(entry.words)),
                       -entry.order)
                if best is None or key > best:
                    best, chosen = key, entry
        return chosen

    def corrected(self, words: tuple[str, ...]) -> tuple[tuple[str, ...], int]:
        """The words with typos fixed against the vocabulary, and how many were fixed."""
        fixed, count = [], 0
        for word in words:
            allowed = 1 if len(word) < LONG_WORD else 2
            if len(word) < MIN_TYPO_LETTERS or word.isdigit():
                fixed.append(word)
                continue
            # typists rarely miss the first letter: requiring it keeps 'zookeeper' off
            # 'bookkeeper'
            near = [n for n in process.extract(word, self.vocabulary, scorer=OSA.distance,
                                               score_cutoff=allowed, limit=None)
                    if n[0][0] == word[0] and n[0] != word]
            # nearest first, then the word most titles use (the lists hold misspellings too)
            best = min(near, key=lambda n: (n[1], -self.frequency[n[0]], n[0]), default=None)
            if word in self.known and (best is None or self.frequency[best[0]]
                                       < COMMONER * self.frequency[word]):
                best = None  # a listed word stays, unless it is a listed misspelling of a
                # much commoner one ('consultent' beside 'consultant')
            if best is not None and real_word(word, best[0]):
                best = None
            fixed.append(best[0] if best else word)
            count += best is not None
        return tuple(fixed), count

    def owner(self, words: tuple[str, ...], *, head: bool) -> tuple[_Entry | None, int]:
        """The family that clearly owns the titles starting with `words` (a department:
        'marketing', 'investment banking') or, with `head`, ending with them (a head noun:
        'consultant'), with how many titles it has so; (None, 0) when no family does."""
        span = len(words)
        found = [e for e in self.entries if len(e.words) > span
                 and (e.words[-span:] if head else e.words[:span]) == words]
        owners = Counter(e.family for e in found)
        if not owners:
            return None, 0
        (family, count), *rest = owners.most_common()
        if count < 2 or (rest and rest[0][1] * 2 > count):
            return None, 0
        return next(e for e in found if e.family == family), count


_INDEXES: dict[int, tuple[Bank, TitleIndex]] = {}


def title_index(bank: Bank) -> TitleIndex:
    """The bank's index, built once per bank object (the bank is kept so its id stays valid)."""
    held = _INDEXES.get(id(bank))
    if held is None or held[0] is not bank:
        if len(_INDEXES) > 16:
            _INDEXES.clear()
        held = _INDEXES[id(bank)] = (bank, TitleIndex(bank))
    return held[1]


@lru_cache(maxsize=2048)
def _resolve_cached(role: str, index: TitleIndex) -> tuple[str, str, float, str]:
    # keyed by the index object itself (hashed by identity; the cache keeps it alive)
    return _resolve(role, index)


def resolve_title(role: str, bank: Bank) -> TitleMatch:
    """The family for a typed title, with the catalogue title matched and a confidence."""
    family, matched, confidence, method = _resolve_cached(role, title_index(bank))
    if family == GENERIC_FAMILY and GENERIC_FAMILY not in bank:
        raise LookupError("the question bank has no generic family")
    return TitleMatch(family=bank[family], title=" ".join(role.split()), matched=matched,
                      confidence=round(confidence, 2), method=method)


def _resolve(role: str, index: TitleIndex) -> tuple[str, str, float, str]:
    variants = role_variants(role)
    found = _resolve_words(variants, index)
    typed = set(variants[-1]) if variants else set()
    # a word of the family's not_with that the matched title lacks: a nurse, but of animals
    if (index.not_with.get(found[0], frozenset()) & typed) - set(found[1].split()):
        return GENERIC_FAMILY, "", 0.0, "none"
    return found


def _resolve_words(variants: tuple[tuple[str, ...], ...],
                   index: TitleIndex) -> tuple[str, str, float, str]:
    plain = tuple(w for w in (variants[-1] if variants else ()) if w not in NOISE)
    if not plain:  # punctuation, another script, or only seniority words ('Senior', 'Lead')
        return GENERIC_FAMILY, "", 0.0, "none"
    partial: tuple[_Entry, tuple[str, ...], float] | None = None
    for number, words in enumerate(variants):
        entry = index.contained(words)
        if entry is not None and entry.words == words:
            return _found(entry, words, "exact", 0.0 if number == 0 else 0.02)
        if entry is not None and partial is None:
            partial = (entry, words, 0.0 if number == 0 else 0.02)
    for words in variants:  # a typo may hide a longer title than the part that matched
        fixed, count = index.corrected(words)
        entry = index.contained(fixed) if count else None
        if entry is not None and (partial is None or len(entry.words) > len(partial[0].words)):
            return _found(entry, fixed, "typo", 0.08 * count)
    if partial is not None:
        return _found(partial[0], partial[1], "contains", partial[2])
    owned = _owner(index, index.corrected(plain)[0])
    if owned is not None:
        return owned
    found = process.extractOne(" ".join(plain), index.phrases, scorer=fuzz.token_sort_ratio,
                               score_cutoff=TYPO_CUTOFF)
    if found is not None and _only_typos(plain, index.entries[found[2]].words):
        entry = index.entries[found[2]]
        return entry.family, found[0], 0.8 * found[1] / 100, "fuzzy"
    return GENERIC_FAMILY, "", 0.0, "none"


def _only_typos(typed: tuple[str, ...], title: tuple[str, ...]) -> bool:
    """True when a whole-title fuzzy match differs from the title only by typos and spacing:
    every typed word is in the title, or a long word one or two edits from one of its words with
    the same first letter, or the words run together. A short real word is a different job
    ('Band Manager' is not a brand manager, 'Tour Manager' not a store manager), and so is a
    different longer one ('Stage Manager' is not a site manager)."""
    if "".join(typed) == "".join(title):
        return True
    for word in typed:
        if word in title:
            continue
        allowed = 1 if len(word) < LONG_WORD else 2
        if len(word) < MIN_TYPO_LETTERS or not any(
                w[0] == word[0] and OSA.distance(word, w) <= allowed for w in title):
            return False
    return True


def _owner(index: TitleIndex, plain: tuple[str, ...]) -> tuple[str, str, float, str] | None:
    """The family owning the title's words as a head noun ('Consultant': titles ending
    'consultant'), as a department ('Head of Marketing'), or its modifiers as a department
    when the head noun is unknown ('Retail Assistant'); the most titles wins, a head noun on a
    tie."""
    tries = [(index.owner(plain, head=True), "head noun"),
             (index.owner(plain, head=False), "department")]
    if len(plain) > 1:
        tries.append((index.owner(plain[:-1], head=False), "department"))
    (entry, _), method = max(tries, key=lambda t: t[0][1])  # max keeps the first of ties
    if entry is None:
        return None
    return entry.family, " ".join(entry.words), 0.6, method


def _found(entry: _Entry, words: tuple[str, ...], method: str,
           penalty: float) -> tuple[str, str, float, str]:
    """Confidence: 1 for the whole title, less the more of it the match leaves unexplained."""
    covered = len(entry.words) / max(1, len([w for w in words if w not in NOISE]))
    confidence = 1.0 if method == "exact" else 0.6 + 0.35 * min(1.0, covered)
    if method == "typo" and covered >= 1:
        confidence = 0.95
    return entry.family, " ".join(entry.words), max(0.3, confidence - penalty), method


ACRONYM_CASE = {"ios": "iOS", "devops": "DevOps", "mlops": "MLOps", "appsec": "AppSec"}
SMALL_WORDS = frozenset({"of", "and", "in", "for", "to", "the", "on", "at"})
# Short words that are initialisms inside longer titles ("IT Support", "UX Designer").
INITIALISMS = frozenset({"ux", "ui", "qa", "it", "hr", "ai", "ml", "bi", "pr", "ea", "pa", "ic",
                         "ir", "ap", "ar", "fp", "ehs", "hse", "seo", "ppc", "api", "cad"})


def display_title(title: str) -> str:
    """A catalogue title (lower case) as people write it: 'it support specialist' ->
    'IT Support Specialist', 'ios developer' -> 'iOS Developer', 'head of product' kept small."""
    parts = title.split()
    words = []
    for word in parts:
        if word in ACRONYM_CASE:
            words.append(ACRONYM_CASE[word])
        elif word in SMALL_WORDS and len(parts) > 1:
            words.append(word)
        elif len(word) <= 3 and word.isalnum() and (
                len(parts) == 1 or word in INITIALISMS or not re.search(r"[aeiouy]", word)):
            words.append(word.upper())
        else:
            words.append(word[:1].upper() + word[1:])
    return " ".join(words)


# Short catalogue titles that are words, not abbreviations ("chef", not "CHEF").
SHORT_WORD_TITLES = frozenset({"chef", "cook", "ops", "dev", "dr", "salt", "coder", "tutor"})


def abbreviations(bank: Bank) -> frozenset[str]:
    """The catalogue's one-word titles of up to four letters ('sre', 'ba', 'rn') and the known
    initialisms: words that are read letter by letter, so they are written in capitals."""
    short = {t for family in bank.values() for t in family.titles
             if len(t) <= 4 and t.isalnum() and t not in SHORT_WORD_TITLES}
    return frozenset(short | INITIALISMS)


def spoken_title(role: str, known: frozenset[str]) -> str:
    """The typed title mid-sentence: spacing tidied, capitals as typed; a title typed all in
    lower case gets its abbreviations in capitals ('senior sre' -> 'senior SRE')."""
    words = role.split()
    if any(ch.isupper() for ch in role):
        return " ".join(words)
    return " ".join(ACRONYM_CASE.get(w) or (w.upper() if w in known else w) for w in words)


def suggestions(family: RoleFamily, limit: int = 2) -> tuple[str, ...]:
    """The family's first few titles as people write them: no abbreviations (under 5 letters),
    no seniority words, one spelling of each ('Front-end Developer' = 'Frontend Developer')."""
    full = {normalise_title(t): t for t in reversed(family.titles)
            if len(t) >= 5 and not NOISE.intersection(normalise_title(t).split())}
    ordered = list(dict.fromkeys(normalise_title(t) for t in family.titles))
    return tuple(display_title(full[n]) for n in ordered if n in full)[:limit]


def match_family(role: str, bank: Bank) -> RoleFamily:
    """The family serving `role`; the generic family when no title matches."""
    return resolve_title(role, bank).family
