"""A job description's requirements, and which questions and answers address them (issue 16).
Pure functions over the role catalogue; no I/O.

- `jd_requirements`: the skills and tools a JD names, as it writes them ("SQL", "window
  functions", "Looker", "Terraform Cloud"), first mention first: the catalogue's terms for the
  family (what the bank can ask about) and the names and cued phrases the catalogue does not know
  (`estel.jd_terms`), one entry per requirement.
- `addressed` / `preferred_technical` / `selection_terms`: which bank questions are on them.
- `requirement_coverage`: which requirements the answers covered, for the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache

from estel.brains.offline.bank import GENERIC_FAMILY, BankQuestion, RoleFamily, load_bank
from estel.extensions import MAX_REQUIREMENT_CHARS, MAX_REQUIREMENTS
from estel.jd_kinds import ALIASES
from estel.jd_tasks import singular, task_terms
from estel.jd_terms import VAGUE, Found, named_terms, requirement_text

# A term that more than this share of the family's technical questions ask about is the job's
# everyday vocabulary ("patient" for nurses, "service" for backend): naming it prefers nothing.
MAX_TERM_SHARE = 0.34
# what may follow a catalogue stem in a JD's word ("reconcil" of "reconciliations")
_SUFFIX = (r"(?:i?ations?|ions?|ings?|ed|e[sdr]?|s|d|ers?|(?:il)?it(?:y|ies)|ies|y|i[sz](?:e[sd]?|"
           r"ing|ations?)|ments?|[ae]nc(?:e|es|y)|[ae]nts?|als?|ally|[ai]ble|ive|ory|ial|le|ce|t)?")


def mentions(text: str, term: str) -> bool:
    """`term` appears in `text` as whole words, plural allowed (case-insensitive; "dashboard"
    is in "dashboards", "sql" is not in "nosqlite")."""
    pattern = rf"(?<![a-z0-9]){_words(term)}(?:e?s)?(?![a-z0-9])"
    return re.search(pattern, text.lower()) is not None


def _words(term: str) -> str:
    """The term as a pattern whose words a space or a hyphen may join ("cash-flow")."""
    return r"[\s-]".join(re.escape(word) for word in term.lower().split())


def term_match(text: str, term: str) -> re.Match[str] | None:
    """Where `text` first says a catalogue `term`: as `mentions` does, and a stem the catalogue
    writes as a word's start ("reconcil", "differentiat") with any usual ending."""
    ending = _SUFFIX if _is_stem(term) else r"(?:e?s)?"
    return re.search(rf"(?<![a-z0-9]){_words(term)}{ending}(?![a-z0-9])", text.lower())


def says(text: str, term: str) -> bool:
    return term_match(text, term) is not None


def _is_stem(term: str) -> bool:
    """A one-word catalogue term that is no everyday word is a stem ("priorit")."""
    return " " not in term and len(term) >= 5 and term.isalpha() and term not in everyday()


@cache
def everyday() -> frozenset[str]:
    """Words the bank's own prose writes in lower case: everyday English, not names."""
    words: set[str] = set()
    for family in load_bank().values():
        for q in family.questions:
            for text in (q.question, q.helper_hint, q.model_answer, q.topic,
                         *(p.point for p in q.talking_points),
                         *(p.substance for p in q.talking_points)):
                words.update(re.findall(r"(?<![A-Za-z])[a-z][a-z-]*", text))
    return frozenset(words)


@cache
def title_ends() -> frozenset[str]:
    """The words job titles end with in the catalogue ("analyst", "nurse", "chef")."""
    return frozenset(t.split()[-1] for f in load_bank().values() for t in f.titles
                     if t.split() and not re.search(r"\b(?:at|of|in|for)\b", t))


@cache
def _title_end_keys() -> frozenset[str]:
    return frozenset(_key(t) for t in title_ends())  # once, not once per catalogue term


def _title_words(family: RoleFamily) -> set[str]:
    """Words in three or more of the family's titles ("data", "analyst"): the role's own
    vocabulary, which a JD for the role always uses and which names no particular skill."""
    counts: dict[str, int] = {}
    for title in family.titles:
        for word in set(re.findall(r"[a-z]+", title.lower())):
            counts[word] = counts.get(word, 0) + 1
    return {word for word, count in counts.items() if count >= 3}


def catalogue_terms(family: RoleFamily) -> list[str]:
    """The family's role terms, then its technical questions' talking-point keywords: the
    skills and tools the catalogue can ask about, without the role's own vocabulary."""
    terms = list(family.role_terms)
    for question in family.questions:
        if question.phase == "technical":
            terms.extend(k for point in question.talking_points for k in point.keywords)
    titles = _title_words(family)
    seen: dict[str, None] = {}
    for term in terms:
        term = term.strip().lower()
        if len(term) >= 3 and term not in titles and term not in seen:
            seen[term] = None
    return list(seen)


