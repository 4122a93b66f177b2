"""Plotly figure builders: pure functions, data in and figure out (no streamlit).

The interview report uses `radar_figure` and `per_question_figure`; the dashboard adds its own
builders here. Colours follow the app theme in `.streamlit/config.toml`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import datetime
from itertools import cycle
from typing import Any

import plotly.graph_objects as go

from estel.dashboard.chart_marks import PartialMarks
from estel.dashboard.chart_text import (
    LINE_PX,
    TITLE_STANDOFF,
    count_tick_labels,
    label_margin,
    shortened,
)

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
    # the score goes in the axis label, not on the point: points near 0 sit at the centre and
    # their numbers piled up there (a 0.2 report); the labels stay apart whatever the scores
    labels = [f"{SCORE_LABELS[name]} {value:.1f}" for name, value in zip(names, values,
                                                                        strict=True)]
    fig = go.Figure(
        go.Scatterpolar(
            r=[*values, values[0]],  # close the polygon
            theta=[*labels, labels[0]],
            fill="toself",
            fillcolor="rgba(79, 70, 229, 0.22)",
            line={"color": PRIMARY, "width": 2},
            marker={"size": 7},
            mode="lines+markers",
            hovertemplate="%{theta}/10<extra></extra>",
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
    # room for the angular labels: "Communication 10.0" must not be cut at a phone's width
    fig.update_layout(margin={"l": 80, "r": 80, "t": 34, "b": 34})
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
    return _legend_below(fig)


# -- dashboard ------------------------------------------------------------------------------------
# Builders take the small frames from `analytics` (columns named there) and never the raw
# sessions, so a figure stays a few hundred points whatever the number of sessions.

DIMENSION_LABELS = {"overall": "Overall", **SCORE_LABELS}
DIMENSION_COLOURS = {"overall": "#334155", **SCORE_COLOURS}
STARTED_COLOUR = "#94A3B8"
GRID = "#E5E7EB"
MUTED = "#6B7280"  # axis ticks and titles


def empty_figure(message: str, *, height: int = 320) -> go.Figure:
    """A blank chart that says why it is blank."""
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": 14, "color": "#6B7280"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _base_layout(fig, height)


def _legend_on_top(fig: go.Figure) -> go.Figure:
    """A horizontal legend above the plot area; its margin grows when it wraps (phone width),
    so it never covers the data."""
    # measured from the chart's left edge, not the plot area's: beside long role names the
    # plot area is narrow and the legend wrapped to one entry per line
    fig.update_layout(showlegend=True, legend={"orientation": "h", "x": 0, "xanchor": "left",
                                               "xref": "container", "yref": "container", "y": 1,
                                               "yanchor": "top"})
    return fig


def _legend_below(fig: go.Figure) -> go.Figure:
    """A horizontal legend under the x axis title (the bars reach the top of the plot)."""
    fig.update_layout(showlegend=True, legend={"orientation": "h", "x": 0, "xanchor": "left",
                                               "y": -0.22, "yanchor": "top"})
    fig.update_layout(margin={"b": 24})
    return fig


def count_axis(largest: float) -> dict[str, Any]:
    """An axis of whole counts: ticks every 1, 2, 5, 10, 20, 50 … with at most ~5 of them (with
    two sessions plotly's own ticks read 0, 0.2, 0.4 … or, formatted as integers, "0 1 1 2 2")."""
    step = 1
    for multiplier in cycle((2, 2.5, 2)):  # 1 → 2 → 5 → 10 → 20 → 50 …
        if largest / step <= 5:
            break
        step = int(step * multiplier)
    return {"rangemode": "tozero", "tick0": 0, "dtick": step, "tickformat": ",d"}


# Margins given up front (see estel/dashboard/chart_text.py): plotly's automargin stays on as a
# safety net, but when these are big enough it draws each chart once instead of twice.
BOTTOM_TITLED = 2 * LINE_PX + TITLE_STANDOFF + 10  # tick labels and an axis title
BOTTOM_DATES = 2 * LINE_PX + 14  # two-line date ticks ("Nov 17" over "2026"), no title
TOP_LEGEND = 64  # a one-line legend above the plot (it grows when the legend wraps)
TOP_STACKED_LEGEND = 84  # a legend wrapped to three lines
LABEL_MAX_PX = 220  # longer role and skill-gap names are cut with "…" (whole in the hover)


def count_margin(axis: dict[str, Any], largest: float, headroom: float = 1.1) -> int:
    """The margin beside a titled count axis (`count_axis`'s dict) whose data reach `largest`
    (its range: plotly's own padding, or 1.0 for a range the figure sets itself)."""
    return label_margin(count_tick_labels(largest, axis["dtick"], headroom=headroom), title=True)


def time_axis(periods: Sequence[Any]) -> dict[str, Any]:
    """A date axis for per-period points. Up to 7 periods get one tick each ("Nov 17"); plotly's
    own ticks on a span of a day or two fell on hours and milliseconds ("23:59:59.9995")."""
    if len(periods) > 7:
        return {"tickformat": "%b %d\n%Y", "hoverformat": "%b %d, %Y"}
    values = list(periods)
    return {"tickmode": "array", "tickvals": values,
            "ticktext": [f"{value:%b %d}" for value in values], "hoverformat": "%b %d, %Y"}


def score_distribution_figure(histogram: Any, *, height: int = 340) -> go.Figure:
    """Completed sessions per score bin, a bar series per dimension (analytics.score_histogram)."""
    if int(histogram["sessions"].sum()) == 0:
        return empty_figure("No completed sessions to score yet.", height=height)
    fig = go.Figure()
    for name in dict.fromkeys(histogram["dimension"]):
        part = histogram.loc[histogram["dimension"] == name]
        label = DIMENSION_LABELS.get(name, str(name))
        fig.add_trace(go.Bar(
            x=part["label"].tolist(), y=part["sessions"].tolist(), name=label,
            marker_color=DIMENSION_COLOURS.get(name, PRIMARY),
            hovertemplate=f"{label} %{{x}}: %{{y}} sessions<extra></extra>",
        ))
    largest = float(histogram["sessions"].max())
    counts = count_axis(largest)
    fig.update_layout(barmode="group", bargap=0.2,
                      xaxis={"title": {"text": "score"}},
                      yaxis={"title": {"text": "sessions"}, "gridcolor": GRID, **counts})
    _legend_on_top(_base_layout(fig, height))
    fig.update_layout(margin={"l": count_margin(counts, largest), "t": TOP_LEGEND,
                              "b": BOTTOM_TITLED})
    return fig


def overall_trend_figure(trend: Any, *, height: int = 340, partial: Any = None) -> go.Figure:
    """Mean overall score per period (line, 0-10) over completed-session counts (bars, right).
    `partial` (partial_period.PartialPeriod): the last period is not whole, so it is marked."""
    if int(trend["sessions"].sum()) == 0:
        return empty_figure("No completed sessions in this period.", height=height)
    periods = trend["period"].tolist()
    largest = float(trend["sessions"].max())
    means = [None if m != m else round(float(m), 2) for m in trend["mean_overall"]]  # NaN: gap
    last = PartialMarks(periods, partial)
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=periods, y=trend["sessions"].tolist(), name="Completed sessions", yaxis="y2",
        marker={"color": "rgba(148, 163, 184, 0.45)", "opacity": last.each(1.0, 0.5),
                "line": {"width": 0}},
        customdata=last.notes,
        hovertemplate=f"%{{x|%b %d, %Y}}{last.hover}: %{{y}} sessions<extra></extra>",
    ))
    fig.add_trace(go.Scatter(
        x=periods, y=means, name="Mean overall", mode="lines+markers", connectgaps=False,
        line={"color": PRIMARY, "width": 2},
        marker={"size": last.each(6, 9), "symbol": last.each("circle", "circle-open")},
        customdata=last.notes,
        hovertemplate=f"%{{x|%b %d, %Y}}{last.hover}: %{{y:.1f}}/10<extra></extra>",
    ))
    last.describe(fig)
    fig.update_layout(
        xaxis=time_axis(periods),
        yaxis={"range": [0, 10], "title": {"text": "mean overall"}, "gridcolor": GRID},
        # own ticks (not synced to the score axis, which gave 2.95, 5.89 … sessions)
        # The bars keep to the lower half: a full-height bar (one session) read as a 10.
        yaxis2={"title": {"text": "sessions"}, "overlaying": "y", "side": "right",
                "showgrid": False, **(counts := count_axis(2 * largest)),
                "range": [0, 2 * largest], "rangemode": "normal"},
    )
    _legend_on_top(_base_layout(fig, height))
    fig.update_layout(margin={"l": label_margin(["10"], title=True),
                              "r": count_margin(counts, 2 * largest, headroom=1.0), "t": TOP_LEGEND,
                              "b": BOTTOM_DATES})
    return fig


