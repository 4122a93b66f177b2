"""The catalogue's measures (bench/roles.py): junior and senior interviews differ, one band
typed two ways gives one interview, and the helpers count what they say."""

from __future__ import annotations

from estel.brains.offline.bank import BANDS
from estel.evals.catalogue import measure_bank, overlap, uses_terms

JUNIOR_SENIOR, SAME_BAND = 0.20, 0.90


def test_uses_terms_matches_word_prefixes_in_order():
    assert uses_terms("How do you escalate a deteriorating patient?", ("escalat",))
    assert uses_terms("Which early warning score?", ("early warning",))
    assert not uses_terms("Warning: early start", ("early warning",))


def test_overlap_is_the_shared_share_of_question_texts():
    assert overlap(["A?", "B?"], ["b", "C?"]) == 0.5
    assert overlap([], []) == 0.0


def _banded(bank) -> list[str]:
    """Families written for bands (the catalogue format), not the old all-band files."""
    return [name for name, family in bank.items()
            if any(set(q.bands) != set(BANDS) for q in family.questions)]


def test_junior_and_senior_interviews_differ_and_one_band_gives_one_interview(bank):
    measures = measure_bank(bank, _banded(bank))
    assert measures, "no banded family in the bank"
    for m in measures:
        assert m.junior_senior <= JUNIOR_SENIOR, (m.family, m.junior_senior)
        assert m.same_band >= SAME_BAND, (m.family, m.same_band)


def test_eval_roles_all_names_one_title_per_family_and_one_generic(bank):
    from estel.evals.cli import _roles
    from estel.roles.titles import resolve_title

    roles = _roles("all")
    families = [resolve_title(r, bank).family.family for r in roles]
    assert sorted(families) == sorted(bank)  # every family once, generic by the last title
    assert _roles("BA, Nurse") == ["BA", "Nurse"]
