"""handle_request: every class of bad input gets a short, specific error; the state stays valid."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from estel.brains.base import TurnDraft
from estel.brains.scripted import ScriptedBrain, default_draft
from estel.contract import EstelInterviewEnvelope
from estel.engine import GENERIC_BRAIN_FAILURE, Engine
from estel.errors import ErrorKind
from estel.handler import handle_request, turn_outcome

MAX_MESSAGE = 200


@pytest.fixture
def engine() -> Engine:
    return Engine(ScriptedBrain())


@pytest.fixture
def open_state(engine, interview, meta) -> dict[str, Any]:
    """The state of an 8-question interview after two answers (q3 open)."""
    envelopes = interview(engine, meta(8), ["First answer.", "Second answer."])
    return envelopes[-1]["payload"]["session_state"]


@pytest.fixture
def finished_state(engine, interview, meta) -> dict[str, Any]:
    envelopes = interview(engine, meta(2), ["First answer.", "Second answer."])
    assert envelopes[-1]["payload"]["payload"]["kind"] == "feedback"
    return envelopes[-1]["payload"]["session_state"]


def assert_error(envelope: dict[str, Any], *fragments: str, mode: str = "interview_session"):
    """An error envelope (BrainEnvelope<null>) whose short message names the problem."""
    assert EstelInterviewEnvelope.model_validate(envelope)
    assert set(envelope) == {"brain", "mode", "status", "message"}, envelope
    assert (envelope["brain"], envelope["mode"], envelope["status"]) == ("estel", mode, "error")
    message = envelope["message"]
    assert 0 < len(message) <= MAX_MESSAGE, message
    assert "Traceback" not in message
    for fragment in fragments:
        assert fragment in message, message


def assert_state_still_works(engine, request_for, state, meta_dict):
    """The caller's state, resent untouched with a real answer, gets the next turn."""
    envelope = handle_request(request_for("A real answer.", state, meta_dict), engine)
    assert envelope["status"] == "success", envelope
    assert envelope["payload"]["session_state"]["question_index"] in (
        state["question_index"] + 1, state["total_questions"]
    )


NOT_A_REQUEST = [
    ("{not json", "not valid JSON"),
    ("", "not valid JSON"),
    (b"\xff\xfe\x00", "not UTF-8"),
    ("[]", "must be a JSON object"),
    ("3", "must be a JSON object"),
    ("null", "must be a JSON object"),
    ('"text"', "must be a JSON object"),
    ([], "must be a JSON object"),
    (None, "must be a JSON object"),
    ("[" * 100_000 + "]" * 100_000, "not valid JSON"),
]


@pytest.mark.parametrize(("data", "fragment"), NOT_A_REQUEST)
def test_not_a_json_object(engine, data, fragment):
    assert_error(handle_request(data, engine), fragment)


