"""The feedback report as data, Markdown and contract JSON: pure, no streamlit.

`ReportView` is what every report screen and download is built from. It comes either from a live
interview (`from_turns`: the engine's TurnResults in order) or from a stored session
(`from_record`: a `SessionRecord`), so the interview page and the dashboard show the same report.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from estel.analysis.wording import counted
from estel.answer_facts import (
    AnswerFacts,
    delivery_text,
    summary_lines,
    time_text,
)
from estel.answer_facts import format_seconds as format_seconds  # re-exported for the pages
from estel.coach import CoachCard, card_markdown
from estel.contract import EstelInterviewEnvelope, SessionScores, success_envelope
from estel.engine import TurnResult
from estel.length_note import ending_note
from estel.store.base import SessionRecord, TranscriptEntry
from estel.store.records import trace_fields
from estel.store.stored_turn import contract_response_from_record
from estel.store.transcript import build_transcript

SCORE_NAMES = ("communication", "content", "confidence")
PHASE_LABELS = {
    "intro": "Intro",
    "behavioural": "Behavioural",
    "technical": "Technical",
    "wrap_up": "Wrap-up",
}


@dataclass(frozen=True)
class ReportScores:
    """The four final scores, 0-10."""

    communication: float
    content: float
    confidence: float
    overall: float

    def as_dict(self) -> dict[str, float]:
        return {
            "communication": self.communication,
            "content": self.content,
            "confidence": self.confidence,
            "overall": self.overall,
        }


@dataclass(frozen=True)
class ReportView:
    """Everything a feedback report shows."""

    target_role: str
    experience_level: str
    difficulty: str
    questions_target: int
    language: str
    brain: str
    summary: str
    strengths: tuple[str, ...]
    improvements: tuple[str, ...]
    skill_gaps: tuple[str, ...]
    next_steps: tuple[str, ...]
    scores: ReportScores
    entries: tuple[TranscriptEntry, ...]
    completed_at: datetime | None = None
    length_note: str | None = None  # adaptive length: why it ended where it did

    @property
    def questions_asked(self) -> int:
        """The questions the interview had (an adaptive one may end before questions_target)."""
        return len(self.entries) or self.questions_target

    @property
    def answer_facts(self) -> dict[int, AnswerFacts]:
        """Question number -> how each answered question was answered (time, limit, voice)."""
        return {number: e.facts for number, e in enumerate(self.entries, start=1)
                if e.answer is not None}

    @classmethod
    def from_turns(cls, turns: Sequence[TurnResult], *, language: str = "en",
                   answers: Mapping[int, AnswerFacts] | None = None) -> ReportView:
        """From a finished live interview: every TurnResult in order, the feedback turn last;
        `answers` (question number -> AnswerFacts) how each answer was given."""
        if not turns or not turns[-1].finished:
            raise ValueError("a report needs a finished interview")
        final = turns[-1]
        payload = final.response.payload
        meta = final.state.meta
        scores = payload.scores  # type: ignore[union-attr]  # finished => feedback payload
        return cls(
            target_role=meta.target_role,
            experience_level=meta.experience_level,
            difficulty=meta.difficulty,
            questions_target=meta.questions_target,
            language=language,
            brain=trace_fields(turns)[0] or final.session_brain,  # as from_record shows it
            summary=payload.summary,  # type: ignore[union-attr]
            strengths=tuple(payload.strengths),  # type: ignore[union-attr]
            improvements=tuple(payload.improvements),  # type: ignore[union-attr]
            skill_gaps=tuple(payload.skill_gaps or ()),  # type: ignore[union-attr]
            next_steps=tuple(payload.next_steps or ()),  # type: ignore[union-attr]
            scores=ReportScores(scores.communication, scores.content, scores.confidence,
                                scores.overall),
            entries=(entries := tuple(build_transcript(final.state, turns, answers=answers,
                                                       bounds=final.bounds))),
            length_note=ending_note(final.bounds, _answers(entries)),
        )

    @classmethod
    def from_record(cls, record: SessionRecord) -> ReportView:
        """From a stored session (the dashboard's way in); missing scores read as 0."""
        return cls(
            target_role=record.target_role,
            experience_level=record.experience_level,
            difficulty=record.difficulty,
            questions_target=record.questions_target,
            language=record.language,
            brain=record.model or record.brain,
            summary=record.summary or "",
            strengths=tuple(record.strengths),
            improvements=tuple(record.improvements),
            skill_gaps=tuple(record.skill_gaps),
            next_steps=tuple(record.next_steps),
            scores=ReportScores(
                record.communication_score or 0.0,
                record.content_score or 0.0,
                record.confidence_score or 0.0,
                record.overall_score or 0.0,
            ),
            entries=tuple(record.transcript),
            completed_at=record.completed_at,
            length_note=ending_note(record.length_bounds, _answers(record.transcript)),
        )


def _answers(entries: Sequence[TranscriptEntry]) -> list[tuple[str, SessionScores]]:
    """Each answer's text and scores, for the length note (unassessed answers count as 0)."""
    return [(e.answer or "", SessionScores(communication=e.communication or 0.0,
                                           content=e.content or 0.0,
                                           confidence=e.confidence or 0.0)) for e in entries]


def entry_score(entry: TranscriptEntry) -> float | None:
    """Mean of an answer's three scores, one decimal; None when it was not assessed."""
    values = [getattr(entry, name) for name in SCORE_NAMES]
    if any(v is None for v in values):
        return None
    return round(sum(values) / 3, 1)


def _bullets(items: Sequence[str], empty: str = "_None noted._") -> list[str]:
    return [f"- {item}" for item in items] or [empty]


def _quoted(text: str | None) -> list[str]:
    if not text:
        return ["> _(no answer)_"]
    return [f"> {line}" if line.strip() else ">" for line in text.splitlines()]


def _entry_markdown(number: int, entry: TranscriptEntry) -> list[str]:
    phase = PHASE_LABELS.get(entry.phase, entry.phase or "Question")
    level = f" ({entry.difficulty})" if entry.difficulty else ""
    lines = [f"### Q{number} · {phase} · {entry.topic}{level}", "", f"**Question:** "
             f"{entry.question}", "", "**Answer:**", "", *_quoted(entry.answer), ""]
    score = entry_score(entry)
    if score is not None:
        lines.append(
            f"**Assessment:** {score:.1f}/10 — communication {entry.communication:.1f}, "
            f"content {entry.content:.1f}, confidence {entry.confidence:.1f}."
        )
        if entry.note:
            lines.append(f"{entry.note}")
        lines.append("")
    given = entry.facts
    if given.spoken is not None:
        lines += [f"**Delivery:** {delivery_text(given.spoken)}", ""]
    if given.seconds is not None:
        lines += [f"**Time taken:** {time_text(given)}", ""]
    return lines


def markdown_report(
    view: ReportView, *, saved_note: str | None = None, coach: Sequence[CoachCard] = ()
) -> str:
    """The whole report as a Markdown document (the 'Download report' file); `coach` (coach
    mode's cards) adds each answer's coach panel under its assessment."""
    s = view.scores
    when = f" · {view.completed_at:%Y-%m-%d %H:%M}" if view.completed_at else ""
    lines = [
        f"# Interview feedback: {view.target_role}",
        "",
        f"{view.experience_level} · {view.difficulty} difficulty · "
        f"{counted(view.questions_asked, 'question')} · interviewer: {view.brain}{when}",
        "",
        *([f"_{view.length_note}_", ""] if view.length_note else []),
        "## Summary", "", view.summary or "_No summary._", "",
        "## Scores", "",
        "| Overall | Communication | Content | Confidence |",
        "|---:|---:|---:|---:|",
        f"| {s.overall:.1f} | {s.communication:.1f} | {s.content:.1f} | {s.confidence:.1f} |",
        "",
    ]
    for title, items in (
        ("Strengths", view.strengths),
        ("Improvements", view.improvements),
        ("Skill gaps", view.skill_gaps),
        ("Next steps", view.next_steps),
    ):
        lines += [f"## {title}", "", *_bullets(items), ""]
    summary = summary_lines(view.answer_facts)
    if summary:
        lines += ["## Time and delivery", "", *(f"- {line}" for line in summary), ""]
    lines += ["## Transcript", ""]
    cards = {card.number: card for card in coach}
    for number, entry in enumerate(view.entries, start=1):
        lines += _entry_markdown(number, entry)
        if number in cards:
            lines += card_markdown(cards[number])
    if saved_note:
        lines += ["---", "", saved_note, ""]
    return "\n".join(lines).rstrip() + "\n"


def session_json(final: TurnResult) -> str:
    """The finished session in the contract's shape: the final turn's envelope, indented."""
    return _envelope_json(final.envelope())


def record_session_json(record: SessionRecord) -> str:
    """A stored completed session as `session_json` gives it (no message: warnings are not
    stored). Raises BadInput for a row that does not rebuild."""
    return _envelope_json(success_envelope(contract_response_from_record(record)))


def _envelope_json(envelope: EstelInterviewEnvelope) -> str:
    return json.dumps(envelope.to_wire(), ensure_ascii=False, indent=2) + "\n"


def report_file_stem(view: ReportView) -> str:
    """A filesystem-safe stem like 'estel-data-analyst'."""
    slug = "".join(c if c.isalnum() else "-" for c in view.target_role.lower())
    slug = "-".join(part for part in slug.split("-") if part)[:40] or "interview"
    return f"estel-{slug}"
