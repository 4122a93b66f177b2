"""`python -m estel turn` and `schema`: whole interviews in the seed's request shapes, exit codes,
no tracebacks for bad input. Subprocesses for the real surface, in-process for 1..20 (speed).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from typing import Any

import pytest

from estel import cli, session
from estel.contract import EstelInterviewEnvelope, InterviewSessionState
from estel.extensions import json_schemas

ANSWERS = [
    "I started as a support analyst, then moved into analysis because I liked finding causes.",
    "In my last role our churn report was wrong. I traced it to a duplicate join, fixed the "
    "query and added a test; the monthly numbers moved by 4% and finance signed off.",
    "I would first ask who uses the output and what decision it drives, then agree the metric.",
    "Honestly I am not sure, maybe I would ask someone.",
    "I led a migration of 30 dashboards to a new warehouse over six weeks with two engineers; "
    "we cut refresh time from 40 to 5 minutes.",
]


def offline_env() -> dict[str, str]:
    """The environment for a CLI subprocess: offline brain, no key, no network settings."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OPENAI_", "ESTEL_", "SUPABASE_"))}
    env["ESTEL_BRAIN"] = "offline"
    return env


def run_cli(repo, args: list[str], stdin: bytes | str) -> subprocess.CompletedProcess:
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    return subprocess.run([sys.executable, "-m", "estel", *args], input=data, cwd=repo,
                          env=offline_env(), capture_output=True, timeout=60)


def envelope_of(stdout: bytes) -> dict[str, Any]:
    text = stdout.decode("utf-8")
    assert text.endswith("\n"), text
    assert text.count("\n") == 1, text  # exactly one JSON line
    envelope = json.loads(text)
    assert EstelInterviewEnvelope.model_validate(envelope).to_wire() == envelope
    return envelope


def request_json(message: str, state: dict[str, Any] | None, meta: dict[str, Any]) -> str:
    return json.dumps({"message": message, "language": "en", "context": {
        "context": "interview_session", "meta": meta, "session_state": state}})


def check_turn(envelope: dict[str, Any], number: int, total: int) -> dict[str, Any]:
    """The turn after `number` answers; returns the state to echo back."""
    assert envelope["status"] == "success", envelope
    state = envelope["payload"]["session_state"]
    payload = envelope["payload"]["payload"]
    session.check_state(InterviewSessionState.model_validate(state),
                        InterviewSessionState.model_validate(state).meta)
    if number < total:
        assert payload["kind"] == "question"
        assert state["question_index"] == number + 1
        assert payload["question_id"] == f"q{number + 1}"
        assert payload["phase"] == session.phase_of(number + 1, total)
    else:
        assert payload["kind"] == "feedback"
        assert state["phase"] == "wrap_up"
        assert len(state["transcript"]) == total
        assert payload["scores"]["overall"] == session.overall(
            InterviewSessionState.model_validate(state).score_so_far)
    return state


@pytest.mark.parametrize("total", [1, 2, 8, 20])
def test_turn_runs_a_whole_interview_in_subprocesses(repo, meta, total):
    interview_meta = meta(total)
    state = None
    questions = []
    for number in range(total + 1):
        message = ANSWERS[number % len(ANSWERS)] if number else ""
        done = run_cli(repo, ["turn"], request_json(message, state, interview_meta))
        assert done.stderr == b""
        assert done.returncode == (0 if number <= total else 1)
        envelope = envelope_of(done.stdout)
        state = check_turn(envelope, number, total)
        if envelope["payload"]["payload"]["kind"] == "question":
            questions.append(envelope["payload"]["payload"]["question"])
    assert len(set(questions)) == total  # no question repeats within a session


def test_turn_with_the_seed_first_request_verbatim(repo, seed_first_turn):
    done = run_cli(repo, ["turn", "--brain", "offline"], seed_first_turn)
    assert (done.returncode, done.stderr) == (0, b"")
    envelope = envelope_of(done.stdout)
    assert envelope["payload"]["session_state"]["phase"] == "intro"
    assert envelope["payload"]["payload"]["difficulty"] == "medium"


BAD_STDIN = [(b"", "not valid JSON"), (b"{oops", "not valid JSON"), (b"\xff\xfe", "not UTF-8"),
             (b"[1, 2]", "must be a JSON object"), (b'{"message": 1}', "Invalid request")]


@pytest.mark.parametrize(("stdin", "fragment"), BAD_STDIN[:3])
def test_bad_input_gives_an_error_envelope_exit_1_and_no_traceback(repo, stdin, fragment):
    done = run_cli(repo, ["turn"], stdin)
    assert done.returncode == 1
    assert done.stderr == b""
    envelope = envelope_of(done.stdout)
    assert envelope["status"] == "error"
    assert fragment in envelope["message"]


