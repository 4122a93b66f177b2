"""Adaptive length through the fake server: the model may propose to end (`propose_end` in its
reply), the code decides (estel/length.py). A proposal before the minimum, or after a thin
answer, is ignored; one after the minimum is honoured even while the scores still move."""

from __future__ import annotations

from typing import Any

import pytest

from estel import length
from estel.contract import EstelInterviewEnvelope, InterviewMeta, InterviewSessionState

META = {"target_role": "Backend Engineer", "experience_level": "mid", "difficulty": "standard",
        "questions_target": 10}
ADAPTIVE = {"mode": "adaptive", "min_questions": 5}
BOUNDS = length.LengthBounds(5, 10)
# long enough not to be thin; the marker at the end sets the fake's score for the answer (9 or
# 1), so the running mean keeps moving by more than STABLE_DELTA and never settles on its own.
# The model sees earlier answers cut to 200 characters, so only the latest answer's marker.
BODY = ("I led the migration of our billing service to a queue-based design, cut p99 latency "
        "by 40% over six weeks and wrote the runbook the on-call team still uses today. ") * 2


def answer(number: int) -> str:
    return f"{number}: {BODY}{'ALPHA' if number % 2 else 'OMEGA'}"


def request(message: str, state: dict[str, Any] | None, extension: Any = ADAPTIVE
            ) -> dict[str, Any]:
    context = {"context": "interview_session", "meta": META, "session_state": state}
    return {"message": message, "language": "en",
            "context": context | ({"length": extension} if extension else {})}


def play(fake, kit, propose_from: int | None, json_mode: str = "json_schema",
         text=answer) -> list[dict[str, Any]]:
    """A whole interview; the model proposes to end on every question turn once
    `propose_from` answers are in (never when None). Returns every envelope."""
    fake.score_by_marker = {"ALPHA": 9.0, "OMEGA": 1.0}
    engine = kit.make_engine(kit.make_settings(fake.base_url, openai_json_mode=json_mode))
    envelopes = [kit.run(request("", None), engine)]
    while envelopes[-1]["payload"]["payload"]["kind"] == "question":
        state = envelopes[-1]["payload"]["session_state"]
        answered = state["question_index"]
        fake.propose_end = propose_from is not None and answered >= propose_from
        envelopes.append(kit.run(request(text(answered), state), engine))
        assert envelopes[-1]["status"] == "success", envelopes[-1]
        EstelInterviewEnvelope.model_validate(envelopes[-1])
        length.check_adaptive_state(
            InterviewSessionState.model_validate(envelopes[-1]["payload"]["session_state"]),
            InterviewMeta.model_validate(META), BOUNDS)
    return envelopes


def total_of(envelopes: list[dict[str, Any]]) -> int:
    return envelopes[-1]["payload"]["session_state"]["total_questions"]


def test_without_a_proposal_moving_scores_go_on_to_the_maximum(fake, kit):
    envelopes = play(fake, kit, propose_from=None)
    assert total_of(envelopes) == 10
    assert [e["payload"]["session_state"]["score_so_far"]["content"] for e in envelopes[1:4]] \
        == [9.0, 5.0, 6.3]  # the scores really move


@pytest.mark.parametrize("json_mode", ["json_schema", "json_object"])
def test_a_proposal_before_the_minimum_is_ignored_and_honoured_at_the_minimum(
        fake, kit, json_mode):
    envelopes = play(fake, kit, propose_from=1, json_mode=json_mode)
    # proposed after every answer from q1 on; the core (q1-q4) was asked all the same
    totals = [e["payload"]["session_state"]["total_questions"] for e in envelopes]
    assert totals == [10, 10, 10, 10, 5, 5]
    assert envelopes[4]["payload"]["payload"]["phase"] == "wrap_up"
    question_turns = [r for r in fake.requests if fake_kind(r) == "question"]
    assert all("propose_end" in r.user_text for r in question_turns)
    assert "between 5 and 10 questions" in question_turns[0].user_text
    if json_mode == "json_schema":
        assert {r.body["response_format"]["json_schema"]["name"] for r in question_turns} == \
            {"AdaptiveQuestionReply"}
    else:
        assert all('"propose_end": true | false' in r.user_text for r in question_turns)


@pytest.mark.parametrize("propose_from", [5, 7])
def test_a_proposal_after_the_minimum_ends_at_the_next_question(fake, kit, propose_from):
    envelopes = play(fake, kit, propose_from=propose_from)
    assert total_of(envelopes) == propose_from + 1  # the wrap-up is the next question


def test_a_proposal_after_a_thin_answer_is_ignored(fake, kit):
    thin = {5: "Maybe. OMEGA"}  # the answer to q5 is thin: the proposal after it is ignored
    envelopes = play(fake, kit, propose_from=5, text=lambda n: thin.get(n, answer(n)))
    assert total_of(envelopes) == 7


def test_stable_scores_end_at_the_minimum_without_any_proposal(fake, kit):
    envelopes = play(fake, kit, propose_from=None, text=lambda n: f"{n}: {BODY}ALPHA")
    assert total_of(envelopes) == 5


def test_a_fixed_length_interview_asks_for_no_proposal(fake, kit):
    engine = kit.make_engine(kit.make_settings(fake.base_url, openai_json_mode="json_schema"))
    envelope = kit.run(request("", None, extension=None), engine)
    envelope = kit.run(request(answer(1), envelope["payload"]["session_state"], extension=None),
                       engine)
    assert envelope["payload"]["session_state"]["total_questions"] == 10
    names = [r.body["response_format"]["json_schema"]["name"] for r in fake.requests]
    assert names == ["OpeningReply", "QuestionReply"]
    assert "propose_end" not in fake.requests[-1].user_text


def fake_kind(seen) -> str:
    from fake_openai import kind_of

    return kind_of(seen)
