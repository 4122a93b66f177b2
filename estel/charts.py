"""Plotly figure builders: pure functions, data in and figure out (no streamlit).

The interview report uses `radar_figure` and `per_question_figure`; the dashboard adds its own
builders here. Colours follow the app theme in `.streamlit/config.toml`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

PRIMARY = "#4F46E5"  # theme primaryColor
SCORE_COLOURS = {"communication": "#4F46E5", "content": "#0EA5A4", "confidence": "#F59E0B"}
SCORE_LABELS = {"communication": "Communication", "content": "Content", "confidence": "Confidence"}
FONT = {"family": "Source Sans, sans-serif", "size": 13, "color": "#1F2937"}


def _score(scores: Mapping[str, Any] | Any, name: str) -> float:
    value = scores.get(name) if isinstance(scores, Mapping) else getattr(scores, name, None)
    return float(value or 0.0)


def _base_layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 36, "r": 36, "t": 24, "b": 24},
        font=FONT,
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        showlegend=False,
    )
    return fig


def radar_figure(scores: Mapping[str, Any] | Any, *, height: int = 320) -> go.Figure:
    """Communication / content / confidence on a 0-10 radar (a mapping or an object with them)."""
    names = list(SCORE_LABELS)
    values = [_score(scores, name) for name in names]
    labels = [SCORE_LABELS[name] for name in names]
    fig = go.Figure(
        go.Scatterpolar(
            r=[*values, values[0]],  # close the polygon
            theta=[*labels, labels[0]],
            fill="toself",
            fillcolor="rgba(79, 70, 229, 0.22)",
            line={"color": PRIMARY, "width": 2},
            marker={"size": 7},
            mode="lines+markers+text",
            text=[f"{v:.1f}" for v in values] + [""],  # the closing point repeats the first
            textposition="top center",
            textfont={"size": 12, "color": PRIMARY},
            hovertemplate="%{theta}: %{r:.1f}/10<extra></extra>",
            name="Scores",
        )
    )
    fig.update_layout(
        polar={
            # the radial ticks sit between two spokes so they never cover a label
            "radialaxis": {"range": [0, 10], "tickvals": [2, 4, 6, 8, 10], "angle": 150,
                           "tickangle": 150, "tickfont": {"size": 9, "color": "#9CA3AF"},
                           "gridcolor": "#E5E7EB", "linecolor": "#E5E7EB"},
            "angularaxis": {"gridcolor": "#E5E7EB", "direction": "clockwise"},
            "bgcolor": "rgba(0,0,0,0)",
        }
    )
    _base_layout(fig, height)
    fig.update_layout(margin={"l": 72, "r": 72, "t": 28, "b": 28})  # room for axis labels
    return fig


def per_question_figure(entries: Sequence[Any], *, height: int = 320) -> go.Figure:
    """Grouped bars of each answered question's three scores (entries: TranscriptEntry-like)."""
    scored = [e for e in entries if all(getattr(e, n, None) is not None for n in SCORE_LABELS)]
    x = [str(getattr(e, "question_id", "")).upper() for e in scored]
    fig = go.Figure()
    for name, label in SCORE_LABELS.items():
        fig.add_trace(
            go.Bar(
                x=x,
                y=[float(getattr(e, name)) for e in scored],
                name=label,
                marker_color=SCORE_COLOURS[name],
                customdata=[getattr(e, "topic", "") for e in scored],
                hovertemplate=f"%{{x}} · %{{customdata}}<br>{label}: %{{y:.1f}}/10<extra></extra>",
            )
        )
    fig.update_layout(
        barmode="group",
        bargap=0.25,
        yaxis={"range": [0, 10], "title": {"text": "score"}, "gridcolor": "#E5E7EB"},
        xaxis={"title": {"text": "question"}},
    )
    _base_layout(fig, height)
    fig.update_layout(showlegend=True, legend={"orientation": "h", "y": 1.12, "x": 0})
    return fig
