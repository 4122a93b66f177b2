"""Scripted candidates: one JSON file per persona in estel/data/personas/.

File format (validated on load):

{
  "name": "strong",                      # file name without .json
  "label": "Strong",
  "description": "Specific STAR answers with numbers.",
  "answers": {"intro": [...], "behavioural": [...], "technical": [...], "wrap_up": [...]}
}

An answer is a template: `{role}` becomes the role as said mid-sentence, `{topic}` the question's
topic, `{question}` the question itself (the question-echo persona). Which template answers a
question is a hash of the persona, the question and a salt: the same interview gets the same
answers, and a template already used in the interview is skipped while others remain.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from estel.contract import PHASES, Phase
from estel.data import load_packaged
from estel.errors import BadInput

FOLLOW_UP_PREFIX = "Follow-up: "  # the offline brain's follow-up topics; not part of the topic


class Persona(BaseModel):
    """A scripted candidate: answer pools per phase."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    label: str
    description: str
    answers: dict[Phase, tuple[str, ...]]

    @model_validator(mode="after")
    def _every_phase(self) -> Persona:
        missing = [p for p in PHASES if not self.answers.get(p)]
        if missing:
            raise ValueError(f"persona '{self.name}' has no answers for {', '.join(missing)}")
        return self

    def answer(
        self,
        *,
        question: str,
        topic: str,
        phase: Phase,
        role: str,
        used: Collection[str] = (),
        salt: str = "",
    ) -> str:
        """This persona's answer to one question; avoids answers in `used` while it can."""
        pool = self.answers[phase]
        start = stable_hash(self.name, salt, question) % len(pool)
        ordered = [pool[(start + i) % len(pool)] for i in range(len(pool))]
        texts = [fill(t, role=role, topic=topic, question=question) for t in ordered]
        # a template already said on another topic is used too: the same paragraph with a new
        # topic is a pasted answer, which the interviewer rightly scores as a copy
        fresh = [text for text, template in zip(texts, ordered, strict=True)
                 if text not in used and not _said(template, used)]
        return (fresh or texts)[0]


def _said(template: str, used: Collection[str]) -> bool:
    """Whether a text in `used` came from `template`: it holds the template's longest fixed part
    (placeholders aside), when that part is long enough to tell templates apart."""
    literal = max(PLACEHOLDER.split(template), key=len).strip()
    return len(literal) >= MIN_LITERAL and any(literal in text for text in used)


PLACEHOLDER = re.compile(r"\{(?:role|topic|question)\}")
MIN_LITERAL = 40  # shorter fixed parts (an echo's frame) say too little about the template


def fill(template: str, *, role: str, topic: str, question: str) -> str:
    """Replace the placeholders (plain replace: answers may contain JSON braces)."""
    text = template.replace("{role}", spoken_role(role))
    text = text.replace("{topic}", spoken_topic(topic))
    return text.replace("{question}", question.strip())


def spoken_role(role: str) -> str:
    """'Senior Data Scientist' -> 'senior data scientist'; acronyms such as 'BA' are kept."""
    return " ".join(w.lower() if w[:1].isupper() and w[1:].islower() else w for w in role.split())


def spoken_topic(topic: str) -> str:
    """A topic for use mid-sentence: the follow-up prefix dropped, a leading capital lowered."""
    text = topic.removeprefix(FOLLOW_UP_PREFIX).strip()
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text or "this"


def stable_hash(*parts: str) -> int:
    """A number that is the same in every process (Python's hash() is salted per process)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


@cache
def _packaged() -> dict[str, Persona]:
    return load_packaged("personas", Persona, "name")


# The order the reports list them in: the ordering checks' three first, then the rest.
PREFERRED_ORDER = ("strong", "average", "weak", "rambler", "terse", "off-topic",
                   "prompt-injector", "gibberish", "question-echo")


def persona_names() -> list[str]:
    """Every packaged persona, in report order."""
    names = list(_packaged())
    return sorted(names, key=lambda n: (PREFERRED_ORDER.index(n) if n in PREFERRED_ORDER
                                        else len(PREFERRED_ORDER), n))


def load_personas(names: Iterable[str] | None = None) -> list[Persona]:
    """The named personas (all when None), in the order given; unknown names are BadInput."""
    packaged = _packaged()
    wanted = persona_names() if names is None else [n.strip() for n in names if n.strip()]
    unknown = [n for n in wanted if n not in packaged]
    if unknown:
        raise BadInput(f"Unknown persona(s): {', '.join(unknown)}. "
                       f"Known: {', '.join(persona_names())}.")
    if not wanted:
        raise BadInput("Choose at least one persona.")
    return [packaged[n] for n in dict.fromkeys(wanted)]
