"""Requirement terms a job description names that the role catalogue may not know: tools and
products ("Looker", "dbt", "Terraform Cloud", "Xero"), standards, laws and certificates
("ICH-GCP", "HACCP", "Natasha's Law", "AAT Level 3") and what follows "experience with",
"knowledge of", "using"... Pure; `estel.profile` merges them with the catalogue's terms.

How a JD names a tool, and what it names that is no requirement:
- A **name** is written so: capitals inside ("BigQuery", "eDNA", "SLOs"), a digit ("NEWS2"),
  or a capital mid-sentence ("build dashboards in Looker"); neighbouring names join ("Terraform
  Cloud", "HashiCorp Vault"). A capitalised everyday word ("the Head of Growth", "with Sales")
  is no name: the caller passes the words it counts as everyday (`common`). Nor are job titles,
  teams and units ("Acute Medical Unit"), places ("based in Leeds"), regions, currencies, days.
- A **cue** ("experience with dbt and Snowflake", "proficiency in Go or Python") introduces
  requirements in any case, up to the end of the clause; vague heads ("a fast-paced
  environment") are dropped.
- The **title** (the first line, or a short first sentence) and headings name the role and the
  JD's parts; sections about the company, the benefits or how to apply name no requirement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from estel.jd_kinds import kind_after

TITLE_WORDS = 12  # a first sentence this short is the ad's title ("Data Analyst, Growth.")
HEADING_WORDS = 6
CUE_ITEM_WORDS = 4  # longer than this after a cue is a clause, not a skill

# sections whose heading says they are not about the job's work
_OTHER_SECTION = re.compile(
    r"^(?:about (?!(?:the |this )?(?:role|job|position|you|team|work))|who we are|our "
    r"(?:company|story|values|benefits)|benefits|perks|what we offer|we offer|why (?:join|work)|"
    r"how to apply|salary|compensation|pay|location|equal opportunit|diversity|the company)",
    re.IGNORECASE)
_CUE = re.compile(
    r"\b(?:experience (?:with|in|of|using|handling|running)|hands-on (?:experience )?(?:with|in)|"
    r"knowledge of|understanding of|proficien(?:t|cy) (?:in|with)|familiar(?:ity)? with|"
    r"expertise (?:in|with)|skilled in|fluen(?:t|cy) in|background in|"
    r"(?:comfortable|confident) (?:with|using|in)|(?:we|you'll|you will) use|using|"
    r"tools? (?:like|such as)|e\.g\.|such as|"
    r"(?:must[- ]haves?|nice[- ]to[- ]haves?|requirements|skills|tools|(?:tech )?stack|"
    r"technologies|essential|desirable)\s*:)\s*", re.IGNORECASE)
# where a cue's list ends: punctuation, a verb phrase, a qualifier
_CUE_END = re.compile(
    r"[.;:()\[\]!?\n]|\s[-–—]\s|\b(?:is|are|was|would|will|to|for|at|within|across|in a|in an|"
    r"with|using|via|through|when|where|so|that|who|which|"
    r"essential|desirable|preferred|required|a plus|an advantage|or similar|or equivalent|"
    r"helpful|useful|ideally|plus|beneficial)\b", re.IGNORECASE)
_SPLIT = re.compile(r",|\s(?:and|or|and/or|&)\s|\s/\s", re.IGNORECASE)
_LEADING = re.compile(
    r"^(?:(?:a|an|the|our|your|their|its|strong|solid|good|great|excellent|proven|deep|working|"
    r"practical|modern|relevant|similar|basic|advanced|some|any|other|at least one|one or more|"
    r"tools like|e\.g\.|both|either|core|key|common|popular|standard|industry-standard|"
    r"best-practice)\s+)+", re.IGNORECASE)
# the last word of what a cue names when it names no skill ("a fast-paced environment")
_VAGUE = """
environment environments team teams role roles company companies organisation organization
organisations organizations setting settings industry industries sector sectors field fields
position positions people person startup startups business businesses year years month months
world culture way ways thing things work task tasks job jobs level levels stakeholder
stakeholders customer customers client clients colleague colleagues others range variety lot
lots kind kinds type types area areas part parts fixed-term part-time full-time permanent
temporary contract hybrid remote account accounts
"""
VAGUE = frozenset(_VAGUE.split())
# capitalised words that are no requirement in any JD
_NOT_NAMES = """
uk us usa eu emea apac latam na hq ceo cfo cto coo cio cmo vp svp evp md hr ok fte pto wfh
tbc asap am pm ltd plc inc llc faq i ii iii gbp usd eur dei eeo ote k we you our your they
b2b b2c d2c dtc saas sme smes smb
their it this that these those monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
"""
_NO_NAME = frozenset(_NOT_NAMES.split())
_ORGS = """unit team teams department platform office group division ward practice trust council
services service squad tribe hub centre center campus site"""
_ORG_NOUNS = frozenset(_ORGS.split())  # "Acute Medical Unit", "Payments Platform": no skill
_HEADS = "head chief director manager lead senior principal vp officer president founder"
_TITLE_HEADS = frozenset(_HEADS.split())  # "Head Chef", "Senior Manager": a job title
# "based in Leeds", "covering Newport, Bridgend and Barry": a place, and for the cues that only
# ever name places, the places listed after it (a capitalised run, then ", " or "and")
_PLACE_CUES = ("based|located|offices?|sites?|hubs?|depots?|near|from|at|join|joining|across|"
               "covering|serving|around|throughout")
_PLACE_ONLY_CUES = "based|located|covering|serving|throughout"  # "across AWS" is no place
_PLACE_LIST = r"(?:[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*)*(?:\s*,\s*|\s+(?:and|or|&)\s+))+"
_PLACE_BEFORE = re.compile(
    rf"\b(?:(?:{_PLACE_CUES})(?:\s+(?:in|at|near|across|around|throughout))?\s+"
    rf"|(?:{_PLACE_ONLY_CUES})(?:\s+(?:in|at|near|across|around))?\s+{_PLACE_LIST})$",
    re.IGNORECASE)
_PLACE_AFTER = re.compile(r"^[\s-]*(?:office|offices|hq|headquarters|campus|-based|based)\b",
                          re.IGNORECASE)
_TOKEN = re.compile(r"[^\s,;:()\[\]{}\"“”]+(?:\([A-Za-z0-9]{1,3}\))?")  # "ISAD(G)"
_STRIP = ".!?'’\"-–—*•"


@dataclass(frozen=True)
class Found:
    """A requirement term and where the JD first writes it."""

    at: int
    term: str


def requirement_text(jd: str) -> list[tuple[int, str]]:
    """The JD's lines that may name requirements, with their offsets: without the title,
    headings and the sections about the company, benefits or applying."""
    lines: list[tuple[int, str]] = []
    at = 0
    for raw in jd.splitlines(keepends=True):
        lines.append((at, raw.rstrip("\n")))
        at += len(raw)
    kept: list[tuple[int, str]] = []
    skipping = False
    first = True
    for offset, line in lines:
        text = line.strip()
        if not text:
            continue
        if first:  # the ad's title: the first line, or its first short sentence
            first = False
            offset, line = _past_title(offset, line, multiline=len(
                [ln for _, ln in lines if ln.strip()]) > 1)
            if not line.strip():
                continue
        if _is_heading(text):
            skipping = bool(_OTHER_SECTION.match(text.lstrip("#*• -").strip()))
            continue
        if not skipping:
            kept.append((offset, _without_self_description(line)))
    return kept


# "We're an NICEIC-registered contractor...", "We are a family firm...": the company
# describing itself, whose names (its accreditations, places, clients) ask nothing of the
# candidate; "We use Xero" and "We're looking for someone with dbt" do
_SELF = re.compile(r"(?:(?<=^)|(?<=[.!?]\s))\s*(?:[-*•]\s*)?(?:we'?re|we’re|we are|we have been|"
                   r"we've been|founded|established)\s+(?:an?|the|one of)\b[^.!?]*[.!?]?",
                   re.IGNORECASE)


def _without_self_description(line: str) -> str:
    """The line with the company's sentences about itself blanked (offsets kept)."""
    return _SELF.sub(lambda m: " " * len(m.group(0)) if not _CUE.search(m.group(0)) else
                     m.group(0), line)


