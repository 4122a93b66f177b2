"""`render_report`: the feedback report on screen, for a live interview or a stored session.

Build a `ReportView` with `ReportView.from_turns(...)` (interview page) or
`ReportView.from_record(record)` (dashboard), then call `render_report(view, ...)`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from estel.analysis.wording import counted
from estel.answer_facts import AnswerFacts, facts_line, is_over, summary_lines, table_rows
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
    profile: SessionProfile | None = None,
) -> None:
    """The whole report: summary, scores, charts, lists, transcript and downloads.

    `saved_line` says where the session was saved (or why not); `session_json` (the contract's
    envelope) adds a JSON download, `record_json` (the stored row) another; `key` keeps widget
    keys unique when a page shows several; `show_context` adds the role/level/difficulty line
    (the interview page has it already); `coach` (coach mode's cards) adds each answer's
    panel to its transcript entry. How each answer was given (saved with it: the time it took,
    the timer's limit, spoken delivery) is summed up, tabled and noted under each answer.
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
    answers_section(view.answer_facts, key=f"{key}_times")
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


def answers_section(answers: Mapping[int, AnswerFacts], *, key: str = "answer_times") -> None:
    """How the answers were given: the whole interview in a line or two (time against the
    limit, spoken pace and fillers), then a row per answer. Nothing when nothing was kept."""
    rows = table_rows(answers)
    if not rows:
        return
    st.markdown("**Time and delivery**")
    for line in summary_lines(answers):
        st.caption(line)
    st.dataframe(rows, hide_index=True, key=key)


def facts_caption(facts: AnswerFacts, any_spoken: bool = True) -> str:
    """':material/record_voice_over: Spoken, 148 words/min, …; 2:10 of a 2:00 limit (0:10
    over)' ('' when nothing is known)."""
    how = facts_line(facts, any_spoken=any_spoken)
    icon = "record_voice_over" if facts.spoken is not None else "timer"
    return f":material/{icon}: {how[0].upper()}{how[1:]}" if how else ""


def _entry_label(number: int, entry: TranscriptEntry) -> str:
    score = entry_score(entry)
    scored = f" — {score:.1f}/10" if score is not None else ""
    phase = PHASE_LABELS.get(entry.phase, entry.phase or "Question")
    given = entry.facts
    took = (f" · :material/timer: {format_seconds(given.seconds)}"
            f"{' over the limit' if is_over(given) else ''}" if given.seconds is not None else "")
    voice = " · :material/mic: spoken" if given.spoken is not None else ""
    return f"Q{number} · {phase} · {entry.topic}{scored}{took}{voice}"


def _transcript(entries: Sequence[TranscriptEntry], coach: Sequence[CoachCard]) -> None:
    st.markdown("#### Transcript")
    cards = {card.number: card for card in coach}
    any_spoken = any(e.spoken is not None for e in entries)
    for number, entry in enumerate(entries, start=1):
        with st.expander(_entry_label(number, entry)):
            st.markdown(f"**Question.** {prose(entry.question)}")
            st.markdown("**Your answer.**")
            st.markdown(escape_markdown(entry.answer) if entry.answer else "_(no answer)_")
            if entry.answer is not None and (how := facts_caption(entry.facts, any_spoken)):
                st.caption(how)
            if number in cards:
                card_body(cards[number])
                continue
            if entry_score(entry) is not None:
                st.markdown(
                    f":blue-badge[Communication {entry.communication:.1f}] "
                    f":green-badge[Content {entry.content:.1f}] "
                    f":orange-badge[Confidence {entry.confidence:.1f}]"
                )
            if entry.note:
                st.caption(prose(entry.note))


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
