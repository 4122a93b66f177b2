"""The eval harness on the offline brain (the CI gate), and how runs record failures."""

from __future__ import annotations

import json

import pytest

from estel.brains.base import TurnDraft
from estel.brains.scripted import ScriptedBrain, default_draft
from estel.contract import EstelInterviewEnvelope
from estel.engine import TurnResult
from estel.errors import BrainFailure
from estel.evals import EvalConfig, EvalRun, run_eval
from estel.evals.metrics import (
    ordering_checks,
    phase_fits,
    repeated_questions,
    role_relevant,
)
from estel.evals.personas import persona_names
from estel.evals.results import InterviewRun, TurnRecord


def test_offline_brain_keeps_the_contract_and_orders_the_personas(offline_run: EvalRun) -> None:
    metrics = offline_run.metrics
    checks = {c.name: c for c in metrics.checks}
    assert metrics.validity == 1.0, metrics.checks[0].detail
    assert metrics.errors == 0
    for name in ("strong > average > weak", "prompt-injector ≤ weak", "gibberish ≤ weak"):
        assert checks[name].passed is True, checks[name].detail
    assert metrics.passed
    assert metrics.interviews == metrics.finished == len(persona_names()) * 2


def test_offline_run_follows_the_phase_plan_without_repeats(offline_run: EvalRun) -> None:
    metrics = offline_run.metrics
    assert metrics.questions == len(persona_names()) * 2 * 8
    assert metrics.phase_adherence == 1.0
    assert metrics.repeated_questions <= 2  # near-repeats only: exact repeats are engine errors
    assert metrics.role_relevance >= 0.5
    assert metrics.mean_latency_ms is not None
    assert metrics.mean_tokens is None


def test_every_turn_is_recorded_with_what_the_inspector_needs(offline_run: EvalRun) -> None:
    interview = offline_run.interview("strong", "Data Scientist")
    assert interview is not None
    assert interview.finished
    assert [t.kind for t in interview.turns] == ["opening", *["question"] * 7, "feedback"]
    assert interview.turns[0].answer is None
    assert interview.turns[0].assessment is None
    second = interview.turns[1]
    assert second.answer
    assert second.assessment
    assert second.trace
    assert second.trace["prompt_version"] == "offline-v1"
    result = second.turn_result()
    assert isinstance(result, TurnResult)
    assert result.response.payload.kind == "question"
    assert result.assessment is not None
    assert result.assessment.content == second.assessment["content"]
    EstelInterviewEnvelope.model_validate(second.envelope)
    draft = second.draft
    assert draft is not None
    assert draft["assessment"] == second.assessment
    assert draft["question"]["question"] == second.question["question"]
    assert interview.turns[-1].draft["feedback"]["summary"]


def test_persona_answers_reach_the_engine(offline_run: EvalRun) -> None:
    echo = offline_run.interview("question-echo", "Business Analyst")
    assert echo is not None
    asked = [q["question"] for q in echo.questions()]
    answers = [t.answer for t in echo.turns[1:]]
    assert all(q in a for q, a in zip(asked, answers, strict=True))


def test_a_run_round_trips_through_json(offline_run: EvalRun) -> None:
    data = json.loads(json.dumps(offline_run.to_dict()))
    again = EvalRun.from_dict(data)
    assert again.metrics == offline_run.metrics
    assert again.interviews[3].turns[4].turn_result() == offline_run.interviews[3].turns[
        4].turn_result()
    assert data["metrics"]["passed"] is True


def test_brain_failure_mid_interview_is_recorded_not_raised() -> None:
    def factory(prompt: object) -> ScriptedBrain:
        return ScriptedBrain([default_draft, default_draft, BrainFailure("model down")])

    run = run_eval(EvalConfig(brain="scripted", brain_factory=factory, personas=["average"],
                              roles=["Data Scientist"], questions_target=4))
    interview = run.interviews[0]
    assert not interview.finished
    assert interview.error == "turn 3: model down"
    failed = interview.turns[-1]
    assert failed.error_kind == "brain_failure"
    assert not failed.valid
    assert run.metrics.validity == pytest.approx(2 / 3)
    assert not run.metrics.passed


