"""Voice answers: transcription through the fake server's audio/transcriptions, and bad audio."""

from __future__ import annotations

import pytest
from fake_openai import API_KEY

from estel.brains.openai.brain import make_client
from estel.config import load_settings
from estel.voice import (
    Segment,
    Transcript,
    VoiceProblem,
    speech_stats,
    transcribe,
    wav_seconds,
)


def settings(fake, **overrides):
    values = {"openai_base_url": fake.base_url, "openai_api_key": API_KEY,
              "transcribe_model": "fake-whisper", "openai_max_retries": 0, **overrides}
    return load_settings(environ={}, **values)


def run(fake, audio, **overrides):
    chosen = settings(fake, **overrides)
    return transcribe(make_client(chosen), chosen, audio)


def test_speech_becomes_text_with_its_duration_and_segments(fake, speech_wav):
    transcript = run(fake, speech_wav)
    assert transcript.text == fake.heard
    assert transcript.duration == pytest.approx(wav_seconds(speech_wav), abs=0.01)
    assert len(transcript.segments) == 2
    path, body = fake.audio_requests[0]
    assert path == "/v1/audio/transcriptions"
    assert b"fake-whisper" in body
    assert b"verbose_json" in body


def test_transcription_needs_a_model_and_a_server():
    assert not load_settings(environ={}, transcribe_model="whisper-1").transcription_configured
    assert not load_settings(environ={}, openai_api_key="k").transcription_configured
    assert load_settings(environ={}, openai_api_key="k",
                         transcribe_model="whisper-1").transcription_configured


def test_silence_says_no_speech_was_heard(fake, silence_wav):
    with pytest.raises(VoiceProblem, match="No speech was heard"):
        run(fake, silence_wav)


def test_oversize_audio_is_refused_before_upload(fake, speech_wav):
    with pytest.raises(VoiceProblem, match="too large"):
        run(fake, speech_wav, audio_max_mb=len(speech_wav) / 1048576 / 2)
    assert fake.audio_requests == []


def test_too_long_audio_is_refused_before_upload(fake, speech_wav):
    with pytest.raises(VoiceProblem, match="too long"):
        run(fake, speech_wav, audio_max_seconds=1)
    assert fake.audio_requests == []


def test_unsupported_format_is_refused(fake, speech_wav):
    with pytest.raises(VoiceProblem, match="format is not supported"):
        run(fake, b"OggS" + speech_wav[4:])
    assert fake.audio_requests == []


@pytest.mark.parametrize("status", [500, 401, 400])
def test_a_failing_server_gives_a_clear_message(fake, speech_wav, status):
    fake.audio_status = status
    with pytest.raises(VoiceProblem, match="did not answer"):
        run(fake, speech_wav)


def test_speech_stats_rate_pauses_and_fillers():
    transcript = Transcript(
        text="So um I basically rebuilt the whole pipeline, uh, in a month", duration=6.0,
        segments=[Segment(start=0, end=2, text="So um I basically"),
                  Segment(start=4.5, end=6, text="rebuilt the whole pipeline")])
    stats = speech_stats(transcript)
    assert stats.words_per_minute == 120  # 12 words in 6 s
    assert stats.long_pauses == [2.5]
    assert stats.fillers == ["um", "basically", "uh"]
