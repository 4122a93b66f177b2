"""The offline interviewer reacts to each answer in one sentence, from the same analysis."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from estel.brains.offline.brain import OfflineBrain
from estel.contract import InterviewMeta
from estel.engine import Engine
from estel.evals.personas import load_personas

PERSONAS = [p.name for p in load_personas()]


def _interview(persona_name: str, role: str = "Software Engineer", total: int = 6):
    persona = load_personas([persona_name])[0]
    engine = Engine(OfflineBrain())
    result = engine.start(InterviewMeta(target_role=role, experience_level="Mid-level",
                                        difficulty="standard", questions_target=total))
    turns = [result]
    while result.response.payload.kind == "question":
        p = result.response.payload
        answer = persona.answer(question=p.question, topic=p.topic, phase=p.phase, role=role)
        result = engine.answer(result.state, answer)
        turns.append(result)
    return turns


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_later_question_opens_with_one_reaction_sentence(persona):
    turns = _interview(persona)
    for before, after in pairwise(turns[:-1]):
        question = after.response.payload.question
        opener = re.split(r"(?<=[.!?])\s+", question)[0]
        assert opener != before.response.payload.question
        assert len(opener) <= 200
        answer = after.state.transcript[-2].answer or ""
        if persona != "question-echo":  # that persona's answer is the question itself
            assert opener.strip("'") not in answer  # it never quotes the answer back


def test_praise_only_after_a_good_answer_and_never_for_the_bluffer():
    for persona, praised in (("strong", True), ("bluffer", False), ("weak", False)):
        turns = _interview(persona)
        openers = [t.response.payload.question.split(".")[0] for t in turns[1:-1]]
        said = any(o.startswith(("Good", "Thanks, that was", "Thanks, the numbers", "That works"))
                   for o in openers)
        assert said is praised, (persona, openers)


def test_reactions_are_deterministic():
    first = [t.response.payload.model_dump() for t in _interview("average")]
    second = [t.response.payload.model_dump() for t in _interview("average")]
    assert first == second


def test_the_answer_after_a_reaction_is_still_scored_against_its_rubric():
    turns = _interview("strong")
    # the second answer's question opened with a reaction; its assessment still names rubric points
    graded = [t.assessment for t in turns[2:] if t.assessment is not None]
    assert any(a.covered or a.missed for a in graded)


def test_echoing_a_question_that_opens_with_a_reaction_is_still_an_echo():
    """The question-echo persona repeats the whole text it saw, reaction included: no credit."""
    from estel.brains.offline.brain import OfflineBrain
    from estel.contract import InterviewMeta
    from estel.engine import Engine

    engine = Engine(OfflineBrain())
    meta = InterviewMeta(target_role="Backend Engineer", experience_level="Mid-level",
                         difficulty="standard", questions_target=8)
    result = engine.start(meta)
    scores = []
    while result.response.payload.kind == "question":
        result = engine.answer(result.state, result.response.payload.question)
        scores.append(result.assessment.content)
    assert max(scores) == 0.0
