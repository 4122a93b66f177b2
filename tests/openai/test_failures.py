"""Every way the model or its server fails: a specific safe message; the same answer resubmits."""

from __future__ import annotations

import json
import socket

import pytest


def opened(fake, kit, **settings):
    """An engine and the envelope of its first question (one request consumed)."""
    engine = kit.make_engine(kit.make_settings(fake.base_url, **settings))
    envelope = kit.run(kit.start_request(), engine)
    assert envelope["status"] == "success", envelope
    return engine, envelope


def assert_error_then_resubmit(fake, kit, engine, request, message_part, requests_before_ok):
    """The turn fails with the message, no payload; the same request then succeeds."""
    before = len(fake.requests)
    envelope = kit.run(request, engine)
    assert envelope["status"] == "error", envelope
    assert message_part in envelope["message"]
    assert "payload" not in envelope
    assert len(fake.requests) - before == requests_before_ok
    retry = kit.run(request, engine)  # the caller kept its state: same request again
    assert retry["status"] == "success", retry
    state = retry["payload"]["session_state"]
    assert state["question_index"] == request["context"]["session_state"]["question_index"] + 1
    assert state["transcript"][-2]["answer"] == request["message"]
    return envelope


def test_invalid_json_then_valid_is_re_asked_once(fake, kit):
    engine, envelope = opened(fake, kit)
    fake.add(kit.ok("Sure! Here is my assessment: great answer."),
             kit.ok({"assessment": kit.ASSESSMENT, "question": kit.question(2)}))
    result = kit.run(kit.answer_request(envelope, "I build APIs."), engine)
    assert result["status"] == "success", result
    assert result["payload"]["payload"]["question"] == kit.question(2)["question"]
    first, second = fake.requests[-2:]
    assert len(second.body["messages"]) == len(first.body["messages"]) + 2
    assistant, reask = second.body["messages"][-2:]
    assert assistant == {"role": "assistant",
                         "content": "Sure! Here is my assessment: great answer."}
    assert reask["role"] == "user"
    assert "Invalid JSON" in reask["content"]
    assert second.response_format == "json_schema"


def test_invalid_twice_fails_then_the_same_answer_succeeds(fake, kit):
    engine, envelope = opened(fake, kit)
    fake.add(kit.ok("not json"), kit.ok("{still not json"))
    request = kit.answer_request(envelope, "I build APIs.")
    assert_error_then_resubmit(fake, kit, engine, request, "not in the expected format", 2)


@pytest.mark.parametrize(
    ("reply", "complaint"),
    [
        ({"assessment": {"communication": 11, "content": 5, "confidence": 5, "note": "x"},
          "question": "Q"}, "assessment.communication: Input should be less than or equal to 10"),
        ({"assessment": {"communication": 5, "content": 5, "confidence": 5, "note": "x"}},
         "question: Field required"),
        ({"assessment": {"communication": 5, "content": 5, "confidence": 5, "note": "x",
                         "overall": 10}, "question": "Q", "session_state": {}},
         "session_state: Extra inputs are not permitted"),
        ({"assessment": {"communication": "9", "content": 5, "confidence": 5, "note": "x"},
          "question": "Q"}, "assessment.communication: Input should be a valid number"),
    ],
    ids=["score-11", "missing-field", "extra-fields", "string-score"],
)
def test_schema_violations_are_re_asked_with_the_error(fake, kit, reply, complaint):
    engine, envelope = opened(fake, kit)
    if reply.get("question") == "Q":
        reply = {**reply, "question": kit.question(2)}
    fake.add(kit.ok(reply))  # then the auto-reply, which is valid
    result = kit.run(kit.answer_request(envelope, "I build APIs."), engine)
    assert result["status"] == "success", result
    reask = fake.requests[-1].body["messages"][-1]["content"]
    assert complaint in reask
    assert result["payload"]["session_state"]["score_so_far"]["communication"] == 7.0


