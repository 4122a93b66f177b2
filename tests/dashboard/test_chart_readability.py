"""Charts stay readable with few sessions and many (issue 14, checked in Chromium at 1366x768 and
390x844 with 0, 1, 2 and 200 sessions): whole-number count axes, day ticks on short time
axes, legends that do not cover data, radar labels that do not pile up or overlap."""

from __future__ import annotations

import pandas as pd
import pytest

from estel.dashboard import analytics, charts
from estel.dashboard.analytics import sessions_frame

from .conftest import KNOWN_ROWS


def _two_on_one_day() -> pd.DataFrame:
    return sessions_frame(KNOWN_ROWS[:2])  # s1 and s2: both completed on 2026-11-02


def _axes(fig) -> dict[str, dict]:
    layout = fig.layout.to_plotly_json()
    return {name: value for name, value in layout.items() if "axis" in name}


@pytest.mark.parametrize("name", ["distribution", "trend", "activity", "skill_gaps"])
def test_count_axes_tick_whole_numbers_with_two_sessions(name):
    fig = charts.dashboard_figures(_two_on_one_day())[name]
    counted = {axis: spec for axis, spec in _axes(fig).items()
               if (spec.get("title") or {}).get("text") == "sessions"}
    assert counted, f"{name} has no sessions axis"
    for spec in counted.values():
        assert spec["dtick"] >= 1, spec
        assert float(spec["dtick"]).is_integer(), spec
        assert spec["tickformat"] == ",d"


@pytest.mark.parametrize(("largest", "step"), [(1, 1), (2, 1), (6, 2), (24, 5), (57, 20),
                                           (180, 50)])
def test_count_axis_keeps_to_about_five_ticks(largest, step):
    axis = charts.count_axis(largest)
    assert axis["dtick"] == step
    assert largest / axis["dtick"] <= 5


@pytest.mark.parametrize("name", ["trend", "activity"])
def test_a_short_time_axis_has_one_tick_per_day_and_no_clock_times(name):
    fig = charts.dashboard_figures(_two_on_one_day())[name]
    xaxis = fig.layout.xaxis
    assert list(xaxis.tickvals) == [pd.Timestamp("2026-11-02")]
    assert list(xaxis.ticktext) == ["Nov 02"]


def test_a_long_time_axis_names_days_not_times():
    frame = sessions_frame(KNOWN_ROWS)
    figures = charts.dashboard_figures(frame, start=pd.Timestamp("2026-09-01", tz="UTC"),
                                       end=pd.Timestamp("2026-11-20", tz="UTC"))
    assert figures["trend"].layout.xaxis.tickformat == "%b %d\n%Y"


def test_legends_sit_outside_the_plot_area():
    per_question = charts.per_question_figure([
        type("Entry", (), {"question_id": f"q{n}", "topic": "t", "communication": 9.0,
                           "content": 9.5, "confidence": 10.0})() for n in range(1, 9)])
    assert per_question.layout.legend.y < 0
    assert per_question.layout.legend.yanchor == "top"
    trend = charts.dashboard_figures(_two_on_one_day())["trend"]
    # the top of the whole chart, not of the plot area (the browser test checks the boxes)
    assert (trend.layout.legend.yref, trend.layout.legend.y) == ("container", 1)
    assert trend.layout.legend.yanchor == "top"


def test_report_radar_of_a_near_zero_report_keeps_its_numbers_in_the_labels():
    fig = charts.radar_figure({"communication": 0.2, "content": 0.2, "confidence": 0.2})
    trace = fig.data[0]
    assert "text" not in trace.mode  # no numbers piled up at the centre
    assert list(trace.theta)[:3] == ["Communication 0.2", "Content 0.2", "Confidence 0.2"]


def test_role_scores_read_in_the_same_order_in_bars_and_legend():
    fig = charts.role_scores_figure(analytics.role_profiles(sessions_frame(KNOWN_ROWS), top=5))
    # plotly draws a group's first trace at its bottom: traces go in reversed, legend reversed
    assert [trace.name for trace in fig.data] == ["Confidence", "Content", "Communication"]
    assert fig.layout.legend.traceorder == "reversed"
    assert fig.layout.xaxis.range == (0, 10)


def test_skill_gap_counts_sit_outside_the_bars():
    fig = charts.skill_gap_figure(analytics.skill_gap_counts(sessions_frame(KNOWN_ROWS)))
    assert fig.data[0].textposition == "outside"
    assert fig.data[0].cliponaxis is False
