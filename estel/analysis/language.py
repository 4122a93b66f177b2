"""Sentence boundaries and word stems for answer analysis: the one place that splits sentences and
compares word forms, each through a maintained library. Pure (no I/O at analysis time), cached.

- Sentences: nupunkt, a maintained Punkt implementation (unsupervised sentence-boundary model with
  learnt abbreviations, collocations and sentence starters; its trained model ships inside the
  package), so abbreviations ("e.g.", "i.e.", "Dr.", "vs."), decimals ("3.5 s"), version numbers
  ("2.4.1") and initialisms ("U.S.") do not end a sentence, which a hand-written `[.!?]` split
  got wrong. Line breaks always end one (a typed list item or a dictated pause is its own point).
- Stems: the Snowball (Porter 2) English stemmer, so "deploying", "deployment" and "deploys" are
  one word form ("deploy") when a talking point's keyword is compared with an answer's words.

Every answer is analysed on every turn and several times over (scores, coach, report, evals), so
both are cached by their input. The stemmer object keeps state while it stems, hence the lock
(the HTTP service and the eval harness analyse answers in several threads at once).
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import nupunkt
import snowballstemmer

_LINES = re.compile(r"\s*\n\s*")
_STEMMER = snowballstemmer.stemmer("english")
_STEMMER_LOCK = threading.Lock()


def split_sentences(text: str) -> tuple[str, ...]:
    """The sentences of `text`, stripped and non-empty, in order; line breaks end a sentence."""
    return _split(text)


@lru_cache(maxsize=4096)
def _split(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for line in _LINES.split(text):
        if line.strip():
            found.extend(s.strip() for s in nupunkt.sent_tokenize(line) if s.strip())
    return tuple(found)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball English stem of one lower-case word ('deployment' -> 'deploy')."""
    with _STEMMER_LOCK:
        return _STEMMER.stemWord(word)
