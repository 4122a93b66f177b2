"""Server-kept sessions over HTTP: a tampered session_state is refused (409 or 400) and the
stored interview stays as it was; a lost state can be fetched again; retries are safe."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from functools import partial
from typing import Any

import httpx
import pytest
from wire_requests import post_turn

from estel.brains.scripted import ScriptedBrain
from estel.config import load_settings
from estel.engine import Engine
from estel.server import create_app
from estel.server.app import SESSION_HEADER
from estel.store.sqlite import SQLiteStore

CHANGED = "changed outside Estel"
WEAK = "I don't know, maybe."


post = partial(post_turn, timeout=10)


def play(url: str, request_for: Callable[..., dict], meta: dict, answers: int
         ) -> tuple[str, dict[str, Any]]:
    """Start an interview and give `answers` weak answers; (session id, current state)."""
    first = post(url, request_for(meta=meta))
    assert first.status_code == 200, first.text
    session, state = first.headers[SESSION_HEADER], first.json()["payload"]["session_state"]
    for _ in range(answers):
        reply = post(url, request_for(WEAK, state, meta), session)
        assert reply.status_code == 200, reply.text
        state = reply.json()["payload"]["session_state"]
    return session, state


def row_of(store: SQLiteStore, session: str) -> dict[str, Any]:
    return store.get(session).model_dump()


def _scores(state: dict) -> None:
    state["score_so_far"] = {"communication": 10.0, "content": 10.0, "confidence": 10.0}


def _answer_replaced(state: dict) -> None:
    state["transcript"][0]["answer"] = "An excellent, detailed answer with numbers: 40% faster."


def _question_edited(state: dict) -> None:
    state["transcript"][1]["question"] = "What is your favourite colour?"


def _topic_edited(state: dict) -> None:
    state["transcript"][0]["topic"] = "something easy"


def _index_and_fabricated_items(state: dict) -> None:
    """Skip ahead: seven made-up excellent answers, question 8 open, perfect scores."""
    items = [{"question_id": f"q{n}", "question": f"Made-up question {n}?", "topic": "made up",
              "answer": "Excellent answer: I led it, cut costs 40%, measured it weekly."}
             for n in range(1, 8)]
    items.append({"question_id": "q8", "question": "Made-up question 8?", "topic": "made up"})
    state.update(question_index=8, phase="wrap_up", transcript=items)
    _scores(state)


def _phase(state: dict) -> None:
    state["phase"] = "technical"


def _last_item_dropped(state: dict) -> None:
    """Rewind one question (answer the previous one again) while keeping the rules."""
    state["transcript"] = state["transcript"][:-1]
    state["transcript"][-1].pop("answer")
    state["question_index"] -= 1
    state["phase"] = "behavioural" if state["question_index"] > 1 else "intro"


TAMPERING = {
    "scores": _scores,
    "answer replaced": _answer_replaced,
    "question edited": _question_edited,
    "topic edited": _topic_edited,
    "index skipped with fabricated items": _index_and_fabricated_items,
    "phase": _phase,
    "rewound to an earlier question": _last_item_dropped,
}


@pytest.mark.parametrize("name", list(TAMPERING))
@pytest.mark.parametrize("with_header", [True, False], ids=["session header", "state only"])
def test_a_tampered_state_is_refused_and_the_stored_session_is_untouched(
        live, request_for, seed_meta, name, with_header):
    url, store = live
    session, state = play(url, request_for, seed_meta, answers=3)
    before = row_of(store, session)
    tampered = copy.deepcopy(state)
    TAMPERING[name](tampered)
    reply = post(url, request_for(WEAK, tampered, seed_meta), session if with_header else None)
    assert reply.status_code in (400, 409), reply.text
    body = reply.json()
    assert body["status"] == "error"
    assert "payload" not in body
    if reply.status_code == 409:
        assert CHANGED in body["message"]
    assert row_of(store, session) == before
    # the untampered state still works afterwards: nothing was consumed
    assert post(url, request_for(WEAK, state, seed_meta), session).status_code == 200


def test_every_accepted_edit_is_refused_with_409_not_just_rule_breaks(live, request_for,
                                                                      seed_meta):
    """Edits that keep every session rule are caught by the stored copy alone."""
    url, _store = live
    _session, state = play(url, request_for, seed_meta, answers=4)
    for edit in (_scores, _answer_replaced, _question_edited, _topic_edited):
        tampered = copy.deepcopy(state)
        edit(tampered)
        reply = post(url, request_for(WEAK, tampered, seed_meta))
        assert reply.status_code == 409, (edit.__name__, reply.text)
        assert CHANGED in reply.json()["message"]


def test_a_state_from_another_session_is_refused_for_this_one(live, request_for, seed_meta):
    url, store = live
    mine, _ = play(url, request_for, seed_meta, answers=2)
    other_meta = {**seed_meta, "target_role": "Data Scientist"}
    _, theirs = play(url, request_for, other_meta, answers=2)
    before = row_of(store, mine)
    reply = post(url, request_for(WEAK, theirs, other_meta), mine)
    assert reply.status_code == 409
    assert CHANGED in reply.json()["message"]
    assert row_of(store, mine) == before


def test_an_unknown_or_malformed_session_header_is_refused(live, request_for, seed_meta):
    url, _ = live
    _, state = play(url, request_for, seed_meta, answers=1)
    for header in ("00000000-0000-4000-8000-000000000000", "not-a-uuid"):
        assert post(url, request_for(WEAK, state, seed_meta), header).status_code == 409


def test_no_edit_raises_the_final_score(live, request_for, seed_meta):
    """The issue's attack: weak answers throughout, perfect scores written in before the last."""
    url, store = live
    session, state = play(url, request_for, seed_meta, answers=7)
    tampered = copy.deepcopy(state)
    _scores(tampered)
    assert post(url, request_for(WEAK, tampered, seed_meta)).status_code == 409
    final = post(url, request_for(WEAK, state, seed_meta), session)
    assert final.status_code == 200
    earned = final.json()["payload"]["payload"]["scores"]["overall"]
    row = store.get(session)
    assert row.status == "completed"
    assert row.overall_score == earned
    assert all(e.answer == WEAK for e in row.transcript)


