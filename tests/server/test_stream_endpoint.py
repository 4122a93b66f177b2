"""POST /v1/brain/stream over real HTTP: the question's words as server-sent events, then the
same envelope /v1/brain gives, sent only once the turn is saved; errors before any words are the
JSON endpoint's own replies."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
import pytest
from fake_openai import API_KEY, MODEL, FakeOpenAI, fast_client

from estel.brains.offline.brain import OfflineBrain
from estel.brains.openai.brain import OpenAIBrain, make_client
from estel.client import EstelClient, EstelServiceError
from estel.config import load_settings
from estel.contract import EstelInterviewEnvelope
from estel.store.records import state_digest

STREAM = "/v1/brain/stream"


def events(response: httpx.Response) -> list[tuple[str, dict[str, Any], float]]:
    """(event name, JSON data, seconds since the request) of each server-sent event."""
    began, found, name = time.perf_counter(), [], None
    for line in response.iter_lines():
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: "):
            found.append((name, json.loads(line.removeprefix("data: ")),
                          time.perf_counter() - began))
    return found


def post_stream(client: httpx.Client, body: dict[str, Any], session: str | None = None
                ) -> tuple[httpx.Response, list[tuple[str, dict[str, Any], float]]]:
    headers = {"Estel-Session": session} if session else {}
    with client.stream("POST", STREAM, json=body, headers=headers) as response:
        if not response.headers["content-type"].startswith("text/event-stream"):
            response.read()
            return response, []
        return response, events(response)


def final(found: list[tuple[str, dict[str, Any], float]]) -> tuple[dict[str, Any],
                                                                    EstelInterviewEnvelope]:
    """The last event, which must be the only `envelope` event, and its validated envelope."""
    names = [name for name, _, _ in found]
    assert names.count("envelope") == 1
    assert names[-1] == "envelope"
    data = found[-1][1]
    return data, EstelInterviewEnvelope.model_validate(data["envelope"])


def question_text(found: list[tuple[str, dict[str, Any], float]]) -> str:
    return "".join(data["text"] for name, data, _ in found if name == "question")


def test_offline_turns_stream_one_question_event_then_the_saved_envelope(
        app_with, serve, memory_store, request_for):
    store = memory_store()
    with serve(app_with(brain=OfflineBrain(), store=store)) as url, \
            httpx.Client(base_url=url, timeout=30) as client:
        response, found = post_stream(client, request_for())
        assert response.status_code == 200
        assert [name for name, _, _ in found] == ["question", "envelope"]
        data, envelope = final(found)
        assert data["http_status"] == 200
        turn = envelope.payload
        assert question_text(found) == turn.payload.question
        assert response.headers["Estel-Session"] == data["session"]  # known before streaming
        row = store.get(data["session"])  # saved before the envelope was sent
        assert row.state_digest == state_digest(turn.session_state)
        # the answer turn: the same request shape as /v1/brain, the session named back
        state = turn.session_state.model_dump(mode="json", exclude_none=True)
        response, found = post_stream(client, request_for("I cut report time by 40% with SQL.",
                                                          state), data["session"])
        data2, envelope2 = final(found)
        assert data2["http_status"] == 200
        assert data2["session"] == data["session"]
        assert envelope2.payload.session_state.transcript[0].answer == \
            "I cut report time by 40% with SQL."
        assert store.get(data["session"]).state_digest == state_digest(
            envelope2.payload.session_state)


def test_the_json_endpoint_and_the_stream_give_the_same_envelope(app_with, serve, request_for):
    with serve(app_with(brain=OfflineBrain())) as url, \
            httpx.Client(base_url=url, timeout=30) as client:
        plain = client.post("/v1/brain", json=request_for()).json()
        _, found = post_stream(client, request_for())
    assert final(found)[0]["envelope"] == plain  # the offline brain is deterministic


@pytest.mark.parametrize(("case", "status", "message"), [
    ("bad json", 400, ""), ("tampered", 409, "changed outside Estel"), ("no token", 401, "token")])
def test_a_turn_refused_before_any_words_is_the_json_endpoints_reply(
        app_with, serve, envelope_of, request_for, case, status, message):
    token = {"api_token": "s3cret"} if case == "no token" else {}
    with serve(app_with(brain=OfflineBrain(), **token)) as url, \
            httpx.Client(base_url=url, timeout=30) as client:
        auth = {"Authorization": "Bearer s3cret"} if token else {}
        if case == "bad json":
            response = client.post(STREAM, content=b"{not json", headers=auth)
        elif case == "tampered":
            start = client.post("/v1/brain", json=request_for(), headers=auth).json()
            state = start["payload"]["session_state"]
            state["transcript"][0]["question"] = "An easier question, edited by the client?"
            response = client.post(STREAM, json=request_for("An answer.", state), headers=auth)
        else:
            response = client.post(STREAM, json=request_for())
    envelope_of(response, status, message)


@pytest.fixture
def fake(monkeypatch):
    fast_client(monkeypatch)
    with FakeOpenAI() as server:
        server.chunk_delay = 0.02
        yield server


def test_openai_turns_stream_the_question_word_by_word_before_the_turn_ends(
        app_with, serve, memory_store, request_for, fake):
    settings = load_settings(environ={}, openai_base_url=fake.base_url, openai_api_key=API_KEY,
                             openai_model=MODEL)
    store = memory_store()
    brain = OpenAIBrain(make_client(settings), settings)
    with serve(app_with(brain=brain, store=store)) as url, \
            httpx.Client(base_url=url, timeout=30) as client:
        _, found = post_stream(client, request_for())
        data, envelope = final(found)
        saved = [store.get(data["session"]).state_digest]  # as the envelope arrived
        state = envelope.payload.session_state.model_dump(mode="json", exclude_none=True)
        _, later = post_stream(client, request_for("I cut report time by 40% with SQL.", state),
                               data["session"])
        saved.append(store.get(data["session"]).state_digest)
    for turn, digest in zip((found, later), saved, strict=True):
        data, envelope = final(turn)
        assert data["http_status"] == 200
        questions = [(data, at) for name, data, at in turn if name == "question"]
        assert len(questions) > 5  # word by word, not one piece
        assert question_text(turn) == envelope.payload.payload.question
        # the first words arrive well before the whole turn is done
        assert questions[0][1] < 0.5 * turn[-1][2], (questions[0][1], turn[-1][2])
        assert digest == state_digest(envelope.payload.session_state)
    assert all(seen.body.get("stream") is True for seen in fake.requests)


def test_a_save_that_fails_after_the_words_streamed_ends_with_the_503_envelope(
        app_with, serve, memory_store, request_for, fake):
    """The envelope event waits for the commit: when the commit fails, it is the error the
    JSON endpoint gives (503, nothing taken), though the question's words were already shown."""
    settings = load_settings(environ={}, openai_base_url=fake.base_url, openai_api_key=API_KEY,
                             openai_model=MODEL)
    store = memory_store()
    with serve(app_with(brain=OpenAIBrain(make_client(settings), settings), store=store)) as url, \
            httpx.Client(base_url=url, timeout=30) as client:
        _, found = post_stream(client, request_for())
        data, envelope = final(found)
        kept = store.get(data["session"])
        store.fail = True
        state = envelope.payload.session_state.model_dump(mode="json", exclude_none=True)
        response, later = post_stream(client, request_for("My answer.", state), data["session"])
    assert response.status_code == 200  # the stream had begun
    assert question_text(later)  # words were shown...
    failed, error = final(later)
    assert failed["http_status"] == 503  # ...but the turn was not taken
    assert error.status == "error"
    assert "could not be saved" in error.message
    assert store.get(data["session"]) is kept


