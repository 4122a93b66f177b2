"""Dashboard aggregations on six hand-written sessions (conftest.KNOWN_ROWS): exact numbers."""

from __future__ import annotations

import csv
import io
import math
from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from estel.dashboard import analytics
from estel.dashboard.partial_period import PartialPeriod, partial_period


def test_frame_has_typed_columns_and_parsed_skill_gaps(known: pd.DataFrame) -> None:
    assert list(known.columns) == list(analytics.FRAME_COLUMNS)
    assert str(known["created_at"].dtype) == "datetime64[us, UTC]"
    assert known.loc[0, "created_at"] == pd.Timestamp("2026-11-02T09:00:00Z")
    assert pd.isna(known.loc[3, "completed_at"])
    assert known["overall_score"].dtype == "float64"
    assert known.loc[0, "skill_gaps"] == ["SQL", "Metrics"]
    assert known.loc[2, "skill_gaps"] == []
    assert pd.isna(known.loc[0, "model"])


def test_empty_frame_keeps_its_columns() -> None:
    frame = analytics.sessions_frame([])
    assert list(frame.columns) == list(analytics.FRAME_COLUMNS)
    assert len(frame) == 0
    assert analytics.kpis(frame) == analytics.Kpis(0, 0, None, None, None)


def test_kpis_count_rate_mean_and_median_duration(known: pd.DataFrame) -> None:
    numbers = analytics.kpis(known)
    assert numbers.sessions == 6
    assert numbers.completed == 4
    assert numbers.completion_rate == pytest.approx(4 / 6)
    assert numbers.mean_overall == pytest.approx((7.0 + 4.0 + 9.5 + 1.0) / 4)
    # completed durations 10, 20, 30, 40 minutes; abandoned s5 (5 min) is not counted
    assert numbers.median_duration == timedelta(minutes=25)


def test_kpis_without_completed_sessions(known: pd.DataFrame) -> None:
    numbers = analytics.kpis(known.loc[known["status"] != "completed"])
    assert (numbers.sessions, numbers.completed, numbers.completion_rate) == (2, 0, 0.0)
    assert numbers.mean_overall is None
    assert numbers.median_duration is None


def test_score_histogram_bins_every_dimension(known: pd.DataFrame) -> None:
    histogram = analytics.score_histogram(known)
    assert list(histogram["dimension"].unique()) == list(analytics.DIMENSIONS)
    assert len(histogram) == 40  # 4 dimensions x 10 bins, empty ones included

    def bins(name: str) -> dict[float, int]:
        part = histogram.loc[(histogram["dimension"] == name) & (histogram["sessions"] > 0)]
        return dict(zip(part["bin"], part["sessions"], strict=True))

    assert bins("overall") == {1.0: 1, 4.0: 1, 7.0: 1, 9.0: 1}
    assert bins("content") == {1.0: 1, 5.0: 1, 7.0: 1, 9.0: 1}  # 10.0 falls in the last bin
    assert bins("confidence") == {0.0: 1, 3.0: 1, 8.0: 1, 9.0: 1}
    assert histogram["label"].iloc[:2].tolist() == ["0–1", "1–2"]
    assert histogram["label"].iloc[9] == "9–10"


def test_score_histogram_wider_bins(known: pd.DataFrame) -> None:
    histogram = analytics.score_histogram(known, bin_width=2.5)
    overall = histogram.loc[histogram["dimension"] == "overall"]
    assert overall["bin"].tolist() == [0.0, 2.5, 5.0, 7.5]
    assert overall["sessions"].tolist() == [1, 1, 1, 1]  # 1.0, 4.0, 7.0, 9.5


@pytest.mark.parametrize(("days", "expected"), [(1, "D"), (31, "D"), (32, "W"), (550, "W"),
                                                (551, "M")])
def test_trend_freq_by_span(days: int, expected: str) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    assert analytics.trend_freq(start, start + timedelta(days=days)) == expected


