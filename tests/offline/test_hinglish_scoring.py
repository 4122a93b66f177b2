"""Hinglish answers are scored like English ones with the same substance (tests/support/
hinglish_answers.py): good beats weak, Hinglish fillers and hedges count, and a Hinglish good
answer lands within a point of its English twin."""

from __future__ import annotations

import pytest
from hinglish_answers import CASES

from estel.analysis.answer import AnswerAnalysis, analyse_answer
from estel.brains.offline.bank import load_bank
from estel.brains.offline.selection import fill_role

QUESTIONS = {q.id: q for family in load_bank().values() for q in family.questions}
TWIN_GAP = 1.0  # most a Hinglish good answer may trail its English twin, overall


def scored(qid: str, text: str) -> AnswerAnalysis:
    q = QUESTIONS[qid]
    return analyse_answer(text, fill_role(q.question, "Software Engineer"), phase=q.phase,
                          talking_points=q.talking_points, red_flags=q.red_flags, topic=q.topic)


@pytest.mark.parametrize("qid", sorted(CASES))
def test_good_hinglish_beats_weak_hinglish_and_matches_english(qid):
    case = {kind: scored(qid, text) for kind, text in CASES[qid].items()}
    assert case["hi_good"].overall >= case["hi_weak"].overall + 4
    assert case["hi_good"].overall >= case["en_good"].overall - TWIN_GAP
    assert case["hi_good"].points_hit == case["en_good"].points_hit  # same rubric, same points
    assert case["hi_weak"].overall <= case["en_good"].overall - 4


def test_every_good_answer_outranks_every_weak_one_in_either_language():
    good = [scored(qid, c[k]).overall for qid, c in CASES.items() for k in ("en_good", "hi_good")]
    weak = [scored(qid, c[k]).overall for qid, c in CASES.items() for k in ("en_weak", "hi_weak")]
    assert min(good) > max(weak)


@pytest.mark.parametrize("qid", sorted(CASES))
def test_hinglish_fillers_and_hedges_are_heard(qid):
    weak = scored(qid, CASES[qid]["hi_weak"])
    assert len(weak.hedges) >= 2, weak.hedges
    assert {"matlab", "yaani", "basically", "actually"} & set(weak.fillers), weak.fillers
    good = scored(qid, CASES[qid]["hi_good"])
    assert not good.hedges
    assert not good.fillers


def test_hinglish_hedges_and_fillers_by_name():
    text = ("Matlab, mujhe lagta hai shayad yeh kaam karega, pata nahi. Actually, like, yaani "
            "humne basically kuch fix kiya tha.")
    a = analyse_answer(text, "How did you fix it?", phase="technical")
    assert {"mujhe lagta hai", "shayad"} <= set(a.hedges)
    assert "pata nahi" not in a.hedges  # "I don't know" is an honest admission, not a hedge
    assert {"matlab", "actually", "like", "yaani", "basically"} <= set(a.fillers)


def test_actually_and_like_are_fillers_only_in_hinglish():
    english = ("I actually led the migration to a design like the one we had, and I cut the "
               "latency by 40% because the cache was cold.")
    assert analyse_answer(english, "Tell me about a migration.", phase="behavioural").fillers \
        == ()


def test_hinglish_ownership_and_steps_earn_confidence_and_structure():
    owned = ("Pehle maine logs check kiye, phir maine rollback decide kiya, kyunki error rate "
             "badh gaya tha. Result yeh aaya ki 10 minute mein sab normal ho gaya.")
    unowned = ("Logs check hue, rollback hua, error rate badh gaya tha. Sab normal ho gaya "
               "kuch der mein, dekhte dekhte, aur phir team ne dekha.")
    a = analyse_answer(owned, "Tell me about an incident.", phase="behavioural")
    b = analyse_answer(unowned, "Tell me about an incident.", phase="behavioural")
    assert a.ownership >= 2
    assert b.ownership == 0
    assert a.confidence > b.confidence
    assert {"action", "result"} <= set(a.star)


def test_matlab_and_yaani_meaning_that_is_are_not_fillers():
    text = ("Mere PRD mein problem statement hota hai, yaani target users aur unka evidence, "
            "matlab customer research ka data. Main scope aur risks bhi likhta hoon.")
    a = analyse_answer(text, "What goes into a PRD?", phase="technical")
    assert a.fillers == ()


def test_what_i_do_in_the_present_is_decisive_but_what_i_want_is_not():
    doing = analyse_answer("Main pehle data check karta hoon aur sirf constraints likhta hoon, "
                           "kyunki design team ka kaam hai.", "How?", phase="technical")
    wanting = analyse_answer("Main pehle data check karna chahta hoon aur constraints likhna "
                             "chahta hoon, kyunki design team ka kaam hai.", "How?",
                             phase="technical")
    assert doing.confidence > wanting.confidence


def test_saying_you_do_not_remember_is_honest_not_a_hedge():
    # as in English ("I can't remember" is not a hedge): "yaad nahi" admits a gap, it does not
    # soften a claim
    text = ("Exact number mujhe yaad nahi, lekin maine cache add kiya aur latency kam hui, "
            "kyunki har request database tak ja rahi thi.")
    a = analyse_answer(text, "How did you fix it?", phase="technical")
    assert not a.hedges, a.hedges