def jd_requirements(job_description: str, family: RoleFamily) -> tuple[str, ...]:
    """The skills and tools a JD names, as it writes them, in the order it names them: the
    catalogue's terms for the family and the names and cued phrases it does not know."""
    found = [*_from_catalogue(job_description, family),
             *named_terms(job_description, everyday(), title_ends())]
    # the tasks a JD lists as verb phrases come after its names and skills: they matter when
    # a trade's work has few names ("tempering chocolate")
    # "forecasting cash-flow" says no more than "cash-flow"; "pick rate targets" more than "pick"
    # and "cohort and funnel analyses" no more than "cohort" and "funnel"
    tasks = [t for t in task_terms(job_description, verbs(), everyday(), actions(), compounds())
             if not ((t.term.split()[0].endswith("ing") or " and " in t.term)
                     and any(overlaps(t.term, f.term) for f in found))]
    return _one_each([*sorted(found, key=lambda f: f.at), *tasks])[:MAX_REQUIREMENTS]


def _from_catalogue(jd: str, family: RoleFamily) -> list[Found]:
    """The family's catalogue terms the JD names as skills, where it first names each."""
    roles = {t.lower() for t in family.role_terms}
    technical = [q for q in family.questions if q.phase == "technical"]
    lines = requirement_text(jd)
    body = lines[0][0] if lines else len(jd)  # where the text past the title starts
    found = []
    for term in catalogue_terms(family):
        if (not _skill_like(term, jd, roles, family) or not _specific(term, technical)
                or _key(term) in _title_end_keys() or term in VAGUE
                or f"{term}s" in VAGUE):
            continue  # "analysts", "clients": colleagues and customers, not skills
        # an everyday word in the title names the team ("Acute Medical Unit"), no skill
        start = body if " " not in term and term in everyday() else 0
        match = term_match(jd[start:], term)
        while match is not None and term in everyday() and _as_verb(
                jd, start + match.start(), start + match.end()):
            start += match.end()  # "order and review searches": a task, not a skill
            match = term_match(jd[start:], term)
        if match is not None:
            at = start + match.start()
            found.append(Found(at, _surface(jd, at, start + match.end())))
    return found


def _as_verb(jd: str, start: int, end: int) -> bool:
    """An everyday word the JD uses as a verb with an object: after "to", "will", "and"... or
    opening a line, in its base form, with a word after it ("and review searches", "Teach Key
    Stage 3"); "against budget and forecast." and "keep handovers" stay."""
    word = jd[start:end].lower()
    if " " in word or word not in verbs():  # a verb in its base form only
        return False
    before = jd[:start].rstrip(" \t")
    after = re.match(r"\s+([A-Za-z]\w*)", jd[end:])
    opens = not before.strip(" -*•>#") or before.endswith(("\n", ".", ":", "-", "*", "•"))
    after_aux = re.search(r"(?:\b(?:to|will|'ll|then|you|we|must|can|should)|,)$",
                          before.lower()) is not None
    # "order and review searches": the word before "and" is itself a task
    listed = re.search(r"(^|[,;:\n•*-]|\b(?:to|will|'ll|you|we))?\s*\b([a-z]+) (?:and|or)$",
                       before.lower())
    after_aux = after_aux or (listed is not None and (
        listed.group(2) in verbs() or listed.group(1) is not None))
    return (opens or after_aux) and after is not None and after.group(1).lower() not in (
        "and", "or")


@cache
def verbs() -> frozenset[str]:
    """Words the bank's prose uses as verbs ("you review", "to schedule")."""
    counts: set[str] = set()
    for family in load_bank().values():
        for q in family.questions:
            for text in (q.question, q.helper_hint, q.model_answer):
                counts.update(re.findall(r"\b(?:to|you|we|will|would|should|must|can|could)\s+"
                                         r"([a-z]+)\b", text))
    return frozenset(counts)


@cache
def actions() -> frozenset[str]:
    """Words the bank's prose uses as verbs with an object ("you cost", "to test the"): not
    "safety" of "get them to safety." or "to safety and", which `verbs` holds."""
    found: set[str] = set()
    for text in _prose():
        found.update(re.findall(r"\b(?:you|we|will|would|should|must|can|could|then)\s+([a-z]+)"
                                r"\b", text))
        # "to install new", "to test the": a word after it, not a clause's end or a link word
        found.update(re.findall(r"\bto\s+([a-z]+)\s+(?!(?:and|or|of|in|on|at|for|with|by|"
                                r"from|as|is|are|was|were|be)\b)[a-z]", text))
    return frozenset(found)


