"""Voice answers on the Interview page (AppTest): the transcript lands in the box to edit."""

from __future__ import annotations

import pytest
import streamlit as st
from fake_openai import API_KEY, FakeOpenAI, fast_client
from speech import espeak_wav

from estel.ui.voice_input import ENABLE_HINT

TYPED = "Typed so far:"


@pytest.fixture
def voice_server(monkeypatch, tmp_path):
    fast_client(monkeypatch)
    with FakeOpenAI() as fake:
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
        monkeypatch.setenv("ESTEL_TRANSCRIBE_MODEL", "fake-whisper")
        monkeypatch.setenv("ESTEL_OPENAI_MAX_RETRIES", "0")
        st.cache_resource.clear()
        yield fake


def record(at, audio: bytes):
    mics = at.get("audio_input")
    assert len(mics) == 1
    mics[0].set_value(("answer.wav", audio, "audio/wav"))
    return at.run()


def test_without_an_endpoint_the_mic_is_hidden_and_the_sidebar_says_how(driver):
    at = driver.start(driver.open(questions=2))
    assert not at.get("audio_input")
    assert any(ENABLE_HINT in c.value for c in at.sidebar.caption)


def test_a_recording_lands_in_the_answer_box_to_edit_and_send(driver, voice_server, tmp_path):
    at = driver.start(driver.open(questions=2))
    at = record(at, espeak_wav("I rebuilt the billing pipeline.", tmp_path / "a.wav"))
    assert not at.exception
    assert at.text_area(key="answer").value == voice_server.heard
    run = at.session_state["estel_run"]
    assert run.spoken[1].words_per_minute > 0
    assert run.spoken[1].fillers == ["um"]
    at.text_area(key="answer").input(voice_server.heard + " Edited.")
    at = driver.answer(at, 1, voice_server.heard + " Edited.")
    assert not at.exception
    run = at.session_state["estel_run"]
    assert run.current.state.transcript[0].answer.endswith("Edited.")


@pytest.mark.parametrize("problem", ["silence", "oversize", "format", "server"])
def test_bad_audio_gives_a_message_and_keeps_the_typed_answer(driver, voice_server, tmp_path,
                                                               monkeypatch, problem):
    audio = espeak_wav("I rebuilt the billing pipeline.", tmp_path / "a.wav")
    expected = {"silence": "No speech was heard", "oversize": "too large",
                "format": "not supported", "server": "did not answer"}[problem]
    if problem == "silence":
        audio = audio[:44] + b"\0" * (len(audio) - 44)
    elif problem == "oversize":
        monkeypatch.setenv("ESTEL_AUDIO_MAX_MB", "0.01")
        st.cache_resource.clear()
    elif problem == "format":
        audio = b"OggS" + audio[4:]
    else:
        voice_server.audio_status = 500
    at = driver.start(driver.open(questions=2))
    at.session_state["answer"] = TYPED  # the box's text (kept after a failed send, say)
    at = record(at, audio)
    assert not at.exception
    assert any(expected in w.value for w in at.warning)
    assert at.text_area(key="answer").value == TYPED
