"""The LLM judge against the loopback fake chat-completions server (never real OpenAI)."""

from __future__ import annotations

import json

import pytest

from estel.cli import main
from estel.config import load_settings
from estel.evals import EvalConfig, EvalRun, run_eval
from estel.evals.judge import (
    JUDGE_MAX_COMPLETION_TOKENS,
    RUBRIC,
    JudgeReply,
    judge_run,
    make_judge,
    render_interview,
)
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
    # the client's structured-output parse: a strict json_schema made from JudgeReply
    formats = [r["response_format"] for r in requests]
    assert [f["type"] for f in formats] == ["json_schema"] * 2
    assert formats[0]["json_schema"]["name"] == "JudgeReply"
    assert formats[0]["json_schema"]["strict"] is True
    assert {r["model"] for r in requests} == {"judge-model"}
    assert {r["max_completion_tokens"] for r in requests} == {JUDGE_MAX_COMPLETION_TOKENS}
    assert "JSON" in requests[0]["messages"][0]["content"]


def test_a_server_without_json_schema_gets_the_judge_in_json_object_mode(fake_openai) -> None:
    from fake_openai import error

    run = _run(["strong"])
    fake_openai.judge_script.extend([error(400, "response_format json_schema is not supported"),
                                     MIXED])
    judge_run(run, make_judge(load_settings(), model="judge-model"))
    assert run.interviews[0].judgement["grades"] == {k: v for k, v in MIXED.items()
                                                     if k != "reasons"}
    formats = [r["response_format"]["type"] for r in fake_openai.judge_requests()]
    assert formats == ["json_schema", "json_object"]


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


def test_a_run_whose_every_judgement_failed_says_so(fake_openai) -> None:
    from estel.evals.report import format_run

    run = _run(["strong", "weak"])
    fake_openai.judge_script.extend(["junk"] * 4)  # both interviews: a reply and its re-ask
    judge_run(run, make_judge(load_settings(), model="judge-model"))
    metrics = run.metrics
    assert metrics.judge is None
    assert (metrics.judged, metrics.judge_failures) == (0, 2)
    assert metrics.judge_failure is not None
    assert metrics.judge_failure.startswith("strong / Nurse: invalid judge reply: ")
    text = format_run(run)
    assert "judge (judge-model): 0 of 2 interviews graded; 2 failed" in text
    assert metrics.judge_failure in text


def test_a_partly_failed_judge_counts_the_graded_and_the_failed(fake_openai) -> None:
    from estel.evals.report import format_run

    run = _run(["strong", "weak", "average"])
    fake_openai.judge_script.extend([MIXED, 500])  # the third gets the default all-true grade
    judge_run(run, make_judge(load_settings()))
    metrics = run.metrics
    assert (metrics.judged, metrics.judge_failures) == (2, 1)
    assert metrics.judge_failure == "weak / Nurse: judge call failed: InternalServerError"
    assert metrics.judge is not None
    assert metrics.judge["non_repeating"] == 0.5  # of the two graded, not of all three
    assert "judge (fake-model): 2 of 3 interviews graded; 1 failed" in format_run(run)


def test_a_run_without_the_judge_says_nothing_about_it(offline_run) -> None:
    from estel.evals.report import format_run

    metrics = offline_run.metrics
    assert (metrics.judged, metrics.judge_failures, metrics.judge_failure) == (0, 0, None)
    assert "judge" not in format_run(offline_run)


def test_cli_reports_the_judges_failures_in_text_and_json(
    fake_openai, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["eval", "--brain", "openai", "--judge", "--personas", "strong", "--roles", "Nurse",
            "--questions", "2"]
    fake_openai.judge_script.extend(["junk", "junk"])
    main([*args, "--json"])
    metrics = json.loads(capsys.readouterr().out)["metrics"]
    assert (metrics["judged"], metrics["judge_failures"]) == (0, 1)
    assert metrics["judge_failure"].startswith("strong / Nurse: invalid judge reply")
    fake_openai.judge_script.extend([500])
    main(args)
    out = capsys.readouterr().out
    assert "judge (fake-model): 0 of 1 interviews graded; 1 failed — first: strong / Nurse: " \
           "judge call failed: InternalServerError" in out


def test_a_comparison_shows_each_sides_judge_failures(fake_openai) -> None:
    from estel.evals.report import compare_rows

    a, b = _run(["strong"]), _run(["strong"])
    fake_openai.judge_script.extend(["junk", "junk"])  # A's judgement and its re-ask fail
    judge = make_judge(load_settings())
    judge_run(a, judge)
    judge_run(b, judge)
    row = next(r for r in compare_rows(a, b) if r[0] == "judge failures")
    assert row == ["judge failures", "1", "0", "-1 ▲"]
