"""Voice answers on the Interview page (AppTest): the transcript lands in the box to edit."""

from __future__ import annotations

import pytest
import streamlit as st
from fake_openai import API_KEY, FakeOpenAI, fast_client
from speech import espeak_wav

from estel.config import TRANSCRIBE_HINT

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
    assert any(TRANSCRIBE_HINT in c.value for c in at.sidebar.caption)


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


def test_spoken_delivery_and_the_timer_are_saved_and_shown_in_history(driver, voice_server,
                                                                      tmp_path, page_text,
                                                                      downloads):
    """Q1 spoken and over a 1-minute limit, Q2 typed within it: the live report, History and
    the Markdown say so, answer by answer, from what was saved with the session."""
    at = driver.open(questions=2)
    at.selectbox(key="setup_answer_timer").set_value(1)
    at = driver.start(at)
    at = record(at, espeak_wav("I led the migration of our billing service.", tmp_path / "a.wav"))
    at.session_state["estel_run"].shown_at[1] -= 75  # on screen for over a minute
    at = driver.answer(at, 1, voice_server.heard)
    at = driver.answer(at, 2, "I would check the error budget first, then the p99 latency.")
    assert not at.exception
    run = at.session_state["estel_run"]
    assert run.answers[1].spoken == run.spoken[1]
    assert run.answers[1].limit_seconds == 60
    assert run.answers[2].spoken is None  # typed
    live = page_text(at)
    assert "Spoken: 1 of 2 answers" in live
    saved = run.record.transcript
    assert saved[0].spoken is not None
    assert saved[0].spoken.fillers == ["um"]
    assert (saved[0].answer_limit_seconds, saved[1].answer_limit_seconds) == (60, 60)
    assert saved[1].spoken is None

    at = driver.open()
    at.switch_page("app_pages/history.py")
    at = at.run()
    assert not at.exception
    [table] = [t.value for t in at.dataframe if "Given" in t.value.columns]
    assert list(table["Given"]) == ["spoken", "typed"]
    assert int(table["Words/min"][0].split()[0]) > 0
    assert list(table["Fillers"]) == ["1 (um)", ""]
    over, within = table["Over the limit"]
    assert over.startswith("yes, by 0:1")
    assert within == "no"
    text = page_text(at)
    assert "1 of 2 timed answers over the 1:00 limit" in text
    assert "Spoken: 1 of 2 answers" in text
    labels = [e.label for e in at.main.expander if e.label.startswith("Q")]
    assert "over the limit" in labels[0]
    assert ":material/mic: spoken" in labels[0]
    assert "spoken" not in labels[1]
    buttons = {b.key: b for b in at.get("download_button")}
    markdown = downloads(buttons["history_report_download_md"]).decode()
    assert "**Delivery:** spoken, " in markdown
    assert "of a 1:00 limit (0:1" in markdown
    assert "## Time and delivery" in markdown


def test_a_recording_replaced_by_a_typed_answer_is_saved_as_typed(driver, voice_server,
                                                                  tmp_path):
    at = driver.start(driver.open(questions=2))
    at = record(at, espeak_wav("I rebuilt the billing pipeline.", tmp_path / "a.wav"))
    assert at.session_state["estel_run"].spoken[1]
    at = driver.answer(at, 1, "On second thought: I ran the on-call rota for two teams.")
    run = at.session_state["estel_run"]
    assert run.answers[1].spoken is None
    assert run.record.transcript[0].spoken is None


def test_two_recordings_of_one_answer_count_as_one_spoken_answer(driver, voice_server, tmp_path):
    at = driver.start(driver.open(questions=2))
    at = record(at, espeak_wav("I rebuilt the billing pipeline.", tmp_path / "a.wav"))
    first = at.session_state["estel_run"].spoken[1]
    at = record(at, espeak_wav("Then I measured the latency again, twice.", tmp_path / "b.wav"))
    both = at.session_state["estel_run"].spoken[1]
    assert at.text_area(key="answer").value == f"{voice_server.heard} {voice_server.heard}"
    assert both.words == 2 * first.words
    assert both.recording_seconds > first.recording_seconds
    assert both.fillers == ["um", "um"]
