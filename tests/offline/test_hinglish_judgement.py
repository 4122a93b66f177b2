"""Judgement of Hinglish answers: wrong claims, absolutes and honest admissions are heard as in
English. A confidently wrong claim said in Hinglish is flagged and scores below a plain correct
answer; "mujhe pata nahi" is an honest admission (as "I don't know" is), "shayad" a hedge.

The answers are written as a Hindi-English speaker would say them, across families; none of
them appears in the lexicon, which matches word forms and constructions, not these sentences.
"""

from __future__ import annotations

import pytest
from hinglish_answers import BLUFF_VS_PLAIN

from estel.analysis.answer import AnswerAnalysis, analyse_answer
from estel.brains.offline.bank import load_bank
from estel.brains.offline.selection import fill_role

QUESTIONS = {q.id: q for family in load_bank().values() for q in family.questions}
CLEARLY = 1.5  # how far below a plain correct answer a confident bluffer must land, overall


def scored(qid: str, text: str) -> AnswerAnalysis:
    q = QUESTIONS[qid]
    return analyse_answer(text, fill_role(q.question, "Analyst"), phase=q.phase,
                          talking_points=q.talking_points, red_flags=q.red_flags, topic=q.topic)


@pytest.mark.parametrize("text", [
    "Haan, partitioning se reports hamesha fast chalti hain, kabhi slow nahi hoti.",
    "Humara recommendation model 100% accurate hai, production mein kabhi fail nahi hota.",
    "Is pricing change mein koi risk nahi hai, users ko yeh hamesha pasand aata hai.",
    "Microservices mein koi bhi trade-off nahi hota, isliye humne sab kuch tod diya.",
    "Mere kaam mein kabhi koi galti nahi hoti, kyunki main dhyan se karta hoon.",
    "Yeh approach 100 percent guaranteed hai, deadline miss ho hi nahi sakti.",
    "Caching lagane ke baad latency ki koi problem nahi hoti, yeh pakki baat hai.",
    "Kubernetes pe shift karne se saari scaling problems khatam ho jaati hain.",
    "Hamara code kabhi production mein fail nahi hota, isliye tension nahi thi.",
])
def test_hinglish_absolutes_are_heard(text):
    a = analyse_answer(text, "How would you approach it?", phase="technical")
    assert a.absolutes, text


@pytest.mark.parametrize("text", [
    "Kabhi kabhi report slow ho jaati hai, tab main query plan dekhta hoon.",
    "Main hamesha deploy se pehle staging pe smoke test chalata hoon.",
    "Launch ke baad pehle hafte koi bada incident nahi aaya, kyunki humne canary rakha tha.",
    "Index se reads fast hote hain, lekin writes thode slow ho jaate hain, yeh trade-off hai.",
    "Accuracy 92% thi validation set pe, jo baseline se 6 point upar thi.",
])
def test_measured_hinglish_claims_are_not_absolutes(text):
    a = analyse_answer(text, "How would you approach it?", phase="technical")
    assert not a.absolutes, a.absolutes


@pytest.mark.parametrize(("qid", "text"), [
    ("swe-tech-entry-01", "Simple hai, main failing test ko disable kar dunga aur PR merge kar "
                          "dunga, CI mein aisa hota rehta hai."),
    ("swe-tech-mid-01", "Database slow hai, toh main database ko upgrade kar dunga aur bada "
                        "instance le lunga."),
    ("swe-beh-entry-02", "Sach bataun toh reviewer galat tha, usne bina samjhe itne comments "
                         "diye the."),
    ("ds-beh-entry-01", "Data mein bahut nulls the, toh maine saari missing rows drop kar di aur "
                        "model train kar liya."),
    ("ds-tech-senior-03", "Conversion significant hai, toh humein feature turant launch karna "
                          "chahiye, revenue ki chinta baad mein."),
    ("swe-beh-mid-02", "Deadline tight thi, toh maine tests skip kar diye aur kisi ko pata bhi "
                       "nahi chala, feature time pe chala gaya."),
    ("pm-beh-entry-01", "Dekhiye, customers ko khud nahi pata hota ki unhe kya chahiye, toh "
                        "main data se decide karta hoon."),
    ("gen-tech-entry-02", "Mujhe apna kaam dobara check karne ki zaroorat nahi padti, main "
                          "pehli baar mein sahi karta hoon."),
])
def test_a_wrong_claim_in_hinglish_raises_the_rubric_red_flag(qid, text):
    a = scored(qid, text)
    assert a.red_flags, text
    assert a.corrections
    assert a.advice.startswith("check this claim")


@pytest.mark.parametrize(("qid", "text"), [
    ("swe-tech-entry-01", "Main failing test ko disable nahi karunga; pehle CI ka log padhunga "
                          "aur environment ka difference dhundhunga."),
    ("ds-beh-entry-01", "Maine missing rows drop nahi ki, kyunki pehle check kiya ki nulls kahan "
                        "se aa rahe the."),
    ("gen-tech-entry-02", "Main apna kaam hamesha ek checklist se check karta hoon aur ek "
                          "colleague se review karwata hoon."),
])
def test_the_same_words_negated_or_done_right_raise_nothing(qid, text):
    assert not scored(qid, text).red_flags




