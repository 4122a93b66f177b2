"""Words per minute with silence around and inside a spoken answer, measured.

    python bench/voice_rate.py

Three answers written for this check (a nurse, a plumber, an analyst) spoken by espeak-ng at 130
and 170 words a minute, then padded with silence (lead / middle / trail seconds) under faint
room noise (-55 dBFS). For each: the rate over the whole recording (what Estel measured before)
and over the talking (estel.voice.speaking_seconds), beside the talking rate of the bare
recording. Needs espeak-ng (Debian's package). Figures only; it exits 0.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from estel.answer_facts import rate
from estel.voice import speaking_seconds, wav_seconds

ANSWERS = {
    "nurse": "On a night shift I noticed a patient's breathing had changed, so I escalated to "
             "the outreach team within ten minutes and we started oxygen before the sepsis "
             "screen came back.",
    "plumber": "The boiler kept losing pressure, so I isolated each zone, found a weeping valve "
               "under the floor, replaced it and pressure tested the whole system before I left.",
    "analyst": "I rebuilt the churn dashboard in SQL with window functions, and the weekly report "
               "that took two days now runs in twenty minutes.",
}
PADDING = ((0, 0, 0), (3, 0, 2), (4, 5, 3))  # seconds of silence: lead, middle, trail
NOISE_DBFS = -55.0


def spoken(text: str, words_per_minute: int) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answer.wav"
        subprocess.run(["espeak-ng", "-s", str(words_per_minute), "-w", str(path), text],
                       check=True, timeout=60)
        return path.read_bytes()


def padded(audio: bytes, lead: float, middle: float, trail: float) -> bytes:
    with wave.open(io.BytesIO(audio)) as wav:
        rate_hz = wav.getframerate()
        speech = np.frombuffer(wav.readframes(wav.getnframes()), "<i2").astype(float)
    half = len(speech) // 2
    out = np.concatenate([np.zeros(int(lead * rate_hz)), speech[:half],
                          np.zeros(int(middle * rate_hz)), speech[half:],
                          np.zeros(int(trail * rate_hz))])
    out += np.random.default_rng(3).normal(0, 32768 * 10 ** (NOISE_DBFS / 20), len(out))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate_hz)
        wav.writeframes(np.clip(out, -32768, 32767).astype("<i2").tobytes())
    return buffer.getvalue()


def talking_rate(words: int, audio: bytes) -> float:
    return rate(words, speaking_seconds(audio) or wav_seconds(audio))


def main() -> int:
    print(f"{'answer':8} {'espeak':>6} {'silence':>8} {'recording':>9} {'talking':>8} "
          f"{'old wpm':>8} {'new wpm':>8} {'bare':>5}")
    worst = 0.0
    for name, text in ANSWERS.items():
        words = len(text.split())
        for speed in (130, 170):
            bare = spoken(text, speed)
            bare_rate = talking_rate(words, bare)
            for lead, middle, trail in PADDING:
                audio = padded(bare, lead, middle, trail)
                new = talking_rate(words, audio)
                worst = max(worst, abs(new - bare_rate) / bare_rate)
                print(f"{name:8} {speed:>6} {f'{lead}/{middle}/{trail}':>8} "
                      f"{wav_seconds(audio):>8.1f}s {speaking_seconds(audio) or 0:>7.1f}s "
                      f"{rate(words, wav_seconds(audio)):>8.0f} {new:>8.0f} {bare_rate:>5.0f}")
    print(f"largest change of the talking rate from the bare recording's: {worst:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