@cache
def compounds() -> frozenset[str]:
    """Noun pairs the bank's prose writes after an article or a preposition ("the heat pump",
    "of test results"), in the singular: a verb-like first word that opens no task."""
    found: set[str] = set()
    for text in _prose():
        for first, second in re.findall(r"\b(?:the|a|an|of|for|on|in|with|from|your|their|our|"
                                        r"its|any|each|every|no)\s+([a-z]+)\s+([a-z]+)\b", text):
            found.add(f"{first} {singular(second)}")
    return frozenset(found)


def _prose() -> Iterator[str]:
    yield from (t for f in load_bank().values() for q in f.questions
                for t in (q.question, q.helper_hint, q.model_answer))


def _surface(jd: str, start: int, end: int) -> str:
    """The JD's own spelling ("SQL", "CI/CD", "reconciliations"), lower case when only a
    sentence's or bullet's first capital made it upper."""
    text = jd[start:end]
    before = jd[:start].rstrip(" \t\"'“(")
    opens = not before.strip(" -*•>#") or before.endswith((".", "!", "?", "\n")) or \
        before[-1:] in "-*•\n"
    if (opens and text[:1].isupper() and not re.search(r"[A-Z]", text[1:])
            and text.lower() in everyday()):  # "Teach" opening a line, not "Looker"
        return text[:1].lower() + text[1:]
    return text


def _one_each(found: Sequence[Found]) -> tuple[str, ...]:
    """One entry per requirement: the same term twice ("SLOs", "slos"), or a term inside a
    longer one ("Terraform" in "Terraform Cloud"), keeps the longer spelling where the JD first
    names either."""
    kept: list[Found] = []
    for item in found:
        key = _key(item.term)
        if not key or len(item.term) > MAX_REQUIREMENT_CHARS:
            continue
        inside = [i for i, k in enumerate(kept) if _inside(key, _key(k.term))]
        if inside:
            continue
        outer = [i for i, k in enumerate(kept) if _inside(_key(k.term), key)]
        if outer:
            first = kept[outer[0]].at
            kept = [k for i, k in enumerate(kept) if i not in outer]
            kept.append(Found(first, item.term))
            kept.sort(key=lambda f: f.at)
            continue
        kept.append(item)
    return tuple(k.term for k in kept)


def merged(first: Sequence[str], then: Sequence[str]) -> tuple[str, ...]:
    """`first` (a model's reading, in its order), then those of `then` (the offline rules')
    that neither repeat nor sit inside one of them, at most MAX_REQUIREMENTS: a model may word a
    requirement its own way or leave out one the bank can ask about. A phrase of `then` that
    holds words of `first` takes the place of the first of them."""
    kept = [t for t in first if t.strip()]
    for term in then:
        key = _key(term)
        keys = [_key(t) for t in kept]
        if not key or any(_inside(key, k) for k in keys):
            continue
        # the model's words inside a phrase the JD writes ("Natasha's" and "Law" of "Natasha's
        # Law"): the phrase takes the first one's place, as `_one_each` keeps the longer spelling
        inner = [i for i, k in enumerate(keys) if k and _inside(k, key)]
        if inner:
            kept[inner[0]] = term
            kept = [t for i, t in enumerate(kept) if i not in inner[1:]]
        else:
            kept.append(term)
    return tuple(kept[:MAX_REQUIREMENTS])


def overlaps(first: str, second: str) -> bool:
    """One requirement is the other, or sits inside it ("Gainsight" and "Gainsight health
    scores"), plurals aside."""
    a, b = _key(first), _key(second)
    return bool(a and b) and (_inside(a, b) or _inside(b, a))


def _key(term: str) -> str:
    words = re.findall(r"[a-z0-9+#/]+", term.lower())
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                    for w in words)


def _inside(short: str, long: str) -> bool:
    return short == long or f" {short} " in f" {long} "


def _specific(term: str, technical: Sequence[BankQuestion]) -> bool:
    share = sum(bool(addressed(q, (term,))) for q in technical) / max(1, len(technical))
    return share <= MAX_TERM_SHARE


def _skill_like(term: str, text: str, role_terms: set[str], family: RoleFamily) -> bool:
    """A catalogue term that names a skill or tool in this JD, not an everyday word a rubric
    happens to use ("get", "measure"): a curated role term (not the generic family's: those are
    any job's words), a phrase ("query plan"), a term with a symbol ("ci/cd"), or one the JD
    writes as a name ("Debezium", "PII") mid-sentence."""
    if " " in term or (term in role_terms and family.family != GENERIC_FAMILY):
        return True
    if not re.search(r"[a-z]", term):
        return False  # "429", "200": status codes and numbers are no requirement by themselves
    if re.search(r"[^a-z]", term):
        return True
    if term in everyday():  # a capitalised everyday word names a team ("with Sales")
        return False
    pattern = rf"(?<![.!?:\n•\-*]\s)(?<=\s)({re.escape(term)})(?:e?s)?(?![a-z0-9])"
    return any(m.group(1)[0].isupper() for m in re.finditer(pattern, text, re.IGNORECASE))


