"""Voice answers (issue 15): check a recording, transcribe it, and read delivery facts from it.

The recording goes to the configured server's OpenAI-compatible `audio.transcriptions`
(`verbose_json`, for segment timestamps where the server gives them). Every way it can go wrong
becomes a `VoiceProblem` with a message for the candidate; the typed answer is never touched.
"""

from __future__ import annotations

import io
import logging
import wave
from typing import TYPE_CHECKING

import auditok
import numpy as np
import openai
from pydantic import BaseModel, Field

from estel.answer_facts import SpokenDelivery, spoken_delivery

if TYPE_CHECKING:
    from estel.config import Settings

log = logging.getLogger(__name__)

LONG_PAUSE_SECONDS = 2.0  # a gap between spoken segments this long is worth pointing out
MIN_SECONDS = 0.3  # shorter than this is a click, not an answer
# Talking time: silence longer than this between sounds is not talking (a breath or a comma is);
# the speaking rate is taken over the talking only.
TALK_GAP_SECONDS = 1.0
_FRAME_SECONDS = 0.05  # frames of the noise-floor estimate
_MIN_ENERGY_DB = 50.0  # auditok's default: 20·log10(RMS of 16-bit samples), about -40 dBFS
_OVER_FLOOR_DB = 12.0  # sound this far above the quietest frames is voice, not the room


class VoiceProblem(Exception):
    """A recording that could not become text; `message` is for the candidate."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Segment(BaseModel):
    start: float
    end: float
    text: str = ""


class Transcript(BaseModel):
    """What the server heard, with the recording's length (from the file) and its segments."""

    text: str
    duration: float = Field(ge=0)
    segments: list[Segment] = Field(default_factory=list)
    speaking: float | None = Field(default=None, ge=0)  # seconds of talking in the recording


SpeechStats = SpokenDelivery  # the delivery facts of a spoken answer (kept with it)


def wav_seconds(audio: bytes) -> float:
    """The length of a WAV recording; VoiceProblem when it is not a WAV file we can read."""
    try:
        with wave.open(io.BytesIO(audio)) as wav:
            return wav.getnframes() / float(wav.getframerate())
    except (wave.Error, EOFError, ZeroDivisionError) as error:
        raise VoiceProblem("That recording's format is not supported: record again with the "
                           "microphone (a WAV recording).") from error


def speaking_seconds(audio: bytes) -> float | None:
    """Seconds of talking in a WAV recording: silence before, after and (longer than
    TALK_GAP_SECONDS) inside it left out. Sound counts from auditok's fixed level or 12 dB over
    the recording's quietest frames, whichever is higher, so a hissing microphone's room noise
    is not talk. None when nothing sounds like talk (or the file cannot be read)."""
    try:
        with wave.open(io.BytesIO(audio)) as wav:
            rate, width, channels = wav.getframerate(), wav.getsampwidth(), wav.getnchannels()
            data = wav.readframes(wav.getnframes())
    except (wave.Error, EOFError):
        return None
    if width != 2 or not data:  # browsers and servers record 16-bit PCM
        return None
    regions = auditok.split(data, sampling_rate=rate, sample_width=width, channels=channels,
                            energy_threshold=_energy_threshold(data, rate, channels),
                            min_dur=0.1, max_dur=None, max_silence=TALK_GAP_SECONDS,
                            max_trailing_silence=0)
    seconds = sum(region.duration for region in regions)
    return round(seconds, 2) if seconds > 0 else None


def _energy_threshold(data: bytes, rate: int, channels: int) -> float:
    """The level (auditok's dB scale) above which a frame is talk: see speaking_seconds."""
    samples = np.frombuffer(data, "<i2").astype(np.float64)
    size = max(1, int(rate * _FRAME_SECONDS)) * channels
    frames = samples[: len(samples) // size * size].reshape(-1, size)
    if not len(frames):
        return _MIN_ENERGY_DB
    levels = 20 * np.log10(np.sqrt((frames ** 2).mean(axis=1)) + 1e-9)
    return max(_MIN_ENERGY_DB, float(np.percentile(levels, 10)) + _OVER_FLOOR_DB)


def check_recording(audio: bytes, settings: Settings) -> float:
    """The recording's length once it passes the size, format and length limits."""
    limit_mb = settings.audio_max_mb
    if len(audio) > limit_mb * 1024 * 1024:
        raise VoiceProblem(f"That recording is too large ({len(audio) / 1048576:.1f} MB; the "
                           f"limit is {limit_mb:g} MB). Record a shorter answer.")
    seconds = wav_seconds(audio)
    if seconds > settings.audio_max_seconds:
        raise VoiceProblem(f"That recording is too long ({seconds:.0f} s; the limit is "
                           f"{settings.audio_max_seconds:.0f} s). Record a shorter answer.")
    if seconds < MIN_SECONDS:
        raise VoiceProblem("That recording is empty: hold the microphone a little longer.")
    return seconds


def transcribe(client: openai.OpenAI, settings: Settings, audio: bytes) -> Transcript:
    """The server's transcript of a checked recording; VoiceProblem for any failure."""
    seconds = check_recording(audio, settings)
    try:
        reply = client.audio.transcriptions.create(
            file=("answer.wav", audio, "audio/wav"), model=settings.transcribe_model or "",
            response_format="verbose_json")
    except openai.OpenAIError as error:
        log.warning("transcription failed: %s", type(error).__name__)
        raise VoiceProblem("The transcription server did not answer. Your typed answer is kept; "
                           "try again or type your answer.") from error
    segments = [Segment(start=s.start, end=s.end, text=s.text)
                for s in (getattr(reply, "segments", None) or [])]
    text = (getattr(reply, "text", "") or "").strip()
    if not text:
        raise VoiceProblem("No speech was heard in that recording. Check your microphone and "
                           "try again.")
    return Transcript(text=text, duration=float(getattr(reply, "duration", 0) or seconds),
                      segments=segments, speaking=speaking_seconds(audio))


def speech_stats(transcript: Transcript) -> SpokenDelivery:
    """Speaking rate over the talking time (the recording's length when it is not known),
    long pauses from segment gaps, fillers."""
    gaps = [round(b.start - a.end, 1) for a, b in zip(transcript.segments,
                                                      transcript.segments[1:], strict=False)]
    return spoken_delivery(transcript.text, transcript.duration, transcript.speaking,
                           [g for g in gaps if g >= LONG_PAUSE_SECONDS])
