"""Plotly figures for the prompt lab: pure builders, data in and figure out (no streamlit).

Kept apart from `dashboard/charts.py` (the interview report's and the dashboard's figures) so each
module stays small. Colours follow the app theme's categorical palette.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

SIDE_COLOURS = ("#4F46E5", "#0EA5A4", "#F59E0B", "#EC4899", "#64748B")
FONT = {"family": "Source Sans, sans-serif", "size": 13, "color": "#1F2937"}


def lab_score_bars(
    runs: Mapping[str, Mapping[str, float | None]],
    personas: Sequence[str],
    *,
    height: int = 360,
) -> go.Figure:
    """Grouped bars: each persona's mean final overall score (0-10), one bar per run.

    `runs` maps a run's label to {persona: score or None (no finished interview)}; a missing
    score is drawn as no bar with 'n/a' in the hover, so an unfinished side is visible as a gap.
    """
    fig = go.Figure()
    for index, (label, scores) in enumerate(runs.items()):
        values = [scores.get(p) for p in personas]
        fig.add_trace(go.Bar(
            name=label, x=list(personas), y=values,
            marker={"color": SIDE_COLOURS[index % len(SIDE_COLOURS)]},
            text=["" if v is None else f"{v:.1f}" for v in values], textposition="outside",
            customdata=["n/a" if v is None else f"{v:.2f}" for v in values],
            hovertemplate="%{x}: %{customdata}<extra>" + label.replace("<", "‹") + "</extra>",
        ))
    fig.update_layout(
        barmode="group", height=height, font=FONT,
        margin={"l": 40, "r": 16, "t": 16, "b": 40},
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
        yaxis={"range": [0, 10.8], "title": {"text": "final overall (mean over roles)"},
               "gridcolor": "#E3E5EE", "dtick": 2},
        xaxis={"title": {"text": "persona"}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        showlegend=True,
    )
    return fig


def lab_latency_bars(
    runs: Mapping[str, float | None], *, height: int = 220
) -> go.Figure:
    """Horizontal bars: mean latency per turn (ms) of each run; None = not measured."""
    labels = list(runs)
    values = [runs[label] for label in labels]
    fig = go.Figure(go.Bar(
        x=values, y=labels, orientation="h",
        marker={"color": [SIDE_COLOURS[i % len(SIDE_COLOURS)] for i in range(len(labels))]},
        text=["n/a" if v is None else f"{v:,.0f} ms" for v in values], textposition="auto",
        hovertemplate="%{y}: %{x:,.1f} ms<extra></extra>",
    ))
    fig.update_layout(
        height=height, font=FONT, showlegend=False,
        margin={"l": 16, "r": 16, "t": 8, "b": 32},
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
        xaxis={"title": {"text": "mean latency per turn (ms)"}, "gridcolor": "#E3E5EE"},
        yaxis={"autorange": "reversed"},
    )
    return fig
