"""Offline speech recognition for tests: what a WAV says, by PocketSphinx's bundled US English
model (pip `pocketsphinx`, no download). Good enough to tell which of two sentences a clear
synthetic voice said, not to check every word."""

from __future__ import annotations

import io
import re
import wave

import numpy as np

STOP = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "did", "do", "for", "from", "had",
    "has", "have", "how", "i", "in", "is", "it", "me", "of", "on", "or", "our", "so", "that",
    "the", "their", "them", "then", "there", "this", "to", "was", "we", "were", "what", "when",
    "where", "which", "who", "why", "will", "with", "would", "you", "your"})


def pcm16k(audio: bytes) -> tuple[bytes, float]:
    """A mono 16-bit WAV as 16 kHz PCM (what the model expects), and its length in seconds."""
    with wave.open(io.BytesIO(audio)) as wav:
        rate, channels = wav.getframerate(), wav.getnchannels()
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
    samples = samples.reshape(-1, channels).mean(axis=1)
    seconds = len(samples) / rate
    count = int(len(samples) * 16000 / rate)
    resampled = np.interp(np.linspace(0, len(samples) - 1, count), np.arange(len(samples)),
                          samples)
    return np.clip(resampled, -32768, 32767).astype(np.int16).tobytes(), seconds


def transcribe(audio: bytes) -> str:
    """What PocketSphinx hears in a WAV ('' for nothing)."""
    from pocketsphinx import Decoder

    pcm, _ = pcm16k(audio)
    decoder = Decoder(samprate=16000)
    decoder.start_utt()
    decoder.process_raw(pcm, full_utt=True)
    decoder.end_utt()
    hypothesis = decoder.hyp()
    return hypothesis.hypstr if hypothesis is not None else ""


def content_words(text: str) -> set[str]:
    """The words that carry a sentence's meaning (no stopwords, 3+ letters), lower case."""
    return {w for w in re.findall(r"[a-z']+", text.lower()) if len(w) >= 3 and w not in STOP}


def loud_share(audio: bytes, threshold: int = 500) -> float:
    """The share of 20 ms frames louder than near-silence (peak above `threshold`)."""
    pcm, _ = pcm16k(audio)
    samples = np.frombuffer(pcm, dtype=np.int16)
    frames = samples[: len(samples) // 320 * 320].reshape(-1, 320)
    return float((np.abs(frames).max(axis=1) > threshold).mean()) if len(frames) else 0.0
