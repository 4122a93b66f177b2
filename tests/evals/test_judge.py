"""The LLM judge against the loopback fake chat-completions server (never real OpenAI)."""

from __future__ import annotations

import json

import pytest

from estel.cli import main
from estel.config import load_settings
from estel.evals import EvalConfig, EvalRun, run_eval
from estel.evals.judge import RUBRIC, JudgeReply, judge_run, make_judge, render_interview
from estel.evals.metrics import JUDGE_CRITERIA

MIXED = {"relevant": True, "non_repeating": False, "phase_appropriate": True,
         "adapts_to_answer": False, "feedback_actionable": True, "reasons": {}}


def _run(personas: list[str]) -> EvalRun:
    return run_eval(EvalConfig(brain="openai", personas=personas, roles=["Nurse"],
                               questions_target=2))


def test_rubric_matches_the_metrics_criteria() -> None:
    assert tuple(RUBRIC) == JUDGE_CRITERIA == tuple(JudgeReply.model_fields)[:5]


def test_judge_grades_each_interview_in_json_mode(fake_openai) -> None:
    run = _run(["strong", "prompt-injector"])
    fake_openai.judge_script.extend([MIXED])  # then the server's all-true default
    judge_run(run, make_judge(load_settings(), model="judge-model"))
    first, second = (i.judgement for i in run.interviews)
    assert first["grades"] == {k: v for k, v in MIXED.items() if k != "reasons"}
    assert second["grades"] == dict.fromkeys(JUDGE_CRITERIA, True)
    assert second["reasons"] == {"relevant": "Questions fit the role."}
    assert first["tokens"] == 150
    assert first["error"] is None
    assert run.judge_model == "judge-model"
    assert run.metrics.judge == {"relevant": 1.0, "non_repeating": 0.5,
                                 "phase_appropriate": 1.0, "adapts_to_answer": 0.5,
                                 "feedback_actionable": 1.0}
    requests = fake_openai.judge_requests()
    assert [r["response_format"] for r in requests] == [{"type": "json_object"}] * 2
    assert {r["model"] for r in requests} == {"judge-model"}
    assert "JSON" in requests[0]["messages"][0]["content"]


def test_candidate_answers_reach_the_judge_fenced_as_data(fake_openai) -> None:
    run = _run(["prompt-injector"])
    text = render_interview(run.interviews[0])
    injected = run.interviews[0].turns[1].answer
    assert f"<answer>{injected}</answer>" in text
    assert "Final feedback:" in text
    assert '"overall"' in text
    judge_run(run, make_judge(load_settings()))
    user = fake_openai.judge_requests()[0]["messages"][1]["content"]
    assert user.startswith("<interview>\n")
    assert injected in user


def test_an_invalid_reply_is_asked_again(fake_openai) -> None:
    run = _run(["weak"])
    fake_openai.judge_script.extend([{**MIXED, "relevant": "yes"}, MIXED])
    judge_run(run, make_judge(load_settings()))
    judgement = run.interviews[0].judgement
    assert judgement["grades"]["relevant"] is True
    assert judgement["error"] is None
    second = fake_openai.judge_requests()[1]["messages"]
    assert second[-1]["role"] == "user"
    assert "relevant" in second[-1]["content"]
    assert second[-2]["role"] == "assistant"


@pytest.mark.parametrize("script", [["not json", "still not json"], [500]])
def test_judge_failures_are_recorded_not_raised(fake_openai, script: list) -> None:
    run = _run(["average"])
    fake_openai.judge_script.extend(script)
    judge_run(run, make_judge(load_settings()))
    judgement = run.interviews[0].judgement
    assert judgement["grades"] is None
    assert judgement["error"]
    assert run.metrics.judge is None  # no interview was graded


def test_cli_judge_adds_rubric_rows(fake_openai, capsys: pytest.CaptureFixture[str]) -> None:
    fake_openai.score_by_marker = {"percent": 8.0}  # the strong persona's answers have numbers
    code = main(["eval", "--brain", "openai", "--judge", "--personas", "strong,average",
                 "--roles", "Nurse", "--questions", "2", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0
    assert doc["judge_model"] == "fake-model"
    assert doc["metrics"]["judge"]["feedback_actionable"] == 1.0
    assert all(i["judgement"]["grades"] for i in doc["interviews"])
