"""Adaptive length (estel/length.py): whole interviews over hypothesis-generated answer sequences
never break the session rules; fixed lengths 1..20 keep holding too."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from estel import length, session
from estel.contract import InterviewMeta, InterviewSessionState, SessionScores
from estel.errors import BadInput

RUN = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
score = st.floats(min_value=0, max_value=10, allow_nan=False)
answer = st.tuples(score, score, score, st.integers(min_value=1, max_value=120), st.booleans())


def meta(total: int) -> InterviewMeta:
    return InterviewMeta(target_role="Data Analyst", experience_level="mid",
                         difficulty="standard", questions_target=total)


def scores(c: float, n: float, f: float) -> SessionScores:
    return SessionScores(communication=c, content=n, confidence=f)


def words(count: int) -> str:
    return " ".join(["word"] * count)


def run_adaptive(bounds: length.LengthBounds, answers: list) -> list[InterviewSessionState]:
    """Every state of one adaptive interview, each checked as a client would send it back."""
    m = meta(bounds.max_questions)
    state = session.opening_state(m, "Question 1?", "topic")
    states = [state]
    answers = iter(answers)
    while not session.is_finished(state):
        length.check_adaptive_state(state, m, bounds)
        comm, content, conf, count, proposes = next(answers, (5.0, 5.0, 5.0, 40, False))
        answered = state.question_index
        after = session.next_scores(state.score_so_far, answered - 1, scores(comm, content, conf))
        evidence = length.Evidence(before=state.score_so_far, after=after, answer_words=count,
                                   brain_proposes_end=proposes)
        total = length.next_total(answered, state.total_questions, bounds, evidence)
        if answered == total:
            state = session.finished_state(state, words(count), after)
        else:
            number = answered + 1
            state = length.advanced_state(state, words(count), after, f"Question {number}?",
                                          "topic", total, bounds)
        states.append(state)
    length.check_adaptive_state(state, m, bounds)
    return states


@st.composite
def bounds_and_answers(draw):
    low = draw(st.integers(min_value=length.MIN_ADAPTIVE_QUESTIONS, max_value=20))
    high = draw(st.integers(min_value=low, max_value=20))
    return length.LengthBounds(low, high), draw(st.lists(answer, min_size=0, max_size=20))


@RUN
@given(bounds_and_answers())
def test_adaptive_interviews_never_break_the_rules(case):
    bounds, answers = case
    states = run_adaptive(bounds, answers)
    final = states[-1]
    assert bounds.min_questions <= final.total_questions <= bounds.max_questions
    assert len(final.transcript) == final.total_questions
    plan = length.adaptive_plan(final.total_questions, bounds)
    # no question ever changes phase: each turn's phase is the final plan's phase
    for state in states[:-1]:
        assert state.phase == plan[state.question_index - 1]
        assert state.total_questions in (bounds.max_questions, final.total_questions)
    totals = [state.total_questions for state in states]
    assert totals == sorted(totals, reverse=True)  # the total never grows
    # every phase is covered before the end
    assert {"intro", "behavioural", "technical", "wrap_up"} <= set(plan)


@RUN
@given(st.integers(min_value=4, max_value=20), st.integers(min_value=0, max_value=16),
       st.lists(answer, max_size=20))
def test_thin_answers_keep_the_interview_going(low, extra, answers):
    bounds = length.LengthBounds(low, min(20, low + extra))
    thin = [(c, n, f, length.THIN_ANSWER_WORDS - 1, True) for c, n, f, _, _ in answers]
    thin += [(5.0, 5.0, 5.0, 1, True)] * 20
    assert run_adaptive(bounds, thin)[-1].total_questions == bounds.max_questions


@pytest.mark.parametrize(("low", "high"), [(4, 12), (5, 12), (6, 6), (4, 20), (19, 20)])
def test_steady_substantial_answers_end_at_the_minimum(low, high):
    steady = [(6.0, 6.0, 6.0, 60, False)] * 20
    final = run_adaptive(length.LengthBounds(low, high), steady)[-1]
    assert final.total_questions == low


def test_a_moving_score_goes_on_until_the_brain_proposes_to_end():
    bounds = length.LengthBounds(5, 12)
    # alternate extremes: the mean keeps moving by more than STABLE_DELTA for a while
    swinging = [(10.0, 10.0, 10.0, 60, False), (0.0, 0.0, 0.0, 60, False)] * 3
    swinging += [(5.0, 5.0, 5.0, 60, True)] * 14
    final = run_adaptive(bounds, swinging)[-1]
    assert bounds.min_questions < final.total_questions < bounds.max_questions


def test_a_brain_proposal_does_not_end_before_the_minimum_or_after_a_thin_answer():
    bounds = length.LengthBounds(6, 10)
    evidence = length.Evidence(before=scores(5, 5, 5), after=scores(9, 9, 9), answer_words=80,
                               brain_proposes_end=True)
    assert length.next_total(3, 10, bounds, evidence) == 10  # core not asked yet
    assert length.next_total(5, 10, bounds, evidence) == 6  # past the core: the proposal holds
    thin = length.Evidence(before=scores(5, 5, 5), after=scores(5, 5, 5), answer_words=3,
                           brain_proposes_end=True)
    assert length.next_total(5, 10, bounds, thin) == 10


def test_the_plan_extras_are_technical_between_core_and_wrap_up():
    bounds = length.LengthBounds(5, 8)
    assert length.adaptive_plan(5, bounds) == session.phase_plan(5)
    assert length.adaptive_plan(8, bounds) == (
        "intro", "behavioural", "behavioural", "technical", "technical", "technical",
        "technical", "wrap_up")
    with pytest.raises(BadInput):
        length.adaptive_plan(9, bounds)


@pytest.mark.parametrize(("low", "high"), [(3, 8), (1, 1), (0, 5), (9, 8), (5, 21)])
def test_bounds_that_cannot_cover_every_phase_or_exceed_the_limit_are_refused(low, high):
    with pytest.raises(BadInput):
        length.LengthBounds(low, high)


def test_tampered_adaptive_states_are_refused():
    bounds = length.LengthBounds(5, 10)
    m = meta(10)
    steady = [(6.0, 6.0, 6.0, 60, False)] * 20
    states = run_adaptive(bounds, steady)
    wrap_open = states[-2]
    assert wrap_open.total_questions == 5
    assert wrap_open.question_index == 5
    # shrunk total while the wrap-up is not next
    early = states[2].model_copy(update={"total_questions": 5})
    with pytest.raises(BadInput, match="wrap-up"):
        length.check_adaptive_state(early, m, bounds)
    for total in (4, 11):
        bad = wrap_open.model_copy(update={"total_questions": total})
        with pytest.raises(BadInput):
            length.check_adaptive_state(bad, m, bounds)
    with pytest.raises(BadInput, match="questions_target"):
        length.check_adaptive_state(states[0], meta(10), length.LengthBounds(5, 9))
    wrong_phase = states[3].model_copy(update={"phase": "behavioural"})
    with pytest.raises(BadInput, match="phase"):
        length.check_adaptive_state(wrong_phase, m, bounds)


@RUN
@given(st.integers(min_value=1, max_value=20), st.lists(answer, max_size=20))
def test_fixed_lengths_1_to_20_keep_the_rules_over_random_answers(total, answers):
    m = meta(total)
    state = session.opening_state(m, "Question 1?", "topic")
    answers = iter(answers)
    while not session.is_finished(state):
        session.check_state(state, m)
        comm, content, conf, count, _ = next(answers, (5.0, 5.0, 5.0, 40, False))
        answered = state.question_index
        after = session.next_scores(state.score_so_far, answered - 1, scores(comm, content, conf))
        if answered == total:
            state = session.finished_state(state, words(count), after)
        else:
            state = session.advanced_state(state, words(count), after, f"Q{answered + 1}?", "t")
    session.check_state(state, m)
    assert state.total_questions == total == len(state.transcript)


def test_the_wire_extension_model_takes_only_a_minimum():
    assert length.AdaptiveLength(mode="adaptive", min_questions=5).min_questions == 5
    with pytest.raises(ValidationError, match=r"between 4 \(one question per phase\) and 20"):
        length.AdaptiveLength(mode="adaptive", min_questions=3)
    with pytest.raises(ValidationError, match="Extra inputs"):
        length.AdaptiveLength.model_validate({"mode": "adaptive", "min_questions": 5,
                                              "max_questions": 12})
