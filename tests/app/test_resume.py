"""Resume in the app: the session id in the URL, reopening at the open question from the saved
row, the list of unfinished interviews (resume or abandon), two tabs, Restart."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from estel.store.sqlite import SQLiteStore
from estel.ui.saving import MOVED_ON

APP = Path(__file__).resolve().parents[2] / "streamlit_app.py"  # the script app.py serves


def reopen(query: dict[str, str] | None = None) -> AppTest:
    """A fresh browser session (a refresh, a new tab, a restarted server) on the app's URL."""
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params.update(query or {})
    return at.run()


def progress(at: AppTest) -> str:
    return at.get("progress")[0].proto.text


def test_the_url_names_the_interview_and_a_reload_reopens_it_at_the_open_question(
        driver, app_env: Path, page_text):
    at = driver.start(driver.open(questions=4))
    for number in (1, 2):
        driver.answer(at, number, f"I cut report time by {number}0 percent with SQL and Python")
    run = at.session_state["estel_run"]
    assert at.query_params["session"] == run.record.id
    stored = SQLiteStore(app_env).get(run.record.id)
    assert [e.answer for e in stored.transcript][:2] == [
        "I cut report time by 10 percent with SQL and Python",
        "I cut report time by 20 percent with SQL and Python"]

    assert all(e.answer_seconds is not None for e in stored.transcript[:2])  # saved per turn

    again = reopen({"session": run.record.id})
    assert not again.exception
    assert "Question 3 of 4" in progress(again)
    assert set(again.session_state["estel_run"].answer_seconds) == {1, 2}  # kept for the report
    shown = page_text(again, "markdown")
    assert "I cut report time by 10 percent with SQL and Python" in shown  # the transcript
    assert "I cut report time by 20 percent with SQL and Python" in shown
    assert again.session_state["estel_run"].current.state == run.current.state
    driver.answer(again, 3)
    driver.answer(again, 4)
    assert again.session_state["estel_run"].finished
    final = SQLiteStore(app_env).get(run.record.id)
    assert final.status == "completed"
    assert len([e for e in final.transcript if e.answer]) == 4
    assert all(e.answer_seconds is not None for e in final.transcript)


def test_an_unknown_session_in_the_url_shows_the_setup_with_a_note(driver, page_text):
    at = reopen({"session": "00000000-0000-4000-8000-000000000000"})
    assert not at.exception
    assert "Could not reopen that interview" in at.warning[0].value
    assert at.button(key="setup_start")
    assert "session" not in at.query_params


def test_unfinished_interviews_are_listed_and_can_be_resumed(driver):
    at = driver.start(driver.open(questions=8), role="Data Scientist")
    for number in (1, 2, 3):
        driver.answer(at, number)
    session = at.session_state["estel_run"].record.id
    fresh = reopen()
    button = fresh.button(key=f"resume_{session}")
    assert button.label == "Resume Data Scientist — question 4 of 8, just now"
    fresh.toggle(key="setup_coach").set_value(True)  # resumed with the options set above it
    button.click().run()
    assert "Question 4 of 8" in progress(fresh)
    assert fresh.query_params["session"] == session
    assert fresh.session_state["estel_run"].coach is True
    assert fresh.query_params["coach"] == "1"


def test_an_unfinished_interview_can_be_abandoned(driver, app_env: Path):
    at = driver.start(driver.open(questions=3))
    driver.answer(at, 1)
    session = at.session_state["estel_run"].record.id
    fresh = reopen()
    fresh.button(key=f"abandon_{session}").click().run()
    assert SQLiteStore(app_env).get(session).status == "abandoned"
    assert not [b for b in fresh.button if b.key == f"resume_{session}"]
    gone = reopen({"session": session})
    assert "abandoned" in gone.warning[0].value


def test_two_tabs_cannot_both_answer_one_question(driver, app_env: Path):
    at = driver.start(driver.open(questions=4))
    driver.answer(at, 1)
    session = at.session_state["estel_run"].record.id
    other = reopen({"session": session})
    driver.answer(other, 2, "Answered in the other tab.")
    driver.answer(at, 2, "Answered in the first tab.")
    assert at.error[0].value == MOVED_ON
    assert "Question 2 of 4" in progress(at)  # not taken
    stored = SQLiteStore(app_env).get(session)
    assert stored.transcript[1].answer == "Answered in the other tab."


def test_restart_marks_the_interview_abandoned_and_clears_the_url(driver, app_env: Path):
    at = driver.start(driver.open(questions=3))
    driver.answer(at, 1)
    session = at.session_state["estel_run"].record.id
    at.button(key="restart").click().run()
    at.button(key="restart_yes").click().run()
    assert SQLiteStore(app_env).get(session).status == "abandoned"
    assert "session" not in at.query_params


def test_a_reload_keeps_coach_mode_the_timer_and_read_aloud(driver, page_text):
    # QA: a refresh reopened the interview without coach mode (and without the timer).
    at = driver.open(questions=3)
    at.toggle(key="setup_coach").set_value(True)
    at.toggle(key="setup_read_aloud").set_value(True)
    at.selectbox(key="setup_answer_timer").select(2)
    at = driver.answer(driver.start(at), 1)
    run = at.session_state["estel_run"]
    assert (run.coach, run.timer_minutes, run.read_aloud) == (True, 2, True)

    again = reopen(dict(at.query_params))
    reopened = again.session_state["estel_run"]
    assert (reopened.coach, reopened.timer_minutes, reopened.read_aloud) == (True, 2, True)
    assert "Coach · your answer to Q1" in page_text(again, "markdown")

    plain = reopen({"session": run.record.id})  # a bare link: the defaults
    assert plain.session_state["estel_run"].coach is False