def _past_title(offset: int, line: str, *, multiline: bool) -> tuple[int, str]:
    if multiline and _title_like(line):
        return offset, ""
    match = re.match(r"[^.!?\n]*?[.!?](?:\s+|$)", line)
    if match and line[match.end():].strip() and _title_like(match.group(0)):
        return offset + match.end(), line[match.end():]
    return offset, line


def _title_like(text: str) -> bool:
    """A short line that names the job ("Data Analyst, Subscriptions."), not one that already
    asks for something ("Must have: SQL, Looker", "We need someone with dbt experience")."""
    return (len(text.split()) <= TITLE_WORDS and ":" not in text and not _CUE.search(text + " ")
            and not re.search(r"\b(?:you|we|will|must|need|needs|should|looking|experience|"
                              r"required|skills|knowledge)\b", text, re.IGNORECASE))


def _is_heading(text: str) -> bool:
    bare = text.lstrip("#*• -").strip()
    words = bare.split()
    if not words or len(words) > HEADING_WORDS or text.lstrip().startswith(("-", "*", "•")):
        return False
    if ":" in bare.rstrip(":"):
        return False  # "Nice to have: Hex" lists, it does not head
    return bare.endswith(":") or (not re.search(r"[.,;!?)]$", bare) and "," not in bare)


