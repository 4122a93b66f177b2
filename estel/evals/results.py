"""What an eval run keeps: every turn of every interview, as JSON-ready records.

A `TurnRecord` holds what the prompt lab's turn inspector shows (the envelope, the assessment,
the brain's trace: messages sent, raw reply, validation errors, latency, tokens) and turns back
into the engine's `TurnResult`. `EvalRun.to_dict()` / `from_dict()` round-trip through JSON, so
runs can be kept in SQLite (`estel.evals.runs_store`) and reopened later.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from estel.brains.base import AnswerAssessment, BrainTrace
from estel.contract import EstelInterviewEnvelope
from estel.engine import TurnResult
from estel.evals.metrics import RunMetrics, compute_metrics

SCORE_KEYS = ("communication", "content", "confidence", "overall")


@dataclass
class TurnRecord:
    """One engine turn: the answer sent, and the envelope produced or the error raised."""

    number: int  # 1 = the opening turn
    kind: str  # what the turn was asked for: opening, question or feedback
    answer: str | None = None  # the candidate's answer sent with this turn (None on turn 1)
    envelope: dict[str, Any] | None = None  # the success envelope as sent on the wire
    valid: bool = False  # the envelope parses back as EstelInterviewEnvelope
    problem: str | None = None  # why it is not valid: a validation error or the turn's error
    error_kind: str | None = None
    assessment: dict[str, Any] | None = None
    trace: dict[str, Any] | None = None
    elapsed_ms: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def from_result(cls, number: int, kind: str, answer: str | None,
                    result: TurnResult) -> TurnRecord:
        """Record a turn and check its envelope against the contract, through JSON."""
        wire = result.envelope().to_wire()
        problem = None
        try:
            EstelInterviewEnvelope.model_validate_json(json.dumps(wire))
        except ValidationError as error:
            problem = f"envelope does not validate: {error.errors(include_url=False)[0]['msg']}"
        return cls(
            number=number, kind=kind, answer=answer, envelope=wire, valid=problem is None,
            problem=problem,
            assessment=result.assessment.model_dump(mode="json") if result.assessment else None,
            trace=dataclasses.asdict(result.trace) if result.trace else None,
            elapsed_ms=round(result.elapsed_ms, 3), warnings=list(result.warnings),
        )

    @classmethod
    def from_error(cls, number: int, kind: str, answer: str | None, error: BaseException,
                   elapsed_ms: float) -> TurnRecord:
        """A turn that raised: its message and kind, and the brain's trace when it left one."""
        trace = getattr(error, "trace", None)  # the OpenAI brain attaches its trace to failures
        kind_of_error = getattr(error, "kind", None)
        return cls(
            number=number, kind=kind, answer=answer, valid=False,
            problem=getattr(error, "message", None) or f"{type(error).__name__}: {error}",
            error_kind=str(kind_of_error) if kind_of_error else "crash",
            trace=dataclasses.asdict(trace) if isinstance(trace, BrainTrace) else None,
            elapsed_ms=round(elapsed_ms, 3),
        )

    @property
    def payload(self) -> dict[str, Any] | None:
        """The turn's question or feedback payload (wire JSON), if it produced one."""
        if not self.envelope or not self.envelope.get("payload"):
            return None
        return self.envelope["payload"]["payload"]

    @property
    def question(self) -> dict[str, Any] | None:
        payload = self.payload
        return payload if payload and payload.get("kind") == "question" else None

    @property
    def feedback(self) -> dict[str, Any] | None:
        payload = self.payload
        return payload if payload and payload.get("kind") == "feedback" else None

    @property
    def draft(self) -> dict[str, Any] | None:
        """The brain's parsed draft as the engine used it: assessment plus question/feedback."""
        payload = self.payload
        if payload is None:
            return None
        part = {k: v for k, v in payload.items()
                if k not in ("kind", "end_of_interview", "question_id", "phase", "scores")}
        return {"assessment": self.assessment, payload["kind"]: part}

    @property
    def latency_ms(self) -> float:
        """The brain's own latency when it measured it, else the engine's elapsed time."""
        if self.trace and self.trace.get("latency_ms") is not None:
            return float(self.trace["latency_ms"])
        return self.elapsed_ms

    @property
    def tokens(self) -> int | None:
        if not self.trace:
            return None
        used = [self.trace.get("prompt_tokens"), self.trace.get("completion_tokens")]
        return None if all(t is None for t in used) else sum(t or 0 for t in used)

    def turn_result(self) -> TurnResult | None:
        """The engine's TurnResult again (None for a turn that failed)."""
        if not self.envelope or not self.envelope.get("payload"):
            return None
        envelope = EstelInterviewEnvelope.model_validate_json(json.dumps(self.envelope))
        assert envelope.payload is not None  # checked above: a success envelope has one
        return TurnResult(
            response=envelope.payload,
            brain=(self.trace or {}).get("brain", "unknown"),
            elapsed_ms=self.elapsed_ms,
            assessment=AnswerAssessment(**self.assessment) if self.assessment else None,
            trace=BrainTrace(**self.trace) if self.trace else None,
            warnings=tuple(self.warnings),
        )

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TurnRecord:
        return cls(**data)


