"""Hinglish on the Interview page: the picker offers it, a family without Hinglish questions is
named under it, and an interview started in Hinglish asks in Hinglish."""

from __future__ import annotations

from estel.ui.forms import language_note


def test_language_note_names_a_family_without_hinglish_questions():
    assert "Nursing has no Hinglish questions yet" in language_note("Registered Nurse",
                                                                    "hinglish")
    assert language_note("Product Manager", "hinglish") is None  # translated family
    assert language_note("Registered Nurse", "en") is None
    assert language_note("", "hinglish") is None


def test_hinglish_setup_notes_the_fallback_and_the_interview_asks_in_hinglish(
        driver, page_text):
    at = driver.open(questions=3)
    at.selectbox(key="setup_language").select("hinglish").run()
    at.selectbox(key="setup_role").select("Registered Nurse").run()
    assert "Nursing has no Hinglish questions yet" in page_text(at, "caption")
    at.selectbox(key="setup_role").select("Product Manager").run()
    assert "no Hinglish questions" not in page_text(at, "caption")
    at.button(key="setup_start").click().run()
    assert not at.exception
    run = at.session_state["estel_run"]
    assert run.language == "hinglish"
    assert "aap" in run.current.response.payload.question.lower()
    assert run.current.response.payload.question in page_text(at)
    driver.answer(at, 1, "Maine pichhle saal ek feature launch kiya, pehle customers se baat "
                         "ki, phir scope chhota rakha, kyunki time kam tha.")
    assert not at.exception
    assert "aap" in at.session_state["estel_run"].current.response.payload.question.lower()
