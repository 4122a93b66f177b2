"""Profile (issue 16), offline rules: JD requirements against the catalogue, questions that
address them, and which requirements the answers covered."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from estel import profile
from estel.brains.offline.bank import load_bank

JD = ("We are hiring a Data Analyst. You will write SQL with window functions, build Tableau "
      "dashboards, run cohort and funnel analyses and present insights to stakeholders.")


@pytest.fixture(scope="module")
def analytics():
    return load_bank()["data_analytics"]


def test_requirements_are_the_catalogue_skills_the_jd_names_in_its_order(analytics):
    found = profile.jd_requirements(JD, analytics)
    assert found[:4] == ("sql", "window function", "tableau", "dashboard")
    assert {"cohort", "funnel"} <= set(found)
    assert "data" not in found  # the role's own vocabulary names no skill
    assert "looker" not in found  # a catalogue term the JD does not name


def test_whole_words_only_and_a_jd_without_skills_has_no_requirements(analytics):
    assert profile.jd_requirements("Experience with nosqlite and tableaux.", analytics) == ()
    assert profile.jd_requirements("A friendly team in a nice office.", analytics) == ()


def test_preferred_technical_questions_address_the_jd(analytics):
    requirements = profile.jd_requirements(JD, analytics)
    preferred = profile.preferred_technical(analytics, requirements)
    assert preferred
    assert all(q.phase == "technical" for q in preferred)
    counts = [len(profile.addressed(q, requirements)) for q in preferred]
    assert all(counts)
    assert counts == sorted(counts, reverse=True)
    assert profile.preferred_technical(analytics, ()) == []


def test_coverage_splits_requirements_by_what_the_answers_said():
    covered, missing = profile.coverage(
        ("sql", "tableau", "cohort"),
        ["I wrote SQL queries every day.", "Our Tableau dashboards tracked churn."])
    assert covered == ["sql", "tableau"]
    assert missing == ["cohort"]


def test_profile_fields_are_optional_and_size_limited():
    assert profile.Profile().job_description is None
    assert profile.Profile(resume_text="Led a migration").resume_text == "Led a migration"
    with pytest.raises(ValidationError, match="at most"):
        profile.Profile(job_description="x" * (profile.MAX_JOB_DESCRIPTION_CHARS + 1))
    with pytest.raises(ValidationError, match="Extra inputs"):
        profile.Profile.model_validate({"job_description": "jd", "photo": "..."})