def role_scores_figure(profiles: Any, *, height: int | None = None) -> go.Figure:
    """Mean communication / content / confidence per role (analytics.role_profiles), 0-10:
    horizontal bars grouped by role, the busiest role on top. (A radar of five overlapping
    outlines was hard to read, and bars draw with plotly.js's basic bundle, see
    estel/ui/basic_plotly.py.)"""
    if len(profiles) == 0:
        return empty_figure("No completed sessions to compare roles.", height=height or 340)
    ordered = profiles.iloc[::-1]  # plotly draws the first category at the bottom
    names = [f"{row.target_role} ({row.sessions:,})" for row in ordered.itertuples(index=False)]
    roles = [shortened(name, LABEL_MAX_PX) for name in names]
    fig = go.Figure()
    # a group's first trace is drawn at its bottom: add them last to first, and reverse the
    # legend, so both read communication, content, confidence from the top
    for name, label in reversed(SCORE_LABELS.items()):
        values = [round(float(value), 2) for value in ordered[name]]
        fig.add_trace(go.Bar(
            x=values, y=roles, orientation="h", name=label, customdata=names,
            marker_color=SCORE_COLOURS[name],
            hovertemplate=f"%{{customdata}}<br>{label}: %{{x:.1f}}/10<extra></extra>",
        ))
    fig.update_layout(barmode="group", bargap=0.25,
                      xaxis={"range": [0, 10], "dtick": 2, "title": {"text": "mean score"},
                             "gridcolor": GRID},
                      yaxis={"automargin": True})
    _base_layout(fig, height or max(260, 62 * len(roles) + 90))
    _legend_on_top(fig)
    # room for the legend on three lines: plotly.js wraps a horizontal legend at the plot
    # area's width, which beside role names is too narrow for its three entries
    fig.update_layout(legend={"traceorder": "reversed"},
                      margin={"l": label_margin(roles), "t": TOP_STACKED_LEGEND,
                              "b": BOTTOM_TITLED})
    return fig


