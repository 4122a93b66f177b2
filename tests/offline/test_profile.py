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


def test_requirements_are_the_skills_the_jd_names_in_its_order_and_spelling(analytics):
    found = profile.jd_requirements(JD, analytics)
    assert found[:3] == ("SQL", "window functions", "Tableau dashboards")
    lower = {term.lower() for term in found}
    # most of the family's technical questions are about dashboards: the job's everyday word
    assert not {"dashboard", "dashboards"} & lower
    assert {"cohort", "funnel"} <= lower
    assert "data" not in lower  # the role's own vocabulary names no skill
    assert "looker" not in lower  # a catalogue term the JD does not name


def test_whole_words_only_and_a_jd_without_skills_has_no_requirements(analytics):
    found = {t.lower() for t in profile.jd_requirements("Experience with nosqlite and tableaux.",
                                                        analytics)}
    assert not {"sql", "tableau"} & found  # the catalogue's terms, not inside other words
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


RESUME = """Sam Rivera — Data Analyst
- Built 12 Tableau dashboards used by 40 regional managers every Monday.
- I led the migration of our reporting from Excel to dbt in 2023; it saved 6 hours a week.
- Responsible for weekly reporting.
- Python, SQL, Tableau"""


def test_resume_items_are_its_concrete_claims_in_the_second_person():
    items = profile.resume_items(RESUME, ("tableau",))
    assert items[0] == "you built 12 Tableau dashboards used by 40 regional managers every Monday"
    assert items[1] == ("you led the migration of your team's reporting from Excel to dbt in "
                        "2023")
    assert len(items) == 2  # "Responsible for ..." and a skills line claim nothing done
    assert profile.resume_items("Python, SQL\nTeam player with great attitude") == ()
    question = profile.resume_question(items[1])
    assert question.startswith("Your résumé says you led the migration of your team's reporting")


def test_a_claim_naming_a_jd_requirement_comes_first():
    text = "- Led a team of 5 analysts.\n- Built a churn model in Python with SQL features."
    assert profile.resume_items(text, ())[0].startswith("you led a team")
    assert profile.resume_items(text, ("python",))[0].startswith("you built a churn model")


def test_the_kept_profile_holds_the_resume_text_only_with_consent(analytics):
    wire = profile.Profile(job_description=JD, resume_text=RESUME)
    kept = profile.build_profile(wire, analytics)
    assert kept.resume_text is None
    assert kept.resume_items
    assert kept.requirements[:2] == ("SQL", "window functions")
    assert profile.build_profile(wire, analytics, keep_resume=True).resume_text == RESUME.strip()
    edited = profile.build_profile(wire, analytics, requirements=["SQL", "sql", " Looker "])
    assert edited.requirements == ("SQL", "Looker")  # the candidate's confirmed list


def test_requirements_skip_everyday_words_a_rubric_happens_to_use():
    backend = load_bank()["backend_engineering"]
    jd = ("You will get things done, measure and compare options, post updates and build "
          "REST APIs on Kafka with Redis caching and CI/CD.")
    found = {term.lower() for term in profile.jd_requirements(jd, backend)}
    assert {"rest apis", "kafka", "redis", "ci/cd"} <= found
    assert not {"get", "measure", "compare", "post"} & found


def test_coverage_reads_catalogue_terms_inside_a_models_phrases(analytics):
    covered, missing = profile.requirement_coverage(
        ["Tableau dashboards", "cohort analysis", "Looker"],
        ["I built a Tableau workbook every week."], analytics)
    assert covered == ["Tableau dashboards"]
    assert missing == ["cohort analysis", "Looker"]