def test_the_python_client_streams_a_whole_interview(app_with, serve, memory_store, seed_meta,
                                                     fake):
    settings = load_settings(environ={}, openai_base_url=fake.base_url, openai_api_key=API_KEY,
                             openai_model=MODEL)
    fake.chunk_delay = 0.0
    store = memory_store()
    meta = {**seed_meta, "questions_target": 3}
    with serve(app_with(brain=OpenAIBrain(make_client(settings), settings), store=store)) as url, \
            EstelClient(url, timeout=30) as estel:
        pieces: list[str] = []
        envelope = estel.stream(start_request(meta), pieces.append)
        asked = []
        while envelope.payload.payload.kind == "question":
            asked.append(envelope.payload.payload.question)
            assert "".join(pieces) == asked[-1]
            assert len(pieces) > 5
            pieces.clear()
            state = envelope.payload.session_state
            request = {**start_request(meta), "message": f"Answer {len(asked)}",
                       "context": {**start_request(meta)["context"],
                                   "session_state": state.model_dump(mode="json",
                                                                     exclude_none=True)}}
            envelope = estel.stream(request, pieces.append, session_id=estel.session_id)
        assert len(asked) == 3
        assert not pieces  # the feedback turn has no question
        assert store.get(estel.session_id).status == "completed"
        with pytest.raises(EstelServiceError) as refused:  # an answered turn, sent again
            estel.stream(request, pieces.append, session_id=estel.session_id)
    assert refused.value.status_code in (400, 409)


