"""Real speech for tests, made with Debian's espeak-ng (installed by .ci/run)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def espeak_wav(text: str, path: Path) -> bytes:
    """`text` spoken into the WAV file `path`; its bytes."""
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is missing: .ci/run installs it (apt-get install espeak-ng)")
    subprocess.run(["espeak-ng", "-w", str(path), text], check=True, timeout=60)
    return path.read_bytes()
