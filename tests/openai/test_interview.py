"""A whole interview against the fake server: what the server receives and what comes back."""

from __future__ import annotations

import json

from estel.brains.openai.prompt import default_prompt


def answers(n: int) -> str:
    return (f"Answer {n}: I led the migration of our billing service, cut latency by 40% and "
            "wrote the runbook the on-call team still uses. " * 3)


def test_full_eight_question_interview_in_json_schema_mode(fake, kit):
    engine = kit.make_engine(kit.make_settings(fake.base_url))
    envelope = kit.run(kit.start_request(), engine)
    assert envelope["status"] == "success", envelope
    phases = [envelope["payload"]["payload"]["phase"]]
    for n in range(1, 9):
        envelope = kit.run(kit.answer_request(envelope, answers(n)), engine)
        assert envelope["status"] == "success", envelope
        phases.append(envelope["payload"]["payload"].get("phase", "feedback"))
    payload = envelope["payload"]["payload"]
    assert payload["kind"] == "feedback"
    assert payload["summary"] == kit.FEEDBACK["summary"]
    assert payload["scores"] == {"communication": 7.0, "content": 6.5, "confidence": 8.0,
                                 "overall": 7.0}  # content weighs most
    assert phases == ["intro", "behavioural", "behavioural", "behavioural", "technical",
                      "technical", "technical", "wrap_up", "feedback"]
    # the server saw nine requests, each structured-output with the turn's strict schema
    assert len(fake.requests) == 9
    names = [r.body["response_format"]["json_schema"]["name"] for r in fake.requests]
    assert names == ["OpeningReply"] + ["QuestionReply"] * 7 + ["FeedbackReply"]
    assert all(r.body["response_format"]["json_schema"]["strict"] is True for r in fake.requests)
    assert all(r.body["model"] == "fake-model" for r in fake.requests)
    assert all(r.headers["authorization"] == f"Bearer {kit.API_KEY}" for r in fake.requests)


def test_the_model_never_sees_session_state_and_sees_earlier_questions(fake, kit):
    engine = kit.make_engine(kit.make_settings(fake.base_url))
    envelope = kit.run(kit.start_request(), engine)
    for n in range(1, 4):
        envelope = kit.run(kit.answer_request(envelope, answers(n)), engine)
    last = fake.requests[-1]
    text = last.all_text
    assert "session_state" not in json.dumps(last.body)
    assert "score_so_far" not in text
    for n in range(1, 4):  # every earlier question is listed so none is repeated
        assert f"Fake question number {n}:" in text
    # earlier answers are shortened, the latest in full inside the data fence
    assert text.count(answers(1)) == 0
    latest = text.split("<candidate_answer>\n", 1)[1].split("\n</candidate_answer>", 1)[0]
    assert latest == answers(3).strip()
    assert "Task: assess the answer to q3" in text
    assert "write q4 of 8: phase behavioural" in text


def test_turn_result_carries_accounting(fake, kit):
    engine = kit.make_engine(kit.make_settings(fake.base_url))
    from estel.contract import InterviewMeta

    result = engine.start(InterviewMeta(**kit.META))
    trace = result.trace
    assert trace is not None
    assert trace.brain == "openai"
    assert trace.model == "fake-model"
    assert trace.json_mode == "json_schema"
    assert trace.prompt_version == default_prompt().version == "interviewer-v2"
    assert (trace.prompt_tokens, trace.completion_tokens) == (100, 20)
    assert trace.attempts == 1
    assert trace.latency_ms is not None
    assert trace.latency_ms >= 0
    assert json.loads(trace.raw_reply) == {"question": kit.question(1)}
    assert trace.messages[0]["role"] == "system"
    assert trace.messages == fake.requests[0].body["messages"]
