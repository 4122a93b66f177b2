"""Failures never lose an answer or the interview; downloads carry the report and the contract."""

from __future__ import annotations

import json

from estel.brains.scripted import ScriptedBrain, default_draft
from estel.contract import EstelInterviewEnvelope
from estel.errors import BrainFailure, StoreFailure
from estel.store.base import SaveReceipt


def test_brain_failure_keeps_the_answer_and_try_again_resubmits_it(driver):
    brain = ScriptedBrain([default_draft, BrainFailure("The interviewer timed out. Please try "
                                                       "again.")])
    at = driver.start(driver.open(brain=brain, questions=3))
    answer = "I led the migration of our billing service and cut incidents by half."
    driver.answer(at, 1, answer)

    assert not at.exception
    assert "The interviewer timed out. Please try again." in at.error[0].value
    assert at.text_area(key="answer").value == answer  # still in the box
    run = at.session_state["estel_run"]
    assert len(run.turns) == 1
    assert run.question_number == 1

    at.button(key="retry_q1").click().run()
    assert not at.exception
    assert not at.error
    run = at.session_state["estel_run"]
    assert run.question_number == 2
    assert run.current.state.transcript[0].answer == answer
    assert len(brain.calls) == 3  # opening, failed answer, retried answer
    assert at.text_area(key="answer").value == ""  # emptied for question 2


def test_unexpected_brain_crash_shows_a_safe_message_not_a_traceback(driver):
    brain = ScriptedBrain([default_draft, RuntimeError("secret internals sk-123")])
    at = driver.start(driver.open(brain=brain, questions=2))
    driver.answer(at, 1, "An answer.")
    assert not at.exception
    shown = "\n".join(e.value for e in at.error)
    assert "Please try again" in shown
    assert "sk-123" not in shown
    assert at.button(key="retry_q1")


def test_failed_start_keeps_the_setup_and_start_works_again(driver):
    brain = ScriptedBrain([BrainFailure("The interviewer is unavailable. Please try again.")])
    at = driver.start(driver.open(brain=brain, questions=2), role="Business Analyst")
    assert "The interviewer is unavailable" in at.error[0].value
    assert at.selectbox(key="setup_role").value == "Business Analyst"
    at.button(key="setup_start").click().run()
    assert not at.error
    assert at.session_state["estel_run"].meta.target_role == "Business Analyst"


class BrokenStore:
    """A store whose writes fail the two ways a real one can."""

    description = "SQLite: /nowhere/estel.db"

    def create(self, record):
        raise StoreFailure("The session store is read-only.")

    def complete(self, record):
        raise OSError("disk full")


def test_save_failure_never_loses_the_interview_and_the_report_says_so(driver):
    at = driver.start(driver.open(store=BrokenStore(), questions=2))
    assert "not being saved: The session store is read-only." in "\n".join(
        c.value for c in at.caption)
    driver.finish(at, 2)
    assert not at.exception
    assert at.session_state["estel_run"].finished
    assert "Not saved: The session could not be saved" in at.warning[0].value
    assert len(at.get("plotly_chart")) == 2  # the report is all there
    assert len(at.get("download_button")) == 2


def test_pending_sync_receipt_is_reported_as_kept_locally(driver):
    class OutboxStore(BrokenStore):
        def create(self, record):
            return SaveReceipt(saved=True, location="Supabase: x.supabase.co")

        def complete(self, record):
            return SaveReceipt(saved=True, location="local outbox: estel.db", pending_sync=True)

    at = driver.finish(driver.start(driver.open(store=OutboxStore(), questions=1)), 1)
    assert at.success[0].value.startswith("Kept locally (local outbox: estel.db)")


def test_downloads_hold_the_markdown_report_and_the_contract_envelope(driver, downloads):
    at = driver.finish(driver.start(driver.open(questions=3), role="Data Scientist"), 3)
    run = at.session_state["estel_run"]
    buttons = {b.key: b for b in at.get("download_button")}
    report = downloads(buttons["interview_report_download_md"]).decode()
    session = downloads(buttons["interview_report_download_json"]).decode()

    payload = run.current.response.payload
    assert report.startswith("# Interview feedback: Data Scientist")
    assert f"| {payload.scores.overall:.1f} | {payload.scores.communication:.1f} |" in report
    assert payload.summary in report
    for item in run.current.state.transcript:
        assert item.question in report
    assert report.count("**Assessment:**") == 3

    envelope = EstelInterviewEnvelope.model_validate_json(session)
    assert envelope.status == "success"
    assert envelope.payload == run.current.response
    assert json.loads(session)["payload"]["payload"]["kind"] == "feedback"