def with_change(request: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(request)
    target = changed
    for part in path[:-1]:
        target = target[part]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return changed


DELETE = object()
WRONG_REQUESTS = [
    (("message",), 1, "message"),
    (("message",), None, "message"),
    (("message",), DELETE, "message: Field required"),
    (("language",), ["en"], "language"),
    (("context",), "interview_session", "context"),
    (("context", "context"), DELETE, "context.context"),
    (("context", "meta"), [], "context.meta"),
    (("context", "meta", "target_role"), 7, "context.meta.target_role"),
    (("context", "meta", "target_role"), "   ", "target_role must not be empty"),
    (("context", "meta", "experience_level"), "", "experience_level must not be empty"),
    (("context", "meta", "questions_target"), 0, "between 1 and 20"),
    (("context", "meta", "questions_target"), 21, "between 1 and 20"),
    (("context", "meta", "questions_target"), -3, "between 1 and 20"),
    (("context", "meta", "questions_target"), "8", "context.meta.questions_target"),
    (("context", "meta", "questions_target"), 8.5, "context.meta.questions_target"),
    (("context", "meta", "questions_target"), True, "context.meta.questions_target"),
    (("context", "meta", "difficulty"), "medium", "context.meta.difficulty"),
    (("context", "meta", "difficulty"), "HARD", "context.meta.difficulty"),
    (("context", "session_state"), DELETE, "context.session_state: Field required"),
    (("context", "session_state"), [], "context.session_state"),
    (("context", "surprise"), 1, "context.surprise: Extra inputs are not permitted"),
    (("surprise",), 1, "surprise: Extra inputs are not permitted"),
]


@pytest.mark.parametrize(("path", "value", "fragment"), WRONG_REQUESTS)
def test_wrong_request_fields_name_the_field(engine, request_for, path, value, fragment):
    data = with_change(request_for(), path, value)
    before = copy.deepcopy(data)
    assert_error(handle_request(data, engine), fragment)
    assert data == before  # the caller's request is not modified


@pytest.mark.parametrize("mode", ["chat", "resume_review"])
def test_other_estel_modes_are_refused_and_echoed(engine, request_for, mode):
    data = with_change(request_for(), ("context", "context"), mode)
    assert_error(handle_request(data, engine), f"Mode '{mode}' is not supported yet", mode=mode)


def test_unknown_context_is_named(engine, request_for):
    data = with_change(request_for(), ("context", "context"), "job_search")
    assert_error(handle_request(data, engine), "context.context", "interview_session",
                 mode="job_search")


def test_a_very_long_extra_key_does_not_make_a_long_message(engine, request_for):
    data = with_change(request_for(), ("context", "k" * 5000), 1)
    assert_error(handle_request(data, engine), "Extra inputs are not permitted")


def test_a_long_mode_is_not_echoed(engine, request_for):
    data = with_change(request_for(), ("context", "context"), "m" * 500)
    assert_error(handle_request(data, engine), "context.context")


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [("", "The answer is empty"), ("   \n\t", "The answer is empty"),
     ("x" * 8001, "8,001 characters; the limit is 8,000")],
)
def test_blank_or_overlong_answer_is_refused_and_the_state_stays_valid(
    engine, request_for, meta, open_state, answer, fragment
):
    envelope = handle_request(request_for(answer, open_state, meta(8)), engine)
    assert_error(envelope, fragment)
    assert answer.strip()[:50] not in envelope["message"] or not answer.strip()
    assert_state_still_works(engine, request_for, open_state, meta(8))


def test_an_answer_of_exactly_8000_characters_is_accepted(engine, request_for, meta, open_state):
    envelope = handle_request(request_for("y" * 8000, open_state, meta(8)), engine)
    assert envelope["status"] == "success"
    assert envelope["payload"]["session_state"]["transcript"][2]["answer"] == "y" * 8000


def tamper(state: dict[str, Any], name: str) -> dict[str, Any]:
    """One way of breaking an open 8-question state with q3 open."""
    s = copy.deepcopy(state)
    items = s["transcript"]
    if name == "question_index_ahead":
        s["question_index"] = 4
    elif name == "question_index_zero":
        s["question_index"] = 0
    elif name == "question_index_past_total":
        s["question_index"] = 9
    elif name == "wrong_id":
        items[1]["question_id"] = "q7"
    elif name == "ids_swapped":
        items[0]["question_id"], items[1]["question_id"] = "q2", "q1"
    elif name == "phase_mismatch":
        s["phase"] = "technical"
    elif name == "missing_answer":
        del items[0]["answer"]
    elif name == "open_question_answered":
        items[-1]["answer"] = "Sneaked in."
    elif name == "transcript_too_long":
        items.append({"question_id": "q4", "question": "Extra?", "topic": "extra"})
    elif name == "transcript_too_short":
        items.pop()
    elif name == "score_above_ten":
        s["score_so_far"]["content"] = 10.5
    elif name == "score_negative":
        s["score_so_far"]["confidence"] = -1
    elif name == "total_mismatch":
        s["total_questions"] = 9
    elif name == "meta_in_state_differs":
        s["meta"]["target_role"] = "Data Scientist"
    elif name == "empty_question":
        items[0]["question"] = "  "
    elif name == "stored_answer_blank":
        items[0]["answer"] = " "
    elif name == "stored_answer_too_long":
        items[0]["answer"] = "z" * 8001
    elif name == "topic_too_long":
        items[0]["topic"] = "t" * 1000
    else:
        raise AssertionError(name)
    return s


