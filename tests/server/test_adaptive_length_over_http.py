"""Adaptive length over HTTP: `context.length` on the first turn is kept with the session (the
min_questions column); later turns may repeat it or leave it out, and one that changes it is
refused with 409 and the row unchanged. total_questions is right on every turn, in the row, on
GET /v1/sessions/{id} and after a restart of the service."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from estel import length
from estel.brains.scripted import ScriptedBrain
from estel.config import load_settings
from estel.contract import EstelInterviewEnvelope, InterviewMeta, InterviewSessionState
from estel.engine import Engine
from estel.server import create_app
from estel.server.app import SESSION_HEADER
from estel.store.sqlite import SQLiteStore

LONG = ("I led the migration of our reporting pipeline to a new warehouse: I mapped every "
        "source table, wrote reconciliation queries comparing row counts and totals, ran both "
        "systems in parallel for two weeks and cut the nightly load from four hours to forty "
        "minutes, which the finance team measured on their month-end close.")
THIN = "Not sure, maybe."
META = {"target_role": "Data Analyst", "experience_level": "mid", "difficulty": "standard",
        "questions_target": 9}
ADAPTIVE = {"mode": "adaptive", "min_questions": 5}
BOUNDS = length.LengthBounds(5, 9)


@pytest.fixture
def live(tmp_path, serve) -> Iterator[tuple[str, SQLiteStore]]:
    store = SQLiteStore(tmp_path / "estel.db")
    app = create_app(load_settings(environ={}), Engine(ScriptedBrain()), store)
    with serve(app) as url:
        yield url, store


def body(message: str, state: dict[str, Any] | None, extension: Any = None) -> dict[str, Any]:
    context: dict[str, Any] = {"context": "interview_session", "meta": META,
                               "session_state": state}
    if extension is not None:
        context["length"] = extension
    return {"message": message, "language": "en", "context": context}


def post(url: str, data: dict[str, Any], session: str | None = None) -> httpx.Response:
    headers = {SESSION_HEADER: session} if session else {}
    return httpx.post(f"{url}/v1/brain", json=data, headers=headers, timeout=10)


def checked(reply: httpx.Response) -> dict[str, Any]:
    assert reply.status_code == 200, reply.text
    envelope = EstelInterviewEnvelope.model_validate_json(reply.content)  # the seed's shape
    state = envelope.payload.session_state
    length.check_adaptive_state(state, InterviewMeta.model_validate(META), BOUNDS)
    return reply.json()


def play(url: str, answer: str, *, repeat: bool, session: bool = False
         ) -> tuple[str, list[dict[str, Any]]]:
    """A whole interview; the extension only on the first turn unless `repeat`."""
    first = post(url, body("", None, ADAPTIVE))
    sid = first.headers[SESSION_HEADER]
    envelopes = [checked(first)]
    while envelopes[-1]["payload"]["payload"]["kind"] == "question":
        state = envelopes[-1]["payload"]["session_state"]
        reply = post(url, body(answer, state, ADAPTIVE if repeat else None),
                     sid if session else None)
        envelopes.append(checked(reply))
    return sid, envelopes


@pytest.mark.parametrize("repeat", [False, True])
def test_steady_answers_end_at_the_minimum_with_the_bounds_kept_by_the_server(live, repeat):
    url, store = live
    sid, envelopes = play(url, LONG, repeat=repeat)
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
    first = post(url, body("", None, ADAPTIVE))
    sid, state = first.headers[SESSION_HEADER], first.json()["payload"]["session_state"]
    before = store.get(sid).model_dump()
    for changed in ({"mode": "adaptive", "min_questions": 4},
                    {"mode": "adaptive", "min_questions": 9}):
        for session in (sid, None):
            reply = post(url, body(LONG, state, changed), session)
            assert reply.status_code == 409, reply.text
            assert "length was set when it started" in reply.json()["message"]
    assert store.get(sid).model_dump() == before
    assert post(url, body(LONG, state, ADAPTIVE), sid).status_code == 200  # the same one is fine


def test_a_fixed_interview_cannot_become_adaptive_mid_way(live):
    url, store = live
    first = post(url, body("", None))
    sid, state = first.headers[SESSION_HEADER], first.json()["payload"]["session_state"]
    assert store.get(sid).min_questions is None
    reply = post(url, body(LONG, state, ADAPTIVE), sid)
    assert reply.status_code == 409
    assert post(url, body(LONG, state), sid).status_code == 200


def test_a_bad_extension_on_the_first_turn_is_a_400_and_nothing_is_stored(live):
    url, store = live
    reply = post(url, body("", None, {"mode": "adaptive", "min_questions": 10}))
    assert reply.status_code == 400
    assert "length.min_questions (10) exceeds meta.questions_target (9)" in reply.json()["message"]
    assert store.count() == 0


def test_a_shortened_interview_resumes_after_a_restart_at_its_wrap_up(tmp_path, serve):
    """The service keeps nothing in memory: a new service on the same file continues the
    interview at its wrap-up, with the stored bounds and the shortened total."""
    store = SQLiteStore(tmp_path / "estel.db")
    with serve(create_app(load_settings(environ={}), Engine(ScriptedBrain()), store)) as url:
        first = post(url, body("", None, ADAPTIVE))
        sid, state = first.headers[SESSION_HEADER], first.json()["payload"]["session_state"]
        for _ in range(4):
            state = checked(post(url, body(LONG, state)))["payload"]["session_state"]
    assert (state["question_index"], state["total_questions"], state["phase"]) == \
        (5, 5, "wrap_up")
    again = SQLiteStore(tmp_path / "estel.db")
    with serve(create_app(load_settings(environ={}), Engine(ScriptedBrain()), again)) as url:
        fetched = httpx.get(f"{url}/v1/sessions/{sid}", timeout=10).json()
        assert fetched["payload"]["session_state"] == state
        final = checked(post(url, body(LONG, state)))
    assert final["payload"]["payload"]["kind"] == "feedback"
    assert InterviewSessionState.model_validate(
        final["payload"]["session_state"]).total_questions == 5
