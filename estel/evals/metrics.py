"""Metrics of an eval run, and the pass/fail checks CI relies on. Pure: a run in, numbers out.

- contract validity: share of turns whose envelope parses back as EstelInterviewEnvelope (a turn
  that failed counts as invalid). Must be 100%.
- repeated questions: questions that repeat an earlier one in the same interview, exactly or
  nearly (normalised text at least 90% alike).
- phase adherence: share of questions in the phase the plan gives their number, in interviews
  that end with feedback after exactly `questions_target` answers.
- phase fit (heuristic): share of questions whose wording fits their phase (a behavioural one asks
  about the past; a technical one is not a "tell me about a time" story prompt...).
- role relevance: share of questions naming the role (or its head noun: 'engineering' counts for
  Software Engineer) or using one of its question-bank family's role terms.
- score ordering: strong > average > weak, and prompt-injector and gibberish no higher than weak,
  for every role.
- off-topic ≤ weak: an answer about something else (cooking, football) earns no more than a weak
  one, for every role.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from functools import cache
from itertools import pairwise
from statistics import fmean
from typing import Any, Protocol

from estel import session
from estel.evals.contradictions import interview_contradictions
from estel.evals.judgement import RoleJudgement, judgement_checks, role_judgements


# What the metrics read of a run, as structural types: estel.evals.results' records fit them,
# and results may import this module (EvalRun.metrics) without an import circle.
class TurnRecordLike(Protocol):
    valid: bool
    error_kind: str | None

    @property
    def latency_ms(self) -> float: ...
    @property
    def tokens(self) -> int | None: ...


class InterviewRunLike(Protocol):
    persona: str
    role: str
    meta: dict[str, Any]
    judgement: dict[str, Any] | None

    @property
    def turns(self) -> Sequence[TurnRecordLike]: ...
    @property
    def finished(self) -> bool: ...
    @property
    def final_scores(self) -> dict[str, float] | None: ...
    @property
    def overall(self) -> float | None: ...
    def questions(self) -> list[dict[str, Any]]: ...


class EvalRunLike(Protocol):
    @property
    def interviews(self) -> Sequence[InterviewRunLike]: ...

NEAR_REPEAT = 0.9
ORDERED = ("strong", "average", "weak")  # strictly decreasing final overall score
CAPPED_AT_WEAK = ("prompt-injector", "gibberish")  # never above the weak persona
OFF_TOPIC = "off-topic"  # not answering the question earns no more than a weak answer
JUDGE_CRITERIA = ("relevant", "non_repeating", "phase_appropriate", "adapts_to_answer",
                  "feedback_actionable")

_STORY = re.compile(r"\b(?:tell me about|describe|give (?:me )?an example of|share) "
                    r"(?:a|one|an) (?:time|situation|moment|occasion)\b", re.I)
PHASE_CUES: dict[str, re.Pattern[str]] = {
    "intro": re.compile(r"\b(?:you|your|yourself)\b", re.I),
    "behavioural": re.compile(
        r"\b(?:a time|an? (?:example|situation|moment|occasion|project|case)|when you|"
        r"tell me about|describe|walk me through|did you|have you|you(?:'ve| have)? \w+ed|"
        r"situation|experience|recent|last|past|previous|mentioned|you said|example)\b", re.I),
    "technical": re.compile(
        r"\b(?:how|what|which|why|when would|explain|design|approach|trade-?offs?|"
        r"walk me through|talk me through|estimate|compare|difference|decide|"
        r"prioriti[sz]e|if you|suppose|imagine|given|describe how|mentioned)\b", re.I),
    "wrap_up": re.compile(r"\b(?:you|your|us|our|we|joining|first \d+ days)\b", re.I),
}


@dataclass(frozen=True)
class Check:
    """A pass/fail check; `passed` is None when the run lacks the personas it needs."""

    name: str
    passed: bool | None
    detail: str


@dataclass(frozen=True)
class RunMetrics:
    interviews: int
    finished: int
    turns: int
    valid_turns: int
    errors: int
    validity: float
    questions: int
    repeated_questions: int
    phase_adherence: float
    phase_fit: float
    role_relevance: float
    mean_latency_ms: float | None
    mean_tokens: float | None
    scores: dict[str, dict[str, float | None]]  # persona -> role -> final overall
    persona_scores: dict[str, dict[str, float]]  # persona -> dimension -> mean over roles
    checks: list[Check] = field(default_factory=list)
    # per role (one family each): Spearman, bluffer vs average, contradictions (evals.judgement)
    families: list[dict[str, Any]] = field(default_factory=list)
    judge: dict[str, float] | None = None  # criterion -> share of interviews passing
    judged: int = 0  # interviews the judge graded
    judge_failures: int = 0  # interviews the judge was asked about but could not grade
    judge_failure: str | None = None  # the first failure: "persona / role: reason"

    @property
    def passed(self) -> bool:
        """Validity is 100% and no check failed: what `eval` turns into its exit code."""
        return self.turns > 0 and self.validity == 1.0 and all(
            c.passed is not False for c in self.checks)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "passed": self.passed}


def compute_metrics(run: EvalRunLike) -> RunMetrics:
    interviews = run.interviews
    turns = [t for i in interviews for t in i.turns]
    valid = sum(1 for t in turns if t.valid)
    questions = [(i, q) for i in interviews for q in i.questions()]
    latencies = [t.latency_ms for t in turns if t.valid]
    tokens = [t.tokens for t in turns if t.tokens is not None]
    validity = valid / len(turns) if turns else 0.0
    scores = score_table(interviews)
    judged = _role_judgements(interviews, scores)
    return RunMetrics(
        interviews=len(interviews),
        finished=sum(1 for i in interviews if i.finished),
        turns=len(turns), valid_turns=valid,
        errors=sum(1 for t in turns if t.error_kind),
        validity=validity,
        questions=len(questions),
        repeated_questions=sum(repeated_questions(i) for i in interviews),
        phase_adherence=_share(_in_planned_phase(i, q) for i, q in questions),
        phase_fit=_share(phase_fits(q["question"], q["phase"]) for _, q in questions),
        role_relevance=_share(role_relevant(q["question"], i.role) for i, q in questions),
        mean_latency_ms=round(fmean(latencies), 2) if latencies else None,
        mean_tokens=round(fmean(tokens), 1) if tokens else None,
        scores=scores,
        persona_scores=persona_means(interviews),
        checks=[validity_check(valid, len(turns)), *ordering_checks(scores),
                off_topic_check(scores), *judgement_checks(judged, Check)],
        families=[row.to_dict() for row in judged],
        judge=judge_rates(interviews),
        **judge_outcome(interviews),
    )


def _role_judgements(
    interviews: Sequence[InterviewRunLike], scores: dict[str, dict[str, float | None]]
) -> list[RoleJudgement]:
    """Per role: Spearman of quality vs overall, bluffer vs average, contradictions found."""
    found: dict[str, int] = {}
    for interview in interviews:
        count = len(interview_contradictions(interview.turns))
        found[interview.role] = found.get(interview.role, 0) + count
    families = {role: _family(role) for role in found}
    return role_judgements(scores, found, families)


@cache
def _family(role: str) -> str:
    from estel.brains.offline.bank import load_bank
    from estel.brains.offline.roles import match_family

    return match_family(role, load_bank()).family


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return round(sum(values) / len(values), 4) if values else 0.0


def normalised(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def repeated_questions(interview: InterviewRunLike) -> int:
    """Questions that repeat (exactly or nearly) one asked earlier in the same interview."""
    seen: list[str] = []
    repeats = 0
    for question in interview.questions():
        text = normalised(question["question"])
        if any(text == s or SequenceMatcher(None, text, s).ratio() >= NEAR_REPEAT for s in seen):
            repeats += 1
        seen.append(text)
    return repeats


def _in_planned_phase(interview: InterviewRunLike, question: dict[str, Any]) -> bool:
    """The question's phase is the plan's for its number, and the interview ended by the plan."""
    total = int(interview.meta["questions_target"])
    number = int(question["question_id"].removeprefix("q"))
    if not 1 <= number <= total or question["phase"] != session.phase_of(number, total):
        return False
    if interview.finished:  # feedback exactly after the last planned answer
        return len(interview.turns) == total + 1
    return True


def phase_fits(question: str, phase: str) -> bool:
    """Heuristic: does the wording fit the phase? (Technical must not be a story prompt.)"""
    cue = PHASE_CUES.get(phase)
    if cue is None or not cue.search(question):
        return False
    return not (phase == "technical" and _STORY.search(question))


def role_relevant(question: str, role: str) -> bool:
    """The question names the role, or uses a term of the role's question-bank family."""
    words = normalised(question).split()
    phrase = role_words(role)
    # the role as a phrase, or its head noun ('engineer' in 'engineering work'), word prefixes
    named = [phrase, phrase[-1:]] if phrase and len(phrase[-1]) >= 4 else [phrase]
    if any(p and _has_sequence(words, p, prefix=True) for p in named):
        return True
    return any(_has_sequence(words, term, prefix=True) for term in role_terms(role))


