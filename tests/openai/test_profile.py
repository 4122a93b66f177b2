"""The OpenAI brain with a candidate profile, through the fake server: one structured
extraction call (chat.completions.parse with ProfileExtraction), its requirements and résumé
items carried (fenced as data) in every turn's prompt, the résumé question on the first
behavioural turn, technical questions on the JD; the offline rules when the extraction fails."""

from __future__ import annotations

import copy

from fake_openai import kind_of

JD = ("Backend Engineer, Payments. You will design REST APIs and gRPC services, tune PostgreSQL "
      "queries, run event pipelines on Kafka, use Redis for caching, and keep p99 latency low.")
RESUME = ("- Led the migration of 40 services to Kubernetes, cutting deploys to 10 minutes.\n"
          "- Built a Kafka pipeline processing 2M events per day.")
ANSWER = ("I designed the payments API with idempotency keys, measured p99 latency every week and "
          "cut it by 30% with Redis caching and a composite index in PostgreSQL.")


def run_interview(fake, kit, profile):
    engine = kit.make_engine(kit.make_settings(fake.base_url))
    request = kit.start_request()
    request["context"]["profile"] = profile
    envelopes = [kit.run(copy.deepcopy(request), engine)]
    while envelopes[-1]["status"] == "success" and \
            envelopes[-1]["payload"]["payload"]["kind"] == "question":
        later = kit.answer_request(envelopes[-1], ANSWER)
        later["context"]["profile"] = profile  # stateless: the turn carries it
        envelopes.append(kit.run(later, engine))
    return envelopes


def test_the_model_extracts_the_profile_and_every_prompt_carries_it(fake, kit):
    fake.follow_bank = True
    envelopes = run_interview(fake, kit, {"job_description": JD, "resume_text": RESUME})
    assert [e["status"] for e in envelopes] == ["success"] * 9, envelopes[-1]
    extraction = [s for s in fake.requests if kind_of(s) == "profile"]
    assert extraction, "no structured extraction call"
    schema = extraction[0].body["response_format"]["json_schema"]
    assert schema["name"] == "ProfileExtraction"
    assert schema["strict"] is True
    assert "<job_description>" in extraction[0].user_text
    turns = [s for s in fake.requests if kind_of(s) != "profile"]
    for seen in turns:
        text = seen.user_text
        assert "<candidate_profile>" in text
        # the model read "REST", "gRPC"...; the JD's own phrases around them take their places
        assert ("job requirements: REST APIs; gRPC services; PostgreSQL queries; Kafka; "
                "Redis") in text
        assert "résumé item: you led the migration of 40 services to Kubernetes" in text
    questions = [e["payload"]["payload"] for e in envelopes[:-1]]
    assert questions[1]["question"].startswith("Your résumé says you led the migration")
    assert questions[1]["topic"].startswith("Your résumé:")
    technical = [q for q in questions if q["phase"] == "technical"]
    on_jd = [q for q in technical if any(
        term in (q["question"] + " " + q["topic"]).lower()
        for term in ("rest", "grpc", "postgresql", "kafka", "redis", "api", "cach", "event"))]
    assert len(on_jd) / len(technical) >= 0.6, technical


def test_a_failed_extraction_falls_back_to_the_offline_rules_and_says_so(fake, kit):
    def answer(seen, number):
        if kind_of(seen) == "profile":
            return fake.step(500)
        return type(fake).answer(fake, seen, number)

    fake.answer = answer
    envelopes = run_interview(fake, kit, {"job_description": JD})
    assert envelopes[0]["status"] == "success"
    assert "offline rules picked out the skills" in envelopes[0]["message"]
    first_turn = next(s for s in fake.requests if kind_of(s) != "profile")
    assert "job requirements: rest api" in first_turn.user_text.lower()  # the offline reading


def test_without_a_profile_no_extraction_and_no_profile_in_the_prompt(fake, kit):
    engine = kit.make_engine(kit.make_settings(fake.base_url))
    envelope = kit.run(kit.start_request(), engine)
    assert envelope["status"] == "success"
    assert all(kind_of(s) != "profile" for s in fake.requests)
    assert "<candidate_profile>" not in fake.requests[0].user_text


def test_a_tool_the_bank_lacks_is_asked_and_graded_through_the_model(fake, kit):
    fake.follow_bank = True
    jd = ("Backend Engineer, Checkout. You will build REST APIs in Go, cache prices in Redis and "
          "trace slow requests in Honeycomb.")
    envelopes = run_interview(fake, kit, {"job_description": jd})
    assert [e["status"] for e in envelopes] == ["success"] * 9, envelopes[-1]
    questions = [e["payload"]["payload"] for e in envelopes[:-1]]
    own = [i for i, q in enumerate(questions) if q["topic"] == "Job requirement: Honeycomb"]
    assert len(own) == 1, [q["topic"] for q in questions]
    number = own[0] + 1
    assert "Honeycomb" in questions[own[0]]["question"]
    turns = [s for s in fake.requests if kind_of(s) != "profile"]
    asking, grading = turns[number - 1].user_text, turns[number].user_text
    assert "on the job requirements: Honeycomb (the bank has no question on it" in asking
    assert f"Rubric for q{number}" in grading
    assert "A real piece of work with Honeycomb" in grading