TAMPERED = {
    "question_index_ahead": "transcript must hold one item per question",
    "question_index_zero": "question_index must be between 1 and 8",
    "question_index_past_total": "question_index must be between 1 and 8",
    "wrong_id": "transcript[1].question_id must be 'q2'",
    "ids_swapped": "transcript[0].question_id must be 'q1'",
    "phase_mismatch": "session_state.phase is 'technical'",
    "missing_answer": "transcript[0] has no answer",
    "open_question_answered": "q3 already has an answer",
    "transcript_too_long": "transcript must hold one item per question",
    "transcript_too_short": "transcript must hold one item per question",
    "score_above_ten": "between 0 and 10",
    "score_negative": "between 0 and 10",
    "total_mismatch": "total_questions does not match",
    "meta_in_state_differs": "meta does not match",
    "empty_question": "transcript[0].question is empty or too long",
    "stored_answer_blank": "transcript[0].answer is empty or too long",
    "stored_answer_too_long": "transcript[0].answer is empty or too long",
    "topic_too_long": "transcript[0].topic is empty or too long",
}


@pytest.mark.parametrize(("name", "fragment"), TAMPERED.items())
def test_tampered_state_is_refused_and_the_real_state_stays_valid(
    engine, request_for, meta, open_state, name, fragment
):
    brain_calls = len(engine.brain.calls)
    envelope = handle_request(request_for("An answer.", tamper(open_state, name), meta(8)),
                              engine)
    assert_error(envelope, fragment)
    assert len(engine.brain.calls) == brain_calls  # a tampered state never reaches the brain
    assert_state_still_works(engine, request_for, open_state, meta(8))


def test_score_before_the_first_answer_must_be_zero(engine, request_for, meta):
    first = handle_request(request_for(meta=meta(8)), engine)["payload"]["session_state"]
    tampered = copy.deepcopy(first)
    tampered["score_so_far"]["communication"] = 9.0
    assert_error(handle_request(request_for("Hi.", tampered, meta(8)), engine),
                 "must be 0 before the first answer")
    assert_state_still_works(engine, request_for, first, meta(8))


@pytest.mark.parametrize(
    "change",
    [{"target_role": "Data Scientist"}, {"experience_level": "10+ years"},
     {"difficulty": "hard"}, {"questions_target": 9}],
)
def test_request_meta_differing_from_the_session_is_refused(
    engine, request_for, meta, open_state, change
):
    envelope = handle_request(request_for("An answer.", open_state, meta(8, **change)), engine)
    assert_error(envelope, "session_state.meta does not match the request's meta")
    assert_state_still_works(engine, request_for, open_state, meta(8))


def test_finished_state_resubmitted_is_refused(engine, request_for, meta, finished_state):
    envelope = handle_request(request_for("One more answer.", finished_state, meta(2)), engine)
    assert_error(envelope, "already finished")


@pytest.mark.parametrize("language", ["fr", "de-DE", ""])
def test_other_language_proceeds_in_english_with_a_warning(engine, request_for, meta, language):
    envelope = handle_request(request_for(meta=meta(3), language=language), engine)
    assert envelope["status"] == "success"
    assert envelope["payload"]["payload"]["kind"] == "question"
    shown = language or "(empty)"
    assert envelope["message"] == (
        f"Language '{shown}' is not supported yet; the interview continues in English."
    )


@pytest.mark.parametrize("language", ["en", "EN", " en "])
def test_english_has_no_message(engine, request_for, meta, language):
    envelope = handle_request(request_for(meta=meta(3), language=language), engine)
    assert envelope["status"] == "success"
    assert "message" not in envelope


class Flaky(Exception):
    pass


@pytest.mark.parametrize(
    "failure",
    [RuntimeError("db password=hunter2"), KeyError("x"), ZeroDivisionError(), Flaky("secret"),
     RecursionError(), MemoryError()],
)
def test_a_brain_that_raises_gives_the_generic_error(request_for, meta, failure):
    envelope = handle_request(request_for(meta=meta(8)), Engine(ScriptedBrain([failure])))
    assert_error(envelope)
    assert envelope["message"] == GENERIC_BRAIN_FAILURE == (
        "Interview session failed. Please try again."
    )


