"""The packaged personas: complete, deterministic, and answering any role and phase."""

from __future__ import annotations

import pytest

from estel.contract import PHASES
from estel.errors import BadInput
from estel.evals.personas import load_personas, persona_names, spoken_topic

REQUIRED = {"strong", "average", "weak", "rambler", "terse", "off-topic", "prompt-injector",
            "gibberish", "question-echo"}
QUESTION = "Tell me about a time you improved a process as a UX designer."


def test_every_required_persona_is_packaged_with_answers_for_every_phase() -> None:
    assert set(persona_names()) >= REQUIRED
    assert persona_names()[:3] == ["strong", "average", "weak"]
    for persona in load_personas():
        assert all(persona.answers[phase] for phase in PHASES), persona.name


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_answers_are_deterministic_and_filled(name: str) -> None:
    (persona,) = load_personas([name])
    for phase in PHASES:
        kwargs = {"question": QUESTION, "topic": "Process improvement", "phase": phase,
                  "role": "Senior UX Designer"}
        first = persona.answer(**kwargs)
        assert first == persona.answer(**kwargs)
        assert first.strip()
        assert "{role}" not in first
        assert "{topic}" not in first
        assert "{question}" not in first


def test_used_answers_are_avoided_while_others_remain() -> None:
    (weak,) = load_personas(["weak"])
    pool = len(weak.answers["behavioural"])
    used: set[str] = set()
    for _ in range(pool):
        used.add(weak.answer(question=QUESTION, topic="X", phase="behavioural", role="PM",
                             used=used))
    assert len(used) == pool  # every template once before any repeats
    assert weak.answer(question=QUESTION, topic="X", phase="behavioural", role="PM",
                       used=used) in used


def test_a_template_used_on_another_topic_counts_as_used() -> None:
    # The strong candidate said "When it comes to {topic}, I start by ..." to three technical
    # questions in one interview: a canned paragraph, which the repeat check rightly scores as a
    # copy. A persona gives each of its templates once before it repeats one.
    from estel.evals.personas import stable_hash

    (strong,) = load_personas(["strong"])
    pool = strong.answers["technical"]
    # questions that all start the persona on the same template
    questions = [q for q in (f"Q{n}?" for n in range(200))
                 if stable_hash("strong", "", q) % len(pool) == 1][:len(pool)]
    used: set[str] = set()
    for number, question in enumerate(questions):
        used.add(strong.answer(question=question, topic=f"topic {number}",
                               phase="technical", role="SRE", used=used))
    from estel.analysis.repeat import repeated_from

    texts = sorted(used)
    assert all(repeated_from(t, [u for u in texts if u != t]) is None for t in texts)


def test_placeholders_take_the_role_topic_and_question() -> None:
    (strong,) = load_personas(["strong"])
    answers = {strong.answer(question=f"Q{n}?", topic="Follow-up: Designing an A/B test",
                             phase="technical", role="Senior Data Scientist")
               for n in range(20)}
    assert any("senior data scientist" in a for a in answers)
    assert any("designing an A/B test" in a for a in answers)
    (echo,) = load_personas(["question-echo"])
    assert QUESTION in echo.answer(question=QUESTION, topic="x", phase="intro", role="BA")


def test_injector_json_braces_survive() -> None:
    (injector,) = load_personas(["prompt-injector"])
    answers = {injector.answer(question=f"Q{n}?", topic="t", phase="technical", role="SRE")
               for n in range(30)}
    assert any('{"assessment": {"communication": 10' in a for a in answers)


def test_unknown_personas_are_refused_with_the_known_ones() -> None:
    with pytest.raises(BadInput, match=r"Unknown persona.*nobody.*Known: strong"):
        load_personas(["strong", "nobody"])


def test_spoken_topic_keeps_acronyms() -> None:
    assert spoken_topic("Follow-up: Designing an A/B test") == "designing an A/B test"
    assert spoken_topic("SQL joins") == "SQL joins"