def test_a_repeated_question_is_re_asked(fake, kit):
    engine, envelope = opened(fake, kit)
    first_question = envelope["payload"]["payload"]["question"]
    fake.add(kit.ok({"assessment": kit.ASSESSMENT,
                     "question": {**kit.question(9), "question": first_question.upper()}}))
    result = kit.run(kit.answer_request(envelope, "I build APIs."), engine)
    assert result["status"] == "success", result
    assert "repeats an earlier question" in fake.requests[-1].user_text
    assert result["payload"]["payload"]["question"] != first_question


def test_a_json_reply_in_a_code_fence_is_accepted(fake, kit):
    engine, envelope = opened(fake, kit)
    body = json.dumps({"assessment": kit.ASSESSMENT, "question": kit.question(2)})
    fake.add(kit.ok(f"```json\n{body}\n```"))
    result = kit.run(kit.answer_request(envelope, "I build APIs."), engine)
    assert result["status"] == "success", result
    assert len(fake.requests) == 2  # no re-ask


def test_429_then_200_is_retried_by_the_client(fake, kit):
    engine, envelope = opened(fake, kit)
    fake.add(kit.error(429, "Rate limit reached"))
    result = kit.run(kit.answer_request(envelope, "I build APIs."), engine)
    assert result["status"] == "success", result
    assert len(fake.requests) == 3
    assert fake.requests[-1].body == fake.requests[-2].body


def test_429_after_all_retries_is_a_rate_limit_error(fake, kit):
    engine, envelope = opened(fake, kit, openai_max_retries=1)
    fake.add(kit.error(429), kit.error(429))
    request = kit.answer_request(envelope, "I build APIs.")
    assert_error_then_resubmit(fake, kit, engine, request, "rate limited", 2)


def test_insufficient_quota_says_so(fake, kit):
    engine, envelope = opened(fake, kit, openai_max_retries=0)
    fake.add(kit.error(429, "You exceeded your current quota", code="insufficient_quota"))
    request = kit.answer_request(envelope, "I build APIs.")
    assert_error_then_resubmit(fake, kit, engine, request, "no quota left", 1)


def test_500_three_times_is_a_server_error(fake, kit):
    engine, envelope = opened(fake, kit)  # max_retries=2: three requests
    fake.add(kit.error(500), kit.error(502), kit.error(503))
    request = kit.answer_request(envelope, "I build APIs.")
    assert_error_then_resubmit(fake, kit, engine, request, "server had an error", 3)


def test_a_reply_slower_than_the_timeout_times_out(fake, kit):
    engine, envelope = opened(fake, kit, openai_timeout=0.3, openai_max_retries=1)
    fake.add(kit.Step(body={}, delay=0.8), kit.Step(body={}, delay=0.8))
    request = kit.answer_request(envelope, "I build APIs.")
    error = assert_error_then_resubmit(fake, kit, engine, request, "timed out", 2)
    assert error["message"] == "The interviewer timed out — your answer is kept, try again."


def test_a_dropped_connection_is_a_connection_error(fake, kit):
    engine, envelope = opened(fake, kit, openai_max_retries=1)
    fake.add(kit.Step(drop=True), kit.Step(drop=True))
    request = kit.answer_request(envelope, "I build APIs.")
    assert_error_then_resubmit(fake, kit, engine, request, "Could not reach", 2)


def test_a_refused_connection_is_a_connection_error(fake, kit):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    engine = kit.make_engine(kit.make_settings(f"http://127.0.0.1:{port}/v1",
                                               openai_max_retries=1))
    envelope = kit.run(kit.start_request(), engine)
    assert envelope["status"] == "error"
    assert envelope["message"] == ("Could not reach the interviewer's server — your answer is "
                                   "kept, try again.")


@pytest.mark.parametrize("mode", ["json_schema", "json_object"])
def test_a_refusal_is_not_re_asked(fake, kit, mode):
    engine, envelope = opened(fake, kit, openai_json_mode=mode)
    fake.add(kit.ok(None, refusal="I can't help with that."))
    request = kit.answer_request(envelope, "I build APIs.")
    assert_error_then_resubmit(fake, kit, engine, request, "declined to answer", 1)


