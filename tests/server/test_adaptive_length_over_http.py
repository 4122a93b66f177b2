"""Adaptive length over HTTP: `context.length` on the first turn is kept with the session (the
min_questions column); later turns may repeat it or leave it out, and one that changes it is
refused with 409 and the row unchanged. total_questions is right on every turn, in the row, on
GET /v1/sessions/{id} and after a restart of the service."""

from __future__ import annotations

from functools import partial
from typing import Any

import httpx
import pytest
from adaptive_answers import STEADY, THIN
from wire_requests import interview_request, post_turn

from estel import length
from estel.contract import EstelInterviewEnvelope, InterviewMeta, InterviewSessionState
from estel.server.app import SESSION_HEADER

META = {"target_role": "Data Analyst", "experience_level": "mid", "difficulty": "standard",
        "questions_target": 9}
ADAPTIVE = {"mode": "adaptive", "min_questions": 5}
BOUNDS = length.LengthBounds(5, 9)
body = partial(interview_request, meta=META)  # this file's interview, one turn's request
post = partial(post_turn, timeout=10)


def checked(reply: httpx.Response) -> dict[str, Any]:
    assert reply.status_code == 200, reply.text
    envelope = EstelInterviewEnvelope.model_validate_json(reply.content)  # the seed's shape
    state = envelope.payload.session_state
    length.check_adaptive_state(state, InterviewMeta.model_validate(META), BOUNDS)
    return reply.json()


def play(url: str, answer: str, *, repeat: bool, session: bool = False
         ) -> tuple[str, list[dict[str, Any]]]:
    """A whole interview; the extension only on the first turn unless `repeat`."""
    first = post(url, body("", None, length=ADAPTIVE))
    sid = first.headers[SESSION_HEADER]
    envelopes = [checked(first)]
    while envelopes[-1]["payload"]["payload"]["kind"] == "question":
        state = envelopes[-1]["payload"]["session_state"]
        reply = post(url, body(answer, state, length=ADAPTIVE if repeat else None),
                     sid if session else None)
        envelopes.append(checked(reply))
    return sid, envelopes


@pytest.mark.parametrize("repeat", [False, True])
def test_steady_answers_end_at_the_minimum_with_the_bounds_kept_by_the_server(live, repeat):
    url, store = live
    sid, envelopes = play(url, STEADY, repeat=repeat)
    totals = [e["payload"]["session_state"]["total_questions"] for e in envelopes]
    assert totals == [9, 9, 9, 9, 5, 5]  # the wrap-up is q5: from then on N is 5
    assert envelopes[-2]["payload"]["payload"]["phase"] == "wrap_up"
    row = store.get(sid)
    assert (row.status, row.min_questions, row.total_questions) == ("completed", 5, 5)
    assert [e.phase for e in row.transcript] == list(length.adaptive_plan(5, BOUNDS))
    fetched = httpx.get(f"{url}/v1/sessions/{sid}", timeout=10).json()
    assert fetched["payload"] == envelopes[-1]["payload"]  # rebuilt from the row, total 5


def test_thin_answers_go_on_to_the_maximum(live):
    url, store = live
    sid, envelopes = play(url, THIN, repeat=False, session=True)
    assert {e["payload"]["session_state"]["total_questions"] for e in envelopes} == {9}
    assert store.get(sid).total_questions == 9
    assert len(store.get(sid).transcript) == 9


def test_a_changed_extension_mid_interview_is_refused_and_the_row_kept(live):
    url, store = live
    first = post(url, body("", None, length=ADAPTIVE))
    sid, state = first.headers[SESSION_HEADER], first.json()["payload"]["session_state"]
    before = store.get(sid).model_dump()
    for changed in ({"mode": "adaptive", "min_questions": 4},
                    {"mode": "adaptive", "min_questions": 9}):
        for session in (sid, None):
            reply = post(url, body(STEADY, state, length=changed), session)
            assert reply.status_code == 409, reply.text
            assert "length was set when it started" in reply.json()["message"]
    assert store.get(sid).model_dump() == before
    same = post(url, body(STEADY, state, length=ADAPTIVE), sid)
    assert same.status_code == 200  # the same one is fine


def test_a_fixed_interview_cannot_become_adaptive_mid_way(live):
    url, store = live
    first = post(url, body("", None))
    sid, state = first.headers[SESSION_HEADER], first.json()["payload"]["session_state"]
    assert store.get(sid).min_questions is None
    reply = post(url, body(STEADY, state, length=ADAPTIVE), sid)
    assert reply.status_code == 409
    assert post(url, body(STEADY, state), sid).status_code == 200


def test_a_bad_extension_on_the_first_turn_is_a_400_and_nothing_is_stored(live):
    url, store = live
    reply = post(url, body("", None, length={"mode": "adaptive", "min_questions": 10}))
    assert reply.status_code == 400
    assert "length.min_questions (10) exceeds meta.questions_target (9)" in reply.json()["message"]
    assert store.count() == 0


def test_a_shortened_interview_resumes_after_a_restart_at_its_wrap_up(tmp_path, serve_sqlite):
    """The service keeps nothing in memory: a new service on the same file continues the
    interview at its wrap-up, with the stored bounds and the shortened total."""
    with serve_sqlite(tmp_path / "estel.db") as (url, _):
        first = post(url, body("", None, length=ADAPTIVE))
        sid, state = first.headers[SESSION_HEADER], first.json()["payload"]["session_state"]
        for _ in range(4):
            state = checked(post(url, body(STEADY, state)))["payload"]["session_state"]
    assert (state["question_index"], state["total_questions"], state["phase"]) == \
        (5, 5, "wrap_up")
    with serve_sqlite(tmp_path / "estel.db") as (url, _):  # a new service on the same file
        fetched = httpx.get(f"{url}/v1/sessions/{sid}", timeout=10).json()
        assert fetched["payload"]["session_state"] == state
        final = checked(post(url, body(STEADY, state)))
    assert final["payload"]["payload"]["kind"] == "feedback"
    assert InterviewSessionState.model_validate(
        final["payload"]["session_state"]).total_questions == 5
