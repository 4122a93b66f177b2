"""DESIGN.md "Session rules" as properties: phase plan, ids, index, difficulty, score arithmetic."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from estel import session
from estel.brains.base import AnswerAssessment, QuestionDraft, TurnContext, TurnDraft
from estel.brains.scripted import ScriptedBrain, default_draft
from estel.contract import (
    QUESTION_DIFFICULTIES,
    InterviewMeta,
    SessionScores,
)
from estel.engine import Engine
from estel.errors import BadInput

DIMENSIONS = ("communication", "content", "confidence")


def fast(max_examples: int) -> settings:
    """Whole interviews per example: no per-example deadline (the machine is shared)."""
    return settings(max_examples=max_examples, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("total", range(1, 21))
def test_phase_plan_shape_for_every_questions_target(total):
    plan = session.phase_plan(total)
    assert len(plan) == total
    assert plan[0] == "intro"
    if total >= 2:
        assert plan[-1] == "wrap_up"
    assert plan.count("intro") == 1
    assert plan.count("wrap_up") == (1 if total >= 2 else 0)
    behavioural, technical = plan.count("behavioural"), plan.count("technical")
    assert behavioural >= technical
    assert behavioural - technical <= 1
    assert behavioural + technical == max(0, total - 2)
    middle = [phase for phase in plan if phase in ("behavioural", "technical")]
    assert middle == sorted(middle)  # behavioural first, then technical
    assert [session.phase_of(n, total) for n in range(1, total + 1)] == list(plan)


def test_phase_plan_of_the_default_eight():
    assert session.phase_plan(8) == (
        "intro", "behavioural", "behavioural", "behavioural",
        "technical", "technical", "technical", "wrap_up",
    )


def test_small_plans():
    assert session.phase_plan(1) == ("intro",)
    assert session.phase_plan(2) == ("intro", "wrap_up")
    assert session.phase_plan(3) == ("intro", "behavioural", "wrap_up")


@pytest.mark.parametrize("total", [0, -1, 21, 100])
def test_phase_plan_refuses_out_of_range_targets(total):
    with pytest.raises(BadInput, match="between 1 and 20"):
        session.phase_plan(total)


@pytest.mark.parametrize("meta_difficulty", ["easy", "standard", "hard"])
@pytest.mark.parametrize("proposed", QUESTION_DIFFICULTIES)
def test_clamp_difficulty_moves_at_most_one_step(meta_difficulty, proposed):
    base = QUESTION_DIFFICULTIES.index(session.base_difficulty(meta_difficulty))
    wanted = QUESTION_DIFFICULTIES.index(proposed)
    got = QUESTION_DIFFICULTIES.index(session.clamp_difficulty(proposed, meta_difficulty))
    assert abs(got - base) <= 1
    if abs(wanted - base) <= 1:
        assert got == wanted
    else:
        assert got == base + (1 if wanted > base else -1)


def test_base_difficulty_mapping():
    assert [session.base_difficulty(d) for d in ("easy", "standard", "hard")] == [
        "easy", "medium", "hard"
    ]


@given(st.floats(min_value=-50, max_value=50, allow_nan=False))
def test_round_score_is_one_decimal_within_range_and_close(value):
    rounded = session.round_score(value)
    assert 0 <= rounded <= 10
    assert rounded == round(rounded, 1)
    assert abs(rounded - min(10, max(0, value))) <= 0.05 + 1e-9


@pytest.mark.parametrize(
    ("value", "expected"), [(0.15, 0.2), (2.45, 2.5), (2.449, 2.4), (9.95, 10.0), (10.04, 10.0)]
)
def test_round_score_rounds_halves_up(value, expected):
    assert session.round_score(value) == expected


def reference_step(old: float, answered_before: int, new: float) -> float:
    """The incremental-mean rule in exact decimal arithmetic, halves up."""
    exact = (Decimal(repr(old)) * answered_before + Decimal(repr(new))) / (answered_before + 1)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


one_decimal = st.integers(min_value=0, max_value=100).map(lambda tenths: tenths / 10)
assessments = st.builds(
    AnswerAssessment, communication=one_decimal, content=one_decimal, confidence=one_decimal,
    note=st.just("property test"),
)
# answers as stored: control characters dropped, then stripped (session.check_answer)
answers = st.text(min_size=1, max_size=60).filter(
    lambda text: session.without_control_chars(text).strip())


def scripted_step(assessment: AnswerAssessment, proposed: str):
    """A script step: the default draft, with this assessment and proposed difficulty."""

    def step(ctx: TurnContext) -> TurnDraft:
        draft = default_draft(ctx, assessment)
        question = draft.question
        if question is not None:
            question = QuestionDraft(question=question.question, topic=question.topic,
                                     difficulty=proposed, helper_hint=question.helper_hint)
        return TurnDraft(draft.assessment, question, draft.feedback)

    return step


@st.composite
def interviews(draw):
    total = draw(st.integers(min_value=1, max_value=20))
    meta = InterviewMeta(
        target_role=draw(st.sampled_from(["Business Analyst", "SDE II", "Nurse"])),
        experience_level="0-2 years",
        difficulty=draw(st.sampled_from(["easy", "standard", "hard"])),
        questions_target=total,
    )
    given_answers = draw(st.lists(answers, min_size=total, max_size=total))
    given_scores = draw(st.lists(assessments, min_size=total, max_size=total))
    proposals = draw(st.lists(st.sampled_from(QUESTION_DIFFICULTIES), min_size=total + 1,
                              max_size=total + 1))
    return meta, given_answers, given_scores, proposals


def check_open_state(result, meta, number, given_answers):
    state = result.state
    session.check_state(state, meta)
    assert not session.is_finished(state)
    assert state.question_index == number
    assert state.total_questions == meta.questions_target
    assert state.phase == session.phase_of(number, meta.questions_target)
    assert [item.question_id for item in state.transcript] == [
        f"q{n}" for n in range(1, number + 1)
    ]
    assert [item.answer for item in state.transcript] == [
        *(session.without_control_chars(text).strip() for text in given_answers[: number - 1]),
        None
    ]
    payload = result.response.payload
    assert payload.kind == "question"
    assert payload.end_of_interview is False
    assert payload.question_id == f"q{number}"
    assert payload.phase == state.phase
    assert (payload.question, payload.topic) == (state.transcript[-1].question,
                                                 state.transcript[-1].topic)


@fast(120)
@given(interviews())
def test_random_interviews_keep_every_rule(case):
    meta, given_answers, given_scores, proposals = case
    script = [scripted_step(given_scores[n - 1] if n else given_scores[0], proposals[n])
              for n in range(meta.questions_target + 1)]
    brain = ScriptedBrain(script)
    engine = Engine(brain)
    result = engine.start(meta)
    expected = {name: 0.0 for name in DIMENSIONS}
    for number in range(1, meta.questions_target + 1):
        check_open_state(result, meta, number, given_answers)
        assert result.state.score_so_far.model_dump() == expected
        clamped = session.clamp_difficulty(proposals[number - 1], meta.difficulty)
        assert result.response.payload.difficulty == clamped
        result = engine.answer(result.state, given_answers[number - 1], meta=meta)
        scored = given_scores[number - 1]
        expected = {name: reference_step(expected[name], number - 1, getattr(scored, name))
                    for name in DIMENSIONS}
        assert all(0 <= value <= 10 for value in expected.values())

    final = result.state
    session.check_state(final, meta)
    assert session.is_finished(final)
    assert final.phase == "wrap_up"
    assert final.question_index == final.total_questions == meta.questions_target
    assert all(item.answer is not None for item in final.transcript)
    assert final.score_so_far.model_dump() == expected
    payload = result.response.payload
    assert payload.kind == "feedback"
    assert payload.end_of_interview is True
    scores = payload.scores.model_dump()
    assert {name: scores[name] for name in DIMENSIONS} == expected
    assert scores["overall"] == reference_overall(expected)
    assert [ctx.kind for ctx in brain.calls] == (
        ["opening"] + ["question"] * (meta.questions_target - 1) + ["feedback"]
    )
    true_means = [sum(getattr(s, name) for s in given_scores) / len(given_scores)
                  for name in DIMENSIONS]
    drift = 0.05 * (meta.questions_target + 1) / 2 + 1e-9  # rounding once per step
    assert all(abs(expected[name] - mean) <= drift
               for name, mean in zip(DIMENSIONS, true_means, strict=True))


@fast(60)
@given(st.integers(min_value=1, max_value=20), st.lists(assessments, min_size=20, max_size=20))
def test_brain_sees_the_score_before_the_latest_answer(total, given_scores):
    meta = InterviewMeta(target_role="BA", experience_level="junior", difficulty="standard",
                         questions_target=total)
    script = [scripted_step(given_scores[max(0, n - 1)], "medium") for n in range(total + 1)]
    brain = ScriptedBrain(script)
    engine = Engine(brain)
    result = engine.start(meta)
    seen_states = [result.state]
    for n in range(total):
        result = engine.answer(result.state, f"answer {n}", meta=meta)
        seen_states.append(result.state)
    for ctx, state in zip(brain.calls[1:], seen_states[:-1], strict=True):
        assert ctx.score_so_far == state.score_so_far
        assert len(ctx.history) == state.question_index
        assert ctx.history[-1].answer is not None


@given(
    st.builds(SessionScores, communication=one_decimal, content=one_decimal,
              confidence=one_decimal),
    st.integers(min_value=0, max_value=19),
    st.builds(SessionScores, communication=one_decimal, content=one_decimal,
              confidence=one_decimal),
)
def test_next_scores_is_the_incremental_mean(previous, answered_before, new):
    got = session.next_scores(previous, answered_before, new)
    for name in DIMENSIONS:
        assert getattr(got, name) == reference_step(
            getattr(previous, name), answered_before, getattr(new, name)
        )


@given(st.floats(min_value=0, max_value=10), st.floats(min_value=0, max_value=10))
def test_next_scores_with_arbitrary_floats_stays_in_range(previous, new):
    scores = session.next_scores(
        SessionScores(communication=previous, content=previous, confidence=previous), 3,
        SessionScores(communication=new, content=new, confidence=new),
    )
    assert 0 <= scores.communication <= 10
    assert min(previous, new) - 0.05 - 1e-9 <= scores.communication
    assert scores.communication <= max(previous, new) + 0.05 + 1e-9


def test_first_answer_score_is_that_answer_rounded():
    first = session.next_scores(session.ZERO_SCORES, 0, SessionScores(
        communication=7.25, content=3.0, confidence=10.0))
    assert first.model_dump() == {"communication": 7.3, "content": 3.0, "confidence": 10.0}


def test_overall_weighs_content_most():
    scores = SessionScores(communication=7.0, content=6.0, confidence=6.0)
    assert session.overall(scores) == 6.3  # 1.75 + 3 + 1.5 = 6.25, halves up
    fluent_empty = SessionScores(communication=9.0, content=1.0, confidence=9.0)
    plain_right = SessionScores(communication=6.0, content=7.0, confidence=6.0)
    assert session.overall(plain_right) > session.overall(fluent_empty)
    weights = session.OVERALL_WEIGHTS
    assert sum(weights.values()) == 1.0
    assert weights["content"] > max(weights["communication"], weights["confidence"])


@given(st.tuples(one_decimal, one_decimal, one_decimal))
def test_overall_is_the_weighted_mean_rounded_halves_up(values):
    scores = SessionScores(communication=values[0], content=values[1], confidence=values[2])
    assert session.overall(scores) == reference_overall(scores.model_dump())


def reference_overall(scores: dict[str, float]) -> float:
    """The weighted mean in exact decimal arithmetic, halves up."""
    exact = sum(Decimal(repr(session.OVERALL_WEIGHTS[name])) * Decimal(repr(scores[name]))
                for name in ("communication", "content", "confidence"))
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def test_question_ids():
    assert [session.question_id(n) for n in (1, 2, 20)] == ["q1", "q2", "q20"]


def test_check_answer_strips_and_bounds():
    assert session.check_answer("  fine  ") == "fine"
    assert session.check_answer("x" * 8000) == "x" * 8000
    with pytest.raises(BadInput, match="empty"):
        session.check_answer(" \n\t ")
    with pytest.raises(BadInput, match="8,001 characters; the limit is 8,000"):
        session.check_answer("x" * 8001)


def test_check_state_rejects_an_open_question_that_already_has_an_answer(engine_interview):
    meta = {"target_role": "BA", "experience_level": "junior", "difficulty": "easy",
            "questions_target": 5}
    results = engine_interview(Engine(ScriptedBrain()), meta, ["one", "two"])
    state = results[-1].state
    *earlier, last = state.transcript
    tampered = state.model_copy(update={
        "transcript": [*earlier, last.model_copy(update={"answer": "already answered"})]
    })
    with pytest.raises(BadInput, match="q3"):
        session.check_state(tampered, state.meta)
