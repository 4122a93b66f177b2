"""Follow-up wording: several templates, none twice in a session, quoting the candidate first."""

from __future__ import annotations

import itertools

import pytest

from estel.brains.offline.follow_ups import (
    QUOTE_TEMPLATES,
    TOPIC_TEMPLATES,
    follow_up_texts,
    signature,
)
from estel.evals.metrics import phase_fits

ALL = [(phase, t) for group in (QUOTE_TEMPLATES, TOPIC_TEMPLATES)
       for phase, templates in group.items() for t in templates]
TERSE = {"behavioural": ("I talked to the team and fixed it.", "We met the deadline.",
                         "I handled it with my manager.", "I learned to plan better.",
                         "It went fine.", "Not sure."),
         "technical": ("Use the standard approach.", "I'd check the data and fix the problem.",
                       "Ask the stakeholders, then build it.", "Depends.")}


def test_each_phase_has_several_wordings_recognisable_by_their_own_signature():
    for phase in ("behavioural", "technical"):
        assert len(QUOTE_TEMPLATES[phase]) >= 4
        assert len(TOPIC_TEMPLATES[phase]) >= 3
    for (_, a), (_, b) in itertools.permutations(ALL, 2):
        # a wording is recognised once asked; it must not be mistaken for another
        assert signature(a) not in signature(b), (a, b)


@pytest.mark.parametrize(("phase", "template"), ALL)
def test_every_wording_fits_its_phase(phase, template):
    text = template.format(quote="fixed the bug", topic="production incidents")
    assert phase_fits(text, phase), text


def test_quoting_wordings_come_first_and_used_ones_are_skipped():
    texts = follow_up_texts("behavioural", "fixed the bug", "Production incident", [], seed=7)
    quoting = len(QUOTE_TEMPLATES["behavioural"])
    assert all("'fixed the bug'" in t for t in texts[:quoting])
    assert all("production incident" in t for t in texts[quoting:])
    asked = [texts[0].replace("fixed the bug", "met the deadline"), texts[quoting]]
    later = follow_up_texts("behavioural", "fixed the bug", "Production incident", asked, seed=7)
    assert len(later) == len(texts) - 2
    assert {signature(t) for t in asked}.isdisjoint(
        {signature(t) for t in later})  # not the same wording, whatever the quote or topic


def test_long_quotes_are_cut_at_a_word():
    texts = follow_up_texts("technical", "rebuilt the whole reporting pipeline on a streaming "
                            "platform with exactly once delivery", "Pipelines", [], seed=0)
    quoted = texts[0].split("'")[1]
    assert len(quoted) <= 60
    assert "rebuilt the whole reporting pipeline on a streaming".startswith(quoted)


def test_a_terse_candidate_never_hears_the_same_follow_up_wording_twice(engine, run, make_meta):
    counter = itertools.count()

    def terse(phase, n):
        pool = TERSE.get(phase, ("I'm a nurse with three years of experience.",))
        return pool[next(counter) % len(pool)]

    for role in ("Nurse", "Software Engineer", "Data Scientist"):
        results = run(engine, make_meta(role, "standard", 20), terse)
        follow_ups = [r.response.payload.question for r in results[:-1]
                      if r.response.payload.topic.startswith("Follow-up: ")]
        assert len(follow_ups) >= 4, role
        used = [next(t for _, t in ALL if signature(t) in _plain(q)) for q in follow_ups]
        assert len(used) == len(set(used)), (role, follow_ups)
        assert sum("'" in q for q in follow_ups) >= len(follow_ups) // 2, follow_ups


def _plain(text: str) -> str:
    from estel.brains.offline.follow_ups import normalised

    return normalised(text)
