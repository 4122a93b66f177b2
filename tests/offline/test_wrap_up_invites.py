"""The wrap-up's credit for asking the interviewer questions applies only where the question
invites the candidate's questions ("Do you have any questions for us?"), not where it asks for a
plan ("What would you aim to have done in your first ninety days?") and gets questions back."""

from __future__ import annotations

import pytest

from estel.analysis.answer import analyse_answer
from estel.brains.offline.bank import load_bank
from estel.brains.offline.selection import fill_role

QUESTIONS_BACK = ("Before I answer that, what does the current team look like, and how many "
                  "people report to this role? What would you say the biggest operational risk "
                  "is right now? And how is success measured for the first year?")
GENERIC = load_bank()["generic"]


def _ask(question: str, topic: str = "Wrap-up"):
    return analyse_answer(QUESTIONS_BACK, question, phase="wrap_up", topic=topic)


@pytest.mark.parametrize("question", [
    "Do you have any questions for us?",
    "What would you like to ask us about the venue, the team or how we work?",
    "What would you want to know about our school, our pupils or our department before "
    "accepting a post here?",
    "What would you want to understand about the finance function before joining as a senior "
    "Controller?",
])
def test_questions_back_earn_the_credit_where_questions_are_invited(question):
    a = _ask(question)
    assert a.invited
    assert a.asks >= 2


@pytest.mark.parametrize("question", [
    fill_role(next(q for q in GENERIC.questions if q.topic == "First ninety days").question,
              "Ship Captain"),
    "If you joined as a Software Engineer here, what would you want to understand in your first "
    "month before changing anything?",
    "Where do you want to be in hospitality in three years, and how would this job help you get "
    "there?",
])
def test_questions_back_to_a_question_about_your_plan_earn_no_asking_credit(question):
    a = _ask(question)
    assert not a.invited
    assert a.asks == 0
    assert "Asks the interviewer" not in a.praise
    assert a.overall < _ask("Do you have any questions for us?").overall
