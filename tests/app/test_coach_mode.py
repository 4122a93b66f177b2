"""Coach mode on the Interview page (AppTest): off by default; on, a panel after each answer."""

from __future__ import annotations

PANEL = "Coach · your answer to Q"


def start(driver, at, coach: bool | None):
    if coach is not None:
        at.toggle(key="setup_coach").set_value(coach)
    return driver.start(at)


def test_coach_mode_is_off_by_default(driver, page_text):
    at = driver.open(questions=3)
    assert at.toggle(key="setup_coach").value is False
    at = start(driver, at, None)
    at = driver.answer(at, 1)
    assert not at.exception
    assert PANEL not in page_text(at)
    assert "Delivery" not in page_text(at)


def test_with_coach_mode_each_answer_gets_its_panel_right_after_it(driver, page_text):
    at = start(driver, driver.open(questions=3), True)
    at = driver.answer(at, 1)
    assert not at.exception
    text = page_text(at)
    assert f"{PANEL}1" in text
    run = at.session_state["estel_run"]
    assessment = run.turns[1].assessment
    assert f"Content {assessment.content:.1f}" in text  # the engine's own assessment
    assert assessment.covered or assessment.missed  # the offline brain reports its verdicts
    for point in (*assessment.covered, *assessment.missed, *assessment.red_flags):
        assert f"- {point}" in text
    assert "Delivery" in text
    assert "STAR parts" in text
    assert "Fillers" in text
    at = driver.answer(at, 2, "Um, I think, um, maybe I fixed it, I guess.")
    text = page_text(at)
    assert f"{PANEL}2" in text
    assert f"{PANEL}1" not in text
    assert "“um” ×2" in text
    assert "“I guess” ×1" in text


def test_the_panel_sits_between_the_answer_and_the_next_question(driver, page_text):
    # QA: the panel about answer 1 was drawn below question 2, as if it were about question 2.
    at = driver.answer(start(driver, driver.open(questions=3), True), 1)
    markdown = page_text(at, "markdown")  # one kind: document order
    run = at.session_state["estel_run"]
    question = run.current.response.payload.question
    answer = run.current.state.transcript[0].answer
    panel = markdown.index(f"{PANEL}1")
    assert markdown.index(answer[:40]) < panel < markdown.index(question[:60])


def test_the_report_shows_every_answers_panel_in_coach_mode(driver, page_text):
    at = start(driver, driver.open(questions=2), True)
    at = driver.finish(at, 2)
    assert not at.exception
    assert "Your feedback report" in page_text(at)
    labels = [e.label for e in at.expander]
    assert labels.count("What a strong answer covers") == 2
    assert page_text(at).count("Delivery") == 2


def test_the_downloaded_report_carries_each_answers_coach_panel(driver, downloads):
    at = driver.finish(start(driver, driver.open(questions=2), True), 2)
    buttons = {b.key: b for b in at.get("download_button")}
    report = downloads(buttons["interview_report_download_md"]).decode()
    assert report.count("**Coach.**") == 2
    assert report.count("- Fillers: ") == 2
    assert report.count("- STAR parts: ") == 1  # the introduction's; a wrap-up is not a story
    assert report.count("What a strong answer covers:") == 2
    # each panel sits under its own answer's assessment
    first, second = report.split("### Q2", 1)
    assert "**Coach.**" in first.split("### Q1", 1)[1]
    assert "**Coach.**" in second


def test_the_report_has_no_coach_panels_without_coach_mode(driver, page_text, downloads):
    at = start(driver, driver.open(questions=2), False)
    at = driver.finish(at, 2)
    buttons = {b.key: b for b in at.get("download_button")}
    assert "**Coach.**" not in downloads(buttons["interview_report_download_md"]).decode()
    assert not at.exception
    assert "Your feedback report" in page_text(at)
    assert "What a strong answer covers" not in [e.label for e in at.expander]
    assert "Delivery" not in page_text(at)


def test_restart_keeps_the_coach_choice(driver):
    at = start(driver, driver.open(questions=3), True)
    at = driver.answer(at, 1)
    at.button(key="restart").click().run()
    at.button(key="restart_yes").click().run()
    assert at.toggle(key="setup_coach").value is True
