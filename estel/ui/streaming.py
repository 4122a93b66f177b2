"""Show the next question as the model writes it, while the turn runs in a worker thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from estel.brains.openai.stream import QuestionStream

T = TypeVar("T")


def with_streamed_question(label: str, work: Callable[[], T]) -> T:
    """Run `work` under a spinner, writing the question's words as they arrive (OpenAI brain).

    The preview is cleared when the turn ends: the question counts only once the whole reply is
    validated, and the page then shows it from the run like any other. Brains that do not stream
    (offline) just show the spinner.
    """
    stream = QuestionStream(work)
    with st.spinner(label, show_time=True):
        preview = st.empty()
        with preview.container():
            st.write_stream(stream)
    preview.empty()
    return stream.result()
