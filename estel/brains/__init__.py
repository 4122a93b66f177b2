"""Brains: the interviewers the engine can ask. `make_brain` picks one from settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from estel.brains.base import Brain, TurnContext, TurnDraft
from estel.errors import BadInput

if TYPE_CHECKING:
    from estel.config import Settings
    from estel.engine import Engine

BRAIN_CHOICES = ("auto", "offline", "openai")

__all__ = ["BRAIN_CHOICES", "Brain", "TurnContext", "TurnDraft", "default_engine", "make_brain"]


def make_brain(settings: Settings, choice: str | None = None) -> Brain:
    """The brain named by `choice` (else settings.brain); auto = openai when a key is set."""
    name = choice or settings.brain
    if name not in BRAIN_CHOICES:
        raise BadInput(f"Unknown brain '{name}'; choose one of {', '.join(BRAIN_CHOICES)}.")
    if name == "auto":
        name = settings.resolved_brain
    if name == "openai":
        try:
            from estel.brains.openai.brain import make_openai_brain
        except ImportError:  # until the OpenAI brain lands, auto means offline
            if choice == "openai" or settings.brain == "openai":
                raise BadInput("The OpenAI brain is not available in this build.") from None
        else:
            return make_openai_brain(settings)
    from estel.brains.offline.brain import OfflineBrain

    return OfflineBrain()


def default_engine() -> Engine:
    """An engine with the brain the environment asks for."""
    from estel.config import load_settings
    from estel.engine import Engine

    return Engine(make_brain(load_settings()))
