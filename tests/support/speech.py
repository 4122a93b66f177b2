"""Real speech for tests, made with Debian's espeak-ng (installed by .ci/run)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def espeak_wav(text: str, path: Path) -> bytes:
    """`text` spoken into the WAV file `path`; its bytes."""
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is missing: .ci/run installs it (apt-get install espeak-ng)")
    subprocess.run(["espeak-ng", "-w", str(path), text], check=True, timeout=60)
    return path.read_bytes()


def espeak_bytes(text: str, voice: str = "en-us", words_per_minute: int = 140) -> bytes:
    """`text` spoken as WAV bytes (what a text-to-speech server sends back)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "speech.wav"
        if shutil.which("espeak-ng") is None:
            pytest.fail("espeak-ng is missing: .ci/run installs it (apt-get install espeak-ng)")
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(words_per_minute), "-w", str(path),
                        text], check=True, timeout=60)
        return path.read_bytes()
