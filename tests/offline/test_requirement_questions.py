"""A JD requirement the question bank has nothing on gets a question of its own: for a role
the bank does not know every technical question is on the JD; for one it knows, the bank's
questions come first and one question asks about the tool it lacks. The answer is graded
against the requirement question's own points, and a weak one names the requirement as the gap.
"""

from __future__ import annotations

from jd_interview import play_with_jd

from estel.brains.offline.brain import OfflineBrain
from estel.brains.offline.feedback import Answered, build_feedback
from estel.brains.offline.requirement_questions import requirement_of

BEEKEEPER_JD = """Seasonal Bee Farmer
Join a 600-colony honey farm in the Welsh borders.
- Inspect colonies weekly and treat for varroa using Apivar and oxalic acid
- Record inspections in BeeTight and plan queen rearing with the Cupkit system
- Experience with extracting and bottling honey to Food Standards Agency rules
"""
NURSE_JD = ("Staff Nurse, Surgical Ward. Recognise deteriorating patients with NEWS2 and "
            "escalate using SBAR, give medication safely, keep handovers accurate, and record "
            "care in Cerner Millennium.")
PLAIN = ("First I looked at the numbers, then I changed the plan, measured the result for a "
         "month and shared it with the team; it improved by about a fifth.")


def run(role: str, jd: str, level: str = "Mid-level"):
    return play_with_jd(role, jd, level, PLAIN)


def test_a_role_the_bank_does_not_know_is_asked_about_the_jds_own_tools():
    kept, asked, _ = run("Bee Farmer", BEEKEEPER_JD)
    assert {"Apivar", "BeeTight"} <= set(kept.requirements)
    technical = [q for q in asked if q.phase == "technical"]
    assert len(technical) == 3
    terms = [requirement_of(q.topic) for q in technical]
    assert all(term in kept.requirements for term in terms), terms
    assert len(set(terms)) == 3
    for q, term in zip(technical, terms, strict=True):
        assert term in q.question
    # three requirement questions in a row are worded three ways, not one template repeated
    openings = {q.question.split(term)[0][-40:] for q, term in zip(technical, terms, strict=True)}
    assert len(openings) == 3


def test_a_known_role_keeps_the_bank_and_asks_once_about_the_tool_it_lacks():
    kept, asked, _ = run("Staff Nurse", NURSE_JD)
    assert "Cerner Millennium" in kept.requirements
    technical = [q for q in asked if q.phase == "technical"]
    own = [q for q in technical if requirement_of(q.topic) is not None]
    assert [requirement_of(q.topic) for q in own] == ["Cerner Millennium"]
    assert own[0] is technical[-1]  # the bank's questions on the JD first


def test_the_answer_is_graded_on_the_requirement_and_a_weak_one_names_it_as_the_gap():
    _, asked, _ = run("Staff Nurse", NURSE_JD)
    own = next(q for q in asked if requirement_of(q.topic) is not None)
    strong = ("When our ward moved to Cerner Millennium I was the super-user on nights. First I "
              "set up the NEWS2 charting view for our bays, then I trained eleven nurses at the "
              "start of their shifts. One problem was observations saved to the wrong patient "
              "after bed moves, so I decided we would scan wristbands before every entry. As a "
              "result the wrong-patient entries fell from six a week to none in a month.")
    weak = "Cerner is fine, I have used it."
    brain = OfflineBrain()
    graded = {text: brain._analysis("Staff Nurse", own.question, own.topic, text, "technical")
              for text in (strong, weak)}
    assert len(graded[strong].covered) == 4  # the work, the steps, a problem, the result
    assert graded[strong].content >= graded[weak].content + 4
    items = [Answered(number=6, topic=own.topic, phase="technical", analysis=graded[weak]),
             Answered(number=7, topic="Structured handover", phase="technical",
                      analysis=graded[strong])]
    gaps = build_feedback("Staff Nurse", items).skill_gaps
    assert gaps[0] == "Cerner Millennium"  # the requirement, not "Job requirement: …"


def test_in_hinglish_the_questions_on_the_jd_are_in_hinglish_and_none_repeats():
    jd = ("Data Analyst. You will write SQL with window functions, run cohort analyses and "
          "build reports in Metabase.")
    _, asked, _ = play_with_jd(
        "Data Analyst", jd, "Mid-level", language="hinglish",
        answer=lambda asked: f"Maine pehle data dekha, phir query likhi aur result 20% improve "
                             f"hua ({asked}).")
    texts = [q.question for q in asked]
    assert len(set(texts)) == len(texts)
    own = [q for q in asked if requirement_of(q.topic) is not None]
    assert own  # Metabase, or a requirement no bank question names
    assert f"Job description mein {requirement_of(own[0].topic)}" in own[0].question


def test_a_requirement_naming_several_things_is_asked_about_in_the_plural():
    from estel.brains.offline.requirement_questions import requirement_texts

    first, _ = requirement_texts("EICRs", "entry", 0)
    assert "If EICRs are new to you" in first
    second, _ = requirement_texts("asbestos procedures", "mid", 1)
    assert "with them step by step" in second
    # a tool's name ending in s is one thing
    assert "If Kubernetes is new to you" in requirement_texts("Kubernetes", "entry", 0)[0]