def test_overall_trend_by_week_includes_empty_weeks(known: pd.DataFrame) -> None:
    trend = analytics.overall_trend(known, "W")
    assert trend["period"].tolist() == [pd.Timestamp("2026-11-02"), pd.Timestamp("2026-11-09"),
                                        pd.Timestamp("2026-11-16")]
    assert trend["sessions"].tolist() == [3, 0, 1]
    assert trend["mean_overall"].iloc[0] == pytest.approx((7.0 + 4.0 + 9.5) / 3)
    assert math.isnan(trend["mean_overall"].iloc[1])
    assert trend["mean_overall"].iloc[2] == 1.0


def test_overall_trend_by_day_over_a_given_span(known: pd.DataFrame) -> None:
    trend = analytics.overall_trend(known, "D", start=datetime(2026, 11, 1, tzinfo=UTC),
                                    end=datetime(2026, 11, 20, tzinfo=UTC))
    assert len(trend) == 20  # Nov 1 … Nov 20
    by_day = dict(zip(trend["period"].dt.day, trend["sessions"], strict=True))
    assert {day: n for day, n in by_day.items() if n} == {2: 2, 5: 1, 16: 1}
    assert trend.loc[trend["period"].dt.day == 2, "mean_overall"].item() == 5.5


def test_activity_counts_started_and_completed_by_start_week(known: pd.DataFrame) -> None:
    activity = analytics.activity(known, "W")
    assert activity["started"].tolist() == [3, 2, 1]
    assert activity["completed"].tolist() == [3, 0, 1]
    monthly = analytics.activity(known, "M")
    assert monthly.to_dict("list") == {"period": [pd.Timestamp("2026-11-01")], "started": [6],
                                       "completed": [4]}


NOW = datetime(2026, 12, 9, 15, 30, tzinfo=UTC)  # a Wednesday


@pytest.mark.parametrize(("freq", "start"), [("D", "2026-12-09"), ("W", "2026-12-07"),
                                             ("M", "2026-12-01")])
def test_the_period_still_under_way_is_partial(freq: analytics.Freq, start: str) -> None:
    # all time; a range ending after today; "last 30 days", whose axis ends at today's start
    for end in (None, NOW + timedelta(days=40), datetime(2026, 12, 9, tzinfo=UTC)):
        partial = partial_period(freq, end, NOW)
        assert partial == PartialPeriod(pd.Timestamp(start), freq, so_far=True)


def test_a_range_ending_inside_a_period_makes_it_partial() -> None:
    friday = datetime(2026, 11, 27, 23, 59, 59, 999999, tzinfo=UTC)  # the range's last instant
    partial = partial_period("W", friday, NOW)
    assert partial == PartialPeriod(pd.Timestamp("2026-11-23"), "W", so_far=False)
    assert partial.name == "week"


def test_a_range_ending_with_its_period_leaves_it_whole() -> None:
    sunday = datetime(2026, 11, 29, 23, 59, 59, 999999, tzinfo=UTC)
    assert partial_period("W", sunday, NOW) is None
    assert partial_period("D", sunday, NOW) is None
    assert partial_period("M", datetime(2026, 11, 30, 23, 59, 59, 999999,
                                                  tzinfo=UTC), NOW) is None
    assert partial_period("M", sunday - timedelta(days=1), NOW) is not None


def test_role_profiles_mean_scores_of_top_roles(known: pd.DataFrame) -> None:
    profiles = analytics.role_profiles(known, top=5)
    # most completed sessions first, ties by name ('=' sorts before letters)
    assert profiles["target_role"].tolist() == ["Data Analyst", '=HYPERLINK("x")',
                                                "Backend Engineer"]
    assert profiles["sessions"].tolist() == [2, 1, 1]  # in-progress s4 adds nothing
    analyst = profiles.iloc[0]
    assert (analyst["communication"], analyst["content"], analyst["confidence"],
            analyst["overall"]) == (5.0, 6.0, 5.5, 5.5)
    assert profiles.iloc[2][["communication", "content", "confidence", "overall"]].tolist() == [
        9.5, 10.0, 9.0, 9.5]
    assert analytics.role_profiles(known, top=1)["target_role"].tolist() == ["Data Analyst"]


