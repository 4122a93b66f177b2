"""The streamed turn: the question text arrives in pieces, the result is still validated."""

from __future__ import annotations

import itertools
import json

import pytest

from estel.brains.openai.stream import (
    LISTENER,
    RESET,
    QuestionStream,
    closing_events,
    previews,
    question_so_far,
)
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


def _stream_of(*texts: str) -> QuestionStream[str]:
    """A stream whose worker reports `texts` (each the question so far) and returns 'done'."""
    def work() -> str:
        for text in texts:
            LISTENER.get()(text)  # type: ignore[misc]
        return "done"
    return QuestionStream(work)


def shown_after(events: list[object]) -> str:
    """What a client that appends words and empties its text at each RESET ends up showing."""
    text = ""
    for item in events:
        text = "" if item is RESET else text + str(item)
    return text


def test_a_redone_reply_with_other_words_resets_the_preview():
    stream = _stream_of("What is", "What is your favourite", "Tell me", "Tell me about a time")
    events = list(stream)
    assert events == ["What is", " your favourite", RESET, "Tell me", " about a time"]
    assert shown_after(events) == stream.shown == "Tell me about a time"
    assert stream.result() == "done"


def test_a_redone_reply_that_repeats_the_shown_words_does_not_reset():
    # the re-ask's reply begins with the same words: nothing to take back, only to extend
    stream = _stream_of("Tell me", "Tell me about", "Tell", "Tell me about", "Tell me about it")
    events = list(stream)
    assert RESET not in events
    assert "".join(events) == "Tell me about it"


def test_a_redo_that_diverges_late_resets_then_sends_its_whole_text():
    stream = _stream_of("Describe a project", "Describe", "Describe a plan")
    events = list(stream)
    assert events == ["Describe a project", RESET, "Describe a plan"]


def test_previews_split_at_each_reset_for_the_page():
    parts = [list(attempt) for attempt in previews(
        ["What", " is", RESET, "Tell", " me", RESET, "Why"])]
    assert parts == [["What", " is"], ["Tell", " me"], ["Why"]]
    assert [list(a) for a in previews(["Only", " one"])] == [["Only", " one"]]


def test_closing_events_make_the_preview_read_the_question_that_counts():
    assert closing_events("Tell me", "Tell me") == []
    assert closing_events("", "Tell me") == ["Tell me"]  # a brain that did not stream
    assert closing_events("Tell me about", "Tell me") == [RESET, "Tell me"]  # a shorter redo
    assert closing_events("Tell me", None) == [RESET]  # the turn ended in feedback or an error
    assert closing_events("", None) == []
    for shown, final in (("Tell me about", "Tell me"), ("Wrong", "Right one"), ("", "Hi")):
        assert shown_after([shown, *closing_events(shown, final)]) == final
