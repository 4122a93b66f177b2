"""The noun after a one-word name that says what it is: "ID checks", "VAT returns", "Tableau
dashboards" (a plural), and after an acronym one or two words ("EV charger", "PAT testing",
"ECS gold card"), up to a link word, an adverb or punctuation; not "Excel essential" or "SNS for".
Pure; `estel.jd_terms` calls it for each name it reads. `ALIASES`: the names one tool goes by.
"""

from __future__ import annotations

import re

# "-s" words that follow a name as verbs or adverbs, not as the kind of thing it is
_VERBS_S = """uses makes means helps runs needs gives takes shows includes requires works keeps
tells says lets gets goes does has is was plus always also across its this thus skills as"""
_NOT_KINDS = frozenset(_VERBS_S.split())
_LINKS = frozenset(str.split("""
and with for the are was has had can you our all any per via not but its out who how why nor
yet off own too use get see may let from into that this then when where which while will would
should must could have been were being your their also only over under after before across
using within including experience knowledge required essential desirable preferred level"""))


def kind_after(after: str, name: str, vague: frozenset[str]) -> str:
    """' dashboards' for 'Tableau' followed by `after` = ' dashboards for ...'; '' when no noun
    says what it is. `vague`: nouns that say nothing ("team", "role")."""
    plural = re.match(r"[ ]([a-z]{3,}s)\b(?![-'])", after)
    if plural is None and re.fullmatch(r"[A-Z]{2,4}", name):
        return _acronym_kind(after, vague)
    if plural is None:
        return ""
    word = plural.group(1)
    if word.endswith("ss") or word in _NOT_KINDS or word in vague:
        return ""
    return " " + word


def _acronym_kind(after: str, vague: frozenset[str]) -> str:
    words = re.match(r"[ ]([a-z]{3,})\b(?![-'])(?:[ ]([a-z]{3,})\b(?![-']))?", after)
    kept: list[str] = []
    for word in words.groups() if words else ():
        if (word is None or word in _LINKS or word in _NOT_KINDS or word in vague
                or word.endswith("ly")):
            break
        kept.append(word)
    return "".join(f" {w}" for w in kept)


# one tool's names, as JDs and the bank's questions write them
ALIASES = (("postgres", "postgresql"), ("k8s", "kubernetes"), ("js", "javascript"),
           ("ts", "typescript"), ("gcp", "google cloud"), ("mongo", "mongodb"),
           ("aws", "amazon web services"), ("node", "node.js"), ("sklearn", "scikit-learn"))
