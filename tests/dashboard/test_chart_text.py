"""Chart margins given up front (estel/dashboard/chart_text.py): wide enough for the labels,
so plotly.js draws each dashboard chart once instead of measuring and drawing again."""

from __future__ import annotations

import pandas as pd
import pytest

from estel.dashboard import charts
from estel.dashboard.chart_text import (
    count_tick_labels,
    label_margin,
    shortened,
    text_width,
)


def test_text_width_grows_with_the_letters_drawn() -> None:
    assert text_width("") == 0
    assert text_width("iii") < text_width("mmm")
    assert text_width("Data Analyst (1,204)") == pytest.approx(
        text_width("Data Analyst") + text_width(" (1,204)"))
    # a character of another script is counted as wide, never as nothing
    assert text_width("दक्षता") >= 6 * 13 * 0.9


def test_shortened_keeps_what_fits_and_cuts_the_rest_with_an_ellipsis() -> None:
    assert shortened("Data Analyst", 190) == "Data Analyst"
    long = "Senior Director of Customer Success Operations and Enablement"
    cut = shortened(long, 190)
    assert cut.endswith("…")
    assert long.startswith(cut[:-1].rstrip())
    assert text_width(cut) <= 190 < text_width(long)


def test_count_tick_labels_reach_past_the_data() -> None:
    assert count_tick_labels(4, 1) == ["0", "1", "2", "3", "4", "5"]
    assert count_tick_labels(26_400, 5_000)[-1] == "30,000"


def test_a_margin_fits_its_widest_label_and_the_title() -> None:
    labels = ["SQL", "Stakeholder management"]
    assert label_margin(labels) > text_width("Stakeholder management")
    assert label_margin(labels, title=True) > label_margin(labels) + 13


def gaps(names: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"skill_gap": names, "sessions": range(len(names), 0, -1),
                         "share": [0.5] * len(names)})


def test_long_skill_gaps_are_cut_on_the_axis_and_whole_in_the_hover() -> None:
    long = "Explaining trade-offs between consistency and availability to executives"
    fig = charts.skill_gap_figure(gaps(["SQL", long]))
    (bars,) = fig.data
    assert long not in bars.y
    assert any(label.endswith("…") for label in bars.y)
    assert [next(iter(item)) for item in bars.customdata] == [long, "SQL"]
    assert "%{customdata[0]}" in bars.hovertemplate


def test_the_left_margin_follows_the_labels() -> None:
    short = charts.skill_gap_figure(gaps(["SQL", "Metrics"])).layout.margin.l
    wide = charts.skill_gap_figure(gaps(["SQL", "Stakeholder management"])).layout.margin.l
    capped = charts.skill_gap_figure(gaps(["SQL", "x" * 300])).layout.margin.l
    assert short < wide <= capped <= charts.LABEL_MAX_PX + 30


def test_role_labels_group_thousands_and_keep_the_whole_name_for_the_hover() -> None:
    profiles = pd.DataFrame({"target_role": ["Data Analyst"], "sessions": [12_345],
                             "communication": [6.0], "content": [5.0], "confidence": [7.0]})
    fig = charts.role_scores_figure(profiles)
    assert {tuple(trace.y) for trace in fig.data} == {("Data Analyst (12,345)",)}
    assert all(list(trace.customdata) == ["Data Analyst (12,345)"] for trace in fig.data)
