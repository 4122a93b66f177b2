"""Which words of a typed title are words of English in their own right, and how common.

Title typos are fixed against the catalogue's vocabulary (`estel.roles.titles`); a real word
one letter from a catalogue word is a different job unless that word is far commoner: a 'Baker'
is no banker, an 'Audio Engineer' no auditor, but a 'Product Manger' is a product manager.
The counts are pyspellchecker's English word frequencies (loaded once, ~0.15 s).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# A word of English is read as a typo only of a neighbour this many times as common: 'manager'
# is 62 times as common as 'manger'; 'banker' only 2.4 times 'baker', and 'audit' rarer than
# 'audio'.
REAL_WORD_RATIO = 20


@lru_cache(maxsize=1)
def english_counts() -> Any:
    """How often each English word occurs (pyspellchecker's English list)."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1).word_frequency


def real_word(word: str, neighbour: str) -> bool:
    """Whether `word` is a word of English in its own right, not a slip for `neighbour`."""
    counts = english_counts()
    return counts[word] > 0 and counts[neighbour] < REAL_WORD_RATIO * counts[word]
