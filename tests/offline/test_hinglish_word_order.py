"""The Hinglish gloss reads the word orders Hindi grammar gives an English claim (written for
closing note 4's "test set pe ... tune kar lenge"): a postposition after its noun ("test set
pe": on the test set; "database se": from the database), the verb at the end of its clause
after its object and those phrases, and the light verbs ("kar lenge", "karenge", "kiya",
"karna padega"). A wrong claim said that way raises the rubric's red flag as its English twin
does; the same words negated, or the right practice, raise nothing.
"""

from __future__ import annotations

import pytest

from estel.analysis.answer import analyse_answer
from estel.analysis.hinglish_gloss import gloss
from estel.brains.offline.bank import load_bank
from estel.brains.offline.selection import fill_role

QUESTIONS = {q.id: q for family in load_bank().values() for q in family.questions}


def flags(qid: str, text: str) -> tuple[str, ...]:
    q = QUESTIONS[qid]
    return analyse_answer(text, fill_role(q.question, "Engineer"), phase=q.phase,
                          talking_points=q.talking_points, red_flags=q.red_flags,
                          topic=q.topic).red_flags


@pytest.mark.parametrize(("hinglish", "english"), [
    ("hum hyperparameters test set pe tune kar lenge", "tune hyperparameters on test set"),
    ("maine model ko test data pe tune kiya", "tuned model on test data"),
    ("bas data ko main database se delete karenge", "delete data from main database"),
    ("har column pe index laga denge", "add index on every column"),
    ("hume yeh config production mein change karna padega", "have to change"),
    ("details ko redis mein forever cache kar denge", "cache forever details in redis"),
    ("index ka koi cost nahi hota", "index ka no cost"),
])
def test_postpositions_and_verb_final_clauses_read_in_english_order(hinglish, english):
    assert english in gloss(hinglish), gloss(hinglish)


@pytest.mark.parametrize(("qid", "text"), [
    ("ds-tech-entry-01", "Overfitting hai. Hum hyperparameters test set pe tune kar lenge, "
                         "jab tak accuracy 90 ke upar na aaye."),
    ("ds-tech-entry-01", "Pichle project mein hum model ko test data pe hi tune karte the, "
                         "score kaafi badh jaata tha."),
    ("ds-tech-entry-01", "Simple hai, test set pe hi hyperparameters tune karenge, phir wahi "
                         "model deploy."),
    ("be-tech-entry-02", "Query slow hai toh hum har column pe index laga denge, sab fast ho "
                         "jayega."),
    ("ba-tech-senior-01", "Customer ne bola hai toh bas data ko main database se delete kar "
                          "denge, ho gaya."),
])
def test_a_wrong_claim_in_hindi_word_order_raises_the_red_flag(qid, text):
    assert flags(qid, text), gloss(text)


@pytest.mark.parametrize(("qid", "text"), [
    ("ds-tech-entry-01", "Hum hyperparameters test set pe tune nahi karenge; cross-validation "
                         "se tune karenge aur test set sirf end mein use karenge."),
    ("ds-tech-entry-01", "Hyperparameters validation set pe tune kar lenge, test set ko end "
                         "tak nahi chhuenge."),
    ("be-tech-entry-02", "Har column pe index nahi lagana chahiye; pehle slow query ka plan "
                         "dekhenge aur sirf filter wale columns pe index banayenge."),
])
def test_negated_or_right_practice_in_hindi_word_order_raises_nothing(qid, text):
    assert not flags(qid, text), gloss(text)
