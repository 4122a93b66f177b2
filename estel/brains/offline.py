"""TEMPORARY placeholder: the real offline brain (question bank, analysis) replaces this file."""

from __future__ import annotations

from estel.brains.base import TurnContext, TurnDraft
from estel.brains.scripted import default_draft


class OfflineBrain:
    name = "offline"

    @property
    def label(self) -> str:
        return "Offline (built-in question bank)"

    def turn(self, ctx: TurnContext) -> TurnDraft:
        return default_draft(ctx)
