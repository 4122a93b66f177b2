"""A whole interview over HTTP through estel.client, and the success-path contract."""

from __future__ import annotations

import httpx
import pytest

from estel.brains.scripted import ScriptedBrain
from estel.client import EstelClient, start_interview_session, submit_interview_answer
from estel.contract import EstelInterviewEnvelope


def test_whole_interview_through_the_client_ends_in_feedback_and_is_saved(
    app_with, serve, memory_store, seed_meta
):
    store = memory_store()
    app = app_with(store=store)
    with serve(app) as url, EstelClient(url, timeout=10) as estel:
        envelope = estel.start_interview_session(seed_meta)
        seen = [envelope.payload.payload.question_id]
        while envelope.payload.payload.kind == "question":
            state = envelope.payload.session_state
            envelope = estel.submit_interview_answer(
                f"My answer to {state.question_index}", state, seed_meta)
            if envelope.payload.payload.kind == "question":
                seen.append(envelope.payload.payload.question_id)
    assert seen == [f"q{n}" for n in range(1, 9)]
    final = envelope.payload
    assert final.payload.kind == "feedback"
    assert final.payload.end_of_interview is True
    assert [item.answer for item in final.session_state.transcript] == [
        f"My answer to {n}" for n in range(1, 9)]
    assert len(store.rows) == 1  # one row, saved at every turn
    record = store.completed[0]
    assert record.status == "completed"
    assert record.target_role == "Business Analyst"
    assert record.overall_score == final.payload.scores.overall


def test_module_functions_run_the_first_and_an_answer_turn(base_url, seed_meta):
    first = start_interview_session(seed_meta, base_url=base_url)
    second = submit_interview_answer("I led a migration.", first.payload.session_state,
                                     base_url=base_url)
    assert first.status == second.status == "success"
    assert second.payload.session_state.question_index == 2
    assert second.payload.session_state.transcript[0].answer == "I led a migration."


def test_first_turn_answers_200_with_the_seed_envelope_and_cors(base_url, request_for):
    response = httpx.post(f"{base_url}/v1/brain", json=request_for(),
                          headers={"Origin": "https://app.example"})  # as a browser sends it
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    body = response.json()
    assert set(body) == {"brain", "mode", "status", "payload"}  # no nulls on the wire
    assert (body["brain"], body["mode"], body["status"]) == (
        "estel", "interview_session", "success")
    envelope = EstelInterviewEnvelope.model_validate(body)
    assert envelope.payload.session_state.question_index == 1
    assert envelope.payload.payload.phase == "intro"


def test_healthz_names_brain_store_and_version(app_with, serve, memory_store):
    with serve(app_with(brain=ScriptedBrain(name="scripted-x"))) as url:
        health = EstelClient(url).health()
    from estel import __version__

    assert health == {"status": "ok", "brain": "scripted-x", "store": "memory (tests)",
                      "version": __version__}


def test_a_store_failure_fails_the_turn_with_503_and_nothing_is_acknowledged(
        app_with, serve, memory_store, seed_meta):
    meta = {**seed_meta, "questions_target": 1}
    store = memory_store(fail=True)
    with serve(app_with(store=store)) as url:
        reply = httpx.post(f"{url}/v1/brain", json={
            "message": "", "language": "en",
            "context": {"context": "interview_session", "meta": meta, "session_state": None}})
    assert reply.status_code == 503
    assert reply.json()["status"] == "error"
    assert store.rows == {}


def test_openapi_schema_documents_the_request_and_the_envelope(base_url):
    schema = httpx.get(f"{base_url}/openapi.json").json()
    post = schema["paths"]["/v1/brain"]["post"]
    body_ref = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body_ref == "#/components/schemas/InterviewRequest"
    assert set(post["responses"]) == {"200", "400", "401", "409", "413", "429", "500", "503"}
    get = schema["paths"]["/v1/sessions/{session_id}"]["get"]
    assert {"200", "401", "404"} <= set(get["responses"])
    assert "InterviewRequest" in schema["components"]["schemas"]
    assert "securitySchemes" not in schema["components"]  # no token configured


def test_openapi_declares_bearer_auth_when_a_token_is_set(app_with):
    schema = app_with(api_token="s3cret").openapi()
    assert schema["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert schema["paths"]["/v1/brain"]["post"]["security"] == [{"bearer": []}]


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_no_html_documentation_pages(base_url, path, envelope_of):
    envelope_of(httpx.get(f"{base_url}{path}"), 404, "Not found")


def test_openapi_declares_no_auth_without_a_token(app_with):
    schema = app_with().openapi()
    assert "securitySchemes" not in schema.get("components", {})
    assert all("security" not in op for path in schema["paths"].values() for op in path.values())
