"""Per-answer notes and final feedback are worded for the question's phase, and a specific
wrap-up question for the interviewer scores above an answer that asks nothing."""

from __future__ import annotations

import pytest

from estel.analysis.answer import analyse_answer
from estel.brains.offline.brain import OfflineBrain
from estel.brains.offline.feedback import Answered, build_feedback
from estel.contract import InterviewMeta
from estel.engine import Engine

STAR_BRIEF = "too brief: give one concrete example of what you did and what happened"
ASK_US = ("What would you like to know about how analysts work with the business and delivery "
          "teams here?")
PLAN = "As a new business analyst here, how would you approach your first 90 days?"
PRIORITISE = ("You have 60 requirements and budget for about half of them. How would you "
              "prioritise them with stakeholders?")
OUTLINE = ("I would start by interviewing stakeholders, mapping the current process, then "
           "prioritising requirements with MoSCoW and validating with a prototype.")
INTRO = "Tell me about yourself and why this business analyst role."
ONE_QUESTION = "I'd like to know how the BA team works with engineering."
REASONED_QUESTION = ("How do BAs and engineers agree on acceptance criteria before a sprint "
                     "starts? I ask because in my last role late changes to criteria caused most "
                     "of our rework.")


def note(answer: str, question: str, phase: str) -> str:
    return analyse_answer(answer, question, phase=phase).note


def test_behavioural_brief_answer_keeps_the_star_advice():
    assert note("I talked to them and we agreed.", "Tell me about a time you handled a "
                "conflict.", "behavioural") == STAR_BRIEF[0].upper() + STAR_BRIEF[1:] + "."


@pytest.mark.parametrize(("answer", "question", "phase"), [
    (ONE_QUESTION, ASK_US, "wrap_up"),
    ("No, I think you covered everything.", ASK_US, "wrap_up"),
    (OUTLINE, PRIORITISE, "technical"),
    ("Use MoSCoW.", PRIORITISE, "technical"),
    ("I am a business analyst.", INTRO, "intro"),
    ("Learn the systems, then deliver.", PLAN, "wrap_up"),
])
def test_no_star_advice_outside_behavioural_questions(answer, question, phase):
    text = note(answer, question, phase).lower()
    assert "what you did and what happened" not in text
    assert "star" not in text


def test_wrap_up_bare_question_is_asked_why_it_matters():
    text = note(ONE_QUESTION, ASK_US, "wrap_up")
    assert "why your question matters to you" in text
    # one bare question scores under 5/10, and an answer under 5 is never praised
    assert not text.startswith("Asks the interviewer")


def test_wrap_up_without_a_question_is_told_to_ask_one():
    for answer in ("No, I think you covered everything.", "What are the next steps?"):
        assert note(answer, ASK_US, "wrap_up").startswith("Ask one or two specific questions")


def test_wrap_up_question_with_its_reason_is_praised_for_both():
    text = note(REASONED_QUESTION, ASK_US, "wrap_up")
    assert text.startswith("Asks the interviewer a specific question and says why it matters")


def test_wrap_up_plan_question_gets_plan_advice_not_question_advice():
    text = note("Learn the systems, then deliver.", PLAN, "wrap_up")
    assert "specific answer, why it matters to you and one concrete step" in text
    assert "ask one or two" not in text.lower()


def test_technical_outline_is_asked_for_trade_offs_and_checks():
    text = note(OUTLINE, PRIORITISE, "technical")
    assert "trade-off" in text
    assert "check it worked" in text
    bare = note("Use MoSCoW.", PRIORITISE, "technical")
    assert bare.startswith("Too brief: walk through your approach step by step")


def test_intro_brief_answer_is_about_background_and_motivation():
    text = note("I am a business analyst.", INTRO, "intro")
    assert "background that fits this role and why you want it" in text


def test_specific_wrap_up_question_scores_above_asking_nothing():
    asked = analyse_answer(ONE_QUESTION, ASK_US, phase="wrap_up")
    reasoned = analyse_answer(REASONED_QUESTION, ASK_US, phase="wrap_up")
    nothing = analyse_answer("No, I think you covered everything.", ASK_US, phase="wrap_up")
    generic = analyse_answer("What are the next steps?", ASK_US, phase="wrap_up")
    assert asked.asks == 1
    assert generic.asks == 0
    assert asked.overall >= nothing.overall + 3
    assert asked.overall > generic.overall + 3
    assert reasoned.overall > asked.overall
    assert asked.content > 2 * max(nothing.content, generic.content, 0.5)