def test_lone_surrogate_answer_exits_1_without_traceback(repo, meta):
    first = envelope_of(run_cli(repo, ["turn"], request_json("", None, meta(3))).stdout)
    text = request_json("bad \ud800 text", first["payload"]["session_state"], meta(3))
    assert "\\ud800" in text
    done = run_cli(repo, ["turn"], text)
    assert (done.returncode, done.stderr) == (1, b"")
    assert "invalid Unicode" in envelope_of(done.stdout)["message"]


@pytest.mark.parametrize(
    "args",
    [["turn", "--bogus"], ["turn", "--brain", "psychic"], ["no-such-command"], [],
     ["schema", "nope"]],
)
def test_usage_errors_exit_2_without_traceback(repo, args):
    done = run_cli(repo, args, b"")
    assert done.returncode == 2
    assert done.stdout == b""
    assert b"Traceback" not in done.stderr
    assert b"error" in done.stderr


def test_schema_prints_both_schemas_as_json(repo):
    done = run_cli(repo, ["schema"], b"")
    assert (done.returncode, done.stderr) == (0, b"")
    schemas = json.loads(done.stdout)
    assert schemas == json.loads(json.dumps(json_schemas()))
    assert set(schemas) == {"InterviewRequest", "EstelInterviewEnvelope"}
    assert schemas["InterviewRequest"]["additionalProperties"] is False
    assert set(schemas["EstelInterviewEnvelope"]["required"]) == {"brain", "mode", "status"}
    # the optional context extensions are in it, and not required
    context = schemas["InterviewRequest"]["$defs"]["InterviewContext"]
    assert "profile" in context["properties"]
    assert "profile" not in context["required"]
    profile = schemas["InterviewRequest"]["$defs"]["ProfileExtension"]
    assert profile["properties"]["job_description"]["maxLength"] == 20_000
    assert profile["properties"]["resume_text"]["maxLength"] == 30_000
    assert profile["additionalProperties"] is False
    assert "required" not in profile


def test_schema_can_print_one_schema(capsys):
    assert cli.main(["schema", "estel"]) == 0
    assert set(json.loads(capsys.readouterr().out)) == {"EstelInterviewEnvelope"}


class FakeStdin(io.TextIOWrapper):
    """sys.stdin stand-in with a .buffer, as cmd_turn reads bytes."""


def turn_in_process(monkeypatch, text: str | bytes) -> tuple[int, dict[str, Any]]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    stdin = FakeStdin(io.BytesIO(data), encoding="utf-8")
    stdout = io.StringIO()
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setattr(sys, "stdout", stdout)
    code = cli.main(["turn", "--brain", "offline"])
    return code, json.loads(stdout.getvalue())


@pytest.fixture
def offline_settings(monkeypatch):
    for name in [n for n in os.environ if n.startswith(("OPENAI_", "ESTEL_", "SUPABASE_"))]:
        monkeypatch.delenv(name)


@pytest.mark.parametrize("total", range(1, 21))
def test_cli_main_completes_every_length_in_process(monkeypatch, offline_settings, meta, total):
    interview_meta = meta(total, target_role="Frontend Developer", difficulty="hard")
    state = None
    for number in range(total + 1):
        message = ANSWERS[(number + total) % len(ANSWERS)] if number else ""
        code, envelope = turn_in_process(monkeypatch, request_json(message, state,
                                                                    interview_meta))
        assert code == 0, envelope
        state = check_turn(envelope, number, total)
    code, envelope = turn_in_process(monkeypatch, request_json("Again?", state, interview_meta))
    assert code == 1
    assert "already finished" in envelope["message"]


def test_cli_main_error_envelope_returns_1(monkeypatch, offline_settings):
    code, envelope = turn_in_process(monkeypatch, "not json")
    assert code == 1
    assert envelope == {"brain": "estel", "mode": "interview_session", "status": "error",
                        "message": "The request is not valid JSON."}


@pytest.mark.parametrize(("stdin", "fragment"), BAD_STDIN)
def test_cli_main_bad_input_returns_1_with_the_reason(monkeypatch, offline_settings, capsys,
                                                     stdin, fragment):
    code, envelope = turn_in_process(monkeypatch, stdin)
    assert code == 1
    assert envelope["status"] == "error"
    assert fragment in envelope["message"]
    assert capsys.readouterr().err == ""


def test_the_cli_configures_logging_on_stderr(repo):
    script = ("import contextlib, io, logging\n"
              "from estel.cli import main\n"
              "with contextlib.redirect_stdout(io.StringIO()):\n"
              "    main(['schema'])\n"
              "logging.getLogger('estel.check').warning('a warning')\n"
              "logging.getLogger('estel.check').info('not shown')\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=repo, capture_output=True,
                          text=True, timeout=60)
    assert done.stderr.splitlines() == ["WARNING estel.check: a warning"]
    assert done.stdout == ""


def test_serve_puts_the_estel_loggers_on_uvicorns_handler():
    from estel.server.cli import log_config

    config = log_config("debug")
    assert config["loggers"]["estel"] == {"handlers": ["default"], "level": "DEBUG",
                                          "propagate": False}
    assert "default" in config["handlers"]