@cache
def role_words(role: str) -> tuple[str, ...]:
    from estel.brains.offline.roles import NOISE

    return tuple(w for w in normalised(role).split() if w not in NOISE)


@cache
def role_terms(role: str) -> tuple[tuple[str, ...], ...]:
    """The role terms of the family serving `role`, as word sequences."""
    from estel.brains.offline.bank import load_bank
    from estel.brains.offline.roles import match_family

    family = match_family(role, load_bank())
    return tuple(tuple(normalised(t).split()) for t in family.role_terms if normalised(t))


def _has_sequence(words: Sequence[str], parts: Sequence[str], *, prefix: bool) -> bool:
    n = len(parts)
    for start in range(len(words) - n + 1):
        window = words[start:start + n]
        if all((w.startswith(p) if prefix else w == p) for w, p in zip(window, parts,
                                                                       strict=True)):
            return True
    return False


def score_table(interviews: Sequence[InterviewRunLike]) -> dict[str, dict[str, float | None]]:
    table: dict[str, dict[str, float | None]] = {}
    for interview in interviews:
        table.setdefault(interview.persona, {})[interview.role] = interview.overall
    return table


def persona_means(interviews: Sequence[InterviewRunLike]) -> dict[str, dict[str, float]]:
    """Mean final score per dimension for each persona, over the roles it finished."""
    grouped: dict[str, list[dict[str, float]]] = {}
    for interview in interviews:
        if interview.final_scores is not None:
            grouped.setdefault(interview.persona, []).append(interview.final_scores)
    return {persona: {k: round(fmean(s[k] for s in rows), 2) for k in rows[0]}
            for persona, rows in grouped.items()}