def test_asking_questions_only_counts_in_the_wrap_up():
    as_intro = analyse_answer(ONE_QUESTION, INTRO, phase="intro")
    assert as_intro.asks == 0
    assert not as_intro.invited


def _ba_interview(answers: dict[str, str]):
    """A 5-question BA interview answered by phase, the first (over a few titles and bands) whose
    wrap-up invites the candidate's questions; returns the feedback payload."""
    engine = Engine(OfflineBrain())
    for role in ("Business Analyst", "BA", "Business Systems Analyst", "IT Business Analyst"):
        for level in ("mid", "entry", "senior", "lead"):
            result = engine.start(InterviewMeta(target_role=role, experience_level=level,
                                                difficulty="standard", questions_target=5))
            while not result.finished:
                result = engine.answer(result.state, answers[result.response.payload.phase])
            wrap_up = result.state.transcript[-1].question
            if analyse_answer("Thanks.", wrap_up, phase="wrap_up").invited:
                return result.response.payload
    raise AssertionError("no BA interview ends with a wrap-up that invites questions")


def test_final_feedback_next_steps_follow_the_phase_of_weak_answers():
    payload = _ba_interview({
        "intro": "I have worked as an analyst for three years and I like it.",
        "behavioural": "I talked to the stakeholders and we agreed on the scope.",
        "technical": OUTLINE,
        "wrap_up": "No, I think you covered everything.",
    })
    steps = " | ".join(payload.next_steps or [])
    assert "Prepare a 60-second introduction for Q1" in steps
    assert "Prepare two specific questions for the interviewer" in steps
    assert "situation, task, action, result" in steps  # behavioural keeps the STAR rewrite
    by_question = {line.split(" ", 1)[0]: line for line in payload.improvements}
    assert "ask one or two specific questions" in by_question["Q5"]
    assert STAR_BRIEF in by_question["Q2"]
    assert not any("Questions about" in gap for gap in payload.skill_gaps or [])


def test_wrap_up_without_questions_gets_a_next_step_to_prepare_some():
    analysis = analyse_answer("No, I think you covered everything.", ASK_US, phase="wrap_up")
    feedback = build_feedback("business analyst", [
        Answered(number=1, topic="Questions about how we work", phase="wrap_up",
                 analysis=analysis)])
    assert any(step.startswith("Prepare two specific questions for the interviewer")
               for step in feedback.next_steps)
    assert "Questions about how we work" not in feedback.skill_gaps
    assert not any("averaged" in step for step in feedback.next_steps)


# A scenario answered with steps and reasons but no number and no example of the candidate's own.
STEPS = ("First I would profile the page to see where the time goes, because guessing wastes "
         "effort. Then I would cache the product data close to the users and defer the scripts "
         "that are not needed for the first paint. After that I would compare the load time "
         "before and after, and keep an alert on it so a regression shows up quickly.")


@pytest.mark.parametrize("question", [
    "Checkout pages take four seconds to load during a big sale. What would you do?",
    "Your checkout page is slow during sales. How do you find the cause and fix it?",
    "If the checkout page slowed to four seconds under load, how would you speed it up?",
])
def test_a_hypothetical_technical_question_is_not_told_to_ground_it_in_an_example(question):
    found = analyse_answer(STEPS, question, phase="technical")
    assert "example" not in found.note.lower()
    assert "where you used this approach" not in found.note
    assert found.advice  # it is still told the one change worth most


def test_a_technical_question_about_past_work_may_ask_for_the_example():
    found = analyse_answer(STEPS, "Tell me about a time you made a slow page faster. How did "
                           "you approach it?", phase="technical")
    assert "example" in found.note.lower()


def test_a_brief_outline_of_a_hypothetical_is_not_sent_to_its_own_work():
    outline = "I would profile it first, then cache the data, then compare before and after."
    found = analyse_answer(outline, "The checkout is slow. What would you do?",
                           phase="technical")
    assert "your own work" not in found.note


def test_the_points_a_strong_answer_covers_are_listed_after_a_colon():
    """The talking points are named as they are written ('defines the need from the team's
    gap'), so "a strong answer covers defines the need" read as broken English."""
    engine = Engine(OfflineBrain())
    turn = engine.start(InterviewMeta(target_role="Ship Captain", experience_level="lead",
                                      difficulty="standard", questions_target=4))
    while not turn.finished:
        turn = engine.answer(turn.state, "I worked with the crew and it went fine in the end.")
    steps = turn.response.payload.next_steps
    coverage = [step for step in steps if step.startswith("Prepare for '")]
    assert coverage, steps
    assert "A strong answer covers: " in coverage[0]
