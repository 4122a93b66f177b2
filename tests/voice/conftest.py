"""Real speech for the voice tests, made with Debian's espeak-ng (installed by .ci/run)."""

from __future__ import annotations

import io
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_openai import FakeOpenAI, fast_client
from speech import espeak_wav

SPOKEN = "I led the migration of our billing service and cut latency by half."


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    fast_client(monkeypatch)


@pytest.fixture(scope="session")
def speech_wav(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return espeak_wav(SPOKEN, Path(tmp_path_factory.mktemp("audio")) / "answer.wav")


@pytest.fixture(scope="session")
def silence_wav(speech_wav: bytes) -> bytes:
    """As long as the speech and in its format, every sample zero."""
    with wave.open(io.BytesIO(speech_wav)) as wav:
        params, frames = wav.getparams(), wav.getnframes()
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setparams(params)
        wav.writeframes(b"\0" * frames * params.sampwidth * params.nchannels)
    return out.getvalue()


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server