def named_terms(jd: str, common: frozenset[str], title_words: frozenset[str]) -> list[Found]:
    """The names and cued phrases of a JD's requirement text, first mention first, each once.

    `common`: everyday lower-case words (a capitalised one is no name); `title_words`: words
    that end job titles ("analyst", "nurse")."""
    found: dict[str, Found] = {}
    for offset, line in requirement_text(jd):
        for item in [*_names(line, common, title_words), *_cued(line, common),
                     *_listed(line, common), *_bare_item(line, common)]:
            key = item.term.lower()
            if key not in found or found[key].at > offset + item.at:
                found[key] = Found(offset + item.at, item.term)
    return sorted(_settle_kinds(jd, found).values(), key=lambda f: f.at)


def _names(line: str, common: frozenset[str], title_words: frozenset[str]) -> Iterator[Found]:
    """Runs of name-like tokens ("Terraform Cloud", "AAT Level 3") in one line. A capitalised
    everyday word is a name when the JD lists it with one ("React and TypeScript")."""
    runs = list(_runs(line))
    kept = [_keep_name(_joined(line, run), line, run[0].start(), run[-1].end(), common,
                       title_words) for run in runs]
    for i, run in enumerate(runs):
        name = _joined(line, run)
        if kept[i] is None:  # everyday word: a name beside a name
            kept[i] = any(kept[j] and _coordinated(line, runs[min(i, j)], runs[max(i, j)])
                          for j in (i - 1, i + 1) if 0 <= j < len(runs))
        if kept[i]:
            yield Found(run[0].start() + _lead(run[0].group(0)), name + _kind(line, run))


def _settle_kinds(jd: str, found: dict[str, Found]) -> dict[str, Found]:
    """A name keeps the kind after it ("Tableau dashboards") only when the JD always writes it
    so: "Terraform plans" beside "Terraform Cloud" is the one tool, "Terraform"."""
    settled: dict[str, Found] = {}
    for item in found.values():
        name, _, kind = item.term.rpartition(" ")
        if name and " " not in name and re.fullmatch(r"[a-z]{3,}s", kind):
            every = len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", jd))
            if every > len(re.findall(rf"(?<![\w-]){re.escape(item.term)}\b", jd)):
                item = Found(item.at, name)
        settled.setdefault(item.term.lower(), item)
    return settled


def _kind(line: str, run: list[re.Match[str]]) -> str:
    """What a one-word name is, when the JD says so after it ("Tableau dashboards", "EV
    charger"): `estel.jd_kinds`."""
    if len(run) > 1 or re.search(r"[.,;:)!?]$", run[-1].group(0)):
        return ""
    return kind_after(line[run[-1].end():], _clean(run[-1].group(0)), VAGUE)


