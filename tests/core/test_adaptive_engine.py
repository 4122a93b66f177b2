"""Adaptive length through the engine: the code decides, the brain may only propose."""

from __future__ import annotations

from dataclasses import replace

import pytest
from adaptive_answers import STEADY, THIN

from estel import length, session
from estel.brains.base import AnswerAssessment
from estel.brains.offline.brain import OfflineBrain
from estel.brains.scripted import ScriptedBrain, default_draft
from estel.contract import EstelInterviewEnvelope, InterviewMeta
from estel.engine import Engine
from estel.errors import BadInput


def meta(total: int) -> InterviewMeta:
    return InterviewMeta(target_role="Data Analyst", experience_level="mid",
                         difficulty="standard", questions_target=total)


def run(engine: Engine, bounds: length.LengthBounds, answers):
    m = meta(bounds.max_questions)
    result = engine.start(m, bounds=bounds)
    results = [result]
    while not result.finished:
        text = answers(result.state.question_index)
        result = engine.answer(result.state, text, meta=m, bounds=bounds)
        results.append(result)
        # every envelope is the seed's shape, and every state obeys the adaptive rules
        EstelInterviewEnvelope.model_validate_json(result.envelope().to_json())
        length.check_adaptive_state(result.state, m, bounds)
    return results


def test_steady_substantial_answers_end_at_the_minimum_with_a_wrap_up_question():
    brain = ScriptedBrain()
    results = run(Engine(brain), length.LengthBounds(5, 12), lambda n: STEADY)
    final = results[-1].state
    assert final.total_questions == 5
    assert len(final.transcript) == 5
    assert results[-2].response.payload.phase == "wrap_up"
    assert results[-2].state.question_index == 5


def test_thin_answers_run_to_the_maximum():
    results = run(Engine(ScriptedBrain()), length.LengthBounds(5, 9), lambda n: THIN)
    assert results[-1].state.total_questions == 9
    phases = [r.response.payload.phase for r in results[:-1]]
    assert phases == list(length.adaptive_plan(9, length.LengthBounds(5, 9)))


def test_a_brain_proposal_ends_a_moving_interview_but_not_before_the_minimum():
    swings = iter([10.0, 0.0] * 10)

    def swinging(ctx):
        value = next(swings)
        draft = default_draft(ctx, AnswerAssessment(communication=value, content=value,
                                                    confidence=value, note="swing"))
        return replace(draft, propose_end=ctx.question_number >= 3)

    calls = [swinging] * 40
    bounds = length.LengthBounds(6, 12)
    results = run(Engine(ScriptedBrain(calls)), bounds, lambda n: STEADY)
    assert results[-1].state.total_questions == 6  # proposed from q3 on, honoured at the minimum


def test_without_a_proposal_a_moving_score_goes_on():
    swings = iter([10.0, 0.0] * 20)

    def swinging(ctx):
        value = next(swings)
        return default_draft(ctx, AnswerAssessment(communication=value, content=value,
                                                   confidence=value, note="swing"))

    bounds = length.LengthBounds(5, 9)
    results = run(Engine(ScriptedBrain([swinging] * 40)), bounds, lambda n: STEADY)
    assert results[-1].state.total_questions > bounds.min_questions


def test_offline_interview_adapts_and_keeps_the_books():
    bounds = length.LengthBounds(5, 10)
    results = run(Engine(OfflineBrain()), bounds, lambda n: STEADY)
    final = results[-1].state
    assert bounds.min_questions <= final.total_questions <= bounds.max_questions
    assert results[-1].finished
    session.check_state(final, final.meta,
                        plan=length.adaptive_plan(final.total_questions, bounds))


def test_bounds_must_match_questions_target():
    with pytest.raises(BadInput, match="questions_target"):
        Engine(ScriptedBrain()).start(meta(10), bounds=length.LengthBounds(5, 9))


def test_without_bounds_the_fixed_length_is_unchanged():
    engine = Engine(ScriptedBrain())
    m = meta(6)
    result = engine.start(m)
    while not result.finished:
        result = engine.answer(result.state, STEADY, meta=m)
    assert result.state.total_questions == 6
