"""The interview languages: what a request's `language` may say, and what Estel runs it in.

The contract's `language` is free text. Estel runs two: English (`en`) and Hinglish, the
romanised Hindi-English mix spoken in Indian offices (`hinglish`, also written `hi-en`,
`Hinglish`, `hi_en`). Any other value runs in English with a warning in the envelope's
`message`, as it always did. Pure: no I/O.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["en", "hinglish"]
ENGLISH: Language = "en"
HINGLISH: Language = "hinglish"

# the spellings a client may send for each language (compared trimmed and case-folded)
ALIASES: dict[str, Language] = {
    "en": ENGLISH, "english": ENGLISH, "en-us": ENGLISH, "en-gb": ENGLISH, "en-in": ENGLISH,
    "hinglish": HINGLISH, "hi-en": HINGLISH, "hi_en": HINGLISH, "hien": HINGLISH,
    "en-hi": HINGLISH, "hi-latn": HINGLISH,
}
LABELS: dict[Language, str] = {ENGLISH: "English", HINGLISH: "Hinglish (Hindi-English mix)"}


def language_of(raw: str | None) -> Language | None:
    """The language a request's `language` names, or None when Estel does not run it."""
    return ALIASES.get((raw or "").strip().casefold())


def effective(raw: str | None) -> Language:
    """The language the interview actually runs in: the named one, else English."""
    return language_of(raw) or ENGLISH


def language_warning(raw: str) -> str | None:
    """The envelope's message for a language Estel does not run; None for a supported one."""
    if language_of(raw) is not None:
        return None
    shown = raw.strip()[:20] or "(empty)"
    return f"Language '{shown}' is not supported yet; the interview continues in English."