@dataclass
class InterviewRun:
    """One persona played through one whole interview for one role."""

    persona: str
    role: str
    meta: dict[str, Any]
    turns: list[TurnRecord] = field(default_factory=list)
    error: str | None = None  # set when the interview stopped early
    judgement: dict[str, Any] | None = None  # the LLM judge's grades (estel.evals.judge)

    @property
    def finished(self) -> bool:
        return bool(self.turns) and self.turns[-1].feedback is not None

    @property
    def final_scores(self) -> dict[str, float] | None:
        feedback = self.turns[-1].feedback if self.turns else None
        return dict(feedback["scores"]) if feedback else None

    @property
    def overall(self) -> float | None:
        scores = self.final_scores
        return None if scores is None else float(scores["overall"])

    def questions(self) -> list[dict[str, Any]]:
        """Every question asked, in order (wire payloads)."""
        return [t.question for t in self.turns if t.question is not None]

    def to_dict(self) -> dict[str, Any]:
        return {"persona": self.persona, "role": self.role, "meta": self.meta,
                "turns": [t.to_dict() for t in self.turns], "error": self.error,
                "judgement": self.judgement}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> InterviewRun:
        return cls(persona=data["persona"], role=data["role"], meta=data["meta"],
                   turns=[TurnRecord.from_dict(t) for t in data.get("turns", [])],
                   error=data.get("error"), judgement=data.get("judgement"))


@dataclass
class EvalRun:
    """A whole eval: its configuration, every interview and (computed) metrics."""

    id: str
    created_at: str  # ISO 8601, UTC
    label: str
    config: dict[str, Any]  # EvalConfig.describe(): brain, prompt, personas, roles, ...
    interviews: list[InterviewRun] = field(default_factory=list)
    brain_label: str = ""
    model: str | None = None
    prompt_version: str | None = None
    duration_s: float = 0.0
    judge_model: str | None = None

    @property
    def metrics(self) -> RunMetrics:
        return compute_metrics(self)

    @property
    def passed(self) -> bool:
        return self.metrics.passed

    def interview(self, persona: str, role: str) -> InterviewRun | None:
        return next((i for i in self.interviews if i.persona == persona and i.role == role),
                    None)

    def header(self) -> dict[str, Any]:
        """Everything but the interviews."""
        return {"id": self.id, "created_at": self.created_at, "label": self.label,
                "config": self.config, "brain_label": self.brain_label, "model": self.model,
                "prompt_version": self.prompt_version, "duration_s": self.duration_s,
                "judge_model": self.judge_model}

    def summary_dict(self) -> dict[str, Any]:
        """The header, the metrics and one line per interview: what `eval --json` prints."""
        return {**self.header(), "metrics": self.metrics.to_dict(),
                "interviews": [{"persona": i.persona, "role": i.role, "finished": i.finished,
                                "turns": len(i.turns), "scores": i.final_scores,
                                "error": i.error, "judgement": i.judgement}
                               for i in self.interviews]}

    def to_dict(self) -> dict[str, Any]:
        """Everything, JSON-ready (metrics included for readers; from_dict recomputes them)."""
        return {**self.header(), "metrics": self.metrics.to_dict(),
                "interviews": [i.to_dict() for i in self.interviews]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EvalRun:
        header = {k: data[k] for k in ("id", "created_at", "label", "config") }
        optional = {k: data[k] for k in ("brain_label", "model", "prompt_version", "duration_s",
                                         "judge_model") if k in data}
        return cls(**header, **optional,
                   interviews=[InterviewRun.from_dict(i) for i in data.get("interviews", [])])
