"""The prompt lab's read side: transcripts of played interviews and the turn inspector's view.

Pure: eval records (`estel.evals.results`) in, plain data out; the page only renders it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from estel.evals.results import EvalRun, InterviewRun, TurnRecord

QUESTION_FIELDS = ("question", "topic", "difficulty", "helper_hint")
FEEDBACK_FIELDS = ("summary", "strengths", "improvements", "skill_gaps", "next_steps")


@dataclass(frozen=True)
class TranscriptItem:
    """One question of a played interview, the persona's answer and the brain's assessment."""

    number: int
    phase: str
    topic: str
    question: str
    answer: str | None
    assessment: dict[str, Any] | None


@dataclass(frozen=True)
class TurnView:
    """Everything the inspector shows for one turn."""

    number: int
    kind: str
    answer: str | None
    answered_question: str | None  # the question the answer replies to
    answered_phase: str | None
    valid: bool
    problem: str | None
    brain: str
    model: str | None
    prompt_version: str | None
    json_mode: str | None
    attempts: int
    latency_ms: float
    prompt_tokens: int | None
    completion_tokens: int | None
    messages: list[dict[str, Any]] = field(default_factory=list)
    raw_reply: str | None = None
    draft: dict[str, Any] | None = None
    validation_errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def talks_to_a_model(self) -> bool:
        """Whether a prompt was sent and a raw reply came back (an LLM brain)."""
        return bool(self.messages) or self.raw_reply is not None

    @property
    def note(self) -> str | None:
        assessment = (self.draft or {}).get("assessment")
        return assessment.get("note") if assessment else None


def transcript(interview: InterviewRun) -> list[TranscriptItem]:
    """Question n comes from turn n; its answer and assessment travel with turn n + 1."""
    items = []
    turns = interview.turns
    for index, turn in enumerate(turns):
        asked = turn.question
        if asked is None:
            continue
        reply = turns[index + 1] if index + 1 < len(turns) else None
        items.append(TranscriptItem(
            number=int(str(asked.get("question_id", f"q{index + 1}")).removeprefix("q")),
            phase=str(asked.get("phase", "")), topic=str(asked.get("topic", "")),
            question=str(asked.get("question", "")),
            answer=reply.answer if reply else None,
            assessment=reply.assessment if reply else None,
        ))
    return items


def parsed_draft(record: TurnRecord) -> dict[str, Any] | None:
    """What the engine took from the brain: the assessment and the question or feedback texts."""
    draft: dict[str, Any] = {}
    if record.assessment:
        draft["assessment"] = dict(record.assessment)
    if record.question:
        draft["question"] = {k: record.question.get(k) for k in QUESTION_FIELDS}
    if record.feedback:
        draft["feedback"] = {k: record.feedback.get(k) for k in FEEDBACK_FIELDS}
    return draft or None


def turn_view(interview: InterviewRun, number: int) -> TurnView:
    """The inspector's view of turn `number` (1-based) of one interview."""
    record = interview.turns[number - 1]
    trace = record.trace or {}
    previous = interview.turns[number - 2].question if number > 1 else None
    return TurnView(
        number=record.number, kind=record.kind, answer=record.answer,
        answered_question=previous.get("question") if previous else None,
        answered_phase=previous.get("phase") if previous else None,
        valid=record.valid, problem=record.problem,
        brain=str(trace.get("brain") or "unknown"), model=trace.get("model"),
        prompt_version=trace.get("prompt_version"), json_mode=trace.get("json_mode"),
        attempts=int(trace.get("attempts") or 1), latency_ms=record.latency_ms,
        prompt_tokens=trace.get("prompt_tokens"), completion_tokens=trace.get("completion_tokens"),
        messages=list(trace.get("messages") or []), raw_reply=trace.get("raw_reply"),
        draft=parsed_draft(record), validation_errors=list(trace.get("validation_errors") or []),
        warnings=[w for w in [*record.warnings, trace.get("warning")] if w],
    )


def turn_label(record: TurnRecord) -> str:
    """'Turn 3 · question · q3' (or '· failed'), for the turn picker."""
    target = record.question or record.feedback
    what = (target.get("question_id") if record.question else "feedback") if target else "failed"
    mark = "" if record.valid else " ✗"
    return f"Turn {record.number} · {record.kind} · {what}{mark}"


def interview_label(interview: InterviewRun) -> str:
    """'strong · Data Scientist · 7.4' (or '· stopped' when it did not finish)."""
    overall = interview.overall
    end = f"{overall:.1f}" if overall is not None else "stopped"
    return f"{interview.persona} · {interview.role} · {end}"


def interview_keys(run: EvalRun) -> list[tuple[str, str]]:
    """(persona, role) of every interview, in run order."""
    return [(i.persona, i.role) for i in run.interviews]


def persona_overall(run: EvalRun) -> dict[str, float | None]:
    """Mean final overall score per persona over its finished roles (None: none finished)."""
    means = run.metrics.persona_scores
    return {p: means.get(p, {}).get("overall") for p in run.config.get("personas", [])}


def answer_features(view: TurnView) -> dict[str, Any] | None:
    """The answer's features as the offline analysis counts them (without bank talking points)."""
    if not view.answer or not view.answered_question or not view.answered_phase:
        return None
    from estel.analysis.answer import analyse_answer

    found = analyse_answer(view.answer, view.answered_question,
                           phase=view.answered_phase)  # type: ignore[arg-type]
    return {"words": found.words, "sentences": found.sentences, "fillers": list(found.fillers),
            "hedges": list(found.hedges), "STAR parts": list(found.star),
            "examples": found.examples, "numbers": found.numbers,
            "ownership phrases": found.ownership, "flags": list(found.flags)}
