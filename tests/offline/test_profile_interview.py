"""An offline interview with a candidate profile: technical questions on the JD's requirements,
one question on a résumé item, and without a profile exactly the interview it was before."""

from __future__ import annotations

from estel.brains.offline.brain import OfflineBrain
from estel.contract import InterviewMeta
from estel.engine import Engine
from estel.extensions import ProfileExtension, SessionProfile

ANSWER = ("First I looked at the data, then I built the query, measured the result against last "
          "quarter and shared it; the report went from two days to two hours.")
JD = ("Data Analyst. You will write SQL with window functions, build Tableau dashboards and run "
      "cohort and funnel analyses for the growth team.")
RESUME = "- Built 12 Tableau dashboards used by 40 regional managers every Monday."


def interview(profile: SessionProfile | None, role: str = "Data Analyst", total: int = 8):
    engine = Engine(OfflineBrain())
    meta = InterviewMeta(target_role=role, experience_level="Mid-level", difficulty="standard",
                         questions_target=total)
    result = engine.start(meta, profile=profile)
    payloads = [result.response.payload]
    while not result.finished:
        result = engine.answer(result.state, ANSWER, profile=profile)
        payloads.append(result.response.payload)
    return payloads[:-1]


def read(jd: str = JD, resume: str | None = RESUME) -> SessionProfile:
    meta = InterviewMeta(target_role="Data Analyst", experience_level="Mid-level",
                         difficulty="standard", questions_target=8)
    given = {"job_description": jd, **({"resume_text": resume} if resume else {})}
    kept, warnings = Engine(OfflineBrain()).read_profile(ProfileExtension(**given), meta)
    assert warnings == ()
    return kept


def test_every_technical_question_is_on_the_jd_and_q2_asks_about_the_resume():
    kept = read()
    questions = interview(kept)
    technical = [q for q in questions if q.phase == "technical"]
    assert len(technical) == 3
    for q in technical:
        text = f"{q.question} {q.topic}".lower()
        assert any(term in text for term in ("sql", "window", "tableau", "dashboard", "cohort",
                                             "funnel")), q
    assert "Your résumé says you built 12 Tableau dashboards" in questions[1].question
    assert sum("Your résumé says" in q.question for q in questions) == 1


def test_the_preference_changes_which_technical_questions_are_asked():
    plain = [q.topic for q in interview(None) if q.phase == "technical"]
    cohort = read(jd="Data Analyst. You will run cohort and funnel analyses.", resume=None)
    on_jd = [q.topic for q in interview(cohort) if q.phase == "technical"]
    assert on_jd != plain


def test_a_profile_with_nothing_to_prefer_asks_the_plain_interview():
    plain = [(q.question, q.topic) for q in interview(None)]
    empty = SessionProfile(job_description="A friendly team.")
    assert [(q.question, q.topic) for q in interview(empty)] == plain


def test_a_weak_answer_on_a_resume_line_is_a_skill_gap_named_as_a_skill():
    # A hiring manager read "Your résumé: built 12 Tableau dashboards…" under Skill gaps.
    engine = Engine(OfflineBrain())
    meta = InterviewMeta(target_role="Data Analyst", experience_level="Mid-level",
                         difficulty="standard", questions_target=4)
    kept = read()
    result = engine.start(meta, profile=kept)
    while not result.finished:
        asked = result.response.payload.question
        answer = "I don't know." if "Your résumé says" in asked else ANSWER
        result = engine.answer(result.state, answer, profile=kept)
    gaps = result.response.payload.skill_gaps
    assert "Explaining your own résumé work in depth" in gaps
    assert not [gap for gap in gaps if gap.startswith("Your résumé")]