def skill_gap_figure(gaps: Any, *, height: int | None = None) -> go.Figure:
    """Horizontal bars of the most named skill gaps (analytics.skill_gap_counts), top first."""
    if len(gaps) == 0:
        return empty_figure("No skill gaps recorded yet.", height=height or 320)
    ordered = gaps.iloc[::-1]  # plotly draws the first bar at the bottom
    names = [str(name) for name in ordered["skill_gap"]]
    labels = [shortened(name, LABEL_MAX_PX) for name in names]
    fig = go.Figure(go.Bar(
        x=ordered["sessions"].tolist(), y=labels, orientation="h",
        # counts outside the bars, never rotated inside a short one; cliponaxis keeps the last
        marker_color=PRIMARY, texttemplate="%{x:,d}", textposition="outside", cliponaxis=False,
        customdata=[[name, round(float(s) * 100, 1)] for name, s in zip(
            names, ordered["share"], strict=True)],
        hovertemplate="%{customdata[0]}: %{x:,d} sessions (%{customdata[1]:.0f}% of completed)"
                      "<extra></extra>",
    ))
    fig.update_layout(xaxis={"title": {"text": "sessions"}, "gridcolor": GRID,
                             **count_axis(float(gaps["sessions"].max()))},
                      yaxis={"automargin": True})
    _base_layout(fig, height or max(240, 28 * len(gaps) + 60))
    fig.update_layout(margin={"l": label_margin(labels), "b": BOTTOM_TITLED})
    return fig


