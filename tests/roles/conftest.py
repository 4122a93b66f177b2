"""Fixtures for the role tests: the real question bank."""

from __future__ import annotations

import pytest

from estel.brains.offline.bank import Bank, load_bank


@pytest.fixture(scope="session")
def bank() -> Bank:
    return load_bank()
