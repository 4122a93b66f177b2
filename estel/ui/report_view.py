"""`render_report`: the feedback report on screen, for a live interview or a stored session.

Build a `ReportView` with `ReportView.from_turns(...)` (interview page) or
`ReportView.from_record(record)` (dashboard), then call `render_report(view, ...)`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from estel.analysis.wording import counted
from estel.coach import CoachCard
from estel.dashboard.charts import per_question_figure, radar_figure
from estel.report import (
    PHASE_LABELS,
    ReportView,
    entry_score,
    format_seconds,
    markdown_report,
    report_file_stem,
)
from estel.store.base import TranscriptEntry
from estel.ui.answer_timer import times_table
from estel.ui.coach_view import card_body
from estel.ui.components import escape_markdown, prose
from estel.ui.profile_view import SessionProfile, requirements_section

LIST_SECTIONS = (
    ("Strengths", ":material/thumb_up:", "strengths"),
    ("Improvements", ":material/trending_up:", "improvements"),
    ("Skill gaps", ":material/school:", "skill_gaps"),
    ("Next steps", ":material/flag:", "next_steps"),
)


def render_report(
    view: ReportView,
    *,
    saved_line: str | None = None,
    saved_ok: bool = True,
    session_json: str | None = None,
    key: str = "report",
    show_context: bool = True,
    record_json: str | None = None,
    coach: Sequence[CoachCard] | None = None,
    timer_minutes: int = 0,
    spoken: Mapping[int, str] | None = None,
    profile: SessionProfile | None = None,
) -> None:
    """The whole report: summary, scores, charts, lists, transcript and downloads.

    `saved_line` says where the session was saved (or why not); `session_json` (the contract's
    envelope) adds a JSON download, `record_json` (the stored row) another; `key` keeps widget
    keys unique when a page shows several; `show_context` adds the role/level/difficulty line
    (the interview page has it already); `coach` (coach mode's cards) adds each answer's
    panel to its transcript entry. The time each answer took (saved with the session) is
    listed with `timer_minutes` (the limit, if any) and `spoken` (how spoken answers went).
    """
    if show_context:
        when = f" · {view.completed_at:%Y-%m-%d %H:%M}" if view.completed_at else ""
        st.caption(
            f"{view.target_role} · {view.experience_level} · {view.difficulty} difficulty · "
            f"{counted(view.questions_asked, 'question')} · interviewer: {view.brain}{when}"
        )
    if view.length_note:
        st.caption(f":material/timer: {view.length_note}")
    if saved_line:
        saved_banner(saved_line, saved_ok)
    with st.container(border=True):
        st.markdown("**Summary**")
        st.markdown(prose(view.summary) if view.summary else "_No summary._")
    _score_metrics(view)
    _charts(view, key)
    _lists(view)
    requirements_section(profile, [e.answer or "" for e in view.entries], view.target_role)
    times_table({number: e.answer_seconds for number, e in enumerate(view.entries, start=1)
                 if e.answer_seconds is not None}, timer_minutes, spoken, key=f"{key}_times")
    _transcript(view.entries, coach or ())
    _downloads(view, saved_line, session_json, record_json, key, coach or ())


def saved_banner(line: str, ok: bool) -> None:
    """Where the session was saved (green), or why it was not (amber)."""
    if ok:
        st.success(line, icon=":material/cloud_done:")
    else:
        st.warning(line, icon=":material/cloud_off:")


def _score_metrics(view: ReportView) -> None:
    s = view.scores
    items = (("Overall", s.overall), ("Communication", s.communication),
             ("Content", s.content), ("Confidence", s.confidence))
    for column, (label, value) in zip(st.columns(4), items, strict=True):
        column.metric(label, f"{value:.1f} / 10", border=True)


def _charts(view: ReportView, key: str) -> None:
    left, right = st.columns(2)
    with left:
        st.markdown("**Score profile**")
        st.plotly_chart(radar_figure(view.scores.as_dict()), width="stretch",
                        key=f"{key}_radar", config={"displayModeBar": False})
    with right:
        st.markdown("**Per question**")
        if any(entry_score(e) is not None for e in view.entries):
            st.plotly_chart(per_question_figure(view.entries), width="stretch",
                            key=f"{key}_per_question", config={"displayModeBar": False})
        else:
            st.caption("No per-answer scores were recorded for this session.")


def _lists(view: ReportView) -> None:
    columns = st.columns(2) + st.columns(2)
    for column, (title, icon, field_name) in zip(columns, LIST_SECTIONS, strict=True):
        items: Sequence[str] = getattr(view, field_name)
        with column.container(border=True):
            st.markdown(f"{icon} **{title}**")
            st.markdown("\n".join(f"- {prose(item)}" for item in items) if items else
                        "_None noted._")


def _entry_label(number: int, entry: TranscriptEntry) -> str:
    score = entry_score(entry)
    scored = f" — {score:.1f}/10" if score is not None else ""
    phase = PHASE_LABELS.get(entry.phase, entry.phase or "Question")
    took = (f" · :material/timer: {format_seconds(entry.answer_seconds)}"
            if entry.answer_seconds is not None else "")
    return f"Q{number} · {phase} · {entry.topic}{scored}{took}"


def _transcript(entries: Sequence[TranscriptEntry], coach: Sequence[CoachCard]) -> None:
    st.markdown("#### Transcript")
    cards = {card.number: card for card in coach}
    for number, entry in enumerate(entries, start=1):
        with st.expander(_entry_label(number, entry)):
            if number in cards:
                _coached_entry(entry, cards[number])
                continue
            st.markdown(f"**Question.** {prose(entry.question)}")
            st.markdown("**Your answer.**")
            st.markdown(escape_markdown(entry.answer) if entry.answer else "_(no answer)_")
            if entry_score(entry) is not None:
                st.markdown(
                    f":blue-badge[Communication {entry.communication:.1f}] "
                    f":green-badge[Content {entry.content:.1f}] "
                    f":orange-badge[Confidence {entry.confidence:.1f}]"
                )
            if entry.note:
                st.caption(prose(entry.note))


def _coached_entry(entry: TranscriptEntry, card: CoachCard) -> None:
    """A transcript entry in coach mode: the question, the answer, then its coach panel."""
    st.markdown(f"**Question.** {prose(entry.question)}")
    st.markdown("**Your answer.**")
    st.markdown(escape_markdown(entry.answer) if entry.answer else "_(no answer)_")
    card_body(card)


def _downloads(
    view: ReportView, saved_line: str | None, session_json: str | None,
    record_json: str | None, key: str, coach: Sequence[CoachCard] = (),
) -> None:
    stem = report_file_stem(view)
    with st.container(horizontal=True):
        st.download_button(
            "Download report (Markdown)",
            markdown_report(view, saved_note=saved_line, coach=coach),
            file_name=f"{stem}.md",
            mime="text/markdown",
            icon=":material/description:",
            on_click="ignore",
            key=f"{key}_download_md",
        )
        if session_json is not None:
            st.download_button(
                "Download session (JSON)",
                session_json,
                file_name=f"{stem}.json",
                mime="application/json",
                icon=":material/data_object:",
                on_click="ignore",
                key=f"{key}_download_json",
            )
        if record_json is not None:
            st.download_button(
                "Download stored record (JSON)",
                record_json,
                file_name=f"{stem}-record.json",
                mime="application/json",
                icon=":material/database:",
                on_click="ignore",
                key=f"{key}_download_record",
            )
