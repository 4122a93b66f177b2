"""Unit tests of the lab's read side (estel.lab.turns), background runs (estel.lab.jobs) and
figures (estel.lab.charts)."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from estel.analysis.answer import analyse_answer
from estel.brains.base import TurnContext, TurnDraft
from estel.brains.scripted import ScriptedBrain, default_draft
from estel.config import load_settings
from estel.errors import BadInput
from estel.evals import EvalConfig, EvalRun, run_eval
from estel.evals.results import InterviewRun, TurnRecord
from estel.lab.charts import lab_latency_bars, lab_score_bars
from estel.lab.jobs import STOPPED, LabJob, StoppableBrain, start_job
from estel.lab.turns import (
    answer_features,
    interview_label,
    parsed_draft,
    persona_overall,
    transcript,
    turn_label,
    turn_view,
)


def _offline(personas: tuple[str, ...] = ("strong", "weak"), questions: int = 3) -> EvalRun:
    return run_eval(EvalConfig(brain="offline", personas=personas, roles=["Data Scientist"],
                               questions_target=questions))


def _wait(job: LabJob, limit_s: float = 30) -> None:
    deadline = time.monotonic() + limit_s  # a bound on waiting, not a timing assertion
    while not job.finished and time.monotonic() < deadline:
        time.sleep(0.01)
    assert job.finished, "the job did not finish"


def test_transcript_pairs_each_question_with_the_answer_and_assessment_after_it() -> None:
    interview = _offline(("strong",), 3).interviews[0]
    items = transcript(interview)
    assert [i.number for i in items] == [1, 2, 3]
    assert [i.phase for i in items] == ["intro", "behavioural", "wrap_up"]
    for item, reply in zip(items, interview.turns[1:], strict=True):
        assert item.answer == reply.answer
        assert item.assessment == reply.assessment
    assert items[0].question == interview.turns[0].question["question"]


def test_transcript_of_an_interview_that_stopped_leaves_the_open_question_unanswered() -> None:
    interview = _offline(("strong",), 3).interviews[0]
    interview.turns = interview.turns[:2]
    items = transcript(interview)
    assert items[-1].answer is None
    assert items[-1].assessment is None
    assert interview_label(interview) == "strong · Data Scientist · stopped"


def test_offline_turn_view_has_no_model_exchange_but_a_note_and_features() -> None:
    interview = _offline(("strong",), 3).interviews[0]
    view = turn_view(interview, 2)
    assert not view.talks_to_a_model
    assert view.brain == "offline"
    assert view.answered_question == interview.turns[0].question["question"]
    assert view.answered_phase == "intro"
    assert view.note == interview.turns[1].assessment["note"]
    features = answer_features(view)
    assert features is not None
    counted = analyse_answer(view.answer, view.answered_question, phase="intro")
    assert features["words"] == counted.words > 50
    assert features["numbers"] == counted.numbers
    assert answer_features(turn_view(interview, 1)) is None  # the opening has no answer
    assert turn_label(interview.turns[1]) == "Turn 2 · question · q2"
    assert turn_label(interview.turns[-1]) == "Turn 4 · feedback · feedback"


def test_turn_view_of_a_model_turn_shows_messages_reply_errors_and_tokens() -> None:
    reply = '{"assessment": {"communication": 7}}'
    trace = {"brain": "openai", "model": "m", "prompt_version": "v9", "json_mode": "json_object",
             "prompt_tokens": 10, "completion_tokens": 5, "latency_ms": 12.5, "attempts": 2,
             "messages": [{"role": "system", "content": "S"}, {"role": "user", "content": "U"}],
             "raw_reply": reply, "validation_errors": ["assessment.content: Field required"],
             "warning": None}
    failed = TurnRecord(number=1, kind="opening", trace=trace, problem="The reply was invalid.",
                        error_kind="brain_failure", elapsed_ms=20.0)
    interview = InterviewRun("strong", "Data Scientist", {"questions_target": 2}, [failed])
    view = turn_view(interview, 1)
    assert view.talks_to_a_model
    assert (view.raw_reply, view.messages[1]["content"]) == (reply, "U")
    assert view.validation_errors == ["assessment.content: Field required"]
    assert (view.prompt_tokens, view.completion_tokens, view.attempts) == (10, 5, 2)
    assert view.latency_ms == 12.5  # the brain's own measurement wins over elapsed_ms
    assert view.draft is None
    assert view.problem == "The reply was invalid."
    assert turn_label(failed) == "Turn 1 · opening · failed ✗"


def test_parsed_draft_holds_the_assessment_and_the_question_texts_only() -> None:
    interview = _offline(("strong",), 2).interviews[0]
    draft = parsed_draft(interview.turns[1])
    assert set(draft) == {"assessment", "question"}
    assert set(draft["question"]) == {"question", "topic", "difficulty", "helper_hint"}
    final = parsed_draft(interview.turns[-1])
    assert set(final) == {"assessment", "feedback"}
    assert final["feedback"]["summary"] == interview.turns[-1].feedback["summary"]


def test_persona_overall_follows_the_run_config_order() -> None:
    run = _offline(("weak", "strong"))
    overall = persona_overall(run)
    assert list(overall) == ["weak", "strong"]
    assert overall["strong"] > overall["weak"]


def test_a_job_plays_every_side_and_saves_them() -> None:
    saved: list[list[EvalRun]] = []
    configs = [EvalConfig(brain=b, personas=["strong"], roles=["Data Scientist"],
                          questions_target=2, label=f"{s} · {b}")
               for s, b in (("A", "offline"), ("B", "scripted"))]
    job = start_job(configs, 1, save=lambda runs: saved.append(list(runs)) or None)
    _wait(job)
    assert job.error is None
    assert [r.label for r in job.runs] == ["A · offline", "B · scripted"]
    assert saved == [job.runs]
    assert job.fraction == 1.0
    assert job.status().startswith("Finished in")


def test_a_job_reports_a_save_problem_and_a_run_error() -> None:
    config = EvalConfig(brain="scripted", personas=["strong"], roles=["Data Scientist"],
                        questions_target=1)
    job = start_job([config], 1, save=lambda runs: "disk full")
    _wait(job)
    assert job.save_problem == "disk full"
    bad = start_job([EvalConfig(brain="scripted", personas=["nobody"])], 1)
    _wait(bad)
    assert bad.error is not None
    assert "Unknown persona" in bad.error


def test_a_brain_that_cannot_be_built_fails_before_any_thread() -> None:
    no_key = load_settings(environ={})
    with pytest.raises(BadInput, match="OPENAI_API_KEY"):
        start_job([EvalConfig(brain="openai", settings=no_key)], 1)


class _Gate:
    """A brain step that blocks the first turn until released (to stop a job mid-run)."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()

    def __call__(self, ctx: TurnContext) -> TurnDraft:
        self.entered.set()
        assert self.release.wait(10)
        return default_draft(ctx)


