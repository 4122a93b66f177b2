"""Every error class: the right HTTP status and a body that is an error envelope."""

from __future__ import annotations

import json

import httpx
import pytest

from estel.brains.scripted import ScriptedBrain
from estel.errors import BrainFailure

BIG = 512 * 1024 + 1


def post(url: str, **kwargs):
    return httpx.post(f"{url}/v1/brain", timeout=10, **kwargs)


def test_bad_json_is_400(base_url, envelope_of):
    envelope_of(post(base_url, content=b'{"message": '), 400, "not valid JSON")


def test_empty_body_is_400(base_url, envelope_of):
    envelope_of(post(base_url, content=b""), 400, "not valid JSON")


def test_a_json_array_is_400(base_url, envelope_of):
    envelope_of(post(base_url, json=[1, 2]), 400, "JSON object")


@pytest.mark.parametrize("mode", ["chat", "resume_review"])
def test_other_modes_are_400_not_supported_yet_and_echo_the_mode(base_url, request_for,
                                                                 envelope_of, mode):
    envelope = envelope_of(post(base_url, json=request_for(mode=mode)), 400, "not supported yet")
    assert envelope.mode == mode


def test_a_request_breaking_the_rules_is_400_naming_the_field(base_url, request_for, seed_meta,
                                                              envelope_of):
    meta = {**seed_meta, "questions_target": "eight"}
    envelope_of(post(base_url, json=request_for(meta=meta)), 400, "questions_target")


def test_a_forged_session_state_is_400(base_url, request_for, envelope_of):
    first = post(base_url, json=request_for()).json()
    state = first["payload"]["session_state"]
    state["question_index"] = 5  # the transcript holds one item
    envelope_of(post(base_url, json=request_for("answer", state)), 400)


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic s3cret", "s3cret", "Bearer"])
def test_missing_or_wrong_token_is_401(app_with, serve, request_for, envelope_of, header):
    headers = {"Authorization": header} if header is not None else {}
    with serve(app_with(api_token="s3cret")) as url:
        response = post(url, json=request_for(), headers=headers)
    envelope_of(response, 401, "bearer token")
    assert response.headers["www-authenticate"] == "Bearer"


def test_the_right_token_is_accepted(app_with, serve, request_for, envelope_of):
    with serve(app_with(api_token="s3cret")) as url:
        response = post(url, json=request_for(), headers={"Authorization": "Bearer s3cret"})
    assert envelope_of(response, 200).status == "success"


def test_body_over_512_kib_with_content_length_is_413(base_url, envelope_of):
    envelope_of(post(base_url, content=b" " * BIG), 413, "512 KiB")


def test_streamed_body_over_512_kib_without_content_length_is_413(base_url, envelope_of):
    def chunks():
        for _ in range(BIG // 4096 + 1):
            yield b" " * 4096

    response = post(base_url, content=chunks())  # chunked: no Content-Length to trust
    envelope_of(response, 413, "512 KiB")


def test_body_of_exactly_512_kib_is_read(base_url, request_for, envelope_of):
    body = json.dumps(request_for()).encode()
    padded = body + b" " * (512 * 1024 - len(body))  # whitespace after JSON is still JSON
    assert envelope_of(post(base_url, content=padded), 200).status == "success"


def test_rate_limit_is_429_with_retry_after(app_with, serve, request_for, envelope_of):
    with serve(app_with(rate_limit_per_minute=3)) as url:
        answers = [post(url, json=request_for()) for _ in range(4)]
    assert [r.status_code for r in answers[:3]] == [200, 200, 200]
    envelope_of(answers[3], 429, "Too many requests")
    assert int(answers[3].headers["retry-after"]) >= 1


def test_unknown_path_is_404(base_url, envelope_of):
    envelope_of(httpx.get(f"{base_url}/v1/nope"), 404, "POST /v1/brain")


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
def test_wrong_method_is_405_with_allow(base_url, envelope_of, method):
    response = httpx.request(method, f"{base_url}/v1/brain")
    envelope_of(response, 405, "Method not allowed")
    assert response.headers["allow"] == "POST"


def test_brain_failure_is_500_with_the_seed_envelope(app_with, serve, request_for, envelope_of):
    brain = ScriptedBrain([RuntimeError("model server exploded: sk-secret")])
    with serve(app_with(brain=brain)) as url:
        response = post(url, json=request_for())
    envelope = envelope_of(response, 500)
    assert envelope.to_wire() == {"brain": "estel", "mode": "interview_session",
                                  "status": "error",
                                  "message": "Interview session failed. Please try again."}
    assert "sk-secret" not in response.text


def test_a_specific_brain_failure_message_is_kept(app_with, serve, request_for, envelope_of):
    brain = ScriptedBrain([BrainFailure("The model server timed out. Please try again.")])
    with serve(app_with(brain=brain)) as url:
        envelope_of(post(url, json=request_for()), 500, "timed out")


def test_cors_preflight_answers_204_with_the_seed_headers(base_url):
    response = httpx.options(f"{base_url}/v1/brain", headers={
        "Origin": "https://app.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    allowed = {h.strip() for h in response.headers["access-control-allow-headers"].split(",")}
    # the seed's corsHeaders and the session header a browser client sends back (Starlette's
    # CORSMiddleware lists them sorted, with the CORS-safelisted ones)
    assert allowed >= {"authorization", "x-client-info", "apikey", "content-type",
                       "estel-session"}
    assert "POST" in response.headers["access-control-allow-methods"]


def test_cors_with_an_origin_list_allows_only_those(app_with, serve, request_for):
    with serve(app_with(cors_origins="https://a.example, https://b.example")) as url:
        ok = httpx.options(f"{url}/v1/brain", headers={"Origin": "https://b.example"})
        other = httpx.post(f"{url}/v1/brain", json=request_for(),
                           headers={"Origin": "https://evil.example"})
    assert ok.headers["access-control-allow-origin"] == "https://b.example"
    assert ok.headers["vary"] == "Origin"
    assert "access-control-allow-origin" not in other.headers
    assert other.status_code == 200  # CORS is the browser's check; the server still answers


def test_error_responses_carry_cors_headers_too(base_url):
    # a browser's cross-origin request always names its Origin; CORS headers are for it
    response = post(base_url, content=b"nope", headers={"Origin": "https://app.example"})
    assert response.status_code == 400
    assert response.headers["access-control-allow-origin"] == "*"
