"""Question and answer words compared by their Snowball roots, not their first five letters.

The first five letters joined words that only begin alike ('interview' and 'internet',
'understand' and 'underlying', 'standard' and 'standing', 'community' and 'communication') and
missed short ones ('test' and 'testing' share four). Roots join the forms of one word, including
the spellings Snowball leaves apart ('priority', 'prioritise', 'prioritize').
"""

from __future__ import annotations

import pytest

from estel.analysis.answer import _overlap
from estel.analysis.lexicon import tokens
from estel.analysis.relevance import root, shared_stems


@pytest.mark.parametrize(("a", "b"), [
    ("analysis", "analysed"), ("diagnose", "diagnosis"), ("priority", "prioritise"),
    ("prioritize", "prioritise"), ("test", "testing"), ("plan", "planning"),
    ("stakeholders", "stakeholder"), ("deployment", "deploying"),
])
def test_forms_of_one_word_share_a_root(a: str, b: str) -> None:
    assert root(a) == root(b)


@pytest.mark.parametrize(("a", "b"), [
    ("interview", "internet"), ("interview", "interest"), ("understand", "underlying"),
    ("standard", "standing"), ("community", "communication"), ("contact", "container"),
    ("approach", "approved"), ("organise", "organic"),
])
def test_words_that_only_begin_alike_do_not(a: str, b: str) -> None:
    assert root(a) != root(b)


def test_shared_stems_reads_roots() -> None:
    asked = "How do you prioritise testing when the interview panel disagrees?"
    assert shared_stems(tokens("Our internet was down, so I understood their priorities."),
                        asked) == frozenset({root("prioritise")})
    assert root("test") in shared_stems(tokens("I test the risky parts first."), asked)


def test_overlap_counts_forms_and_not_lookalikes() -> None:
    question = tokens("Describe how you tested the standard before the interview")
    assert _overlap(tokens("I test against the standard"), question) > _overlap(
        tokens("I was standing at the internet cafe"), question)
