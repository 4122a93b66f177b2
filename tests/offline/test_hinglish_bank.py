"""The Hinglish text of the bank (estel/data/hinglish) and of the interviewer's own words
(estel.brains.offline.hinglish_words): complete for the families it covers, and consistent."""

from __future__ import annotations

import re
import string

import pytest

from estel.brains.offline import feedback_words, hinglish_words
from estel.brains.offline.bank import GENERIC_FAMILY, load_bank
from estel.brains.offline.follow_ups import QUOTE_TEMPLATES, TOPIC_TEMPLATES
from estel.brains.offline.hinglish import hinglish_bank
from estel.brains.offline.reactions import REACTIONS

# the generic family and the five families the app's demo users and the seed's examples use
# most (README "Languages" says how they were chosen)
COVERED = {GENERIC_FAMILY, "software_engineering", "data_science", "product_management",
           "business_analysis", "data_analytics"}
# "tum"/"tu" forms: the interviewer says "aap" throughout
INFORMAL = re.compile(r"\b(?:tum|tu|tumhara|tumhari|tumhe|tera|teri|karo|batao|bolo|socho|"
                      r"dikhao|samjhao)\b", re.IGNORECASE)
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")  # what someone else says may be informal
HINDI_WORDS = re.compile(r"\b(?:aap|aapne|aapka|aapki|aapke|kya|kaise|kyun|bataiye|kijiye|hai|"
                         r"hain|mein|ke|ki|ko|se|aur)\b", re.IGNORECASE)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_covered_families_have_hinglish_files():
    assert set(hinglish_bank()) >= COVERED
    assert set(hinglish_bank()) <= set(load_bank())


@pytest.mark.parametrize("family", sorted(COVERED))
def test_every_question_of_a_covered_family_is_translated(family):
    bank = {q.id: q for q in load_bank()[family].questions}
    texts = hinglish_bank()[family].questions
    assert set(texts) == set(bank), set(texts) ^ set(bank)
    for qid, text in texts.items():
        english = bank[qid]
        assert ("{role}" in text.question) == ("{role}" in english.question), qid
        for line in (text.question, text.helper_hint):
            assert line.isascii(), (qid, line)  # romanised: no Devanagari, no curly quotes
            assert not INFORMAL.search(QUOTED.sub("", line)), (qid, line)
            assert HINDI_WORDS.search(line), (qid, line)  # Hinglish, not the English copied
            assert line not in (english.question, english.helper_hint), qid


def test_hinglish_questions_are_distinct():
    texts = [t.question for family in hinglish_bank().values() for t in family.questions.values()]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize(("english", "hinglish"), [
    (REACTIONS, hinglish_words.REACTIONS),
    (QUOTE_TEMPLATES, hinglish_words.QUOTE_TEMPLATES),
    (TOPIC_TEMPLATES, hinglish_words.TOPIC_TEMPLATES),
])
def test_interviewer_words_mirror_the_english_tables(english, hinglish):
    assert set(hinglish) == set(english)
    for key, wordings in english.items():
        assert len(hinglish[key]) == len(wordings), key
        assert {frozenset(placeholders(w)) for w in hinglish[key]} == \
            {frozenset(placeholders(w)) for w in wordings}, key
        for line in hinglish[key]:
            assert line.isascii(), line
            assert not INFORMAL.search(line), line


def test_feedback_templates_mirror_english_with_the_same_placeholders():
    assert set(feedback_words.HI) == set(feedback_words.EN)
    for key, english in feedback_words.EN.items():
        hinglish = feedback_words.HI[key]
        assert placeholders(hinglish) == placeholders(english), key
        assert hinglish.isascii(), key
        assert not INFORMAL.search(QUOTED.sub("", hinglish)), key


def test_every_fixed_analysis_phrase_has_a_hinglish_rendering():
    from estel.analysis import advice
    from estel.analysis.answer import FLAG_ADVICE

    fixed = [*FLAG_ADVICE.values(), *advice.BRIEF.values(), *advice.BREAK_UP.values(),
             *advice.CONCRETE.values(), *advice.NUMBER.values(), advice.ASK, advice.ASK_WHY,
             advice.EXPAND_STEPS]
    for phrase in fixed:
        rendered = feedback_words.hinglish_phrase(phrase, "hinglish")
        assert rendered != phrase, phrase
        assert feedback_words.hinglish_phrase(phrase, "en") == phrase
