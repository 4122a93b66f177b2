"""`context.profile` over the wire: one optional extension field of `context`.

A request without it is exactly the seed's; with it, it is read on the first turn and kept with
the session (HTTP), or read on the turn that carries it (`python -m estel turn`, stateless)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from estel.brains.offline.brain import OfflineBrain
from estel.contract import EstelInterviewEnvelope, InterviewRequest
from estel.engine import Engine
from estel.extensions import (
    EXTENSION_FIELDS,
    MAX_JOB_DESCRIPTION_CHARS,
    MAX_RESUME_CHARS,
    ExtendedRequest,
)
from estel.handler import handle_request

ANSWER = ("I wrote SQL with window functions every day and built Tableau dashboards; one cut "
          "the weekly report from two days to two hours.")


def test_the_extension_fields_are_length_profile_and_answer():
    assert EXTENSION_FIELDS == ("length", "profile", "answer")


def test_a_request_with_answer_facts_drops_to_the_seed_shape(request_with):
    given = {"seconds": 80.5, "limit_seconds": 120, "spoken": {"recording_seconds": 41}}
    extended = ExtendedRequest.model_validate(request_with(answer=given))
    assert extended.to_wire()["context"]["answer"] == given
    assert "answer" not in extended.seed_request().to_wire()["context"]


def test_a_request_without_extensions_is_exactly_the_seed_request(request_with):
    wire = request_with()
    extended = ExtendedRequest.model_validate(wire)
    assert extended.to_wire() == InterviewRequest.model_validate(wire).to_wire() == wire
    assert extended.seed_request() == InterviewRequest.model_validate(wire)


def test_a_request_with_a_profile_drops_to_the_seed_shape(request_with, jd):
    extended = ExtendedRequest.model_validate(request_with(profile={"job_description": jd}))
    assert extended.to_wire()["context"]["profile"] == {"job_description": jd}
    assert "profile" not in extended.seed_request().to_wire()["context"]


@pytest.mark.parametrize(("profile", "fragment"), [
    ({"job_description": "x" * (MAX_JOB_DESCRIPTION_CHARS + 1)},
     "context.profile.job_description: String should have at most 20000 characters"),
    ({"resume_text": "x" * (MAX_RESUME_CHARS + 1)},
     "context.profile.resume_text: String should have at most 30000 characters"),
    ({"resume_text": None}, "context.profile.resume_text"),
    ({"photo": "me.png"}, "context.profile.photo: Extra inputs are not permitted"),
    ({"job_description": 42}, "context.profile.job_description"),
    (None, "context.profile"),
])
def test_a_bad_profile_gets_an_error_envelope_naming_the_field(request_with, profile, fragment):
    wire = request_with()
    wire["context"]["profile"] = profile
    envelope = handle_request(wire, Engine(OfflineBrain()))
    assert envelope["status"] == "error"
    assert fragment in envelope["message"]
    assert "x" * 50 not in envelope["message"]  # never echoes the text


def test_at_the_limits_the_profile_is_accepted(request_with):
    profile = {"job_description": "SQL " * (MAX_JOB_DESCRIPTION_CHARS // 4),
               "resume_text": "- Built dashboards. " * (MAX_RESUME_CHARS // 20)}
    envelope = handle_request(request_with(profile=profile), Engine(OfflineBrain()))
    assert envelope["status"] == "success", envelope


def cli_turn(stdin: dict) -> tuple[int, dict]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OPENAI_", "ESTEL_", "SUPABASE_"))}
    env["ESTEL_BRAIN"] = "offline"
    done = subprocess.run([sys.executable, "-m", "estel", "turn"], input=json.dumps(stdin),
                          capture_output=True, text=True, env=env, timeout=120)
    assert "Traceback" not in done.stderr
    envelope = json.loads(done.stdout)
    EstelInterviewEnvelope.model_validate(envelope)  # the seed's envelope, unchanged
    return done.returncode, envelope


def test_cli_turn_reads_the_profile_on_the_turn_that_carries_it(request_with, jd, resume):
    profile = {"job_description": jd, "resume_text": resume}
    code, first = cli_turn(request_with(profile=profile))
    assert code == 0, first
    state = first["payload"]["session_state"]
    code, second = cli_turn(request_with(ANSWER, state, profile=profile))
    assert code == 0, second
    # question 2 is the first behavioural one: it asks about the résumé
    assert "Your résumé says you built 12 Tableau dashboards" in \
        second["payload"]["payload"]["question"]
    code, bad = cli_turn(request_with(profile={"job_description": "x" * 20_001}))
    assert code == 1
    assert "at most 20000 characters" in bad["message"]
