"""Chromium does a whole interview by voice against the fake OpenAI-compatible server.

Every answer is recorded through Chromium's fake microphone (a real espeak-ng WAV), transcribed
by the fake server's `audio/transcriptions`, checked in the answer box and sent; the questions
come from the OpenAI brain, streamed (the first question's words show before its turn ends).
The report and then History show the time each answer took and that it was spoken, with its pace
and fillers (saved with the session).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fake_openai import API_KEY, MODEL, FakeOpenAI
from live_streamlit import chromium_browser, set_up_interview, streamlit_server
from speech import espeak_wav

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUESTIONS = 3
TIME_TAKEN = re.compile(r"\d+:\d\d")  # a transcript entry's label has its time
ENTRY = re.compile(r"Q\d+ · .*")


def speak_answer(page, number: int, heard: str) -> None:
    """Record about a second through the fake microphone; wait for the transcript in the box."""
    recorder = page.locator(f".st-key-voice_q{number}")
    recorder.get_by_role("button", name="Record").click()
    page.wait_for_function(  # the recorder's own clock says a second went by
        "sel => (document.querySelector(sel)?.innerText || '').includes('00:01')",
        arg=f".st-key-voice_q{number} [data-testid=stAudioInputWaveformTimeCode]")
    recorder.get_by_role("button", name="Stop recording").click()
    page.wait_for_function(
        "t => document.querySelector('.st-key-answer textarea').value === t", arg=heard)
    # the transcription's rerun may still be replacing the form (a stale copy shows until it
    # ends, e.g. when an element above it went): send once there is one form
    page.wait_for_function("() => document.querySelectorAll('.st-key-send button').length === 1")


def transcript_labels(page) -> list[str]:
    """The report's transcript entries' labels ('Q1 · Intro · topic — 6.5/10 · timer 0:12'),
    without the expander's own icon text."""
    page.locator("summary", has_text=f"Q{QUESTIONS} · ").wait_for()  # drawn after the table
    labels = page.get_by_test_id("stExpander").locator("summary").all_inner_texts()
    found = [ENTRY.search(" ".join(label.split())) for label in labels]
    return [match.group(0) for match in found if match]


def test_a_whole_interview_by_voice_with_streamed_questions(tmp_path: Path):
    wav = tmp_path / "answer.wav"
    espeak_wav("I rebuilt the billing pipeline and cut latency by half.", wav)
    mic = ("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
           f"--use-file-for-fake-audio-capture={wav}")
    with FakeOpenAI() as fake, streamlit_server(
            tmp_path, ESTEL_BRAIN="openai", OPENAI_BASE_URL=fake.base_url,
            OPENAI_API_KEY=API_KEY, ESTEL_OPENAI_MODEL=MODEL,
            ESTEL_TRANSCRIBE_MODEL="fake-whisper") as url, chromium_browser(mic) as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(30_000)
        page.goto(url)
        set_up_interview(page, "Data Analyst", questions=QUESTIONS)
        fake.chunk_delay = 0.03  # ~40 chunks: the opening takes over a second to arrive
        page.get_by_role("button", name="Start interview").click()
        # the first question's words are on the page while its turn is still running
        page.wait_for_function(
            "() => document.body.innerText.includes('Fake question number 1') && "
            "!document.querySelector('.st-key-question_q1')")
        page.locator(".st-key-question_q1").wait_for()
        fake.chunk_delay = 0.0
        for number in range(1, QUESTIONS + 1):
            page.get_by_text(f"Question {number} of {QUESTIONS}").wait_for()
            speak_answer(page, number, fake.heard)
            page.locator(".st-key-send button").click()
            if number < QUESTIONS:
                page.locator(f".st-key-question_q{number + 1}").wait_for()
        page.get_by_text("Your feedback report").wait_for()
        page.get_by_text("Time and delivery").wait_for()
        page.get_by_text(f"Spoken: {QUESTIONS} of {QUESTIONS} answers").wait_for()
        labels = transcript_labels(page)
        assert len(labels) == QUESTIONS
        assert all(TIME_TAKEN.search(label) for label in labels), labels
        assert all(label.endswith("spoken") for label in labels), labels

        page.get_by_test_id("stSidebarNav").get_by_role("link", name="History").click()
        page.get_by_text("finished interview", exact=False).wait_for()
        page.get_by_text("Time and delivery").wait_for()
        page.get_by_text(f"Spoken: {QUESTIONS} of {QUESTIONS} answers").wait_for()
        history = transcript_labels(page)
        assert [TIME_TAKEN.search(x).group(0) for x in history] == \
            [TIME_TAKEN.search(x).group(0) for x in labels]  # the saved times, as shown live

    transcriptions = [p for p, _ in fake.audio_requests if p.endswith("/audio/transcriptions")]
    assert len(transcriptions) == QUESTIONS
    chats = [seen for seen in fake.requests if seen.path.endswith("/chat/completions")]
    assert len(chats) == QUESTIONS + 1
    assert all(seen.body.get("stream") is True for seen in chats)
    answers = [m["content"] for m in chats[-1].body["messages"] if m["role"] == "user"]
    assert fake.heard in answers[-1]  # the spoken answer is what the interviewer assessed
