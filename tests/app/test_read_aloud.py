"""Questions read aloud (issue 15): the browser's speech synthesis, or the server's audio.speech."""

from __future__ import annotations

import json

import streamlit as st
from fake_openai import API_KEY, FakeOpenAI, fast_client
from speech import espeak_bytes

from estel.ui.read_aloud import audio_format, browser_speech_html


def frames(at) -> list[str]:
    # the component's srcdoc, as text (str(proto) would escape quotes and apostrophes)
    return [c.proto.srcdoc for c in at.get("iframe")]


def question_text(at) -> str:
    return at.session_state["estel_run"].current.response.payload.question


def test_browser_speech_speaks_the_question_text_safely():
    page = browser_speech_html('Say "</script><b>hi"?')
    assert "speechSynthesis" in page
    assert json.dumps('Say "</script><b>hi"?') in page or "<\\/script>" in page


def test_off_by_default_nothing_is_spoken(driver):
    at = driver.open(questions=2)
    assert at.toggle(key="setup_read_aloud").value is False
    at = driver.start(at)
    assert not any("speechSynthesis" in f for f in frames(at))


def test_on_the_browser_reads_each_question(driver):
    at = driver.open(questions=2)
    at.toggle(key="setup_read_aloud").set_value(True)
    at = driver.start(at)
    first = question_text(at)
    assert any("speechSynthesis" in f and json.dumps(first)[:40] in f for f in frames(at))
    at = driver.answer(at, 1)
    second = question_text(at)
    assert any(json.dumps(second)[:40] in f for f in frames(at))


def test_with_a_speech_model_the_server_reads_it(driver, monkeypatch):
    fast_client(monkeypatch)
    with FakeOpenAI() as fake:
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
        monkeypatch.setenv("ESTEL_SPEECH_MODEL", "fake-tts")
        st.cache_resource.clear()
        at = driver.open(questions=2)
        at.toggle(key="setup_read_aloud").set_value(True)
        at = driver.start(at)
        assert not at.exception
        speech = [body for path, body in fake.audio_requests if path.endswith("/audio/speech")]
        assert len(speech) == 1
        assert json.loads(speech[0])["input"] == question_text(at)
        assert at.get("audio")
        at.run()  # a rerun does not ask the server again
        assert len([p for p, _ in fake.audio_requests if p.endswith("/audio/speech")]) == 1


def test_server_speech_is_labelled_with_its_real_format():
    assert audio_format(espeak_bytes("Hello there.")) == "audio/wav"
    assert audio_format(b"ID3\x04\x00" + b"\0" * 20) == "audio/mpeg"
    assert audio_format(b"\xff\xfb\x90\x64" + b"\0" * 20) == "audio/mpeg"  # bare MP3 frame
    assert audio_format(b"OggS\x00\x02" + b"\0" * 20) == "audio/ogg"
    assert audio_format(b"fLaC\x00\x00" + b"\0" * 20) == "audio/flac"
    assert audio_format(b"\xff\xf1\x50\x80" + b"\0" * 20) == "audio/aac"