def test_a_brain_failure_mid_interview_keeps_the_state_valid(request_for, meta, open_state):
    failing = Engine(ScriptedBrain([ValueError("model returned garbage")]))
    assert_error(handle_request(request_for("An answer.", open_state, meta(8)), failing))
    # the same state and answer work once the brain is back (the script is used up)
    assert_state_still_works(failing, request_for, open_state, meta(8))


@pytest.mark.parametrize(
    ("step", "fragment"),
    [
        (lambda ctx: "not a draft", GENERIC_BRAIN_FAILURE),
        (lambda ctx: TurnDraft(question=default_draft(ctx).question), "did not assess"),
        (lambda ctx: TurnDraft(assessment=default_draft(ctx).assessment), "did not ask"),
    ],
)
def test_a_brain_that_breaks_the_rules_gives_an_error(
    request_for, meta, open_state, step, fragment
):
    envelope = handle_request(request_for("An answer.", open_state, meta(8)),
                              Engine(ScriptedBrain([step])))
    assert_error(envelope, fragment)


def test_a_brain_that_repeats_a_question_gives_an_error(request_for, meta, open_state):
    asked = open_state["transcript"][0]["question"]

    def repeat(ctx):
        draft = default_draft(ctx)
        question = draft.question.model_copy(update={"question": asked.upper() + "  "})
        return TurnDraft(draft.assessment, question)

    envelope = handle_request(request_for("An answer.", open_state, meta(8)),
                              Engine(ScriptedBrain([repeat])))
    assert_error(envelope, "repeated a question")


@pytest.mark.parametrize(
    "text",
    [
        '{"message": "\\ud800", "language": "en", "context": {}}',
        '{"message": "", "language": "\\udfff", "context": {"context": "interview_session", '
        '"meta": {"target_role": "BA", "experience_level": "x", "difficulty": "easy", '
        '"questions_target": 3}, "session_state": null}}',
        '{"message": "", "language": "en", "context": {"context": "\\ud800"}}',
        '{"message": "", "language": "en", "context": {"\\ud800": 1}}',
    ],
)
def test_lone_surrogate_escapes_give_an_encodable_error(engine, text):
    envelope = handle_request(text, engine)
    assert envelope["status"] == "error"
    assert_error(envelope, mode=envelope["mode"])
    json.dumps(envelope, ensure_ascii=False).encode("utf-8")  # what the CLI and server write


def test_lone_surrogate_in_an_answer_is_refused(engine, request_for, meta, open_state):
    text = json.dumps(request_for("Fine \ud800 answer", open_state, meta(8)))
    envelope = handle_request(text, engine)
    assert_error(envelope, "invalid Unicode")
    assert_state_still_works(engine, request_for, open_state, meta(8))


def test_surrogate_pairs_are_fine(engine, request_for, meta, open_state):
    text = json.dumps(request_for("Shipped it \U0001f680", open_state, meta(8)))
    assert "\\ud83d\\ude80" in text
    envelope = handle_request(text, engine)
    assert envelope["status"] == "success"
    assert envelope["payload"]["session_state"]["transcript"][2]["answer"] == "Shipped it 🚀"


def test_turn_outcome_reports_the_error_kind(engine, request_for):
    assert turn_outcome("nope", engine).error_kind == ErrorKind.BAD_INPUT
    failing = Engine(ScriptedBrain([RuntimeError("x")]))
    outcome = turn_outcome(request_for(), failing)
    assert outcome.error_kind == ErrorKind.BRAIN_FAILURE
    assert outcome.result is None
    ok = turn_outcome(request_for(), engine)
    assert ok.error_kind is None
    assert ok.result is not None
    assert ok.result.brain == "scripted"


def test_json_text_and_bytes_are_accepted_like_dicts(engine, request_for):
    data = request_for()
    as_dict = handle_request(data, engine)
    assert handle_request(json.dumps(data), engine) == as_dict
    assert handle_request(json.dumps(data).encode("utf-8"), engine) == as_dict
