"""Chromium answers one question by voice through its fake microphone (a real espeak-ng WAV)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_openai import API_KEY, FakeOpenAI
from live_streamlit import chromium_browser, streamlit_server
from speech import espeak_wav

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_spoken_answer_lands_in_the_box_and_is_sent(tmp_path: Path):
    wav = tmp_path / "answer.wav"
    espeak_wav("I rebuilt the billing pipeline and cut latency by half.", wav)
    mic = ("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
           f"--use-file-for-fake-audio-capture={wav}")
    with FakeOpenAI() as fake, streamlit_server(
            tmp_path, OPENAI_BASE_URL=fake.base_url, OPENAI_API_KEY=API_KEY,
            ESTEL_TRANSCRIBE_MODEL="fake-whisper") as url, chromium_browser(mic) as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(30_000)
        page.goto(url)
        role = page.get_by_role("combobox", name="Target role")
        role.click()
        role.fill("Data Analyst")
        page.keyboard.press("Enter")
        page.get_by_text("Interviewing as:").wait_for()
        page.get_by_role("button", name="Start interview").click()
        page.locator(".st-key-question_q1").wait_for()
        recorder = page.get_by_test_id("stAudioInput")
        recorder.get_by_role("button", name="Record").click()
        page.wait_for_timeout(2500)
        recorder.get_by_role("button", name="Stop recording").click()
        box = page.locator(".st-key-answer textarea")
        page.wait_for_function(
            "t => document.querySelector('.st-key-answer textarea').value === t", arg=fake.heard)
        assert any(path.endswith("/audio/transcriptions") for path, _ in fake.audio_requests)
        assert box.input_value() == fake.heard
        page.locator(".st-key-send button").click()
        page.locator(".st-key-question_q2").wait_for()