def test_the_same_answer_twice_is_taken_once(live, request_for, seed_meta):
    url, store = live
    session, state = play(url, request_for, seed_meta, answers=1)
    first = post(url, request_for("First try.", state, seed_meta), session)
    again = post(url, request_for("Second try.", state, seed_meta), session)
    assert first.status_code == 200
    assert again.status_code == 409
    assert store.get(session).transcript[1].answer == "First try."


def test_the_seed_flow_without_the_header_still_works_and_saves_every_turn(
        live, request_for, seed_meta):
    url, store = live
    first = post(url, request_for(meta=seed_meta))
    session, state = first.headers[SESSION_HEADER], first.json()["payload"]["session_state"]
    for n in range(1, 4):
        reply = post(url, request_for(f"Answer {n}", state, seed_meta))
        assert reply.headers[SESSION_HEADER] == session
        state = reply.json()["payload"]["session_state"]
        row = store.get(session)
        assert [e.answer for e in row.transcript[:n]] == [f"Answer {i}" for i in
                                                          range(1, n + 1)]
        assert row.transcript[n - 1].content is not None  # the assessment is saved per turn
        assert row.score_so_far.model_dump() == state["score_so_far"]


def test_a_lost_state_is_fetched_with_get_and_the_interview_continues(live, request_for,
                                                                       seed_meta):
    url, _store = live
    session, state = play(url, request_for, seed_meta, answers=3)
    fetched = httpx.get(f"{url}/v1/sessions/{session}")
    assert fetched.status_code == 200
    assert fetched.headers[SESSION_HEADER] == session
    body = fetched.json()
    assert body["payload"]["session_state"] == state
    assert body["payload"]["payload"]["question_id"] == "q4"
    reply = post(url, request_for(WEAK, body["payload"]["session_state"], seed_meta))
    assert reply.status_code == 200
    assert reply.json()["payload"]["session_state"]["question_index"] == 5


def test_get_of_a_finished_session_returns_its_feedback(live, request_for, seed_meta):
    url, _ = live
    meta = {**seed_meta, "questions_target": 2}
    session, state = play(url, request_for, meta, answers=1)
    final = post(url, request_for(WEAK, state, meta), session).json()
    fetched = httpx.get(f"{url}/v1/sessions/{session}").json()
    assert fetched["payload"] == final["payload"]


@pytest.mark.parametrize("session", ["00000000-0000-4000-8000-000000000000", "nope"])
def test_get_of_an_unknown_session_is_404(live, session):
    url, _ = live
    reply = httpx.get(f"{url}/v1/sessions/{session}")
    assert reply.status_code == 404
    assert reply.json()["status"] == "error"


def test_get_needs_the_same_bearer_token(tmp_path, serve, request_for, seed_meta):
    store = SQLiteStore(tmp_path / "estel.db")
    app = create_app(load_settings(environ={}, api_token="s3cret"), Engine(ScriptedBrain()),
                     store)
    auth = {"Authorization": "Bearer s3cret"}
    with serve(app) as url:
        first = httpx.post(f"{url}/v1/brain", json=request_for(meta=seed_meta), headers=auth)
        session = first.headers[SESSION_HEADER]
        assert httpx.get(f"{url}/v1/sessions/{session}").status_code == 401
        assert httpx.get(f"{url}/v1/sessions/{session}", headers=auth).status_code == 200


def test_a_failed_save_is_503_the_session_is_untouched_and_the_answer_can_be_resent(
        live, request_for, seed_meta, monkeypatch):
    url, store = live
    session, state = play(url, request_for, seed_meta, answers=2)
    before = row_of(store, session)
    real = store.save_turns

    def failing(writes):
        raise OSError("disk full")

    monkeypatch.setattr(store, "save_turns", failing)
    reply = post(url, request_for("My answer.", state, seed_meta), session)
    assert reply.status_code == 503
    assert "could not be saved" in reply.json()["message"]
    assert row_of(store, session) == before
    monkeypatch.setattr(store, "save_turns", real)
    again = post(url, request_for("My answer.", state, seed_meta), session)
    assert again.status_code == 200
    assert store.get(session).transcript[2].answer == "My answer."


def test_a_success_reply_means_the_row_is_already_committed(live, request_for, seed_meta,
                                                            tmp_path):
    """Read the file from another connection right after each reply: the turn is there."""
    url, _ = live
    other = SQLiteStore(tmp_path / "estel.db")
    first = post(url, request_for(meta=seed_meta))
    session, state = first.headers[SESSION_HEADER], first.json()["payload"]["session_state"]
    assert other.get(session) is not None
    for n in range(8):
        body = post(url, request_for(f"Answer {n}", state, seed_meta), session).json()
        state = body["payload"]["session_state"]
        row = other.get(session)
        assert json.loads(json.dumps([e.answer for e in row.transcript if e.answer])) == [
            f"Answer {i}" for i in range(n + 1)]
    assert other.get(session).status == "completed"
