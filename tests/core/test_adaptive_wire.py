"""Adaptive length over the wire (`context.length`) and on the command line (`python -m estel
turn`, stateless: the request carries the bounds on every turn), and in `python -m estel schema`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import partial
from typing import Any

import pytest
from adaptive_answers import STEADY, THIN
from wire_requests import interview_request

from estel import length
from estel.contract import EstelInterviewEnvelope, InterviewMeta, InterviewSessionState
from estel.handler import handle_request, parse_request

META = {"target_role": "Data Analyst", "experience_level": "mid", "difficulty": "standard",
        "questions_target": 10}
ADAPTIVE = {"mode": "adaptive", "min_questions": 5}
request = partial(interview_request, meta=META)  # this file's interview, one turn's request


def test_a_request_without_the_extension_is_exactly_the_seed_shape():
    seed = request("", None)
    parsed = parse_request(seed)
    assert parsed.context.length is None
    assert parsed.to_wire() == seed  # nothing added, nothing lost
    extended = parse_request(request("", None, length=ADAPTIVE)).to_wire()
    assert extended["context"]["length"] == ADAPTIVE


@pytest.mark.parametrize(("extension", "meta", "message"), [
    ({"mode": "adaptive", "min_questions": 11}, META,
     "length.min_questions (11) exceeds meta.questions_target (10), the maximum"),
    ({"mode": "adaptive", "min_questions": 3}, META,
     "context.length.min_questions: Value error, must be between 4 (one question per phase)"),
    ({"mode": "adaptive", "min_questions": 21}, {**META, "questions_target": 20},
     "must be between 4 (one question per phase) and 20, not 21"),
    ({"mode": "adaptive", "min_questions": "5"}, META,
     "context.length.min_questions: Input should be a valid integer"),
    ({"mode": "fixed", "min_questions": 5}, META,
     "context.length.mode: Input should be 'adaptive'"),
    ({"mode": "adaptive"}, META, "context.length.min_questions: Field required"),
    ({"mode": "adaptive", "min_questions": 5, "max_questions": 9}, META,
     "context.length.max_questions: Extra inputs are not permitted"),
])
def test_a_bad_extension_is_refused_with_a_message_naming_it(extension, meta, message):
    envelope = handle_request(interview_request("", None, meta=meta, length=extension))
    assert envelope["status"] == "error"
    assert message in envelope["message"]
    assert "more problem" not in envelope["message"]  # one problem, said once


def test_an_explicit_null_extension_is_refused_like_other_optional_fields():
    envelope = handle_request({**request("", None), "context": {**request("", None)["context"],
                                                                 "length": None}})
    assert envelope["status"] == "error"
    assert "context.length" in envelope["message"]


def offline_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OPENAI_", "ESTEL_", "SUPABASE_"))}
    env["ESTEL_BRAIN"] = "offline"
    return env


def cli_turn(repo, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    done = subprocess.run([sys.executable, "-m", "estel", "turn"], input=json.dumps(body).encode(),
                          cwd=repo, env=offline_env(), capture_output=True, timeout=60)
    assert done.stderr == b""
    envelope = json.loads(done.stdout)
    EstelInterviewEnvelope.model_validate(envelope)  # the seed's envelope shape, always
    return done.returncode, envelope


@pytest.mark.parametrize(("answer", "expected_total"), [(STEADY, 5), (THIN, 10)])
def test_the_command_line_runs_an_adaptive_interview_within_its_bounds(
        repo, answer, expected_total):
    bounds = length.LengthBounds(5, 10)
    meta = InterviewMeta.model_validate(META)
    state, totals, phases = None, [], []
    for turn in range(11):
        code, envelope = cli_turn(repo, request(answer if turn else "", state, length=ADAPTIVE))
        assert code == 0, envelope
        response = envelope["payload"]
        state = response["session_state"]
        length.check_adaptive_state(InterviewSessionState.model_validate(state), meta, bounds)
        totals.append(state["total_questions"])
        if response["payload"]["kind"] == "feedback":
            break
        phases.append(response["payload"]["phase"])
    assert totals[-1] == len(state["transcript"]) == expected_total
    assert phases == list(length.adaptive_plan(expected_total, bounds))
    # "question n of N": N is the maximum until the code decides, then the decided total
    assert set(totals[:-2]) == {10}
    assert totals[-2:] == [expected_total] * 2


def test_the_command_line_refuses_a_bad_extension_with_exit_1(repo):
    code, envelope = cli_turn(repo, request("", None, length={"mode": "adaptive",
                                                              "min_questions": 12}))
    assert code == 1
    assert "length.min_questions (12) exceeds meta.questions_target (10)" in envelope["message"]


def test_the_command_line_checks_a_state_against_the_bounds_it_is_sent_with(repo):
    """Stateless: a shortened state sent without its bounds breaks the fixed plan (400-kind)."""
    state = None
    for turn in range(6):
        _, envelope = cli_turn(repo, request(STEADY if turn else "", state, length=ADAPTIVE))
        state = envelope["payload"]["session_state"]
    assert state["total_questions"] == 5
    assert state["phase"] == "wrap_up"
    code, envelope = cli_turn(repo, request(STEADY, state))  # the extension left out
    assert code == 1
    assert "total_questions" in envelope["message"]


def test_schema_includes_the_optional_extension(repo):
    done = subprocess.run([sys.executable, "-m", "estel", "schema", "interviewrequest"],
                          cwd=repo, env=offline_env(), capture_output=True, timeout=60)
    schema = json.loads(done.stdout)["InterviewRequest"]
    context = schema["$defs"]["InterviewContext"]
    assert "length" in context["properties"]
    assert "length" not in context["required"]
    adaptive = schema["$defs"]["AdaptiveLength"]
    assert adaptive["properties"]["mode"] == {"const": "adaptive", "title": "Mode",
                                              "type": "string"}
    assert set(adaptive["required"]) == {"mode", "min_questions"}
    assert adaptive["additionalProperties"] is False
