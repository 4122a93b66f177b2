"""Role matching for the offline brain: the shared title resolver (estel.roles.titles).

Kept as the offline brain's import point; the rules live in `estel.roles.titles`.
"""

from __future__ import annotations

from estel.roles.titles import (
    NOISE,
    TitleMatch,
    match_family,
    normalise_title,
    resolve_title,
    role_variants,
)

__all__ = ["NOISE", "TitleMatch", "match_family", "normalise_title", "resolve_title",
           "role_variants"]
