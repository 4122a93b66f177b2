"""The Interview page with "Let the interviewer decide": the setup's minimum and maximum, the
progress line ("of up to 12", then the decided total), the saved session's bounds, resume, and
the report saying why the interview ended where it did."""

from __future__ import annotations

from estel.store.sqlite import SQLiteStore
from estel.ui import state
from estel.ui.forms import SetupChoice, meta_from, setup_problems

ANSWER = ("In my last role I owned the weekly revenue report. I rebuilt it in SQL and Python, "
          "automated the refresh and cut the time it took from two days to two hours, which "
          "let the sales team act on numbers 40% faster.")


def texts(at, kind: str) -> list[str]:
    return [str(getattr(element, "value", "")) for element in at.get(kind)]


def adaptive(at, low: int, high: int):
    at.toggle(key=state.SETUP_ADAPTIVE).set_value(True).run()
    at.slider(key=state.SETUP_RANGE).set_range(low, high).run()
    return at


def progress_text(at) -> str:
    return at.get("progress")[0].proto.text


def test_setup_offers_a_range_defaulting_to_5_to_12_instead_of_the_fixed_number(driver):
    at = driver.open()
    assert at.toggle(key=state.SETUP_ADAPTIVE).value is False
    assert [s.key for s in at.slider] == [state.SETUP_QUESTIONS]
    at.toggle(key=state.SETUP_ADAPTIVE).set_value(True).run()
    assert [s.key for s in at.slider] == [state.SETUP_RANGE]
    assert at.slider(key=state.SETUP_RANGE).value == (5, 12)
    assert at.slider(key=state.SETUP_RANGE).min == 4  # one question per phase


def test_the_setup_form_refuses_a_range_below_one_question_per_phase():
    choice = SetupChoice("Data Analyst", "Mid-level", "standard", 8, "en", adaptive=True,
                         question_range=(3, 9))
    assert "at least 4 questions" in setup_problems(choice)["questions"]
    ok = SetupChoice("Data Analyst", "Mid-level", "standard", 8, "en", adaptive=True,
                     question_range=(5, 9))
    assert setup_problems(ok) == {}
    assert meta_from(ok).questions_target == 9  # the maximum travels as questions_target


def test_full_answers_end_early_and_the_report_says_why(driver, app_env):
    at = adaptive(driver.open(), 4, 8)
    driver.start(at)
    assert "Question 1 of up to 8" in progress_text(at)
    assert "4–8 questions, the interviewer decides" in " ".join(texts(at, "caption"))
    number, seen = 1, []
    while not at.get("progress")[0].proto.text.startswith("Interview complete"):
        seen.append(progress_text(at))
        driver.answer(at, number, f"{ANSWER} (answer {number})")
        number += 1
    asked = number - 1
    assert 4 <= asked < 8, asked
    assert seen[-1] == (f"Question {asked} of {asked} · Wrap-up · ending early (up to 8 were "
                        "allowed): enough evidence")
    assert all("of up to 8" in line for line in seen[:-1])
    assert progress_text(at) == f"Interview complete · {asked} of {asked} answered"
    notes = [t for t in texts(at, "caption") if "Ended after" in t]
    assert notes
    assert f"Ended after {asked} of up to 8 questions" in notes[0]
    row = SQLiteStore(app_env).list()[0]
    assert (row.min_questions, row.questions_target, row.total_questions) == (4, 8, asked)


def test_thin_answers_go_on_to_the_maximum_and_the_report_says_why(driver):
    at = adaptive(driver.open(), 4, 6)
    driver.start(at)
    for number in range(1, 7):
        assert ("of up to 6" in progress_text(at)) == (number < 6)
        driver.answer(at, number, f"Not sure, maybe {number}.")
    assert progress_text(at) == "Interview complete · 6 of 6 answered"
    notes = [t for t in texts(at, "caption") if "Went on to 6 questions" in t]
    assert notes, texts(at, "caption")
    assert "under 30 words" in notes[0]
