"""A good work story that answers a different question is judged as not answering it.

The answers (tests/support/aim_answers.py) were written for this check in ten roles and four
levels, named families and trades the bank does not name: for each question, a strong answer in
the candidate's own words (trade words, synonyms, Hinglish), an equally strong story about
something else, and a vague answer. Everything is read from one analysis per answer: the score,
the note, the interviewer's reaction and the final feedback.
"""

from __future__ import annotations

import pytest
from aim_answers import CASES, MORE_ON_TOPIC, MORE_WRONG, AimCase

from estel.analysis.answer import AnswerAnalysis, analyse_answer
from estel.brains.offline.bank import BankQuestion, load_bank
from estel.brains.offline.brain import OfflineBrain
from estel.brains.offline.feedback import Answered, build_feedback
from estel.brains.offline.reactions import reaction
from estel.brains.offline.selection import fill_role

QUESTIONS = {q.id: q for family in load_bank().values() for q in family.questions}
BRAIN = OfflineBrain()
IDS = [f"{c.role}-{c.level}" for c in CASES]


def _analyse(case: AimCase, answer: str) -> tuple[BankQuestion, AnswerAnalysis]:
    q = QUESTIONS[case.question_id]
    return q, BRAIN._analysis(case.role, fill_role(q.question, case.role), q.topic, answer,
                              q.phase)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_an_on_topic_answer_in_its_own_words_is_never_taken_for_another_story(case):
    _, on = _analyse(case, case.on)
    assert on.missed_ask == ""


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_vague_answer_is_judged_as_vague_not_as_another_story(case):
    _, vague = _analyse(case, case.vague)
    assert vague.missed_ask == ""


def test_most_stories_about_something_else_are_caught_and_scored_below_the_answers():
    caught = 0
    for case in CASES:
        q, wrong = _analyse(case, case.wrong)
        _, on = _analyse(case, case.on)
        if wrong.missed_ask:
            caught += 1
            assert wrong.missed_ask == q.topic
            assert wrong.content <= 1.5
            assert wrong.overall <= on.overall
            assert wrong.communication >= 5.0  # well told: delivery keeps its credit
            assert wrong.points_hit == ()
            assert wrong.praise == ""
    assert caught >= len(CASES) - 2, caught


def test_the_ship_captains_fire_story_does_not_answer_a_question_about_a_hire():
    case = CASES[0]
    q, a = _analyse(case, case.wrong)
    assert a.missed_ask == "Hiring for the team"
    assert a.overall < 5.0
    assert "Clear STAR" not in a.note
    assert "hiring for the team" in a.note
    assert "different" in a.note
    said = reaction(a, seed=0)
    assert "hiring for the team" in said, said
    assert "took the bridge" in said, said
    feedback = build_feedback(case.role, [Answered(1, q.topic, q.phase, a)])
    assert any("Q1 (Hiring for the team): a good story, but it answers a different question"
               in line for line in feedback.improvements), feedback
    assert any("answered a different question" in line for line in feedback.next_steps)
    assert not any("Q1" in line for line in feedback.strengths)


def test_the_same_story_still_answers_the_question_it_is_about():
    """The fire story is a good answer to a question about an emergency: the check is about the
    question's aim, not about the story."""
    q = next(q for q in load_bank()["hospitality_management"].questions
             if q.topic == "A crisis during an event")
    a = analyse_answer(CASES[0].wrong, fill_role(q.question, "Ship Captain"), phase=q.phase,
                       topic=q.topic, talking_points=q.talking_points)
    assert a.missed_ask == ""


def test_a_follow_up_is_not_judged_on_the_main_questions_aim():
    case = CASES[0]
    q = QUESTIONS[case.question_id]
    a = analyse_answer(case.wrong, "What did you do first, and why?", phase=q.phase,
                       topic=q.topic, talking_points=q.talking_points)
    assert a.missed_ask == ""


def test_a_bluff_is_told_about_its_bluff_not_about_the_question_it_missed():
    """A buzzword story with an absolute is not 'a good story for another question': the
    overclaim is the thing to fix first."""
    case = CASES[0]
    q = QUESTIONS[case.question_id]
    bluff = ("I spearheaded a best-in-class, transformational safety culture on board and every "
             "initiative I have led has been a huge success. We leveraged synergies across the "
             "fleet, empowered every watch, and the results simply speak for themselves, with "
             "zero incidents and 100% compliance in every audit, guaranteed.")
    a = BRAIN._analysis(case.role, fill_role(q.question, case.role), q.topic, bluff, q.phase)
    assert a.missed_ask == ""
    assert a.absolutes


def test_a_hinglish_interview_hears_it_in_hinglish():
    from estel.brains.offline.feedback_words import note_in
    from estel.languages import HINGLISH
    case = CASES[0]
    _, a = _analyse(case, case.wrong)
    said = note_in(HINGLISH, a.note, a.praise, a.advice)
    assert "hiring for the team" in said
    assert "sawaal" in said, said
    assert not said.startswith("Answer the question"), said


@pytest.mark.parametrize(("role", "question_id", "answer"), MORE_ON_TOPIC,
                         ids=[f"{r}-{q}" for r, q, _ in MORE_ON_TOPIC])
def test_more_on_topic_answers_in_trade_words_are_never_taken_for_another_story(
        role, question_id, answer):
    q = QUESTIONS[question_id]
    a = BRAIN._analysis(role, fill_role(q.question, role), q.topic, answer, q.phase)
    assert a.missed_ask == ""


def test_more_stories_for_other_questions_are_mostly_caught():
    caught = sum(bool(BRAIN._analysis(role, fill_role(QUESTIONS[qid].question, role),
                                      QUESTIONS[qid].topic, answer,
                                      QUESTIONS[qid].phase).missed_ask)
                 for role, qid, answer in MORE_WRONG)
    assert caught >= len(MORE_WRONG) - 1, caught


def test_a_decision_under_uncertainty_is_not_judged_on_vocabulary():
    """Any story can be a decision made without all the facts; no word list tells one apart."""
    q = QUESTIONS["gen-beh-senior-03"]
    atc = next(a for r, qid, a in MORE_ON_TOPIC if qid == q.id)
    a = BRAIN._analysis("Air Traffic Controller", fill_role(q.question, "ATC"), q.topic, atc,
                        q.phase)
    assert a.missed_ask == ""
