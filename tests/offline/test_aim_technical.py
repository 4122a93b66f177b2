"""The aim of technical and general questions is judged like a behavioural question's.

Answers in tests/support/aim_technical.py, written for this check before the code that judges
them: for each question a strong answer in the candidate's own words, a strong story about
something else, and a vague answer, in roles the bank does not name (they are asked the generic
family's questions) and one specialist role.
"""

from __future__ import annotations

import aim_answers
import pytest
from aim_technical import BLIND, CASES, HELD_OUT

from estel.analysis.aim import missed_ask
from estel.analysis.answer import AnswerAnalysis
from estel.analysis.asks import asked_competencies
from estel.analysis.lexicon import tokens
from estel.brains.offline.bank import load_bank
from estel.brains.offline.brain import OfflineBrain
from estel.brains.offline.reactions import reaction
from estel.brains.offline.selection import fill_role

QUESTIONS = {q.id: q for family in load_bank().values() for q in family.questions}
BRAIN = OfflineBrain()
IDS = [f"{c.role}-{c.question_id}" for c in CASES]


def _analyse(role: str, question_id: str, answer: str) -> AnswerAnalysis:
    q = QUESTIONS[question_id]
    return BRAIN._analysis(role, fill_role(q.question, role), q.topic, answer, q.phase)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_an_on_topic_answer_in_its_own_words_is_never_taken_for_another_story(case):
    assert _analyse(case.role, case.question_id, case.on).missed_ask == ""


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_vague_answer_is_judged_as_vague_not_as_another_story(case):
    assert _analyse(case.role, case.question_id, case.vague).missed_ask == ""


def test_stories_about_something_else_are_caught_on_technical_and_general_questions():
    caught = []
    for case in CASES:
        q = QUESTIONS[case.question_id]
        wrong = _analyse(case.role, case.question_id, case.wrong)
        if wrong.missed_ask:
            caught.append(case.question_id)
            assert wrong.missed_ask == q.topic
            assert wrong.content <= 1.5
            assert wrong.points_hit == ()
            assert wrong.praise == ""
    assert len(caught) >= len(CASES) - 3, caught


def test_the_controllers_trainee_story_does_not_answer_how_to_learn_an_unfamiliar_domain():
    """Seen playing an Air Traffic Controller interview: 5.8 and no note before."""
    case = next(c for c in CASES if c.question_id == "gen-tech-senior-03")
    a = _analyse(case.role, case.question_id, case.wrong)
    assert a.missed_ask == "Taking on an unfamiliar domain"
    assert "taking on an unfamiliar domain" in a.note
    assert "different" in a.note
    assert "taking on an unfamiliar domain" in reaction(a, seed=0)


def test_a_hiring_story_that_says_first_does_not_answer_what_to_say_no_to():
    """'First I wrote down what the bridge team lacked' is a step in a story, not a priority."""
    case = next(c for c in CASES if c.question_id == "gen-tech-lead-01")
    assert _analyse(case.role, case.question_id, case.wrong).missed_ask == "Setting team priorities"


def test_no_bank_model_answer_is_taken_for_a_story_about_something_else():
    """Every bank question's own model answer answers it, in every phase."""
    flagged = [q.id for q in QUESTIONS.values()
               if missed_ask(text := fill_role(q.model_answer, "Ship Captain"), tokens(text),
                             fill_role(q.question, "Ship Captain"), q.topic)]
    assert flagged == []


def test_behavioural_and_technical_questions_read_what_they_ask_from_their_wording():
    """'was not performing well enough' asks about performance, though the topic ('Giving
    difficult feedback') names none; an example in the wording ('such as a hire') is not asked."""
    q = QUESTIONS["gen-beh-lead-01"]
    assert [c.name for c in asked_competencies(q.topic)] == []
    assert "performance" in [c.name for c in asked_competencies(q.topic, q.question)]
    assert asked_competencies("A busy day", "Tell me about a busy day, such as a hire.") == ()
    assert asked_competencies("Your standards", "How do you keep standards?", phase="intro") == ()
    scene = "A workload spikes at night. Would you use serverless functions or containers?"
    assert asked_competencies("Serverless or containers", scene, phase="technical") == ()