def _runs(line: str) -> Iterator[list[re.Match[str]]]:
    """Neighbouring name-like tokens, split at punctuation ("Prometheus, Grafana" are two)."""
    run: list[re.Match[str]] = []
    for match in _TOKEN.finditer(line):
        token = _clean(match.group(0))
        joins = bool(run) and not line[run[-1].end():match.start()].strip() and not re.search(
            r"[.!?,;:)]$", run[-1].group(0))
        if token and _name_like(token, line, match.start(), run if joins else []):
            if run and not joins:
                yield run
                run = []
            run.append(match)
            continue
        if run:
            yield run
            run = []
    if run:
        yield run


def _coordinated(line: str, first: list[re.Match[str]], second: list[re.Match[str]]) -> bool:
    between = line[first[-1].end():second[0].start()]
    return re.fullmatch(r"\s*(?:,|,?\s+(?:and|or|&))\s*", between) is not None


def _clean(token: str) -> str:
    return token.strip(_STRIP).removesuffix("'s").removesuffix("’s") if token else ""


def _lead(raw: str) -> int:
    return len(raw) - len(raw.lstrip(_STRIP))


def _name_like(token: str, line: str, start: int, run: list[re.Match[str]]) -> bool:
    if token[0].isdigit():  # "Level 3": a number only continues a name; "18th Edition"
        ordinal = re.fullmatch(r"\d{1,3}(?:st|nd|rd|th)", token) is not None
        return (bool(run) and len(token) <= 4) or (
            ordinal and re.match(r" [A-Z]", line[start + len(token):]) is not None)
    if not re.match(r"[A-Za-z.]", token) or not re.search(r"[A-Za-z]", token):
        return False
    inner_caps = re.search(r"[A-Z]", token[1:]) is not None
    if inner_caps or re.search(r"[A-Za-z]\d|[+#]", token):
        return True
    if not token[0].isupper():
        return False
    return bool(run) or not _sentence_start(line, start) or _in_list(line)


def _sentence_start(line: str, start: int) -> bool:
    before = line[:start].rstrip(" \t'\"“(")
    return not before.strip(" -*•>#0123456789)") or before.endswith((".", "!", "?"))


def _in_list(line: str) -> bool:
    """A line that is a list of short items ("Python, SQL, Tableau"): each item is a name."""
    items = [i.strip() for i in line.strip(" -*•").split(",")]
    return len(items) >= 3 and all(0 < len(i.split()) <= 3 for i in items)


def _joined(line: str, run: list[re.Match[str]]) -> str:
    text = line[run[0].start():run[-1].end()]
    return _clean(" ".join(text.split()))


def _keep_name(name: str, line: str, start: int, end: int, common: frozenset[str],
               title_words: frozenset[str]) -> bool | None:
    """Whether a run is a requirement's name; None for a capitalised everyday word, which is
    one only beside another name."""
    words = name.lower().split()
    if len(words) == 1:
        word = words[0]
        if word in _NO_NAME or (len(word) == 1 and not _cued_letter(line, start)):
            return False
        if word in common and not _written_as_name(name) and not _cued_at(line, start):
            return None if not _PLACE_BEFORE.search(line[:start]) else False
    elif (words[0] in _TITLE_HEADS or words[-1] in _ORG_NOUNS or words[-1] in title_words
          or all(w in _NO_NAME for w in words)):
        return False
    if _measure(name, line, start, end):
        return False
    if _written_as_name(name):  # "across AWS and GCP": places are not written "GCP"
        return True
    return not (_PLACE_BEFORE.search(line[:start]) or _PLACE_AFTER.match(line[end:]))


_AMOUNT_BEFORE = re.compile(r"[£$€]?\d[\d,.]*\s*(?:[kKmMbB]|bn|mn|%)?\s*$")
_CLAUSE_GOES_ON = re.compile(r"\s*(?:$|[.,;:()!?/]|(?:and|or|in|of|per|a|to|across|with|"
                             r"from)\b)")  # "a 28% GP target": the GP is the chef's to hit


