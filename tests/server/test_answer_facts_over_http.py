"""`context.answer` over HTTP: how the candidate gave this turn's answer (the answer timer's
limit, the time it took, and for a spoken answer its recording's length, talking time and long
pauses), kept with that answer as the candidate's own report data, as the Streamlit app keeps
it. What the server can work out itself it does not take from the client: the words, fillers
and words per minute come from the answer text the server judged. None of it reaches a score."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
from wire_requests import interview_request, post_turn

from estel.answer_facts import AnswerFacts
from estel.brains.offline.brain import OfflineBrain
from estel.server.app import SESSION_HEADER
from estel.server.service import ANSWER_NOT_KEPT
from estel.store.sqlite import SQLiteStore

META = {"target_role": "Nurse", "experience_level": "Senior", "difficulty": "standard",
        "questions_target": 5}
SPOKEN = ("So um on a night shift I noticed a patient's breathing had changed, basically "
          "faster and shallow, so I escalated to the outreach team within ten minutes and we "
          "started oxygen before the sepsis screen came back positive.")
TYPED = ("I keep a written handover for every patient, and I check the drug chart against the "
         "prescription with a second nurse before any controlled drug is given.")
body = partial(interview_request, meta=META)


@pytest.fixture
def live(tmp_path, serve_sqlite) -> Iterator[tuple[str, SQLiteStore]]:
    with serve_sqlite(tmp_path / "estel.db", OfflineBrain()) as service:
        yield service


def first_turn(url: str) -> tuple[str, dict[str, Any]]:
    reply = post_turn(url, body())
    assert reply.status_code == 200, reply.text
    return reply.headers[SESSION_HEADER], reply.json()["payload"]["session_state"]


def facts_of(store: SQLiteStore, session: str) -> dict[str, AnswerFacts]:
    return {e.question_id: e.facts for e in store.get(session).transcript if e.answer}


def test_a_spoken_timed_answer_is_kept_with_what_the_server_counted_itself(live):
    url, store = live
    session, state = first_turn(url)
    given = {"seconds": 131.5, "limit_seconds": 120,
             "spoken": {"recording_seconds": 40.0, "speaking_seconds": 30.0,
                        "long_pauses": [2.5]}}
    reply = post_turn(url, body(SPOKEN, state, answer=given), session)
    assert reply.status_code == 200, reply.text
    assert "message" not in reply.json()
    state = reply.json()["payload"]["session_state"]
    reply = post_turn(url, body(TYPED, state, answer={"seconds": 50, "limit_seconds": 120}),
                      session)
    assert reply.status_code == 200, reply.text

    facts = facts_of(store, session)
    spoken = facts["q1"].spoken
    assert (facts["q1"].seconds, facts["q1"].limit_seconds) == (131.5, 120)
    words = len(SPOKEN.split())
    assert spoken.words == words  # counted on the answer, not taken from the client
    assert spoken.fillers == ["um", "basically"]
    assert spoken.words_per_minute == round(words * 60 / 30)  # over the talking time
    assert (spoken.recording_seconds, spoken.speaking_seconds, spoken.long_pauses) == (
        40.0, 30.0, [2.5])
    assert facts["q2"] == AnswerFacts(seconds=50, limit_seconds=120)  # typed


def test_the_scores_are_the_same_with_or_without_what_the_client_says(live):
    url, store = live
    scores = []
    for given in (None, {"seconds": 5, "limit_seconds": 600,
                         "spoken": {"recording_seconds": 12, "speaking_seconds": 12}}):
        session, state = first_turn(url)
        reply = post_turn(url, body(SPOKEN, state, answer=given), session)
        assert reply.status_code == 200, reply.text
        scores.append(reply.json()["payload"]["session_state"]["score_so_far"])
        assert facts_of(store, session)["q1"].limit_seconds == (None if given is None else 600)
    assert scores[0] == scores[1]


def test_a_seed_request_keeps_no_answer_facts(live):
    url, store = live
    session, state = first_turn(url)
    assert post_turn(url, body(TYPED, state), session).status_code == 200
    assert facts_of(store, session)["q1"] == AnswerFacts()


def test_on_the_first_turn_there_is_no_answer_to_describe(live):
    url, _ = live
    reply = post_turn(url, body(answer={"seconds": 3}))
    assert reply.status_code == 200, reply.text
    assert reply.json()["message"] == ANSWER_NOT_KEPT


@pytest.mark.parametrize(("given", "problem"), [
    ({"seconds": -1}, "context.answer.seconds: Input should be greater than or equal to 0"),
    ({"limit_seconds": 0}, "context.answer.limit_seconds: Input should be greater than or equal"),
    ({"limit_seconds": 90.5}, "context.answer.limit_seconds: Input should be a valid integer"),
    ({"seconds": "90"}, "context.answer.seconds: Input should be a valid number"),
    ({"spoken": {"recording_seconds": 10, "speaking_seconds": 11}},
     "context.answer.spoken: Value error, speaking_seconds cannot be more than"),
    ({"spoken": {"recording_seconds": 10, "long_pauses": [6, 6]}},
     "context.answer.spoken: Value error, the long pauses add up to more than"),
    ({"spoken": {"speaking_seconds": 10}},
     "context.answer.spoken.recording_seconds: Field required"),
    ({"spoken": {"recording_seconds": 10, "words_per_minute": 150}},
     "context.answer.spoken.words_per_minute: Extra inputs are not permitted"),
    ({"score": 10}, "context.answer.score: Extra inputs are not permitted"),
    (None, None),
])
def test_a_malformed_answer_description_is_a_400_naming_the_field(live, given, problem):
    url, _ = live
    session, state = first_turn(url)
    wire = body(TYPED, state, answer=given)
    if given is None:
        wire["context"]["answer"] = None  # an explicit null is refused like any extension's
        problem = "context.answer: Input should be"
    reply = post_turn(url, wire, session)
    assert reply.status_code == 400
    assert problem in reply.json()["message"]
