"""The pydantic models are seed/contract.ts: round trips, closed objects, no nulls, literals."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from estel.brains.scripted import ScriptedBrain
from estel.contract import (
    EstelInterviewEnvelope,
    InterviewFeedbackPayload,
    InterviewMeta,
    InterviewQuestionPayload,
    InterviewRequest,
    InterviewSessionState,
    InterviewTranscriptItem,
    error_envelope,
    json_schemas,
)
from estel.engine import Engine
from estel.handler import handle_request

Path_ = tuple[str | int, ...]


def dict_paths(value: Any, path: Path_ = ()) -> Iterator[Path_]:
    """Paths of every JSON object inside `value` (the root included)."""
    if isinstance(value, dict):
        yield path
        for key, item in value.items():
            yield from dict_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from dict_paths(item, (*path, index))


def at(document: Any, path: Path_) -> Any:
    for part in path:
        document = document[part]
    return document


@pytest.fixture(scope="module")
def documents(interview, meta, seed_first_turn) -> dict[str, dict[str, Any]]:
    """Real wire documents: first/later requests, question, feedback and error envelopes."""
    engine = Engine(ScriptedBrain())
    envelopes = interview(engine, meta(2), ["First answer.", "Second answer."])
    first_request = json.loads(seed_first_turn)
    later_request = copy.deepcopy(first_request)
    later_request["message"] = "My answer to the last question..."
    later_request["context"]["meta"]["questions_target"] = 2
    later_request["context"]["session_state"] = envelopes[0]["payload"]["session_state"]
    return {
        "first_request": first_request,
        "later_request": later_request,
        "question": envelopes[1],
        "feedback": envelopes[2],
        "error": handle_request("not json", engine),
    }


def model_for(name: str) -> type:
    return InterviewRequest if name.endswith("request") else EstelInterviewEnvelope


@pytest.mark.parametrize(
    "name", ["first_request", "later_request", "question", "feedback", "error"]
)
def test_wire_documents_round_trip_unchanged(documents, name):
    document = documents[name]
    model = model_for(name).model_validate(document)
    assert model.to_wire() == document
    assert json.loads(model.to_json()) == document


def test_seed_first_turn_request_parses_with_null_state(documents):
    request = InterviewRequest.model_validate(documents["first_request"])
    assert request.context.session_state is None
    assert request.to_wire()["context"]["session_state"] is None
    assert request.context.meta.questions_target == 8


def test_feedback_and_question_envelopes_have_the_expected_payload_kinds(documents):
    assert documents["question"]["payload"]["payload"]["kind"] == "question"
    assert documents["feedback"]["payload"]["payload"]["kind"] == "feedback"
    assert documents["error"] == {
        "brain": "estel",
        "mode": "interview_session",
        "status": "error",
        "message": "The request is not valid JSON.",
    }


@pytest.mark.parametrize(
    "name", ["first_request", "later_request", "question", "feedback", "error"]
)
def test_extra_field_is_rejected_at_every_level(documents, name):
    document = documents[name]
    paths = list(dict_paths(document))
    assert len(paths) >= 2 or name == "error"
    for path in paths:
        tampered = copy.deepcopy(document)
        at(tampered, path)["surprise"] = 1
        with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
            model_for(name).model_validate(tampered)


OPTIONAL = {"answer", "helper_hint", "skill_gaps", "next_steps", "message", "payload"}


@pytest.mark.parametrize("name", ["later_request", "question", "feedback"])
def test_every_required_field_is_required(documents, name):
    document = documents[name]
    checked = 0
    for path in dict_paths(document):
        for key in list(at(document, path)):
            if key in OPTIONAL:
                continue
            tampered = copy.deepcopy(document)
            del at(tampered, path)[key]
            with pytest.raises(ValidationError):
                model_for(name).model_validate(tampered)
            checked += 1
    assert checked > 15


def first_path_with(document: Any, key: str) -> Path_:
    return next(path for path in dict_paths(document) if key in at(document, path))


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("later_request", "answer"),
        ("question", "answer"),
        ("question", "helper_hint"),
        ("feedback", "skill_gaps"),
        ("feedback", "next_steps"),
        ("error", "message"),
    ],
)
def test_explicit_null_for_an_optional_field_is_rejected(documents, name, key):
    document = copy.deepcopy(documents[name])
    if name == "later_request":  # the open question has no answer yet: give it an explicit null
        document["context"]["session_state"]["transcript"][0]["answer"] = None
    else:
        at(document, first_path_with(document, key))[key] = None
    with pytest.raises(ValidationError, match="may be omitted but not null"):
        model_for(name).model_validate(document)


def test_null_message_on_a_success_envelope_is_rejected(documents):
    document = {**documents["question"], "message": None}
    with pytest.raises(ValidationError):
        EstelInterviewEnvelope.model_validate(document)


WRONG_LITERALS = [
    ("question", ("brain",), "Estel"),
    ("question", ("status",), "ok"),
    ("question", ("payload", "type"), "turn"),
    ("question", ("payload", "payload", "kind"), "answer"),
    ("question", ("payload", "payload", "end_of_interview"), True),
    ("question", ("payload", "payload", "difficulty"), "standard"),
    ("question", ("payload", "payload", "phase"), "wrapup"),
    ("question", ("payload", "session_state", "phase"), "behavioral"),
    ("question", ("payload", "session_state", "meta", "difficulty"), "medium"),
    ("feedback", ("payload", "payload", "end_of_interview"), False),
    ("feedback", ("payload", "payload", "kind"), "question"),
    ("first_request", ("context", "context"), "chat"),
    ("first_request", ("context", "meta", "difficulty"), "Standard"),
    ("first_request", ("context", "meta", "questions_target"), "8"),
    ("first_request", ("context", "meta", "questions_target"), True),
    ("first_request", ("context", "meta", "questions_target"), 8.5),
    ("first_request", ("message",), None),
    ("first_request", ("language",), 1),
    ("later_request", ("context", "session_state", "question_index"), "1"),
    ("later_request", ("context", "session_state", "transcript"), {}),
]


@pytest.mark.parametrize(("name", "path", "value"), WRONG_LITERALS)
def test_wrong_literal_or_type_is_rejected(documents, name, path, value):
    document = copy.deepcopy(documents[name])
    at(document, path[:-1])[path[-1]] = value
    with pytest.raises(ValidationError):
        model_for(name).model_validate(document)


def test_to_wire_omits_absent_optional_fields():
    item = InterviewTranscriptItem(question_id="q1", question="Why?", topic="motivation")
    assert item.to_wire() == {"question_id": "q1", "question": "Why?", "topic": "motivation"}
    question = InterviewQuestionPayload(
        kind="question", end_of_interview=False, question_id="q1", question="Why?",
        topic="motivation", difficulty="easy", phase="intro",
    )
    assert "helper_hint" not in question.to_wire()
    feedback = InterviewFeedbackPayload.model_validate({
        "kind": "feedback", "end_of_interview": True, "summary": "s", "strengths": [],
        "improvements": [],
        "scores": {"communication": 1, "content": 2, "confidence": 3, "overall": 2},
    })
    assert set(feedback.to_wire()) == {
        "kind", "end_of_interview", "summary", "strengths", "improvements", "scores"
    }
    assert error_envelope("Nope.").to_wire() == {
        "brain": "estel", "mode": "interview_session", "status": "error", "message": "Nope."
    }


def test_scores_are_plain_json_numbers(documents):
    scores = documents["feedback"]["payload"]["payload"]["scores"]
    assert set(scores) == {"communication", "content", "confidence", "overall"}
    assert all(type(value) in (int, float) for value in scores.values())


def test_models_are_frozen():
    meta = InterviewMeta(target_role="BA", experience_level="junior", difficulty="easy",
                         questions_target=3)
    with pytest.raises(ValidationError):
        meta.questions_target = 4  # type: ignore[misc]


def test_json_schemas_hold_request_and_envelope_and_accept_real_documents(documents):
    schemas = json_schemas()
    assert set(schemas) == {"InterviewRequest", "EstelInterviewEnvelope"}
    for name, document in documents.items():
        key = "InterviewRequest" if name.endswith("request") else "EstelInterviewEnvelope"
        jsonschema.validate(document, schemas[key])


def test_json_schema_rejects_extra_fields_and_null_optionals(documents):
    envelope_schema = json_schemas()["EstelInterviewEnvelope"]
    extra = copy.deepcopy(documents["question"])
    extra["payload"]["payload"]["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(extra, envelope_schema)
    null_hint = copy.deepcopy(documents["question"])
    null_hint["payload"]["payload"]["helper_hint"] = None
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(null_hint, envelope_schema)
    transcript_item = json_schemas()["InterviewRequest"]["$defs"]["InterviewTranscriptItem"]
    assert transcript_item["required"] == ["question_id", "question", "topic"]


def test_session_state_model_matches_the_ts_field_set(documents):
    state = documents["question"]["payload"]["session_state"]
    assert set(state) == {
        "phase", "question_index", "total_questions", "score_so_far", "transcript", "meta"
    }
    assert set(InterviewSessionState.model_fields) == set(state)
    assert set(state["score_so_far"]) == {"communication", "content", "confidence"}
