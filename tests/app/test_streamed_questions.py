"""The Interview page streams every question from the OpenAI brain, the first one included."""

from __future__ import annotations

import pytest
import streamlit as st
from fake_openai import API_KEY, MODEL, FakeOpenAI, fast_client


@pytest.fixture
def openai_server(monkeypatch):
    fast_client(monkeypatch)
    with FakeOpenAI() as fake:
        monkeypatch.setenv("ESTEL_BRAIN", "openai")
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
        monkeypatch.setenv("ESTEL_OPENAI_MODEL", MODEL)
        monkeypatch.setenv("ESTEL_OPENAI_MAX_RETRIES", "0")
        st.cache_resource.clear()
        yield fake


def test_the_first_question_and_every_later_one_are_streamed(driver, openai_server):
    at = driver.start(driver.open(questions=2))
    assert not at.exception
    run = at.session_state["estel_run"]
    assert run.current.response.payload.question.startswith("Fake question number 1")
    at = driver.answer(at, 1)
    assert not at.exception
    chats = [seen for seen in openai_server.requests if seen.path.endswith("/chat/completions")]
    assert len(chats) == 2
    assert all(seen.body.get("stream") is True for seen in chats), [s.body.get("stream")
                                                                    for s in chats]


def test_a_reply_redone_with_other_words_still_shows_the_question_that_counts(driver,
                                                                              openai_server):
    # the first reply streams a question but is invalid (no topic): the re-ask asks another, and
    # the page's preview is replaced (estel.ui.streaming), the run holding only the valid one
    openai_server.add(openai_server.step({"question": {"question": "Wrong words first?"}}))
    at = driver.start(driver.open(questions=2))
    assert not at.exception
    asked = at.session_state["estel_run"].current.response.payload.question
    assert asked.startswith("Fake question number 1")
    assert "Wrong words first" not in " ".join(m.value for m in at.markdown)
    assert len([s for s in openai_server.requests if s.body.get("stream")]) == 2
