"""The Dashboard page through AppTest, on the app's own SQLite file (ESTEL_DB_PATH)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

from estel.store.base import SessionRecord


def rate(done: int, total: int) -> str:
    return f"{done / total:.0%}"


def mean_overall(records: list[SessionRecord]) -> str:
    scores = [r.overall_score for r in records if r.status == "completed"]
    return f"{sum(scores) / len(scores):.1f} / 10"


def test_empty_store_says_how_to_get_data(app_env: Path, dash) -> None:
    at = dash.open()
    assert not at.exception
    text = dash.text(at)
    assert "No interview sessions are stored yet." in text
    assert "python -m estel demo-data --sessions 200" in text
    assert not at.metric
    assert not dash.charts(at)


def test_kpis_and_charts_for_everything_stored(seeded_app: list[SessionRecord], dash) -> None:
    at = dash.open()
    assert not at.exception
    completed = [r for r in seeded_app if r.status == "completed"]
    assert dash.metrics(at) == {
        "Sessions": "6",
        "Completion rate": rate(len(completed), 6),
        "Mean overall": mean_overall(seeded_app),
        "Median duration": "16 min 00 s",  # completed after 12, 20, 30 and 12 minutes
    }
    charts = dash.charts(at)
    assert sorted(charts) == ["dash_chart_activity", "dash_chart_distribution", "dash_chart_roles",
                              "dash_chart_skill_gaps", "dash_chart_trend"]
    started = next(t for t in charts["dash_chart_activity"]["data"] if t["name"] == "Started")
    assert sum(started["y"]) == 6  # every stored session, in the figure the browser draws
    assert at.dataframe[0].value["id"].tolist() == [
        r.id for r in sorted(seeded_app, key=lambda r: r.created_at, reverse=True)]


def test_filters_change_the_kpis(seeded_app: list[SessionRecord], dash) -> None:
    at = dash.open()
    at.multiselect(key="dash_roles").select("Data Analyst").run()
    analysts = seeded_app[:3]
    assert dash.metrics(at)["Sessions"] == "3"
    assert dash.metrics(at)["Mean overall"] == mean_overall(analysts)
    assert dash.metrics(at)["Completion rate"] == "100%"

    at.multiselect(key="dash_roles").unselect("Data Analyst")
    at.multiselect(key="dash_statuses").select("abandoned").select("in_progress").run()
    assert dash.metrics(at)["Sessions"] == "2"
    assert dash.metrics(at)["Completion rate"] == "0%"
    assert dash.metrics(at)["Mean overall"] == "—"

    at.multiselect(key="dash_statuses").unselect("abandoned").unselect("in_progress")
    at.selectbox(key="dash_period").select("Last 7 days").run()  # drops 20 and 40 days ago
    assert dash.metrics(at)["Sessions"] == "4"
    assert not at.exception


def test_the_period_under_way_is_explained_under_the_time_charts(
        seeded_app: list[SessionRecord], dash) -> None:
    at = dash.open()
    at.selectbox(key="dash_period").select("Last 7 days").run()  # daily points up to today
    notes = [c.value for c in at.caption if c.value.startswith("Open markers")]
    assert notes == ["Open markers: today so far; it is not over yet."] * 2  # trend, activity
    activity = dash.charts(at)["dash_chart_activity"]
    assert activity["data"][0]["marker"]["symbol"][-1] == "circle-open"
    at.selectbox(key="dash_period").select("Custom range").run()
    newest = max(r.created_at for r in seeded_app).date()  # yesterday: a whole day
    at.date_input(key="dash_dates").set_value((newest - timedelta(days=3), newest)).run()
    assert not [c for c in at.caption if c.value.startswith("Open markers")]


def test_custom_date_range(seeded_app: list[SessionRecord], dash) -> None:
    at = dash.open()
    at.selectbox(key="dash_period").select("Custom range").run()
    newest = max(r.created_at for r in seeded_app).date()
    at.date_input(key="dash_dates").set_value((newest - timedelta(days=3), newest)).run()
    assert dash.metrics(at)["Sessions"] == "3"  # 1, 2 and 3 days ago
    assert not at.exception


def test_no_match_explains_itself(seeded_app: list[SessionRecord], dash) -> None:
    at = dash.open()
    at.multiselect(key="dash_roles").select("Product Manager")
    at.multiselect(key="dash_statuses").select("completed").run()
    assert "No sessions match these filters" in dash.text(at)
    assert not at.metric


def test_drill_down_renders_the_shared_report(seeded_app: list[SessionRecord], dash) -> None:
    at = dash.open()
    record = seeded_app[0]
    at.selectbox(key="dash_session").set_value(record.id).run()
    assert not at.exception
    shown = dash.metrics(at)
    assert shown["Overall"] == f"{record.overall_score:.1f} / 10"
    assert shown["Content"] == f"{record.content_score:.1f} / 10"
    assert record.summary in dash.text(at)
    labels = [e.label for e in at.expander]
    assert sum(label.startswith("Q") for label in labels) == len(record.transcript)
    assert any(record.transcript[0].topic in label for label in labels)
    names = [b.proto.label for b in at.download_button]
    assert "Download report (Markdown)" in names


def test_drill_down_of_an_unfinished_session(seeded_app: list[SessionRecord], dash) -> None:
    at = dash.open()
    at.selectbox(key="dash_session").set_value(seeded_app[5].id).run()
    assert "in progress" in dash.text(at)
    assert "Overall" not in dash.metrics(at)


def test_csv_download_holds_the_filtered_table(
    seeded_app: list[SessionRecord], dash, downloads
) -> None:
    at = dash.open()
    at.multiselect(key="dash_roles").select("Data Analyst").run()
    rows = list(csv.DictReader(io.StringIO(
        downloads(at.download_button(key="dash_csv")).decode("utf-8-sig"))))
    analysts = sorted(seeded_app[:3], key=lambda r: r.created_at, reverse=True)
    assert [row["id"] for row in rows] == [r.id for r in analysts]
    assert {row["target_role"] for row in rows} == {"Data Analyst"}
    assert [float(row["overall"]) for row in rows] == [r.overall_score for r in analysts]


def test_drill_down_downloads_the_contract_envelope_and_the_stored_record(
    seeded_app: list[SessionRecord], dash, downloads
) -> None:
    from estel.contract import EstelInterviewEnvelope

    record = seeded_app[0]
    at = dash.open()
    at.selectbox(key="dash_session").set_value(record.id).run()
    assert not at.exception
    envelope = EstelInterviewEnvelope.model_validate_json(
        downloads(at.download_button(key="dash_report_download_json")))
    assert envelope.status == "success"
    assert envelope.payload is not None
    state, feedback = envelope.payload.session_state, envelope.payload.payload
    assert (state.phase, state.question_index) == ("wrap_up", record.questions_target)
    assert [item.answer for item in state.transcript] == [e.answer for e in record.transcript]
    assert feedback.kind == "feedback"
    assert feedback.summary == record.summary
    assert (feedback.scores.overall, feedback.scores.content) == (record.overall_score,
                                                                  record.content_score)
    stored = SessionRecord.model_validate_json(
        downloads(at.download_button(key="dash_report_download_record")))
    assert stored == record


def test_a_stored_row_that_does_not_rebuild_keeps_its_record_download(
    app_env: Path, seeded_app: list[SessionRecord], dash
) -> None:
    from estel.store.sqlite import SQLiteStore

    # completed but without its transcript (say, written by hand or by an older version)
    broken = seeded_app[0].model_copy(update={"id": "00000000-0000-4000-8000-0000000000bb",
                                              "transcript": []})
    store = SQLiteStore(app_env)
    store.create(broken)
    store.complete(broken)
    at = dash.open()
    at.selectbox(key="dash_session").set_value(broken.id).run()
    assert not at.exception
    keys = {b.key for b in at.download_button}
    assert "dash_report_download_json" not in keys
    assert "dash_report_download_record" in keys
    assert "contract" in dash.text(at)


def test_a_new_session_shows_at_the_next_rerun_and_reruns_reuse_the_cache(
        seeded_app: list[SessionRecord], app_env: Path, dash, monkeypatch) -> None:
    """The cache is keyed on the file's change marker: reused while nothing is written (a
    rerun computes nothing), recomputed as soon as a session is saved (no 30 s wait)."""
    from estel.dashboard import analytics
    from estel.store.sqlite import SQLiteStore

    at = dash.open()
    assert dash.metrics(at)["Sessions"] == "6"
    computed = []
    real_kpis = analytics.kpis
    monkeypatch.setattr(analytics, "kpis", lambda frame: computed.append(1) or real_kpis(frame))
    at.run()
    assert dash.metrics(at)["Sessions"] == "6"
    assert computed == []
    done = next(r for r in seeded_app if r.status == "completed")
    SQLiteStore(app_env).complete(done.model_copy(update={"id": "f" * 8 + done.id[8:]}))
    at.run()
    assert dash.metrics(at)["Sessions"] == "7"
    assert computed == [1]
