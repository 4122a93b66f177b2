"""Setup's "Tailor to a job" panel (AppTest): the skills found in the JD can be edited before
Start, the interview uses the edited list and asks about the résumé, the résumé text is stored
only when "Keep my résumé with my session" is ticked, and the report lists covered and missing
requirements."""

from __future__ import annotations

import pytest

from estel.store.sqlite import SQLiteStore

JD = ("Data Analyst, Growth. You will write SQL with window functions, build Tableau dashboards "
      "and run cohort and funnel analyses.")
RESUME = "- Built 12 Tableau dashboards used by 40 regional managers every Monday."
ANSWER = "I wrote SQL with window functions for a cohort table; churn reporting took 2 hours."


def fill(at, keep: bool = False):
    at.selectbox(key="setup_role").select("Data Analyst").run()
    at.text_area(key="setup_job_description").input(JD).run()
    at.text_area(key="setup_resume_text").input(RESUME).run()
    at.checkbox(key="setup_keep_resume").check().run() if keep else None
    return at.button(key="setup_find_skills").click().run()


@pytest.mark.parametrize("keep", [False, True])
def test_edited_skills_steer_the_interview_and_the_resume_is_kept_only_when_ticked(
        driver, app_env, keep):
    at = fill(driver.open(questions=4), keep)
    assert not at.exception
    skills = at.multiselect(key="setup_skills")
    assert {"SQL", "window functions", "Tableau dashboards", "cohort", "funnel"} <= set(
        skills.value)  # in the JD's own spelling
    lower = [option.lower() for option in skills.options]
    assert len(lower) == len(set(lower))  # the catalogue's "sql" is not offered beside "SQL"
    assert "tableau" not in lower  # it is inside "Tableau dashboards"
    assert any("you built 12 Tableau dashboards" in c.value for c in at.caption)
    skills.set_value(["sql", "cohort", "looker"]).run()  # the candidate's own list
    at = at.button(key="setup_start").click().run()
    assert not at.exception
    run = at.session_state["estel_run"]
    assert run.profile.requirements == ("sql", "cohort", "looker")
    for number in range(1, 5):
        driver.answer(at, number, ANSWER)
        if number == 1:
            assert "Your résumé says you built 12 Tableau dashboards" in \
                at.session_state["estel_run"].current.response.payload.question
    assert at.session_state["estel_run"].finished
    stored = SQLiteStore(app_env).get(at.session_state["estel_run"].record.id)
    kept = stored.extensions.profile
    assert kept.requirements == ("sql", "cohort", "looker")
    assert kept.resume_text == (RESUME if keep else None)
    markdown = " ".join(m.value for m in at.markdown)
    assert "**Job requirements**" in markdown
    assert "Covered in your answers (2)" in markdown
    assert "Not covered (1)" in markdown
    assert "- looker" in markdown


def test_without_a_profile_the_interview_keeps_none(driver, app_env):
    at = driver.start(driver.open(questions=2))
    assert not at.exception
    assert at.session_state["estel_run"].profile is None
