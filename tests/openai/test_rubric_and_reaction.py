"""The OpenAI brain asks the bank's question, grades against its rubric, and reacts first.

Asserted on what the fake server received: each question turn names the bank question the shared
selection draws, and the next request carries that question's rubric (points with substance, red
flags, model answer), even though the model reworded the question.
"""

from __future__ import annotations

import json
import re

import pytest
from fake_openai import ASSESSMENT, FEEDBACK, kind_of

from estel.brains.base import AnswerAssessment
from estel.brains.offline.bank import load_bank
from estel.brains.openai.prompt import default_prompt, reply_shape
from estel.brains.rubric import context_at, selected_question
from estel.contract import InterviewMeta, InterviewTranscriptItem

REACTION = "You named the trade-off but not how you measured it."


def reacting(fake):
    """Replies whose questions open with a reaction (after the first) and are reworded."""
    numbers = iter(range(1, 100))

    def answer(seen, _number):
        n = next(numbers)
        kind = kind_of(seen)
        text = f"Reworded question {n}: what would you do here?"
        question = {"question": text if kind == "opening" else f"{REACTION} {text}",
                    "topic": f"Model topic {n}", "difficulty": "medium",
                    "helper_hint": "Be concrete."}
        if kind == "opening":
            return fake.step({"question": question})
        if kind == "question":
            return fake.step({"assessment": ASSESSMENT, "question": question})
        return fake.step({"assessment": ASSESSMENT, "feedback": FEEDBACK})

    fake.answer = answer
    return fake


def interview(fake, kit, total=8):
    engine = kit.make_engine(kit.make_settings(fake.base_url))
    request = kit.start_request()
    request["context"]["meta"]["questions_target"] = total
    envelopes = [kit.run(request, engine)]
    for n in range(1, total + 1):
        answer = f"Answer {n}: I would add an index on the filtered column because it was slow."
        envelopes.append(kit.run(kit.answer_request(envelopes[-1], answer), engine))
        assert envelopes[-1]["status"] == "success", envelopes[-1]
    return envelopes


def expected_questions(envelopes):
    """The bank question each turn should ask, re-derived independently from the final state."""
    state = envelopes[-1]["payload"]["session_state"]
    meta = InterviewMeta(**state["meta"])
    transcript = [InterviewTranscriptItem(**item) for item in state["transcript"]]
    return [selected_question(context_at(meta, transcript, n), by_topic=True).question
            for n in range(1, len(transcript) + 1)]


def test_each_turn_asks_the_selected_bank_question_under_its_topic(fake, kit):
    envelopes = interview(reacting(fake), kit)
    chosen = expected_questions(envelopes)
    topics = [e["payload"]["payload"].get("topic") for e in envelopes[:-1]]
    assert topics == [q.topic for q in chosen]  # the code's topic, not "Model topic n"
    assert len(set(topics)) == len(topics)  # reworded questions still count as asked
    family = {q.topic for f in ("backend_engineering", "generic")
              for q in load_bank()[f].questions}
    assert set(topics) <= family
    for number, (seen, question) in enumerate(zip(fake.requests, chosen, strict=False), 1):
        text = seen.user_text
        assert f"Question to ask as q{number}" in text
        assert f"  topic: {question.topic}" in text
        assert re.search(r"\n  difficulty: (easy|medium|hard)\n", text)


def test_the_next_request_grades_against_the_asked_questions_rubric(fake, kit):
    envelopes = interview(reacting(fake), kit)
    chosen = expected_questions(envelopes)
    for number, question in enumerate(chosen, start=1):
        grading = fake.requests[number].user_text  # the request after q{number} was answered
        rubric = grading.split(f"Rubric for q{number} ", 1)[1]
        for point in question.talking_points:
            assert f"- {point.point} — needs: {point.substance}" in rubric
        for flag in question.red_flags:
            assert flag.claim in rubric
        assert " ".join(question.model_answer.split()) in rubric
        others = [q for q in chosen if q is not question]
        assert not any(" ".join(q.model_answer.split()) in grading for q in others
                       if q.model_answer)
    # the rubric is ours, outside the candidate's data fence
    last = fake.requests[-1].user_text
    assert last.index("</candidate_answer>") < last.index("Rubric for q8")


