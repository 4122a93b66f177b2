"""POST /v1/brain/stream: the seed's turn with the question's words as server-sent events.

The same request, the same checks, the same turn and the same envelope as `POST /v1/brain`; only
the delivery differs. While the brain writes, each new piece of the question's text is an
`event: question` (`data: {"text": "<new words>"}`); the last event is `event: envelope`
(`data: {"http_status": <what /v1/brain would answer>, "session": "<id>" | null, "envelope":
<the envelope /v1/brain would send>}`), sent only once the turn is saved, as the JSON endpoint's
reply. The pieces are a preview: the envelope's question is the one that counts. When the words
shown so far stop being that question (the model's reply was redone and says something else, or
the turn ended in an error or the feedback), an `event: reset` (`data: {}`) tells the client to
drop them; the `question` events after it start the new text from its first word, so a client
that appends question events and empties its text at each reset always ends with the envelope's
question. A turn that fails before any question text was streamed gets the JSON endpoint's own
error reply (its status and envelope), not a stream. A brain that does not stream (offline)
sends its whole question as one `question` event.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.responses import Response, StreamingResponse

from estel.brains.openai.stream import (
    QuestionEvent,
    QuestionStream,
    Reset,
    closing_events,
)
from estel.contract import InterviewQuestionPayload
from estel.handler import TurnOutcome
from estel.server.responses import SESSION_HEADER, outcome_response, status_of

QUESTION_EVENT = "question"
RESET_EVENT = "reset"
ENVELOPE_EVENT = "envelope"
STREAM_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}  # no proxy buffering


def sse(event: str, data: dict[str, Any]) -> bytes:
    """One server-sent event; JSON data on one line (JSON escapes every newline)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"event: {event}\ndata: {text}\n\n".encode()


def question_event(item: QuestionEvent) -> bytes:
    return sse(RESET_EVENT, {}) if isinstance(item, Reset) else sse(QUESTION_EVENT,
                                                                     {"text": item})


async def streamed_turn(turn: Callable[[], TurnOutcome]) -> Response:
    """Run `turn` in a worker; stream once its first question words arrive (or it ends well)."""
    stream = QuestionStream(turn)
    pieces = iter(stream)
    first = await run_in_threadpool(next, pieces, None)  # the first words, or None: it ended
    headers = dict(STREAM_HEADERS)
    if first is None:
        outcome = stream.result()
        if outcome.error_kind is not None:
            return outcome_response(outcome)
        if outcome.session_id:  # known before the stream starts only when nothing streamed
            headers[SESSION_HEADER] = outcome.session_id
    return StreamingResponse(_events(first, pieces, stream), media_type="text/event-stream",
                             headers=headers)


def _events(first: QuestionEvent | None, pieces: Iterator[QuestionEvent],
            stream: QuestionStream[TurnOutcome]) -> Iterator[bytes]:
    """The question (and reset) events, then whatever makes the shown text the envelope's
    question, then the envelope (Starlette iterates this in its threadpool)."""
    if first is not None:
        yield question_event(first)
        for piece in pieces:
            yield question_event(piece)
    outcome = stream.result()
    payload = outcome.result.response.payload if outcome.result is not None else None
    final = payload.question if isinstance(payload, InterviewQuestionPayload) else None
    for item in closing_events(stream.shown, final):  # a brain that does not stream, a redo
        yield question_event(item)
    yield sse(ENVELOPE_EVENT, {"http_status": status_of(outcome), "session": outcome.session_id,
                               "envelope": outcome.envelope.to_wire()})