def activity_figure(activity: Any, *, height: int = 320, partial: Any = None) -> go.Figure:
    """Sessions started per period, and how many of them were completed (analytics.activity).
    `partial` (partial_period.PartialPeriod): the last period is not whole, so it is marked."""
    if int(activity["started"].sum()) == 0:
        return empty_figure("No sessions in this period.", height=height)
    periods = activity["period"].tolist()
    last = PartialMarks(periods, partial)
    fig = go.Figure()
    for column, label, colour in (("started", "Started", STARTED_COLOUR),
                                  ("completed", "Completed", PRIMARY)):
        fig.add_trace(go.Scatter(
            x=periods, y=activity[column].tolist(), name=label, mode="lines+markers",
            line={"color": colour, "width": 2},
            marker={"size": last.each(5, 8), "symbol": last.each("circle", "circle-open")},
            customdata=last.notes,
            hovertemplate=f"%{{x|%b %d, %Y}}{last.hover}: %{{y}} {label.lower()}"
                          "<extra></extra>",
        ))
    last.describe(fig)
    largest = float(activity["started"].max())
    counts = count_axis(largest)
    fig.update_layout(xaxis=time_axis(periods),
                      yaxis={"title": {"text": "sessions"}, "gridcolor": GRID, **counts})
    _legend_on_top(_base_layout(fig, height))
    fig.update_layout(margin={"l": count_margin(counts, largest), "t": TOP_LEGEND,
                              "b": BOTTOM_DATES})
    return fig


def dashboard_figures(frame: Any, *, start: datetime | None = None, end: datetime | None = None,
                      top_roles: int = 5, top_gaps: int = 12,
                      now: datetime | None = None) -> dict[str, go.Figure]:
    """Every dashboard chart for a sessions frame; start/end (default: its span) set the axis;
    `now` (default: the clock) says whether its last period is still under way."""
    # pandas is only needed here, not by the report's figures
    from estel.dashboard import analytics
    from estel.dashboard.partial_period import partial_period

    times = frame["created_at"]
    first = start if start is not None else (times.min() if len(times) else None)
    last = end if end is not None else (times.max() if len(times) else None)
    freq = analytics.trend_freq(first, last) if first is not None and last is not None else "D"
    span = {"start": first, "end": last}
    return figures_from_parts(
        histogram=analytics.score_histogram(frame),
        trend=analytics.overall_trend(frame, freq, **span),
        roles=analytics.role_profiles(frame, top_roles),
        skill_gaps=analytics.skill_gap_counts(frame, top_gaps),
        activity=analytics.activity(frame, freq, **span),
        partial=partial_period(freq, end, now),
    )


def figures_from_parts(*, histogram: Any, trend: Any, roles: Any, skill_gaps: Any,
                       activity: Any, partial: Any = None) -> dict[str, go.Figure]:
    """Every dashboard chart from the aggregated frames (pandas' or the SQL functions');
    `partial`: partial_period.partial_period of their time axis."""
    figures = {
        "distribution": score_distribution_figure(histogram),
        "trend": overall_trend_figure(trend, partial=partial),
        "roles": role_scores_figure(roles),
        "skill_gaps": skill_gap_figure(skill_gaps),
        "activity": activity_figure(activity, partial=partial),
    }
    return {name: _self_styled(figure) for name, figure in figures.items()}


def _self_styled(fig: go.Figure) -> go.Figure:
    """The dashboard's look carried by the figure itself: its charts are drawn by plotly.js
    without Streamlit's chart theme (estel/ui/basic_plotly.py), which otherwise set the grey
    ticks, the axis titles' distance from the ticks and the margins that make room for them."""
    fig.layout.template = _dashboard_template()
    return fig


@functools.cache
def _dashboard_template() -> go.layout.Template:
    """Built once (plotly.py validates and deep-copies a template on every assignment, and
    "plotly_white" by name cost ~0.1 s per figure), and on first use, not at import: building
    plotly objects makes plotly look pandas up in sys.modules, and while another page's thread
    was still importing pandas it found the half-made module ("partially initialized module
    'pandas' has no attribute 'Series'"), which crashed the Interview page."""
    axis = {"tickfont": {"color": MUTED}, "title": {"font": {"color": MUTED}, "standoff": 12},
            "showline": False, "zeroline": False, "automargin": True, "ticks": "",
            "gridcolor": GRID}
    return go.layout.Template(layout={
        "xaxis": axis, "yaxis": axis,
        "hoverlabel": {"font": {"family": FONT["family"], "size": 13}},
        "colorway": [PRIMARY, *SCORE_COLOURS.values()],
    })