def test_each_question_after_the_first_opens_with_a_reaction(fake, kit):
    envelopes = interview(reacting(fake), kit, total=3)
    questions = [e["payload"]["payload"].get("question") for e in envelopes[:-1]]
    assert not questions[0].startswith(REACTION)
    assert all(q.startswith(f"{REACTION} Reworded question") for q in questions[1:])
    opening, *later = [seen.user_text for seen in fake.requests[:-1]]
    assert "reacting to the answer" not in opening
    for number, text in enumerate(later, start=2):
        assert (f"Open the question text with one sentence reacting to the answer to "
                f"q{number - 1}") in text


def test_json_object_mode_asks_for_the_reaction_and_the_verdicts(fake, kit):
    settings = kit.make_settings(fake.base_url, openai_json_mode="json_object")
    engine = kit.make_engine(settings)
    envelope = kit.run(kit.start_request(), engine)
    envelope = kit.run(kit.answer_request(envelope, "I would cache the hot rows."), engine)
    assert envelope["status"] == "success"
    text = fake.requests[1].user_text
    assert "<one sentence reacting to the previous answer, then one question>" in text
    assert "<one sentence reacting" not in fake.requests[0].user_text
    fields = set(AnswerAssessment.model_fields)
    for verdict in ("covered", "missed", "red_flags"):
        assert (f'"{verdict}":' in reply_shape("question")) == (verdict in fields)


def test_the_prompt_says_fluency_without_substance_scores_low():
    prompt = default_prompt()
    assert prompt.version == "interviewer-v2"
    text = " ".join(prompt.text.split())
    assert "fluency without substance scores low" in text
    assert "only when the answer gives its substance" in text
    assert "red-flag claim" in text
    assert "opens with one sentence reacting to the previous answer" in text


@pytest.mark.parametrize("json_mode", ["json_schema", "json_object"])
def test_every_envelope_still_type_checks_against_the_contract(fake, kit, json_mode):
    from estel.contract import EstelInterviewEnvelope

    engine = kit.make_engine(kit.make_settings(fake.base_url, openai_json_mode=json_mode))
    envelope = kit.run(kit.start_request(), engine)
    for n in range(1, 4):
        EstelInterviewEnvelope.model_validate_json(json.dumps(envelope))
        envelope = kit.run(kit.answer_request(envelope, f"Answer {n}: I indexed it."), engine)
    EstelInterviewEnvelope.model_validate_json(json.dumps(envelope))
    assert re.search(r"Rubric for q3", fake.requests[3].user_text)


def test_after_an_offline_fallback_turn_the_model_grades_against_the_fallbacks_question(
        fake, kit):
    """The offline brain asked q1 (by its text); the model still gets that question's rubric."""
    from estel.brains.offline.bank import BankQuestion
    from estel.brains.openai.brain import make_openai_brain
    from estel.coach import coach_cards
    from estel.engine import Engine

    settings = kit.make_settings(fake.base_url, fallback="offline", openai_max_retries=0)
    engine = Engine(make_openai_brain(settings))
    fake.add(kit.error(503))  # the opening turn fails over to the offline brain
    meta = InterviewMeta(**kit.META)
    turns = [engine.start(meta)]
    assert turns[0].brain == "offline"
    turns.append(engine.answer(turns[-1].state, "Answer 1: I would add a covering index."))
    assert turns[-1].brain == "openai"
    asked = turns[0].state.transcript[0]
    by_text: list[BankQuestion] = [q for f in load_bank().values() for q in f.questions
                                   if q.topic == asked.topic]
    assert len(by_text) == 1
    grading = fake.requests[-1].user_text
    assert "Rubric for q1" in grading
    for point in by_text[0].talking_points:
        assert point.point in grading.split("Rubric for q1", 1)[1]
    card = coach_cards(turns)[0]
    assert card.strong is not None
    assert card.strong.outline == by_text[0].model_answer.strip()
