"""Words per minute count the talking, not the silence around or inside it: real speech from
espeak-ng padded with silence (and a little room noise) keeps the rate of the speech alone."""

from __future__ import annotations

import io
import wave

import numpy as np
import pytest
from fake_openai import API_KEY
from speech import espeak_bytes

from estel.brains.openai.brain import make_client
from estel.config import load_settings
from estel.voice import Transcript, speaking_seconds, speech_stats, transcribe, wav_seconds

ANSWER = ("When our nightly billing export started failing I traced it to a lock held by the "
          "reporting job. I moved the report to a replica, added an alert on lock waits, and "
          "the export has not failed since.")


def run(fake, audio: bytes) -> Transcript:
    settings = load_settings(environ={}, openai_base_url=fake.base_url, openai_api_key=API_KEY,
                             transcribe_model="fake-whisper", openai_max_retries=0)
    return transcribe(make_client(settings), settings, audio)


def samples(audio: bytes) -> tuple[np.ndarray, int]:
    with wave.open(io.BytesIO(audio)) as wav:
        assert wav.getsampwidth() == 2
        return np.frombuffer(wav.readframes(wav.getnframes()), "<i2"), wav.getframerate()


def as_wav(mono: np.ndarray, rate: int, channels: int = 1) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(np.repeat(mono, channels).astype("<i2").tobytes())
    return out.getvalue()


def padded(audio: bytes, lead: float, gap: float, trail: float, *, gain: float = 1.0,
           noise_dbfs: float | None = -55.0, rate_out: int | None = None,
           channels: int = 1) -> bytes:
    """The speech with `lead` s of silence before it, `gap` s in its middle, `trail` s after,
    scaled by `gain`, with white noise at `noise_dbfs` over it all."""
    speech, rate = samples(audio)
    speech = speech.astype(float) * gain
    half = len(speech) // 2
    out = np.concatenate([np.zeros(int(lead * rate)), speech[:half], np.zeros(int(gap * rate)),
                          speech[half:], np.zeros(int(trail * rate))])
    if noise_dbfs is not None:
        out += np.random.default_rng(7).normal(0, 32768 * 10 ** (noise_dbfs / 20), len(out))
    if rate_out is not None:  # resampled by linear interpolation: another microphone's rate
        times = np.arange(int(len(out) * rate_out / rate)) * rate / rate_out
        out, rate = np.interp(times, np.arange(len(out)), out), rate_out
    return as_wav(np.clip(out, -32768, 32767), rate, channels)


@pytest.fixture(scope="module")
def answer_wav() -> bytes:
    return espeak_bytes(ANSWER, words_per_minute=150)


@pytest.fixture(scope="module")
def talking(answer_wav: bytes) -> float:
    """Seconds of speech in the bare recording (espeak-ng adds little silence of its own)."""
    seconds = speaking_seconds(answer_wav)
    assert seconds is not None
    assert seconds == pytest.approx(wav_seconds(answer_wav), abs=0.6)
    return seconds


@pytest.mark.parametrize(("lead", "gap", "trail"), [(3, 0, 0), (0, 0, 4), (2.5, 5, 3)])
def test_silence_before_after_and_inside_is_not_talking(answer_wav, talking, lead, gap, trail):
    audio = padded(answer_wav, lead, gap, trail)
    assert wav_seconds(audio) > talking + lead + gap + trail - 0.1
    assert speaking_seconds(audio) == pytest.approx(talking, abs=0.35)


def test_a_short_pause_between_phrases_is_part_of_the_talking(answer_wav, talking):
    assert speaking_seconds(padded(answer_wav, 0, 0.5, 0)) == pytest.approx(talking + 0.5,
                                                                            abs=0.35)


@pytest.mark.parametrize(("gain", "noise", "rate", "channels"), [
    (0.25, -55.0, None, 1),  # a quiet voice
    (1.0, -42.0, None, 1),  # a noisy room
    (1.0, None, 48000, 2),  # a stereo 48 kHz recording, digital silence
    (0.5, -48.0, 16000, 1),
])
def test_the_trim_holds_for_other_levels_and_formats(answer_wav, talking, gain, noise, rate,
                                                     channels):
    audio = padded(answer_wav, 2, 3, 2, gain=gain, noise_dbfs=noise, rate_out=rate,
                   channels=channels)
    assert speaking_seconds(audio) == pytest.approx(talking, abs=0.5)


def test_a_recording_without_speech_has_no_talking_time(silence_wav, answer_wav):
    assert speaking_seconds(silence_wav) is None
    assert speaking_seconds(padded(answer_wav, 0, 0, 0, gain=0.0, noise_dbfs=-50)) is None


def test_words_per_minute_are_the_same_with_silence_around_the_answer(fake, answer_wav):
    """End to end: the transcript of the padded recording gives the bare recording's rate."""
    bare = speech_stats(run(fake, answer_wav))
    slow_start = speech_stats(run(fake, padded(answer_wav, 4, 4, 3)))
    assert slow_start.recording_seconds > bare.recording_seconds + 10
    assert slow_start.words_per_minute == pytest.approx(bare.words_per_minute, rel=0.06)
    assert slow_start.speaking_seconds == pytest.approx(bare.speaking_seconds, abs=0.35)
