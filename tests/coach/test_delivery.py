"""Delivery facts: fillers, hedges, STAR parts and repeated words, from the lexicon's own lists."""

from __future__ import annotations

from collections import Counter

import pytest

from estel.analysis.answer import analyse_answer
from estel.analysis.delivery import delivery_facts, repeated_words, star_parts

RAMBLY = ("Um, so basically I think we had a problem. Like, the data pipeline was, um, slow. "
          "I rebuilt the data pipeline and the data load dropped by 40%. The data was fine, "
          "I guess.")


def test_fillers_and_hedges_are_counted_and_ordered_by_frequency():
    d = delivery_facts(RAMBLY)
    assert d.fillers[0] == ("um", 2)
    assert set(d.fillers) >= {("basically", 1), ("like", 1)}
    assert dict(d.hedges) == {"I guess": 1, "I think": 1}
    assert d.filler_count == 4
    assert d.hedge_count == 2


def test_fillers_and_hedges_are_the_ones_the_scoring_counts():
    """One lexicon: what the coach points out is what the scores were docked for."""
    answer = ("I mean, you know, we kind of shipped it, I think, and maybe it sort of worked. "
              "Honestly it was literally fine, or whatever.")
    d = delivery_facts(answer)
    scored = analyse_answer(answer, "Tell me about a launch.", phase="behavioural")
    assert Counter(dict(d.fillers)) == Counter(scored.fillers)
    assert Counter(dict(d.hedges)) == Counter(scored.hedges)
    assert d.star == scored.star


def test_star_parts_present_and_missing():
    story = ("Last year our team had a failing release. My task was to stabilise it. I rewrote "
             "the deploy script, and as a result failures fell by half.")
    assert star_parts(story) == ("situation", "task", "action", "result")
    assert delivery_facts(story).star_missing == ()
    opinion = "Testing matters because bugs are expensive."
    assert delivery_facts(opinion).star == ()
    assert delivery_facts(opinion).star_missing == ("situation", "task", "action", "result")


def test_an_owned_past_verb_is_an_action():
    assert star_parts("I migrated the billing service to queues.") == ("action",)
    assert star_parts("I tried to look at it.") == ()  # a weak verb is not an owned action


def test_repeated_words_skip_stop_words_and_rare_words():
    assert delivery_facts(RAMBLY).repeated == (("data", 4),)
    words = ["the"] * 4 + ["api"] * 3 + ["cache"] * 2 + ["it"] * 4
    assert repeated_words(words) == (("api", 3),)


def test_repeated_words_ties_are_alphabetical_and_capped():
    words = [w for w in ["zeta", "alpha", "beta", "gamma", "delta", "omega"] for _ in range(3)]
    assert [w for w, _ in repeated_words(words)] == ["alpha", "beta", "delta", "gamma", "omega"]


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_an_empty_answer_has_no_delivery_facts(text):
    d = delivery_facts(text)
    assert (d.words, d.fillers, d.hedges, d.star, d.repeated) == (0, (), (), (), ())


def test_curly_apostrophes_are_read_like_straight_ones():
    assert dict(delivery_facts("I don’t think so, I’d say it works.").hedges) == {
        "I'd say": 1}
    assert delivery_facts("I don’t know.").hedges == delivery_facts("I don't know.").hedges


@pytest.mark.parametrize("admission", ["I don't know.", "I don't really know.",
                                       "I can't remember the exact figure.",
                                       "I don't remember who asked."])
def test_an_honest_admission_is_not_a_hedge(admission):
    """'I don't know' says where knowledge stops; it is not hedging a claim."""
    answer = f"{admission} I would check the query plan first, then add an index."
    assert delivery_facts(answer).hedges == ()
    assert analyse_answer(answer, "How would you speed up a slow query?",
                          phase="technical").hedges == ()


def test_hedges_around_an_admission_still_count():
    d = delivery_facts("I don't know, I think maybe it was the cache.")
    assert dict(d.hedges) == {"I think": 1, "maybe": 1}
