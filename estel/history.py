"""Past interviews for the History page: choices, labels and the score trend across attempts.

Pure: records in, labels and plotly figures out (no streamlit, no store calls).
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from estel.store.base import SessionRecord

SCORE_LINES = (("overall_score", "Overall"), ("content_score", "Content"),
               ("communication_score", "Communication"), ("confidence_score", "Confidence"))


def roles_of(records: Sequence[SessionRecord]) -> list[str]:
    """Every role practised, most practised first (then by name)."""
    counts: dict[str, int] = {}
    for record in records:
        counts[record.target_role] = counts.get(record.target_role, 0) + 1
    return sorted(counts, key=lambda role: (-counts[role], role.lower()))


def newest_first(records: Sequence[SessionRecord], role: str | None = None
                 ) -> list[SessionRecord]:
    """Completed interviews (of `role`, when given), newest first."""
    kept = [r for r in records if r.status == "completed" and (role is None or
                                                                r.target_role == role)]
    return sorted(kept, key=lambda r: r.completed_at or r.created_at, reverse=True)


def history_label(record: SessionRecord) -> str:
    """'2026-12-06 14:05 · Data Scientist · mid · 6.4 / 10'."""
    when = record.completed_at or record.created_at
    score = f"{record.overall_score:.1f} / 10" if record.overall_score is not None else "no score"
    return f"{when:%Y-%m-%d %H:%M} · {record.target_role} · {record.experience_level} · {score}"


def attempts_trend(records: Sequence[SessionRecord], role: str) -> go.Figure:
    """Scores of every completed attempt at `role`, oldest first (attempt 1, 2, ...)."""
    attempts = list(reversed(newest_first(records, role)))
    numbers = list(range(1, len(attempts) + 1))
    hover = [history_label(r) for r in attempts]
    figure = go.Figure()
    for column, name in SCORE_LINES:
        figure.add_trace(go.Scatter(
            x=numbers, y=[getattr(r, column) for r in attempts], name=name,
            mode="lines+markers", text=hover, hovertemplate="%{text}<br>" + name + " %{y:.1f}",
            line={"width": 3 if column == "overall_score" else 1.5},
            visible=True if column == "overall_score" else "legendonly"))
    figure.update_layout(title={"text": f"{role}: scores across attempts"}, height=300,
                         margin={"l": 10, "r": 10, "t": 40, "b": 10},
                         legend={"orientation": "h", "y": -0.25})
    figure.update_xaxes(title_text="Attempt", tickmode="linear", dtick=1)
    figure.update_yaxes(title_text="Score", range=[0, 10])
    return figure
