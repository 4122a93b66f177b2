"""Streaming the model's reply: the question text as it arrives, for the page to show.

The OpenAI brain streams only when someone listens (the Interview page sets `LISTENER` around a
turn); every other caller (HTTP service, CLI, evals) gets today's single JSON reply. What is shown
while streaming is only a preview: the turn still counts only once the whole reply has been
validated against the reply models, exactly as without streaming.

A reply can be redone mid-turn (an invalid reply re-asked, an adaptive interview's wrap-up asked
again) and the new words need not extend the old ones: the stream then yields `RESET` (drop what
was shown) before the new words.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import Any, Generic, TypeVar

import jiter
from openai.lib.streaming.chat import ChatCompletionStreamState

T = TypeVar("T")

# Called with the question text received so far (the whole prefix, not a delta).
LISTENER: ContextVar[Callable[[str], None] | None] = ContextVar("estel_question_listener",
                                                                default=None)


def question_so_far(content: str) -> str | None:
    """The `question.question` string in a partial JSON reply, or None while it has not begun."""
    text = content.lstrip()
    if text.startswith("```"):  # some local models fence their JSON
        text = text[text.find("{"):] if "{" in text else ""
    if not text:
        return None
    try:
        reply = jiter.from_json(text.encode(), partial_mode="trailing-strings")
    except ValueError:  # not JSON (yet, or at all): the final validation will say so
        return None
    question = reply.get("question") if isinstance(reply, dict) else None
    value = question.get("question") if isinstance(question, dict) else None
    return value if isinstance(value, str) else None


def consume(chunks: Any, listener: Callable[[str], None]) -> Any:
    """Read a `create(stream=True)` stream to its end; the accumulated completion snapshot.

    The library's own stream state accumulates the chunks (content, refusal, finish reason,
    usage) without parsing them, so an invalid reply arrives whole for our validation and re-ask.
    """
    state = ChatCompletionStreamState()
    content, shown = "", None
    any_chunk = False
    for chunk in chunks:
        any_chunk = True
        state.handle_chunk(chunk)
        for choice in chunk.choices:
            if choice.index == 0 and choice.delta.content:
                content += choice.delta.content
                text = question_so_far(content)
                if text and text != shown:
                    shown = text
                    listener(text)
    return state.current_completion_snapshot if any_chunk else None


_DONE = object()


class Reset:
    """The stream's signal that the words shown so far are void: a redone reply starts anew."""

    def __repr__(self) -> str:
        return "RESET"


RESET = Reset()
QuestionEvent = str | Reset  # new words to append, or RESET


def previews(events: Iterable[QuestionEvent]) -> Iterator[Iterator[str]]:
    """`events` cut at each RESET: one iterator of words per attempt, to show one after the
    other in the same place (each replaces the last). Read each to its end before the next."""
    items = iter(events)
    more = True

    def until_reset() -> Iterator[str]:
        nonlocal more
        for item in items:
            if isinstance(item, Reset):
                return
            yield item
        more = False

    while more:
        yield until_reset()


def closing_events(shown: str, final: str | None) -> list[QuestionEvent]:
    """What makes a preview of `shown` read `final`, the question that counts (None: the turn
    has no question, e.g. feedback or an error): nothing when they agree, else RESET (if
    anything was shown) and the whole question (if any)."""
    if shown == (final or ""):
        return []
    return ([RESET] if shown else []) + ([final] if final else [])


class QuestionStream(Generic[T]):
    """Runs one turn in a worker thread; iterating yields the question's new words as they come,
    and RESET when a redone reply's words no longer extend what was shown.

    Iterate it until it ends (`previews()` splits it for `st.write_stream`), then read
    `result()`, which returns the turn's value or raises its exception; `shown` is the text the
    events add up to since the last RESET. The worker never touches the page.
    """

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._queue: queue.Queue[object] = queue.Queue()
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._started = False
        self.shown = ""

    def _run(self) -> None:
        LISTENER.set(self._queue.put)  # this thread's own context
        try:
            self._value = self._work()
        except BaseException as error:  # noqa: BLE001 -- re-raised in the caller by result()
            self._error = error
        finally:
            self._queue.put(_DONE)

    def __iter__(self) -> Iterator[QuestionEvent]:
        if not self._started:
            self._started = True
            self._thread.start()
        while (item := self._queue.get()) is not _DONE:
            text = str(item)
            if text.startswith(self.shown):  # more words of what is shown
                delta, self.shown = text[len(self.shown):], text
                if delta:
                    yield delta
            elif not self.shown.startswith(text):  # a redone reply that says something else
                yield RESET
                self.shown = text
                yield text
            # else: a redone reply that so far repeats what is shown; wait for it to differ

    def result(self) -> T:
        if not self._started:
            for _ in self:
                pass
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]