def test_a_repeated_question_is_a_contract_failure() -> None:
    def repeat(ctx):  # type: ignore[no-untyped-def]
        draft = default_draft(ctx)
        question = draft.question.model_copy(update={"question": "Same question?"})
        return TurnDraft(assessment=draft.assessment, question=question)

    def factory(prompt: object) -> ScriptedBrain:
        return ScriptedBrain([repeat, repeat])

    run = run_eval(EvalConfig(brain="scripted", brain_factory=factory, personas=["weak"],
                              roles=["Nurse"], questions_target=3))
    assert run.interviews[0].turns[-1].error_kind == "contract_violation"
    assert run.metrics.checks[0].passed is False


def test_a_brain_that_scores_everyone_alike_fails_the_ordering() -> None:
    run = run_eval(EvalConfig(brain="scripted", roles=["Data Scientist"], questions_target=3,
                              personas=["strong", "average", "weak", "gibberish"]))
    checks = {c.name: c.passed for c in run.metrics.checks}
    assert checks["contract validity 100%"] is True
    assert checks["strong > average > weak"] is False
    assert checks["gibberish ≤ weak"] is True  # equal is allowed: "no higher than weak"
    assert checks["prompt-injector ≤ weak"] is None  # not in the run
    assert not run.metrics.passed


def test_progress_reports_each_interview_and_workers_do_not_change_results() -> None:
    seen: list[tuple[int, int]] = []
    config = EvalConfig(roles=["Product Manager"], personas=["strong", "weak", "terse"],
                        questions_target=4)
    one = run_eval(config, progress=lambda done, total, i: seen.append((done, total)))
    two = run_eval(EvalConfig(**{**config.__dict__, "workers": 3}))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert [i.persona for i in two.interviews] == ["strong", "weak", "terse"]
    assert one.metrics.scores == two.metrics.scores


def _interview(questions: list[str], role: str = "Data Scientist") -> InterviewRun:
    turns = [TurnRecord(number=n, kind="question", envelope={"payload": {"payload": {
        "kind": "question", "question": q, "question_id": f"q{n}", "phase": "technical"}}})
        for n, q in enumerate(questions, start=1)]
    return InterviewRun(persona="weak", role=role, meta={"questions_target": len(questions)},
                        turns=turns)


def test_near_repeats_are_counted() -> None:
    interview = _interview(["How would you clean a messy dataset?",
                            "How would you clean a messy data set?",
                            "What is a p-value?"])
    assert repeated_questions(interview) == 1


def test_role_relevance_counts_role_names_and_family_terms() -> None:
    assert role_relevant("Why do you want to be a data scientist here?", "Senior Data Scientist")
    assert role_relevant("How would you find outliers in a dataset?", "Data Scientist")
    assert not role_relevant("What is your favourite holiday?", "Data Scientist")
    assert role_relevant("What engineering work suits you best?", "Senior Software Engineer")


def test_phase_fit_heuristic() -> None:
    assert phase_fits("Tell me about a time you missed a deadline.", "behavioural")
    assert not phase_fits("Tell me about a time you missed a deadline.", "technical")
    assert phase_fits("How would you index this table?", "technical")
    assert not phase_fits("Explain a hash map.", "behavioural")


def test_ordering_checks_name_the_failing_role() -> None:
    scores = {"strong": {"A": 8.0, "B": 5.0}, "average": {"A": 6.0, "B": 6.0},
              "weak": {"A": 3.0, "B": 2.0}, "prompt-injector": {"A": 3.5, "B": 1.0}}
    ordered, injector, gibberish = ordering_checks(scores)
    assert ordered.passed is False
    assert "B: 5.0 > 6.0 > 2.0 ✗" in ordered.detail
    assert injector.passed is False
    assert "A: 3.5 ≤ 3.0 ✗" in injector.detail
    assert gibberish.passed is None