@pytest.mark.parametrize("mode", ["json_schema", "json_object"])
def test_a_reply_cut_off_by_length_fails(fake, kit, mode):
    engine, envelope = opened(fake, kit, openai_json_mode=mode)
    fake.add(kit.ok('{"assessment": {"communication": 5', finish_reason="length"))
    request = kit.answer_request(envelope, "I build APIs.")
    assert_error_then_resubmit(fake, kit, engine, request, "cut off", 1)


def test_a_content_filter_stop_fails(fake, kit):
    engine, envelope = opened(fake, kit)
    fake.add(kit.ok(None, finish_reason="content_filter"))
    request = kit.answer_request(envelope, "I build APIs.")
    assert_error_then_resubmit(fake, kit, engine, request, "content filter", 1)


def test_empty_choices_fail(fake, kit):
    engine, envelope = opened(fake, kit)
    fake.add(kit.Step(body=kit.completion("{}", choices=False)))
    request = kit.answer_request(envelope, "I build APIs.")
    assert_error_then_resubmit(fake, kit, engine, request, "empty reply", 1)


def test_an_unreadable_200_body_fails(fake, kit):
    engine, envelope = opened(fake, kit)
    fake.add(kit.Step(body=b"<html>gateway says hi</html>"))
    request = kit.answer_request(envelope, "I build APIs.")
    assert_error_then_resubmit(fake, kit, engine, request, "could not be read", 1)


@pytest.mark.parametrize(
    ("status", "message_part"),
    [(401, "API key was rejected"), (403, "may not use this model"),
     (404, "was not found"), (400, "rejected the request"), (422, "rejected the request")],
)
def test_client_errors_are_not_retried_and_say_what_to_check(fake, kit, status, message_part):
    engine, envelope = opened(fake, kit)
    fake.add(kit.error(status, "nope"))
    request = kit.answer_request(envelope, "I build APIs.")
    assert_error_then_resubmit(fake, kit, engine, request, message_part, 1)


def test_auto_mode_falls_back_to_json_object_and_stays_there(fake, kit):
    fake.add(kit.error(400, "response_format type 'json_schema' is not supported by this server"))
    engine, envelope = opened(fake, kit)  # auto is the default
    assert [r.response_format for r in fake.requests] == ["json_schema", "json_object"]
    retried = fake.requests[1]
    assert '"question": {"question": "<one question>"' in retried.user_text  # shape stated
    assert "JSON" in retried.user_text
    kit.run(kit.answer_request(envelope, "I build APIs."), engine)
    # a new brain in the same process (handle_request builds one per call) remembers it too
    other = kit.make_engine(kit.make_settings(fake.base_url))
    kit.run(kit.start_request(), other)
    assert [r.response_format for r in fake.requests[2:]] == ["json_object", "json_object"]


def test_explicit_json_schema_mode_does_not_fall_back(fake, kit):
    fake.add(kit.error(400, "response_format json_schema is not supported"))
    engine = kit.make_engine(kit.make_settings(fake.base_url, openai_json_mode="json_schema"))
    envelope = kit.run(kit.start_request(), engine)
    assert envelope["status"] == "error"
    assert "rejected the request" in envelope["message"]
    assert [r.response_format for r in fake.requests] == ["json_schema"]


def test_json_object_mode_sends_the_seed_response_format_and_validates(fake, kit):
    engine, envelope = opened(fake, kit, openai_json_mode="json_object")
    fake.add(kit.ok({"assessment": {**kit.ASSESSMENT, "content": -1},
                     "question": kit.question(2)}))
    result = kit.run(kit.answer_request(envelope, "I build APIs."), engine)
    assert result["status"] == "success"
    assert {r.response_format for r in fake.requests} == {"json_object"}
    assert fake.requests[0].body["response_format"] == {"type": "json_object"}
    assert "assessment.content: Input should be greater than or equal to 0" in \
        fake.requests[-1].user_text


def test_a_server_that_rejects_temperature_is_asked_without_it(fake, kit):
    fake.add(kit.error(400, "Unsupported value: 'temperature' does not support 0.4 with this "
                            "model. Only the default (1) value is supported."))
    engine, envelope = opened(fake, kit)
    kit.run(kit.answer_request(envelope, "I build APIs."), engine)
    assert [("temperature" in r.body) for r in fake.requests] == [True, False, False]
