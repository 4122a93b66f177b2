"""Read what an AppTest download button would hand the browser, shared by the page test folders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage


class RecordingStorage(MemoryMediaFileStorage):
    """AppTest's media storage, remembering its instances so a test can read a download."""

    instances: list[RecordingStorage] = []  # noqa: RUF012  # shared on purpose

    def __init__(self, media_endpoint: str) -> None:
        super().__init__(media_endpoint)
        RecordingStorage.instances.append(self)


def download_reader(monkeypatch: pytest.MonkeyPatch) -> Callable[[Any], bytes]:
    """Patch AppTest to record its media; returns: download button -> the bytes downloaded."""
    import streamlit.testing.v1.app_test as app_test_module

    RecordingStorage.instances.clear()
    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", RecordingStorage)

    def read(button: Any) -> bytes:
        filename = button.proto.url.rsplit("/", 1)[-1]
        return RecordingStorage.instances[-1].get_file(filename).content

    return read
