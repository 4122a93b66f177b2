"""Show the next question as the model writes it, while the turn runs in a worker thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from estel.brains.openai.stream import QuestionStream, previews

T = TypeVar("T")


def with_streamed_question(label: str, work: Callable[[], T]) -> T:
    """Run `work` under a spinner, writing the question's words as they arrive (OpenAI brain).

    The preview is cleared when the turn ends: the question counts only once the whole reply is
    validated, and the page then shows it from the run like any other. A reply redone with other
    words replaces the preview (the stream's RESET), so the words under the spinner are always
    one reply's. Brains that do not stream (offline) just show the spinner.
    """
    stream = QuestionStream(work)
    with st.spinner(label, show_time=True):
        preview = st.empty()
        for attempt in previews(stream):
            with preview.container():  # replaces the last attempt's words
                st.write_stream(attempt)
    preview.empty()
    return stream.result()