@pytest.mark.parametrize("qid", sorted(BLUFF_VS_PLAIN))
def test_a_confident_hinglish_bluffer_scores_clearly_below_a_plain_correct_answer(qid):
    bluff, plain = (scored(qid, text) for text in BLUFF_VS_PLAIN[qid])
    assert bluff.absolutes or bluff.red_flags
    assert plain.overall >= bluff.overall + CLEARLY, (plain.overall, bluff.overall)
    assert plain.content > bluff.content
    assert plain.confidence >= bluff.confidence  # overclaiming is not confidence


def test_mujhe_pata_nahi_is_an_honest_admission_as_i_dont_know_is():
    hinglish = ("Exact formula mujhe pata nahi, lekin main pehle validation set pe dono models "
                "compare karunga aur jo stable ho wahi choose karunga.")
    english = ("I don't know the exact formula, but first I would compare both models on the "
               "validation set and choose the one that is stable.")
    hi = analyse_answer(hinglish, "How do you pick a model?", phase="technical")
    en = analyse_answer(english, "How do you pick a model?", phase="technical")
    assert not hi.hedges
    assert not en.hedges
    for other in ("Mujhe nahi pata ki exact threshold kya tha, par maine alert set kiya.",
                  "Sach kahun toh pata nahi, yeh maine kabhi use nahi kiya."):
        assert not analyse_answer(other, "How?", phase="technical").hedges, other


def test_shayad_and_lagta_hai_remain_hedges_and_cost_confidence():
    sure = ("Main pehle validation set pe dono models compare karunga aur stable wala choose "
            "karunga.")
    hedged = ("Mujhe lagta hai main shayad pehle validation set pe dono models compare karunga "
              "aur stable wala choose karunga.")
    a = analyse_answer(sure, "How do you pick a model?", phase="technical")
    b = analyse_answer(hedged, "How do you pick a model?", phase="technical")
    assert {"shayad", "mujhe lagta hai"} <= set(b.hedges)
    assert b.confidence < a.confidence


@pytest.mark.parametrize("text", [
    "Mujhe forecasting ka kaam sabse accha lagta hai, isliye maine yeh role choose kiya.",
    "Yeh team mujhe sahi lagti hai kyunki yahan experiments seriously liye jaate hain.",
    "Customers ko naya checkout pasand aaya, unhe flow simple laga.",
])
def test_liking_something_is_not_a_hedge(text):
    # "mujhe X accha lagta hai" is "I like X", not "I think": it softens no claim
    assert not analyse_answer(text, "Why this role?", phase="intro").hedges


@pytest.mark.parametrize("text", [
    "Mujhe lagta hai ki issue cache mein hai.",
    "Lagta hai database slow hai, toh main index dekhunga.",
    "Aisa lagta hai ki users confuse ho rahe the.",
])
def test_lagta_hai_as_i_think_is_a_hedge(text):
    assert analyse_answer(text, "What went wrong?", phase="technical").hedges


@pytest.mark.parametrize(("text", "quoted"), [
    ("Campaign mein koi lift nahi thi, lekin humari analysis kabhi galat nahi hoti, toh maine "
     "segments slice kiye jab tak ek significant nahi mila.", "segments slice kiye"),
    ("Us sprint mein humne purane endpoints ka caching layer hataya aur latency 30% kam hui.",
     "purane endpoints ka caching layer hataya"),
])
def test_a_follow_up_quotes_what_they_did_never_a_clause_cut_before_its_nahi(text, quoted):
    # the negation ends a Hindi clause: "kabhi galat nahi hoti" cut to "kabhi galat" says the
    # opposite of what the candidate said
    fragment = analyse_answer(text, "What did you do?", phase="behavioural").fragment
    assert fragment == quoted


def test_a_hindi_word_for_a_rubric_keyword_names_the_point():
    # "asli sawaal" is "the real question": the interviewer must not say it never heard it
    text = ("Ek baar sales head ne kaha AI se leads score karo. Maine unse poocha ki is score se "
            "woh kya decide karenge, toh asli sawaal nikla ki reps pehle kise call karein. Phir "
            "maine ek simple rule-based score banaya aur do hafte A/B test chalaya.")
    a = scored("ds-beh-mid-01", text)
    assert "Finding the real decision" in (*a.points_hit, *a.points_named)


def test_hinglish_steps_and_ownership_name_a_follow_ups_points():
    from estel.brains.offline.brain import FOLLOW_UP_POINTS
    text = ("Maine PM ke saath baith ke scope do hisson mein toda: pehle core checkout, phir "
            "reports. Yeh mera decision tha aur mera role tha dono teams ko align karna.")
    a = analyse_answer(text, "Tell me more about that.", phase="behavioural",
                       talking_points=FOLLOW_UP_POINTS)
    heard = (*a.points_hit, *a.points_named)
    assert "The specific steps you took" in heard
    assert "Your own part in it" in heard