def test_a_topic_that_names_what_is_asked_is_not_widened_by_the_wording():
    """'Setting team priorities' asks about priorities; its wording's 'what to say no to' does
    not make it a question about a disagreement too, whose words ('wanted', 'agreed') would
    keep any story. The Ship Captain's hiring story from the closing note is caught."""
    q = QUESTIONS["gen-tech-lead-01"]
    assert [c.name for c in asked_competencies(q.topic, q.question, phase=q.phase)] == [
        "priorities"]
    hire = aim_answers.CASES[0].on
    assert _analyse("Ship Captain", q.id, hire).missed_ask == "Setting team priorities"


CAPTAIN_UNDERPERFORMER = (
    "One of my second officers kept missing parts of his watch handover and his passage plans "
    "were late three voyages running. I sat down with him privately with the specific plans and "
    "the log entries, asked what was going on, and it turned out he was caring for a sick parent "
    "ashore. We agreed a plan: a fixed handover checklist, the chief officer checking his plans "
    "for a month, and a swap to shorter rotations. His plans were on time from the next voyage "
    "and he passed his next appraisal.")


def test_a_plainly_on_topic_story_earns_the_points_it_describes_in_its_own_words():
    """Seen playing a Ship Captain interview: content 1.0, every point 'missed', because none of
    the points' keywords ('expectation', 'support') was said, though 'we agreed a plan: a fixed
    handover checklist…' is the plan the rubric asks for."""
    a = _analyse("Ship Captain", "gen-tech-lead-02", CAPTAIN_UNDERPERFORMER)
    assert "Clear expectations and a plan with support" in a.points_hit
    assert "Finds the cause first" in a.points_hit  # 'asked …, and it turned out he was caring'
    assert a.content >= 2.5  # 1.0 before



def test_a_point_is_shown_by_the_shape_its_own_text_describes():
    """'Changes made: describes the change in practice' lists no signals; 'Since then I map the
    economic buyer in the first two meetings' is that change, in no keyword of the point."""
    case = next(c for c in aim_answers.CASES if c.question_id.startswith("sal-"))
    q = QUESTIONS[case.question_id]
    a = _analyse(case.role, case.question_id, case.on)
    assert "Changes made" in a.points_hit, (q.talking_points, a.points_hit)
    a = _analyse(case.role, case.question_id, case.vague)
    assert "Changes made" not in a.points_hit


@pytest.mark.parametrize("cases", [HELD_OUT, BLIND], ids=["held-out", "blind"])
def test_answers_written_after_the_code_are_judged_the_same_way(cases):
    """Held-out and blind answers (written after the code; see aim_technical.py): no on-topic
    or vague answer is flagged, and most stories about something else are caught."""
    caught = 0
    for case in cases:
        assert _analyse(case.role, case.question_id, case.on).missed_ask == "", case.role
        assert _analyse(case.role, case.question_id, case.vague).missed_ask == "", case.role
        caught += bool(_analyse(case.role, case.question_id, case.wrong).missed_ask)
    assert caught >= len(cases) // 2, caught


def test_a_story_that_ends_in_a_new_way_of_working_answers_a_question_on_standards():
    """Seen playing the Air Traffic Controller interview again: the storm story, whose debrief
    changed the split plan for every supervisor, was taken for another story; a hiring manager
    reads it as raising a standard (the last review scored it 6.9)."""
    storm = ("On a summer evening two of my sectors were overloaded because of storms over the "
             "Alps. I split the busiest sector, called in a controller from break, and agreed "
             "flow restrictions with the network manager: 20 minutes of miles-in-trail instead "
             "of holding. Delays rose to 12 minutes on average but we had no separation losses, "
             "and in the debrief we changed the split plan so the supervisor triggers it at 85% "
             "of capacity, not when it is already full.")
    assert _analyse("Air Traffic Controller", "gen-beh-senior-02", storm).missed_ask == ""
