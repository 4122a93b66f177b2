"""The question bank's shape: every family serves every phase and difficulty, ids unique."""

from __future__ import annotations

import re

from estel.analysis.lexicon import tokens
from estel.brains.offline.bank import GENERIC_FAMILY
from estel.contract import PHASES, QUESTION_DIFFICULTIES

# A 20-question interview asks 1 intro, 9 behavioural, 9 technical, 1 wrap_up; with the
# family's own questions at three difficulties, these minimums mean no repeat is ever forced.
MIN_PER_CELL = {"intro": 1, "behavioural": 3, "technical": 3, "wrap_up": 1}


def test_the_bank_has_a_generic_family_and_the_others(bank):
    # no fixed list: a family is a data file (docs/role-catalogue.md)
    assert GENERIC_FAMILY in bank
    assert len(bank) >= 8


def test_bank_holds_at_least_300_questions_with_unique_ids(bank):
    questions = [q for family in bank.values() for q in family.questions]
    assert len(questions) >= 300
    ids = [q.id for q in questions]
    assert len(ids) == len(set(ids))


def test_every_family_covers_every_phase_and_difficulty(bank):
    for family in bank.values():
        for phase in PHASES:
            for difficulty in QUESTION_DIFFICULTIES:
                found = family.pick(phase, difficulty)
                assert len(found) >= MIN_PER_CELL[phase], (family.family, phase, difficulty)


def test_generic_questions_name_the_role(bank):
    for question in bank[GENERIC_FAMILY].questions:
        assert "{role}" in question.question, question.id


def _text(question) -> str:
    return re.sub(r"[^a-z0-9]+", " ", question.question.lower()).strip()


def test_questions_a_session_can_meet_are_distinct(bank):
    # a session draws on its own family and the generic one, so those must not overlap
    generic = {_text(q) for q in bank[GENERIC_FAMILY].questions}
    assert len(generic) == len(bank[GENERIC_FAMILY].questions)
    for name, family in bank.items():
        texts = [_text(q) for q in family.questions]
        assert len(texts) == len(set(texts)), name
        if name != GENERIC_FAMILY:
            assert not generic & set(texts), name


def test_placeholders_are_well_formed(bank):
    for family in bank.values():
        for question in family.questions:
            leftover = question.question.replace("{role}", "")
            assert "{" not in leftover, question.id
            assert "}" not in leftover, question.id


def test_every_keyword_can_match_a_word(bank):
    # keywords are matched as word prefixes, so each needs at least one word character
    for family in bank.values():
        for term in family.role_terms:
            assert tokens(term), (family.family, term)
        for question in family.questions:
            for point in question.talking_points:
                for keyword in point.keywords:
                    assert tokens(keyword), (question.id, keyword)


def test_non_generic_families_have_titles(bank):
    for name, family in bank.items():
        if name != GENERIC_FAMILY:
            assert family.titles, name
            assert family.role_terms, name


def test_every_title_finds_its_family_questions_on_role(bank):
    # the eval's role-relevance measure: each question names the role or uses a role term
    from estel.brains.offline.brain import display_role, fill_role
    from estel.brains.offline.roles import match_family
    from estel.evals.metrics import role_relevant

    for name, family in bank.items():
        titles = family.titles or ("Zookeeper",)
        # one title per head noun: the measure credits the whole title or its head noun
        for title in {t.split()[-1]: t for t in reversed(titles)}.values():
            role = title.title() if len(title) > 3 else title.upper()
            if match_family(role, bank) is not family:
                continue  # a title another family claims ('ai engineer'): judged there
            texts = [fill_role(q.question, display_role(role)) for q in family.questions]
            share = sum(role_relevant(text, role) for text in texts) / len(texts)
            assert share >= 0.7, (name, role, round(share, 2))


def test_question_texts_are_unique_across_the_whole_bank(bank):
    texts = [_text(q) for family in bank.values() for q in family.questions]
    repeated = sorted({t for t in texts if texts.count(t) > 1})
    assert not repeated, repeated