def test_stopping_a_job_fails_the_remaining_turns_fast_and_skips_saving() -> None:
    gate = _Gate()
    saved: list[Any] = []
    config = EvalConfig(brain="scripted", personas=["strong", "weak"], roles=["Data Scientist"],
                        questions_target=3,
                        brain_factory=lambda prompt: ScriptedBrain([gate]))
    job = start_job([config, config], 2, save=lambda runs: saved.append(runs))
    assert gate.entered.wait(10)
    assert job.fraction == 0.0
    job.stop()
    gate.release.set()
    _wait(job)
    assert job.stopped
    assert saved == []
    assert len(job.runs) == 2
    for run in job.runs:
        for interview in run.interviews:
            assert not interview.finished
            assert STOPPED in (interview.error or "")


def test_stoppable_brain_passes_through_until_stopped() -> None:
    stop = threading.Event()
    brain = StoppableBrain(ScriptedBrain(), stop)
    assert (brain.name, brain.label) == ("scripted", "Scripted (tests)")
    run = run_eval(EvalConfig(brain="scripted", personas=["strong"], roles=["QA"],
                              questions_target=1, brain_factory=lambda p: brain))
    assert run.interviews[0].finished
    stop.set()
    run = run_eval(EvalConfig(brain="scripted", personas=["strong"], roles=["QA"],
                              questions_target=1, brain_factory=lambda p: brain))
    assert run.interviews[0].error == f"turn 1: {STOPPED}"


def test_lab_score_bars_groups_one_trace_per_run_with_gaps_for_missing_scores() -> None:
    fig = lab_score_bars({"A · x": {"strong": 8.0, "weak": 2.5}, "B · y": {"strong": 6.0}},
                         ["strong", "weak"])
    assert fig.layout.barmode == "group"
    assert [t.name for t in fig.data] == ["A · x", "B · y"]
    assert list(fig.data[0].y) == [8.0, 2.5]
    assert list(fig.data[1].y) == [6.0, None]
    assert list(fig.data[1].text) == ["6.0", ""]
    assert list(fig.data[1].customdata) == ["6.00", "n/a"]
    assert fig.data[0].marker.color != fig.data[1].marker.color
    assert tuple(fig.layout.yaxis.range) == (0, 10.8)


def test_lab_latency_bars_labels_each_run() -> None:
    fig = lab_latency_bars({"A": 1234.5, "B": None})
    assert list(fig.data[0].y) == ["A", "B"]
    assert list(fig.data[0].text) == ["1,234 ms", "n/a"]
