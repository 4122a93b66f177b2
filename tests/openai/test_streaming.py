"""The streamed turn: the question text arrives in pieces, the result is still validated."""

from __future__ import annotations

import itertools
import json

import pytest

from estel.brains.openai.stream import LISTENER, QuestionStream, question_so_far
from estel.errors import BrainFailure


def answer(n: int) -> str:
    return f"Answer {n}: I rebuilt the billing pipeline and cut the p99 latency by forty percent."


def _listening(seen: list[str]):
    return LISTENER.set(seen.append)


def test_question_so_far_reads_partial_json():
    partial = '{"assessment": {"note": "ok"}, "question": {"question": "Tell me about \\"the'
    assert question_so_far(partial) == 'Tell me about "the'
    assert question_so_far('{"assessment": {"note": "Tell') is None  # not the question yet
    assert question_so_far("not json at all") is None
    assert question_so_far('```json\n{"question": {"question": "Hi') == "Hi"


def test_streamed_opening_shows_growing_question_and_validates(fake, kit):
    engine = kit.make_engine(kit.make_settings(fake.base_url))
    seen: list[str] = []
    token = _listening(seen)
    try:
        envelope = kit.run(kit.start_request(), engine)
    finally:
        LISTENER.reset(token)
    assert envelope["status"] == "success", envelope
    asked = envelope["payload"]["payload"]["question"]
    assert fake.requests[0].body["stream"] is True
    assert len(seen) > 3  # many pieces, each a longer prefix of the final question
    assert all(b.startswith(a) for a, b in itertools.pairwise(seen))
    assert seen[-1] == asked
    # usage still counted from the stream's last chunk
    assert envelope["payload"]["payload"]["question"]


def test_unlistened_turns_do_not_stream(fake, kit):
    engine = kit.make_engine(kit.make_settings(fake.base_url))
    kit.run(kit.start_request(), engine)
    assert not fake.requests[0].body.get("stream")


def test_stream_ending_invalid_is_reasked_then_fails_with_the_same_envelope(fake, kit):
    engine = kit.make_engine(kit.make_settings(fake.base_url))
    start = kit.run(kit.start_request(), engine)
    fake.add(kit.ok("this is not JSON"), kit.ok('{"question": {"question": "cut'))
    seen: list[str] = []
    token = _listening(seen)
    try:
        streamed = kit.run(kit.answer_request(start, answer(1)), engine)
    finally:
        LISTENER.reset(token)
    fake.add(kit.ok("this is not JSON"), kit.ok('{"question": {"question": "cut'))
    plain = kit.run(kit.answer_request(start, answer(1)), engine)
    assert streamed["status"] == plain["status"] == "error"
    streamed.pop("request_id", None), plain.pop("request_id", None)
    assert streamed == plain, (streamed, plain)
    # the re-ask carried the whole invalid first reply, not a part cut off mid-stream
    reask = [r for r in fake.requests if r.body.get("stream")][1]
    assert any(m["content"] == "this is not JSON" for m in reask["messages"])


def test_stream_cut_off_by_length_fails_like_unstreamed(fake, kit):
    engine = kit.make_engine(kit.make_settings(fake.base_url))
    fake.add(kit.ok(json.dumps({"question": kit.question(1)}), finish_reason="length"))
    token = LISTENER.set(lambda text: None)
    try:
        envelope = kit.run(kit.start_request(), engine)
    finally:
        LISTENER.reset(token)
    assert envelope["status"] == "error"
    assert "cut off" in json.dumps(envelope).lower() or "length" in json.dumps(envelope).lower()


def test_question_stream_yields_deltas_then_result_or_error():
    def work() -> str:
        listener = LISTENER.get()
        assert listener is not None
        for text in ("Tell", "Tell me", "Tell me more"):
            listener(text)
        return "done"

    stream = QuestionStream(work)
    assert "".join(stream) == "Tell me more"
    assert stream.result() == "done"

    def failing() -> str:
        LISTENER.get()("Half")  # type: ignore[misc]
        raise BrainFailure("invalid")

    broken = QuestionStream(failing)
    assert list(broken) == ["Half"]
    with pytest.raises(BrainFailure):
        broken.result()
