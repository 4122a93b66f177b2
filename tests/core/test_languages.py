"""Which `language` values run in which language, and the envelope's message for the rest."""

from __future__ import annotations

import pytest

from estel.languages import ENGLISH, HINGLISH, effective, language_of, language_warning


@pytest.mark.parametrize("raw", ["hinglish", "Hinglish", " HI-EN ", "hi_en", "hi-Latn"])
def test_hinglish_spellings(raw):
    assert language_of(raw) == HINGLISH
    assert language_warning(raw) is None


@pytest.mark.parametrize("raw", ["en", "EN", "English", "en-IN"])
def test_english_spellings(raw):
    assert language_of(raw) == ENGLISH
    assert language_warning(raw) is None


@pytest.mark.parametrize("raw", ["fr", "hi", "de", "", "hindi"])
def test_other_languages_run_in_english_with_a_warning(raw):
    assert language_of(raw) is None
    assert effective(raw) == ENGLISH
    warning = language_warning(raw)
    assert warning is not None
    assert "continues in English" in warning


def test_engine_warns_for_french_but_not_for_hinglish(engine_interview, new_engine, meta):
    from estel.contract import InterviewMeta

    engine = new_engine()
    start = InterviewMeta.model_validate(meta(3))
    assert engine.start(start, language="fr").warnings
    assert not engine.start(start, language="hi-en").warnings