def start_request(meta: dict[str, Any]) -> dict[str, Any]:
    return {"message": "", "language": "en",
            "context": {"context": "interview_session", "meta": meta, "session_state": None}}


def shown_text(found: list[tuple[str, dict[str, Any], float]]) -> str:
    """What a client that appends `question` words and empties its text at `reset` shows."""
    text = ""
    for name, data, _ in found:
        if name == "reset":
            text = ""
        elif name == "question":
            text += data["text"]
    return text


WRONG_FIRST = "Wrong words first: what is your favourite colour, and why?"


def openai_app(app_with, fake, store):
    settings = load_settings(environ={}, openai_base_url=fake.base_url, openai_api_key=API_KEY,
                             openai_model=MODEL)
    return app_with(brain=OpenAIBrain(make_client(settings), settings), store=store)


def test_a_reply_redone_with_other_words_sends_reset_then_the_new_words(
        app_with, serve, memory_store, request_for, fake):
    """The model's first reply streams a question but is invalid (no topic, no difficulty); the
    re-ask's valid reply asks another. The client is told to drop the first words."""
    fake.add(fake.step({"question": {"question": WRONG_FIRST}}))
    store = memory_store()
    with serve(openai_app(app_with, fake, store)) as url, \
            httpx.Client(base_url=url, timeout=30) as client:
        _, found = post_stream(client, request_for())
    data, envelope = final(found)
    assert data["http_status"] == 200
    asked = envelope.payload.payload.question
    names = [name for name, _, _ in found]
    assert names.count("reset") == 1
    cut = names.index("reset")
    before = "".join(d["text"] for name, d, _ in found[:cut] if name == "question")
    assert before
    assert WRONG_FIRST.startswith(before)
    assert found[cut][1] == {}
    assert shown_text(found) == asked != before  # ...and replaced by the question that counts
    assert all(name == "question" for name in names[cut + 1:-1])
    assert len([seen for seen in fake.requests if seen.body.get("stream")]) == 2  # the re-ask


def test_a_redo_with_the_same_words_sends_no_reset(app_with, serve, memory_store, request_for,
                                                    fake):
    fake.add(fake.step({"question": {"question": "Fake question number 1: tell me about "
                                                 "thing 1?"}}))  # invalid: no topic
    with serve(openai_app(app_with, fake, memory_store())) as url, \
            httpx.Client(base_url=url, timeout=30) as client:
        _, found = post_stream(client, request_for())
    data, envelope = final(found)
    assert data["http_status"] == 200
    assert "reset" not in [name for name, _, _ in found]
    assert question_text(found) == envelope.payload.payload.question


def test_words_of_a_turn_that_then_fails_are_reset_before_the_error_envelope(
        app_with, serve, memory_store, request_for, fake):
    fake.add(fake.step({"question": {"question": WRONG_FIRST}}),
             fake.step({"question": {"question": "Still wrong: and your second favourite?"}}))
    with serve(openai_app(app_with, fake, memory_store())) as url, \
            httpx.Client(base_url=url, timeout=30) as client:
        _, found = post_stream(client, request_for())
    data, envelope = final(found)
    assert envelope.status == "error"
    assert data["http_status"] >= 500
    assert found[-2][0] == "reset"  # nothing shown is left standing beside the error
    assert shown_text(found) == ""


def test_the_python_client_drops_the_words_on_reset(app_with, serve, memory_store, seed_meta,
                                                    fake):
    fake.add(fake.step({"question": {"question": WRONG_FIRST}}))
    with serve(openai_app(app_with, fake, memory_store())) as url, \
            EstelClient(url, timeout=30) as estel:
        screen: list[str] = []
        resets: list[int] = []

        def dropped() -> None:
            resets.append(len(screen))
            screen.clear()

        envelope = estel.stream(start_request(seed_meta), screen.append, on_reset=dropped)
    assert len(resets) == 1
    assert resets[0] > 0
    assert "".join(screen) == envelope.payload.payload.question
