"""The Interview page through AppTest: setup → eight offline answers → report, and its controls."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from estel.config import load_settings
from estel.contract import MAX_ANSWER_CHARS
from estel.store import open_store
from estel.ui.forms import SetupChoice
from estel.ui.state import PREFILL_KEY

APP = Path(__file__).resolve().parents[2] / "streamlit_app.py"  # the script app.py serves


def test_whole_offline_interview_runs_from_setup_to_saved_report(driver, page_text, app_env):
    at = driver.open()
    assert not at.exception
    assert at.slider(key="setup_questions").value == 8  # the default length
    driver.start(at)
    assert not at.exception
    assert "Question 1 of 8 · Intro" in at.get("progress")[0].proto.text
    assert at.expander[0].label == "Need a hint?"
    assert ":blue-badge[Intro]" in page_text(at, "markdown")
    assert "running scores appear here" in page_text(at, "caption")

    for number in range(1, 9):
        if number > 1:
            assert f"Question {number} of 8" in at.get("progress")[0].proto.text
            assert [m.label for m in at.metric] == ["Overall", "Communication", "Content",
                                                    "Confidence"]
        driver.answer(at, number, f"I rebuilt the sales report in SQL; it saved 2 days. ({number})")
        assert not at.exception, at.exception
        assert not at.error, [e.value for e in at.error]

    run = at.session_state["estel_run"]
    assert run.finished
    assert len(run.turns) == 9
    assert [m.label for m in at.metric] == ["Overall", "Communication", "Content", "Confidence"]
    final = run.current.response.payload.scores
    assert at.metric[0].value == f"{final.overall:.1f} / 10"
    assert len(at.get("plotly_chart")) == 2  # radar + per question
    transcript = [e.label for e in at.main.expander]
    assert len(transcript) == 8
    assert transcript[0].startswith("Q1 · Intro ·")
    text = page_text(at)
    for heading in ("Strengths", "Improvements", "Skill gaps", "Next steps"):
        assert f"**{heading}**" in text
    assert f"Saved to SQLite: {app_env}." in [s.value for s in at.success]

    stored = open_store(load_settings()).get(run.record.id)
    assert stored is not None
    assert stored.status == "completed"
    assert stored.overall_score == final.overall
    assert [e.answer for e in stored.transcript][-1].endswith("(8)")


def test_setup_validation_messages_sit_under_their_fields_and_block_the_start(driver):
    at = driver.open()
    at.selectbox(key="setup_language").select("de")
    at.button(key="setup_start").click().run()

    errors = [e.value for e in at.error]
    assert any("Enter the role you are interviewing for" in e for e in errors)
    assert any("Only English and Hinglish are available for now" in e for e in errors)
    assert "estel_run" not in at.session_state
    assert at.button(key="setup_start")  # still on the setup form

    at.selectbox(key="setup_language").select("en")
    at.selectbox(key="setup_role").select("Product Manager")
    at.button(key="setup_start").click().run()
    assert not at.error
    assert at.session_state["estel_run"].meta.target_role == "Product Manager"


def test_language_select_offers_hinglish_and_lists_others_as_coming(driver):
    at = driver.open()
    language = at.selectbox(key="setup_language")
    assert language.options[:2] == ["English", "Hinglish (Hindi-English mix)"]
    assert all("coming soon" in option for option in language.options[2:])


def test_answer_box_says_the_limit_and_keeps_an_over_long_answer(driver, page_text):
    at = driver.start(driver.open(questions=3))
    box = at.text_area(key="answer")
    # no browser cap: Streamlit's max_chars silently drops a longer paste (issue 14)
    assert box.proto.max_chars == 0
    assert f"up to {MAX_ANSWER_CHARS:,} characters" in box.label

    long_answer = "x" * (MAX_ANSWER_CHARS + 1)
    driver.answer(at, 1, long_answer)
    assert (f"Your answer is {MAX_ANSWER_CHARS + 1:,} characters; the limit is "
            f"{MAX_ANSWER_CHARS:,}") in page_text(at, "warning")
    assert at.text_area(key="answer").value == long_answer  # kept, to be shortened
    assert len(at.session_state["estel_run"].turns) == 1

    driver.answer(at, 1, "   ")  # blank: refused before anything is sent
    assert "Write an answer before sending." in page_text(at, "warning")
    assert len(at.session_state["estel_run"].turns) == 1


def test_restart_asks_for_confirmation_then_returns_to_a_prefilled_setup(driver):
    at = driver.start(driver.open(questions=3), role="UX Designer")
    driver.answer(at, 1)
    at.button(key="restart").click().run()
    assert at.button(key="restart_yes")
    assert at.button(key="restart_no")

    at.button(key="restart_no").click().run()
    assert at.session_state["estel_run"].answered == 1  # kept going
    assert not any(b.key == "restart_yes" for b in at.button)

    at.button(key="restart").click().run()
    at.button(key="restart_yes").click().run()
    assert not at.exception
    assert "estel_run" not in at.session_state
    assert at.selectbox(key="setup_role").value == "UX Designer"
    assert at.slider(key="setup_questions").value == 3


def test_sidebar_names_brain_and_store_and_prefers_secrets_to_environment(driver, tmp_path,
                                                                          page_text):
    driver.secrets["ESTEL_DB_PATH"] = str(tmp_path / "from-secrets.db")
    at = driver.open()
    sidebar = "\n".join(str(m.value) for m in at.sidebar.markdown)
    assert "Offline" in sidebar
    assert f"SQLite: {tmp_path / 'from-secrets.db'}" in sidebar
    assert "How to switch" in [e.label for e in at.sidebar.expander]


def test_missing_secrets_file_is_not_an_error(driver, app_env, page_text):
    at = driver.open()  # no .streamlit/secrets.toml in the repo, no AppTest secrets
    assert not at.exception
    assert not at.sidebar.error
    assert not at.sidebar.warning
    assert str(app_env) in "\n".join(str(m.value) for m in at.sidebar.markdown)


def test_every_page_in_the_navigation_opens(driver):
    at = driver.open()
    for page, title in (("app_pages/dashboard.py", "Dashboard"), ("app_pages/prompt_lab.py",
                                                             "Prompt Lab")):
        at.switch_page(page).run()
        assert not at.exception
        assert at.title[0].value == title


def test_setup_is_kept_after_visiting_another_page(driver):
    at = driver.open()
    at.selectbox(key="setup_role").select("Backend Engineer")
    at.selectbox(key="setup_level").select_index(2)
    at.segmented_control(key="setup_difficulty").set_value("hard")
    at.slider(key="setup_questions").set_value(5).run()
    level = at.selectbox(key="setup_level").value
    at.switch_page("app_pages/dashboard.py").run()
    assert not at.exception
    at.switch_page("app_pages/interview.py").run()
    assert not at.exception
    assert at.selectbox(key="setup_role").value == "Backend Engineer"
    assert at.selectbox(key="setup_level").value == level
    assert at.segmented_control(key="setup_difficulty").value == "hard"
    assert at.slider(key="setup_questions").value == 5


def test_setup_and_interview_say_who_the_candidate_interviews_as(driver, page_text):
    at = driver.open()
    at.selectbox(key="setup_role").select("Registered Nurse").run()
    at.selectbox(key="setup_level").select("Senior").run()
    assert "Interviewing as: Nursing — Registered Nurse · senior" in page_text(at, "caption")

    typed = AppTest.from_file(str(APP), default_timeout=30)  # a title typed, not suggested
    typed.session_state[PREFILL_KEY] = SetupChoice("Marine Biologist", "Graduate", "standard",
                                                   8, "en")
    typed.run()
    assert "No role family in the catalogue matched" in page_text(typed, "caption")
    typed.button(key="setup_start").click().run()
    assert not typed.exception
    assert "Interviewing as: Marine Biologist · entry level" in page_text(typed, "caption")


STRONG_INTRO = (
    "I'm an analyst with six years of experience, most recently at Northwind where I led a team "
    "of four building our reporting platform. I enjoy turning messy problems into simple "
    "systems: last year I redesigned our billing pipeline, which cut failed invoices by 30%. "
    "I'm interested in this role because it combines hands-on work with mentoring, and my goal "
    "is to grow into a lead who measures impact, not activity."
)


def test_a_question_moved_by_the_adaptive_step_says_why(driver, page_text):
    at = driver.open()
    driver.start(at)
    assert "harder:" not in page_text(at, "markdown")  # q1 has the chosen difficulty
    driver.answer(at, 1, STRONG_INTRO)
    payload = at.session_state["estel_run"].current.response.payload
    assert payload.difficulty == "hard"
    assert ":red-badge[hard] :gray[harder: your answers are strong]" in page_text(at, "markdown")
