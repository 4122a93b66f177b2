"""The History page: past interviews newest first, a role filter, the report and transcript of
any, and the trend of scores across attempts at one role."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from estel.history import attempts_trend, history_label, newest_first, roles_of
from estel.store.base import SessionRecord

HISTORY_PAGE = "app_pages/history.py"


def finish_interviews(driver, roles: list[str]) -> list:
    records = []
    for role in roles:
        at = driver.finish(driver.start(driver.open(questions=2), role=role), 2)
        records.append(at.session_state["estel_run"].record)
    return records


def open_history(driver):
    at = driver.open()
    at.switch_page(HISTORY_PAGE)
    return at.run()


def test_history_lists_finished_interviews_newest_first_and_opens_a_report(driver):
    done = finish_interviews(driver, ["Data Scientist", "Data Analyst", "Data Scientist"])
    at = open_history(driver)
    assert not at.exception
    assert at.selectbox(key="history_role").options == ["All roles", "Data Scientist",
                                                        "Data Analyst"]
    labels = at.selectbox(key="history_pick").options
    assert [label.rsplit(" · ", 1)[1] for label in labels] == [r.id[:8] for r in done[::-1]]
    # the newest (a Data Scientist's second attempt) is open: its report, transcript and trend
    assert [m.label for m in at.metric] == ["Overall", "Communication", "Content", "Confidence"]
    assert len([e for e in at.main.expander if e.label.startswith("Q")]) == 2
    trend = at.get("plotly_chart")[0]
    assert "scores across attempts" in trend.proto.spec


def test_the_role_filter_keeps_only_that_role_and_a_single_attempt_has_no_trend(driver):
    done = finish_interviews(driver, ["Data Scientist", "Data Analyst"])
    at = open_history(driver)
    at.selectbox(key="history_role").select("Data Analyst").run()
    labels = at.selectbox(key="history_pick").options
    assert len(labels) == 1
    assert labels[0].endswith(done[1].id[:8])
    assert all("scores across attempts" not in c.proto.spec for c in at.get("plotly_chart"))


def test_history_without_interviews_says_so(driver):
    at = open_history(driver)
    assert "No finished interviews yet" in at.info[0].value


def test_the_trend_is_oldest_attempt_first_with_overall_shown():
    base = {"id": "00000000-0000-4000-8000-000000000001", "status": "completed",
            "target_role": "Nurse", "experience_level": "mid", "difficulty": "easy",
            "questions_target": 1, "brain": "offline", "summary": "s",
            "communication_score": 5.0, "content_score": 5.0, "confidence_score": 5.0}
    t0 = datetime(2026, 12, 1, tzinfo=UTC)
    records = [SessionRecord.model_validate({
        **base, "id": f"00000000-0000-4000-8000-00000000000{n}", "overall_score": score,
        "created_at": t0 + timedelta(days=n), "completed_at": t0 + timedelta(days=n)})
        for n, score in enumerate([3.0, 6.5, 5.0])]
    other = records[0].model_copy(update={"target_role": "Chef", "id": records[0].id[:-1] + "9"})
    figure = attempts_trend([*records, other], "Nurse")
    overall = figure.data[0]
    assert list(overall.x) == [1, 2, 3]
    assert list(overall.y) == [3.0, 6.5, 5.0]
    assert overall.visible is True
    assert all(trace.visible == "legendonly" for trace in figure.data[1:])
    assert [r.overall_score for r in newest_first([*records, other], "Nurse")] == [5.0, 6.5, 3.0]
    assert roles_of([*records, other]) == ["Nurse", "Chef"]
    assert history_label(records[1]) == "2026-12-02 00:00 · Nurse · mid · 6.5 / 10"


def test_history_shows_the_time_each_answer_took(driver, page_text, downloads):
    """Times are saved with the session: History's report lists them (table, transcript,
    Markdown) long after the interview's own page is gone."""
    at = driver.start(driver.open(questions=2), role="Data Analyst")
    run = at.session_state["estel_run"]
    run.shown_at[1] -= 65  # question 1 was on screen for a minute before the answer
    at = driver.finish(at, 2)
    taken = at.session_state["estel_run"].answer_seconds
    assert 65 <= taken[1] < 125
    assert taken[2] < 60
    at = open_history(driver)
    assert not at.exception
    table = [t for t in at.dataframe if "Time taken" in t.value.columns]
    assert len(table) == 1
    rows = table[0].value
    assert list(rows["Question"]) == [1, 2]
    assert rows["Time taken"][0].startswith(("1:", "2:0"))
    assert rows["Time taken"][1] < "1:00"
    labels = [e.label for e in at.main.expander if e.label.startswith("Q")]
    assert ":material/timer: 1:" in labels[0]
    assert ":material/timer: 0:" in labels[1]
    assert "in all" in page_text(at)
    buttons = {b.key: b for b in at.get("download_button")}
    assert "**Time taken:** 1:" in downloads(buttons["history_report_download_md"]).decode()
