"""The answer timer (issue 15): the setup choice, the countdown, time per answer in the report."""

from __future__ import annotations

import time

from estel.ui.answer_timer import TIME_UP, countdown_html


def test_countdown_counts_to_the_deadline_and_tells_not_cuts():
    html = countdown_html(1_700_000_000_000, 3)
    assert "const deadline = 1700000000000" in html
    assert TIME_UP in html
    assert "disabled" not in html  # the answer box is never locked


def test_no_timer_by_default(driver):
    at = driver.open(questions=2)
    assert at.selectbox(key="setup_answer_timer").value == 0
    at = driver.start(at)
    assert at.session_state["estel_run"].timer_minutes == 0
    assert not [c for c in at.get("iframe") if "deadline" in str(c.proto)]


def test_a_timed_interview_counts_down_and_reports_time_per_answer(driver, page_text):
    at = driver.open(questions=2)
    at.selectbox(key="setup_answer_timer").set_value(2)
    at = driver.start(at)
    run = at.session_state["estel_run"]
    assert run.timer_minutes == 2
    shown = run.shown_at[1]
    assert time.time() - shown < 60
    frames = [str(c.proto) for c in at.get("iframe")]
    assert any(f"const deadline = {(shown + 120) * 1000:.0f}" in f for f in frames)
    at = driver.answer(at, 1)
    at = driver.answer(at, 2)
    assert not at.exception
    run = at.session_state["estel_run"]
    assert set(run.answer_seconds) == {1, 2}
    assert all(0 <= s < 120 for s in run.answer_seconds.values())
    assert all(f.limit_seconds == 120 for f in run.answers.values())
    assert "Time and delivery" in page_text(at)
    assert "0 of 2 timed answers over the 2:00 limit" in page_text(at)


def test_coach_mode_says_right_after_an_answer_how_it_did_against_the_limit(driver, page_text):
    at = driver.open(questions=3)
    at.selectbox(key="setup_answer_timer").set_value(1)
    at.toggle(key="setup_coach").set_value(True)
    at = driver.start(at)
    at.session_state["estel_run"].shown_at[1] -= 70  # the first answer took over a minute
    at = driver.answer(at, 1)
    assert not at.exception
    captions = page_text(at, "caption")
    assert "of a 1:00 limit (0:1" in captions
    assert "Typed" not in captions  # nothing was spoken: 'typed' would say nothing
