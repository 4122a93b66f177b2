"""Small wording rules shared by notes, feedback, follow-ups and reactions. Pure.

- `lower_first` lowers a phrase's first letter for use mid-sentence, but keeps acronyms and
  proper names that start with two capitals ('HTTP methods', never 'hTTP methods').
- `second_person` turns a rubric point written about "the candidate" ("How they first got into
  programming", "Their own contribution") into one addressed to the candidate ("How you first got
  into programming"); a "they" that is someone else ("Understanding their need", "Diagnoses what
  they needed") is left alone.
"""

from __future__ import annotations

import re

# Only where 'they' acts as a candidate does in a rubric ('what they would do differently', 'how
# they first got into'); 'what they needed', 'why they ask', 'what they expected' are the mentee,
# the user or the stakeholder, and stay.
_ASKING_THEY = re.compile(
    r"\b(how|what|why|where|when|which|whether|something|anything|that)\s+they(?:'(re|ve|d|ll))?"
    r"(?=\s+(?:bring|did|do|would|could|can|will|first|personally|decided|chose|learned|learnt"
    r"|got|started|handled|approach)\b|'(?:re|ve|d|ll)\b)",
    re.IGNORECASE)
_OWN_THEIR = re.compile(
    r"\btheir\s+(own|part|role|contribution|approach|decisions?|share|design\s+role|background"
    r"|motivation|experience|learning|reasoning|judgement|judgment|mistake|choice|plan|impact"
    r"|strengths?|weakness(?:es)?|growth|career|work|answer|story|example)\b",
    re.IGNORECASE)
_CANDIDATE = re.compile(r"\bthe\s+candidate(?:'s)?\b", re.IGNORECASE)
_THEMSELVES = re.compile(r"\bthemselves\b", re.IGNORECASE)
_CONTRACTIONS = {"re": "you're", "ve": "you've", "d": "you'd", "ll": "you'll"}


def lower_first(text: str) -> str:
    """'Production incident' -> 'production incident'; 'HTTP methods', 'A/B tests' kept."""
    if text.startswith("A "):  # the article before a phrase ('A specific piece of work')
        return "a" + text[1:]
    if not text or text[:2].isupper() or (len(text) > 1 and not text[1].isalpha()):
        return text
    if re.match(r"[A-Z][a-z]*[A-Z]", text):  # 'iOS', 'JavaScript': a name, keep it
        return text
    return text[0].lower() + text[1:]


def second_person(text: str) -> str:
    """A rubric point about the candidate, addressed to them ('they' -> 'you' where it is them)."""
    def asking(m: re.Match[str]) -> str:
        pronoun = _CONTRACTIONS.get((m.group(2) or "").lower(), "you")
        return f"{m.group(1)} {pronoun}"

    text = _ASKING_THEY.sub(asking, text)
    text = _OWN_THEIR.sub(lambda m: _cap(m.group(0), f"your {m.group(1)}"), text)
    text = _CANDIDATE.sub(lambda m: _cap(m.group(0), "your" if m.group(0).endswith("'s")
                                         else "you"), text)
    return _THEMSELVES.sub("yourself", text)


def _cap(original: str, replacement: str) -> str:
    return replacement[0].upper() + replacement[1:] if original[:1].isupper() else replacement


def counted(count: int, noun: str, plural: str = "") -> str:
    """'1 question', '2 questions', '1,200 sessions': the noun agrees with the count."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"
