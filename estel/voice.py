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

import openai
from pydantic import BaseModel, Field

from estel.analysis.lexicon import FILLERS
from estel.answer_facts import SpokenDelivery, rate

if TYPE_CHECKING:
    from estel.config import Settings

log = logging.getLogger(__name__)

LONG_PAUSE_SECONDS = 2.0  # a gap between spoken segments this long is worth pointing out
MIN_SECONDS = 0.3  # shorter than this is a click, not an answer


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


SpeechStats = SpokenDelivery  # the delivery facts of a spoken answer (kept with it)


def wav_seconds(audio: bytes) -> float:
    """The length of a WAV recording; VoiceProblem when it is not a WAV file we can read."""
    try:
        with wave.open(io.BytesIO(audio)) as wav:
            return wav.getnframes() / float(wav.getframerate())
    except (wave.Error, EOFError, ZeroDivisionError) as error:
        raise VoiceProblem("That recording's format is not supported: record again with the "
                           "microphone (a WAV recording).") from error


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
                      segments=segments)


def speech_stats(transcript: Transcript) -> SpokenDelivery:
    """Speaking rate from the recording's length, long pauses from segment gaps, fillers."""
    words = len(transcript.text.split())
    gaps = [round(b.start - a.end, 1) for a, b in zip(transcript.segments,
                                                      transcript.segments[1:], strict=False)]
    fillers = [m.group(0).strip(" ,").lower() for m in FILLERS.finditer(transcript.text)]
    return SpokenDelivery(words=words, recording_seconds=round(transcript.duration, 1),
                          words_per_minute=rate(words, transcript.duration),
                          long_pauses=[g for g in gaps if g >= LONG_PAUSE_SECONDS],
                          fillers=fillers)
