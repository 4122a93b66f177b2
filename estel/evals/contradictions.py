"""Contradiction checker: each claim of the final feedback against the answers it is about. Pure.

The feedback must never say what the answers do not bear out:
- `praised_low`: a strength cites an answer that scored under 5/10 ("I don't know." is not "a
  direct answer to the question").
- `numbers`: "backed by numbers" / "with a measured result" about an answer with no number.
- `result`: "finish the story with the result" about an answer that ended with its result.
- `strongest_weak`: a "strongest dimension" named when every dimension is under 5.
- `numbers_advice`: the summary asks for numbers when most answers gave them.
- `third_person`: the candidate talked about instead of to ("what they bring").
- `acronym`: an acronym broken by lower-casing ("hTTP methods").
The answer features are computed here from the answer text, with the analysis' own counters.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from estel import session
from estel.analysis.answer import strip_injection
from estel.analysis.bluff import without_bluff
from estel.analysis.lexicon import STAR, count_numbers, normalise
from estel.analysis.repeat import repeated_from

PRAISE_FROM = 5.0
WEAK_DIMENSION = 5.0
_CITE = re.compile(r"\bQ(\d+)\b")
_CITED_TOPIC = re.compile(r"\bQ\d+ \([^)]*\)")
_NUMBERS_CLAIM = re.compile(r"backed by numbers|numbers that show|with a measured result", re.I)
_RESULT_ADVICE = re.compile(r"finish (?:the|your) story with the result|end with what changed"
                            r"|(?:add|give) the result", re.I)
_NUMBERS_ADVICE = re.compile(r"\b(?:give|add|put) a number\b|\ba number that shows\b", re.I)
_THIRD_PERSON = re.compile(
    r"\b(?:what|how|why)\s+they\s+(?:bring|did|do|said|say|can|could|would|will|bring)\b"
    r"|\bthe\s+candidate(?:'s)?\b|\btheir\s+(?:answers?|stor(?:y|ies)|interview|scores?)\b",
    re.I)
_BROKEN_ACRONYM = re.compile(r"\b[a-z][A-Z]{2,}[a-z]*\b")
_NAMES = frozenset({"iOS", "iPadOS", "macOS", "tvOS", "watchOS", "eBPF", "mRNA", "pH"})


@dataclass(frozen=True)
class AnswerFacts:
    """One answered question as the checker sees it."""

    number: int
    phase: str
    answer: str
    overall: float | None = None  # that answer's own overall score, when known
    copy_of: int | None = None  # the earlier answer it repeats (it earns nothing), if any

    @property
    def text(self) -> str:
        return strip_injection(normalise(self.answer))[0]

    @property
    def numbers(self) -> int:
        return count_numbers(without_bluff(self.text))

    @property
    def has_result(self) -> bool:
        return bool(STAR["result"].search(self.text))


@dataclass(frozen=True)
class Contradiction:
    rule: str
    claim: str  # the feedback text that makes the claim
    detail: str  # what the answers show instead


def contradictions(
    feedback: Mapping[str, Any], answers: Sequence[AnswerFacts], scores: Mapping[str, float]
) -> list[Contradiction]:
    """Every feedback claim the answers contradict (empty when the feedback is consistent)."""
    by_number = {a.number: a for a in answers}
    found: list[Contradiction] = []
    for line in feedback.get("strengths", []):
        found += _praise(line, by_number)
    for line in [*feedback.get("strengths", []), *feedback.get("improvements", []),
                 *feedback.get("next_steps", [])]:
        found += _per_answer(line, by_number)
    summary = str(feedback.get("summary", ""))
    found += _summary(summary, answers, scores)
    for text in _texts(feedback):
        found += _wording(text)
    for gap in feedback.get("skill_gaps", []):  # bank topic labels: only acronyms are ours
        found += [c for c in _wording(str(gap)) if c.rule == "acronym"]
    return found


def _praise(line: str, by_number: Mapping[int, AnswerFacts]) -> list[Contradiction]:
    cited = _first_cite(line, by_number)
    if cited is None or cited.overall is None or cited.overall >= PRAISE_FROM:
        return []
    return [Contradiction("praised_low", line, f"Q{cited.number} scored {cited.overall}/10")]


def _per_answer(line: str, by_number: Mapping[int, AnswerFacts]) -> list[Contradiction]:
    cited = _first_cite(line, by_number)
    if cited is None:
        return []
    found = []
    if _NUMBERS_CLAIM.search(line) and not cited.numbers:
        found.append(Contradiction("numbers", line, f"Q{cited.number} has no number"))
    if _RESULT_ADVICE.search(line) and cited.has_result:
        found.append(Contradiction("result", line, f"Q{cited.number} ends with its result"))
    return found


def _summary(
    summary: str, answers: Sequence[AnswerFacts], scores: Mapping[str, float]
) -> list[Contradiction]:
    found = []
    dims = [float(scores.get(d, 0.0)) for d in ("communication", "content", "confidence")]
    if "strongest dimension" in summary.lower() and max(dims) < WEAK_DIMENSION:
        found.append(Contradiction("strongest_weak", summary, f"every dimension is under 5 "
                                   f"({', '.join(str(d) for d in dims)})"))
    # a copy of an earlier answer earns nothing, so the feedback's advice leaves it out too:
    # its numbers were already counted in the answer it copies
    stories = [a for a in answers if a.phase != "wrap_up" and a.copy_of is None]
    with_numbers = sum(1 for a in stories if a.numbers)
    if _NUMBERS_ADVICE.search(summary) and stories and with_numbers * 2 > len(stories):
        found.append(Contradiction("numbers_advice", summary, f"{with_numbers} of "
                                   f"{len(stories)} answers gave numbers"))
    return found


def _wording(text: str) -> list[Contradiction]:
    found = []
    text = _CITED_TOPIC.sub("", text)  # a question's own topic is the bank's wording
    if _THIRD_PERSON.search(text):
        found.append(Contradiction("third_person", text, "the candidate is addressed as 'you'"))
    broken = [w for w in _BROKEN_ACRONYM.findall(text) if w not in _NAMES]
    if broken:
        found.append(Contradiction("acronym", text, f"broken acronym '{broken[0]}'"))
    return found


def _texts(feedback: Mapping[str, Any]) -> list[str]:
    texts = [str(feedback.get("summary", ""))]
    for key in ("strengths", "improvements", "next_steps"):
        texts += [str(t) for t in feedback.get(key, [])]
    return texts


def _first_cite(line: str, by_number: Mapping[int, AnswerFacts]) -> AnswerFacts | None:
    match = _CITE.search(line)
    return by_number.get(int(match.group(1))) if match else None


def interview_facts(turns: Sequence[Any]) -> list[AnswerFacts]:
    """The answers of an eval interview (TurnRecords): turn k+1 answers and assesses turn k."""
    facts = []
    for asked, answered in itertools.pairwise(turns):
        question = asked.question
        if question is None or answered.answer is None:
            continue
        assessment = answered.assessment or {}
        overall = (session.round_score(session.weighted(
            assessment["communication"], assessment["content"], assessment["confidence"]))
            if assessment else None)
        copied = repeated_from(answered.answer, [fact.answer for fact in facts])
        facts.append(AnswerFacts(number=int(str(question["question_id"]).removeprefix("q")),
                                 phase=str(question["phase"]), answer=answered.answer,
                                 overall=overall,
                                 copy_of=facts[copied - 1].number if copied else None))
    return facts


def interview_contradictions(turns: Sequence[Any]) -> list[Contradiction]:
    """Contradictions in a finished eval interview's feedback (none for an unfinished one)."""
    feedback = turns[-1].feedback if turns else None
    if not feedback:
        return []
    return contradictions(feedback, interview_facts(turns), feedback.get("scores", {}))
