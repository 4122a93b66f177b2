"""Dashboard figure builders on the known sessions: traces hold the aggregated numbers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from estel.dashboard import analytics, charts
from estel.dashboard.chart_marks import partial_note
from estel.dashboard.partial_period import PartialPeriod


def annotation_text(fig) -> str:
    return " ".join(a.text for a in fig.layout.annotations)


def test_distribution_has_a_bar_series_per_dimension(known: pd.DataFrame) -> None:
    fig = charts.score_distribution_figure(analytics.score_histogram(known))
    assert [trace.name for trace in fig.data] == ["Overall", "Communication", "Content",
                                                  "Confidence"]
    overall = fig.data[0]
    assert overall.type == "bar"
    assert list(overall.x) == [f"{n}–{n + 1}" for n in range(10)]
    assert list(overall.y) == [0, 1, 0, 0, 1, 0, 0, 1, 0, 1]
    assert fig.layout.barmode == "group"


def test_trend_pairs_counts_with_the_mean_line(known: pd.DataFrame) -> None:
    fig = charts.overall_trend_figure(analytics.overall_trend(known, "W"))
    bars, line = fig.data
    assert (bars.type, line.type) == ("bar", "scatter")
    assert list(bars.y) == [3, 0, 1]
    assert bars.yaxis == "y2"
    assert list(line.y) == [round((7.0 + 4.0 + 9.5) / 3, 2), None, 1.0]  # gap, not a zero
    assert list(line.x) == [pd.Timestamp("2026-11-02"), pd.Timestamp("2026-11-09"),
                            pd.Timestamp("2026-11-16")]
    assert tuple(fig.layout.yaxis.range) == (0, 10)


def test_trend_bars_stay_in_the_lower_half_so_a_single_session_does_not_read_as_10(
        known: pd.DataFrame) -> None:
    # QA: with one session its bar (count 1 on the right axis) rose to the top of the chart,
    # level with 10 on the score axis, so a 4.0 interview looked like a 10.
    one = known.head(1)
    fig = charts.overall_trend_figure(analytics.overall_trend(one, "W"))
    bars = fig.data[0]
    low, high = fig.layout.yaxis2.range
    assert low == 0
    assert high >= 2 * max(bars.y)


def test_role_scores_are_bars_per_role_busiest_on_top(known: pd.DataFrame) -> None:
    fig = charts.role_scores_figure(analytics.role_profiles(known, top=2))
    by_name = {trace.name: trace for trace in fig.data}
    assert set(by_name) == {"Communication", "Content", "Confidence"}
    assert all(trace.type == "bar" and trace.orientation == "h" for trace in fig.data)
    # plotly draws the first category at the bottom: the busiest role is listed last
    assert list(by_name["Communication"].y) == ['=HYPERLINK("x") (1)', "Data Analyst (2)"]
    assert list(by_name["Communication"].x) == [2.0, 5.0]
    assert list(by_name["Content"].x) == [1.0, 6.0]
    assert list(by_name["Confidence"].x) == [0.0, 5.5]


def test_every_dashboard_figure_draws_with_the_basic_bundle(known: pd.DataFrame) -> None:
    from estel.ui.basic_plotly import draws

    for name, figure in charts.dashboard_figures(known).items():
        assert draws(figure), name
    assert not draws(charts.radar_figure({"communication": 5, "content": 5, "confidence": 5}))


def test_skill_gaps_are_horizontal_bars_most_named_on_top(known: pd.DataFrame) -> None:
    fig = charts.skill_gap_figure(analytics.skill_gap_counts(known))
    (bars,) = fig.data
    assert bars.orientation == "h"
    # plotly draws the first category at the bottom, so the list is reversed
    assert list(bars.y) == ["Storytelling", "Prioritisation", "SQL", "Metrics"]
    assert list(bars.x) == [1, 1, 2, 2]
    # the whole name and the share of completed sessions, for the hover
    assert [list(item) for item in bars.customdata] == [
        ["Storytelling", 25.0], ["Prioritisation", 25.0], ["SQL", 50.0], ["Metrics", 50.0]]


def test_activity_has_started_and_completed_lines(known: pd.DataFrame) -> None:
    fig = charts.activity_figure(analytics.activity(known, "W"))
    assert [(trace.name, list(trace.y)) for trace in fig.data] == [
        ("Started", [3, 2, 1]), ("Completed", [3, 0, 1])]


def test_builders_explain_an_empty_chart(known: pd.DataFrame) -> None:
    unfinished = known.loc[known["status"] != "completed"]
    figures = charts.dashboard_figures(unfinished)
    for name in ("distribution", "trend", "roles", "skill_gaps"):
        assert figures[name].data == (), name
        assert "No" in annotation_text(figures[name])
    assert [list(t.y) for t in figures["activity"].data] == [[1, 1], [0, 0]]


def test_dashboard_figures_pick_the_period_from_the_span(known: pd.DataFrame) -> None:
    figures = charts.dashboard_figures(known)  # 15 days of sessions: daily points
    assert len(figures["activity"].data[0].x) == 15
    wide = charts.dashboard_figures(known, start=datetime(2026, 1, 1, tzinfo=UTC),
                                    end=datetime(2026, 11, 30, tzinfo=UTC))
    weeks = wide["activity"].data[0].x  # 11 months: weekly, from the span's first week
    assert weeks[0] == pd.Timestamp("2025-12-29")
    assert weeks[-1] == pd.Timestamp("2026-11-30")
    assert sum(wide["activity"].data[0].y) == 6
    assert set(figures) == {"distribution", "trend", "roles", "skill_gaps", "activity"}


def test_importing_the_charts_survives_a_half_imported_pandas() -> None:
    # Streamlit runs each session's page in its own thread: while the Dashboard's thread was
    # still importing pandas, the Interview page imported this module, whose import built a
    # plotly template; plotly found the half-made pandas in sys.modules and the page crashed.
    import subprocess
    import sys

    script = ("import sys, types; sys.modules['pandas'] = types.ModuleType('pandas'); "
              "import estel.dashboard.charts")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2], timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_partial_last_period_is_marked_and_explained(known: pd.DataFrame) -> None:
    """A week still under way reads low: an open marker, a paler bar and a hover that says so,
    rather than what looked like a fall at the end of the chart."""
    week = PartialPeriod(pd.Timestamp("2026-11-16"), "W", so_far=True)
    trend = charts.overall_trend_figure(analytics.overall_trend(known, "W"), partial=week)
    bars, line = trend.data
    assert list(line.marker.symbol) == ["circle", "circle", "circle-open"]
    assert list(bars.marker.opacity) == [1.0, 1.0, 0.5]
    assert list(line.customdata) == ["", "", " (this week so far)"]
    assert "%{customdata}" in line.hovertemplate
    activity = charts.activity_figure(analytics.activity(known, "W"), partial=week)
    assert all(list(t.marker.symbol)[-1] == "circle-open" for t in activity.data)
    for fig in (trend, activity):
        note = partial_note(fig.to_plotly_json())
        assert note == "Open markers: this week so far; it is not over yet."
    cut = PartialPeriod(pd.Timestamp("2026-11-16"), "W", so_far=False)
    assert partial_note(charts.activity_figure(
        analytics.activity(known, "W"), partial=cut).to_plotly_json()) == (
        "Open markers: only part of that week is in the chosen period.")


def test_a_whole_or_absent_last_period_is_drawn_plainly(known: pd.DataFrame) -> None:
    earlier = PartialPeriod(pd.Timestamp("2026-11-09"), "W", so_far=True)
    for partial in (None, earlier):  # the axis does not reach the week under way
        fig = charts.overall_trend_figure(analytics.overall_trend(known, "W"), partial=partial)
        assert fig.data[1].marker.symbol == "circle"  # one value for every point
        assert fig.data[0].marker.opacity == 1.0
        assert fig.data[1].customdata is None
        assert partial_note(fig.to_plotly_json()) == ""


def test_dashboard_figures_mark_the_day_under_way_now(known: pd.DataFrame) -> None:
    last_day = known["created_at"].max()
    during = charts.dashboard_figures(known, now=last_day + pd.Timedelta(minutes=5))
    after = charts.dashboard_figures(known, now=last_day + pd.Timedelta(days=3))
    assert list(during["activity"].data[0].marker.symbol)[-1] == "circle-open"
    assert after["activity"].data[0].marker.symbol == "circle"