def _measure(name: str, line: str, start: int, end: int) -> bool:
    """An acronym after an amount that ends its phrase is a unit the business is measured in
    ("2.4m MAU", "£8M ARR", "40% YoY"), not a skill; "3 AWS accounts" still names a tool."""
    return (re.fullmatch(r"[A-Z][A-Za-z]{1,4}", name) is not None
            and sum(c.isupper() for c in name) >= 2
            and _AMOUNT_BEFORE.search(line[:start]) is not None
            and _CLAUSE_GOES_ON.match(line[end:]) is not None)


def _written_as_name(name: str) -> bool:
    """Capitals inside or a digit: "SQL", "NEWS2" are names even when the word is everyday."""
    return re.search(r"[A-Z]", name[1:]) is not None or re.search(r"\d", name) is not None


def _cued_at(line: str, start: int) -> bool:
    """The word comes right after a cue or inside a cue's list ("proficiency in Go")."""
    for cue in _CUE.finditer(line):
        end = _CUE_END.search(line, cue.end())
        if cue.end() <= start < (end.start() if end else len(line)):
            return True
    return False


def _cued_letter(line: str, start: int) -> bool:
    """A one-letter language ("analyse it in R") comes after in/using/with or a cue."""
    return bool(re.search(r"\b(?:in|using|with)\s+$", line[:start])) or _cued_at(line, start)


def _cued(line: str, common: frozenset[str]) -> Iterator[Found]:
    """The items a cue introduces: "experience with dbt and Snowflake" -> dbt, Snowflake."""
    for cue in _CUE.finditer(line):
        end = _CUE_END.search(line, cue.end())
        stop = end.start() if end else len(line)
        offset = cue.end()
        for index, part in enumerate(_SPLIT.split(line[offset:stop])):
            item = _LEADING.sub("", part.strip()).strip(_STRIP + " ")
            words = item.split()
            # a later item of three lower-case words is a new clause ("escalate with SBAR")
            if index and len(words) >= 3 and words[0].islower():
                break
            if re.match(r"(?:an?\s+)?(?:similar|equivalent|comparable|other|another)\b",
                        part.strip(), re.IGNORECASE):
                continue  # "Airtable or a similar database tool": the alternative is no skill
            at = offset + line[offset:stop].find(item) if item else -1
            if item and _cue_item(item, common, listed=cue.group(0).rstrip().endswith(":")):
                yield Found(max(at, offset), item)


def _listed(line: str, common: frozenset[str]) -> Iterator[Found]:
    """A bracketed list of short items names sub-skills: "in R (mixed-effects models, power
    analysis)", "(window functions, CTEs)"."""
    for group in re.finditer(r"\(([^()]{2,120})\)", line):
        items = [i.strip() for i in _SPLIT.split(group.group(1))]
        if not all(0 < len(i.split()) <= 3 for i in items):
            continue  # a remark, not a list ("we use Maze and Lookback")
        for item in items:
            item = _LEADING.sub("", item).strip(_STRIP + " ")
            if item and _cue_item(item, common) and not _CUE.search(item + " "):
                yield Found(group.start(1) + group.group(1).find(item), item)


def _bare_item(line: str, common: frozenset[str]) -> Iterator[Found]:
    """A bullet that is just a skill ("- dbt", "• Power BI") names it."""
    match = re.match(r"\s*[-*•·▪]\s+([^.,;:!?]{2,40})\s*$", line)
    item = match.group(1).strip() if match else ""
    if item and len(item.split()) <= 3 and _cue_item(item, common, listed=True):
        yield Found(match.start(1), item)


def _cue_item(item: str, common: frozenset[str], listed: bool = False) -> bool:
    words = item.lower().split()
    if not words or len(words) > CUE_ITEM_WORDS or not re.search(r"[a-z]", item, re.I):
        return False
    if words[-1] in VAGUE or words[0] in ("how", "what", "why", "when", "where", "which"):
        return False
    if any(w[0].isdigit() for w in words):
        return False
    # one everyday lower-case word ("experience with data") names nothing in particular; a
    # short one in a list is a tool's name ("dbt", "git")
    return not (len(words) == 1 and item.islower() and words[0] in common
                and not (listed and len(item) <= 4))