def validity_check(valid: int, turns: int) -> Check:
    return Check("contract validity 100%", turns > 0 and valid == turns,
                 f"{valid}/{turns} envelopes valid")


def ordering_checks(scores: dict[str, dict[str, float | None]]) -> list[Check]:
    """strong > average > weak and the capped personas ≤ weak, for every role in the run."""
    checks = [_ordered_check(scores)]
    for capped in CAPPED_AT_WEAK:
        checks.append(_capped_check(scores, capped))
    return checks


def off_topic_check(scores: dict[str, dict[str, float | None]]) -> Check:
    """off-topic ≤ weak for every role (n/a when the run lacks either persona)."""
    return _capped_check(scores, OFF_TOPIC)


def _ordered_check(scores: dict[str, dict[str, float | None]]) -> Check:
    name = " > ".join(ORDERED)
    if not all(p in scores for p in ORDERED):
        return Check(name, None, f"needs the personas {', '.join(ORDERED)}")
    parts, ok = [], True
    for role in scores[ORDERED[0]]:
        values = [scores[p].get(role) for p in ORDERED]
        held = all(v is not None for v in values) and all(
            a > b for a, b in pairwise(values))  # type: ignore[operator]
        ok = ok and held
        parts.append(f"{role}: " + " > ".join(_fmt(v) for v in values) + ("" if held else " ✗"))
    return Check(name, ok, "; ".join(parts))


def _capped_check(scores: dict[str, dict[str, float | None]], capped: str) -> Check:
    name = f"{capped} ≤ weak"
    if capped not in scores or "weak" not in scores:
        return Check(name, None, f"needs the personas {capped} and weak")
    parts, ok = [], True
    for role, value in scores[capped].items():
        weak = scores["weak"].get(role)
        held = value is not None and weak is not None and value <= weak
        ok = ok and held
        parts.append(f"{role}: {_fmt(value)} ≤ {_fmt(weak)}" + ("" if held else " ✗"))
    return Check(name, ok, "; ".join(parts))


def judge_rates(interviews: Sequence[InterviewRunLike]) -> dict[str, float] | None:
    """Share of judged interviews passing each rubric criterion (None when none was judged)."""
    graded = [i.judgement["grades"] for i in interviews
              if i.judgement and i.judgement.get("grades")]
    if not graded:
        return None
    return {c: round(sum(1 for g in graded if g.get(c)) / len(graded), 4)
            for c in JUDGE_CRITERIA}


def judge_outcome(interviews: Sequence[InterviewRunLike]) -> dict[str, Any]:
    """How many interviews the judge graded, how many it failed on, and the first failure."""
    asked = [(i, i.judgement) for i in interviews if i.judgement]
    failed = [(i, j) for i, j in asked if not j.get("grades")]
    first = None
    if failed:
        interview, judgement = failed[0]
        first = (f"{interview.persona} / {interview.role}: "
                 f"{judgement.get('error') or 'no grades'}")
    return {"judged": len(asked) - len(failed), "judge_failures": len(failed),
            "judge_failure": first}


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"