def test_skill_gaps_merge_case_and_spacing_once_per_session(known: pd.DataFrame) -> None:
    gaps = analytics.skill_gap_counts(known)
    assert gaps["skill_gap"].tolist() == ["Metrics", "SQL", "Prioritisation", "Storytelling"]
    assert gaps["sessions"].tolist() == [2, 2, 1, 1]  # s6 names Metrics twice: counted once
    assert gaps["share"].tolist() == [0.5, 0.5, 0.25, 0.25]  # of 4 completed sessions
    assert analytics.skill_gap_counts(known, top=1)["skill_gap"].tolist() == ["Metrics"]


def test_skill_gaps_of_no_sessions_is_empty(known: pd.DataFrame) -> None:
    gaps = analytics.skill_gap_counts(known.iloc[2:5])  # s3 has none, s4/s5 unfinished
    assert gaps.empty
    assert list(gaps.columns) == ["skill_gap", "sessions", "share"]


def test_sessions_table_newest_first_with_durations(known: pd.DataFrame) -> None:
    table = analytics.sessions_table(known)
    assert table["id"].tolist() == ["s6", "s5", "s4", "s3", "s2", "s1"]
    assert table["duration_min"].tolist()[:2] == [40.0, 5.0]
    assert pd.isna(table.loc[2, "duration_min"])
    assert table.loc[0, "overall"] == 1.0
    assert table.loc[0, "skill_gaps"] == "Metrics; metrics; Prioritisation"
    assert analytics.sessions_table(known, limit=2)["id"].tolist() == ["s6", "s5"]


def test_grid_table_sends_shown_columns_with_repeated_text_dictionary_encoded(
        known: pd.DataFrame) -> None:
    many = pd.concat([known] * 4, ignore_index=True)  # 24 rows
    many["id"] = [f"s{number}" for number in range(len(many))]
    table = analytics.sessions_table(many)
    shown = ["created_at", "status", "target_role", "overall", "skill_gaps", "id"]
    grid = analytics.grid_table(table, shown)
    assert grid.column_names == shown  # questions_target, completed_at … are not sent
    kinds = {field.name: str(field.type) for field in grid.schema}
    # 3 statuses and 3 roles over 24 rows: each value sent once; the ids, all distinct, as text
    assert kinds["status"].startswith("dictionary")
    assert kinds["target_role"].startswith("dict")
    assert "string" in kinds["id"]
    assert not kinds["id"].startswith("dictionary")
    assert kinds["created_at"] == "timestamp[us, tz=UTC]"
    assert kinds["overall"] == "double"
    back = grid.to_pandas()
    for name in shown:  # the cells read the same
        assert back[name].astype(object).where(back[name].notna(), None).tolist() == \
            table[name].astype(object).where(table[name].notna(), None).tolist(), name


def test_csv_has_every_row_and_defuses_formulas(known: pd.DataFrame) -> None:
    text = analytics.csv_bytes(analytics.sessions_table(known)).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["id"] for row in rows] == ["s6", "s5", "s4", "s3", "s2", "s1"]
    assert rows[0]["target_role"] == "'=HYPERLINK(\"x\")"  # a spreadsheet shows, not runs it
    assert rows[0]["created_at"] == "2026-11-16T18:00:00Z"
    assert float(rows[0]["overall"]) == 1.0
    assert rows[3]["overall"] == "9.5"
    assert rows[3]["duration_min"] == "30"
    assert rows[2]["overall"] == ""  # in progress: no score
    assert rows[5]["model"] == ""


@pytest.mark.parametrize(("seconds", "text"), [(45, "45 s"), (754, "12 min 34 s"),
                                               (3900, "1 h 05 min")])
def test_format_duration(seconds: int, text: str) -> None:
    assert analytics.format_duration(timedelta(seconds=seconds)) == text
    assert analytics.format_duration(None) == "—"