def addressed(question: BankQuestion, requirements: Iterable[str]) -> tuple[str, ...]:
    """The requirements a bank question asks about (its text, topic or talking points)."""
    text = " ".join([question.question, question.topic,
                     *(k for p in question.talking_points for k in p.keywords)])
    return tuple(term for term in requirements if mentions(text, term))


def preferred_technical(family: RoleFamily, requirements: Sequence[str]) -> list[BankQuestion]:
    """The family's technical questions that address the JD, most requirements first."""
    scored = [(len(addressed(q, requirements)), i, q) for i, q in enumerate(family.questions)
              if q.phase == "technical"]
    return [q for count, _, q in sorted(scored, key=lambda s: (-s[0], s[1])) if count]


def coverage(requirements: Sequence[str], answers: Iterable[str]) -> tuple[list[str], list[str]]:
    """(covered, missing): a requirement is covered when some answer talks about it."""
    said = " \n ".join(answers)
    covered = [term for term in requirements if mentions(said, term)]
    return covered, [term for term in requirements if term not in covered]


def selection_terms(requirements: Sequence[str], family: RoleFamily) -> tuple[str, ...]:
    """Each requirement and the catalogue skills inside it ("CI/CD pipelines" -> "pipeline",
    "reconciliations" -> "reconcil"): a model's, the JD's or the candidate's wording still finds
    the bank's questions on it. Only skills: an everyday word a rubric uses ("standard" in
    "EAD standards") would steer to any question that says it."""
    found: dict[str, None] = {}
    for requirement in requirements:
        found[requirement.lower()] = None
        for term in _skills(family):
            if says(requirement, term):
                found[term] = None
        for names in ALIASES:  # "Postgres schemas" is on a question that says "PostgreSQL"
            if any(mentions(requirement, name) for name in names):
                found.update(dict.fromkeys(names))
    return tuple(found)



@cache
def _skills(family: RoleFamily) -> tuple[str, ...]:
    """The family's catalogue terms that name a skill: a phrase, a term with a symbol, a
    family's own curated term, or no everyday word; and not the job's everyday vocabulary."""
    technical = [q for q in family.questions if q.phase == "technical"]
    roles = set() if family.family == GENERIC_FAMILY else {t.lower() for t in family.role_terms}
    return tuple(t for t in catalogue_terms(family)
                 if (" " in t or re.search(r"[^a-z]", t) or t in roles or t not in everyday())
                 and _specific(t, technical))


def suggestions(requirements: Sequence[str], family: RoleFamily, limit: int = 40) -> list[str]:
    """The family's curated skills to offer beside the requirements read (the setup's editable
    list): whole words only (no stems such as "reconcil"; not a rubric's keywords such as "not
    recorded"), none already inside a requirement."""
    keys = [_key(r) for r in requirements]
    offered: list[str] = []
    skills = set(_skills(family))
    for term in (t.lower() for t in family.role_terms if t.lower() in skills):
        key = _key(term)
        if _is_stem(term) or any(_inside(key, k) or _inside(k, key) for k in keys):
            continue
        offered.append(term)
        keys.append(key)
        if len(offered) >= limit:
            break
    return offered


def requirement_coverage(
    requirements: Sequence[str], answers: Iterable[str], family: RoleFamily | None = None,
) -> tuple[list[str], list[str]]:
    """(covered, missing) for the report: a requirement is covered when an answer names it, a
    catalogue skill inside it, or its own name ("EAD" of "EAD standards", "IIIF" of "IIIF
    image servers")."""
    said = " \n ".join(answers)
    terms = _skills(family) if family is not None else ()
    covered = [r for r in requirements
               if mentions(said, r) or any(says(r, t) and says(said, t) for t in terms)
               or any(mentions(said, word) for word in _own_names(r))]
    return covered, [r for r in requirements if r not in covered]


def _own_names(requirement: str) -> list[str]:
    """The words of a requirement that are no everyday word: its name ("Terraform")."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9+#/.-]*[A-Za-z0-9+#]|[A-Z]", requirement)
    if len(words) < 2:
        return []
    return [w for w in words if len(w) >= 2 and re.search(r"[A-Z0-9]", w) and (
        w.lower() not in everyday() or re.search(r"[A-Z0-9]", w[1:]))]  # "ID" of "ID checks"
