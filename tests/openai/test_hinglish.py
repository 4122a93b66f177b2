"""A Hinglish interview over the fake server: the instruction reaches the model on every turn,
the interview runs to its feedback, and every envelope is a valid seed-contract envelope."""

from __future__ import annotations

from hinglish_answers import INTERVIEW

from estel.brains.openai.prompt import HINGLISH_INSTRUCTION
from estel.contract import EstelInterviewEnvelope


def hinglish(request, language="hinglish"):
    return {**request, "language": language}


def test_hinglish_interview_end_to_end(fake, kit):
    engine = kit.make_engine(kit.make_settings(fake.base_url))
    envelope = kit.run(hinglish(kit.start_request(), "hi-en"), engine)
    envelopes = [envelope]
    for answer in INTERVIEW:
        envelope = kit.run(hinglish(kit.answer_request(envelope, answer)), engine)
        envelopes.append(envelope)
    assert all(e["status"] == "success" and "message" not in e for e in envelopes), envelopes[-1]
    for e in envelopes:
        EstelInterviewEnvelope.model_validate(e)  # the seed's shapes, extra fields forbidden
    assert len(fake.requests) == 9
    for request in fake.requests:  # the instruction is in every turn's context
        assert HINGLISH_INSTRUCTION in request.user_text
        assert "Devanagari" in request.user_text
        assert '"aap"' in request.user_text
    questions = [e["payload"]["payload"]["question"] for e in envelopes[:-1]]
    assert all(q.startswith("Sawaal number") for q in questions)
    final = envelopes[-1]["payload"]["payload"]
    assert final["kind"] == "feedback"
    assert "achha" in final["summary"]
    # the candidate's Hinglish answer reaches the model as written
    assert INTERVIEW[-1] in fake.requests[-1].user_text


def test_english_and_unsupported_languages_get_no_hinglish_instruction(fake, kit):
    engine = kit.make_engine(kit.make_settings(fake.base_url))
    kit.run(kit.start_request(), engine)
    french = kit.run(hinglish(kit.start_request(), "fr"), engine)
    assert all("Language: Hinglish" not in r.user_text for r in fake.requests)
    assert "continues in English" in french["message"]


def test_the_model_is_given_the_banks_hinglish_question_when_there_is_one(fake, kit):
    from estel.brains.offline.hinglish import hinglish_bank

    engine = kit.make_engine(kit.make_settings(fake.base_url))
    start = kit.start_request()
    start["context"]["meta"] = {**start["context"]["meta"], "target_role": "Data Scientist"}
    kit.run(hinglish(start), engine)
    asked = fake.requests[0].user_text.split("  question: ", 1)[1].split("\n", 1)[0]
    texts = {t.question.replace("{role}", "Data Scientist")
             for t in hinglish_bank()["data_science"].questions.values()}
    assert asked in texts
