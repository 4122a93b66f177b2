"""One message limit on every surface, and no control characters stored (issue 14).

The command line used to accept a 2 MB `message` on a first turn (where it is ignored) while
HTTP answered 413; NUL, ESC and bidi overrides in answers and roles went into the transcript.
"""

from __future__ import annotations

import io
import json
import os
import sys

import pytest

from estel import cli
from estel.brains.scripted import ScriptedBrain
from estel.contract import MAX_ANSWER_CHARS
from estel.engine import Engine
from estel.handler import handle_request

CONTROL = ["\x00", "\x1b[31m", "\u202e", "\u2066", "\x7f"]


def _turn_in_process(monkeypatch, text: str) -> tuple[int, dict]:
    for name in [n for n in os.environ if n.startswith(("OPENAI_", "ESTEL_", "SUPABASE_"))]:
        monkeypatch.delenv(name)
    stdout = io.StringIO()
    stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setattr(sys, "stdout", stdout)
    code = cli.main(["turn", "--brain", "offline"])
    return code, json.loads(stdout.getvalue())


def test_cli_refuses_a_2_mb_message_on_a_first_turn(monkeypatch, request_for):
    code, envelope = _turn_in_process(monkeypatch, json.dumps(request_for("x" * 2_000_000)))
    assert code == 1
    assert envelope["status"] == "error"
    assert f"the limit is {MAX_ANSWER_CHARS:,}" in envelope["message"]


@pytest.mark.parametrize("length", [MAX_ANSWER_CHARS + 1, 50_000])
def test_every_turn_has_the_answer_limit(request_for, length):
    envelope = handle_request(request_for("y" * length), Engine(ScriptedBrain()))
    assert envelope["status"] == "error"
    assert f"{length:,} characters" in envelope["message"]


def test_a_message_at_the_limit_still_starts(request_for):
    envelope = handle_request(request_for("y" * MAX_ANSWER_CHARS), Engine(ScriptedBrain()))
    assert envelope["status"] == "success"


@pytest.mark.parametrize("control", CONTROL)
def test_control_characters_never_reach_the_stored_answer(request_for, control):
    engine = Engine(ScriptedBrain())
    first = handle_request(request_for(), engine)
    state = first["payload"]["session_state"]
    answer = f"I led{control} the migration{control}."
    second = handle_request(request_for(answer, state), engine)
    assert second["status"] == "success", second
    stored = second["payload"]["session_state"]["transcript"][0]["answer"]
    assert stored == answer.replace(control[0], "")  # "\x1b[31m" leaves the harmless "[31m"
    assert not any(ch in stored for ch in "\x00\x1b\u202e\u2066\x7f")


@pytest.mark.parametrize("field", ["target_role", "experience_level"])
@pytest.mark.parametrize("control", CONTROL)
def test_control_characters_in_role_or_level_are_refused(request_for, meta, field, control):
    bad = meta(3, **{field: f"Data{control} Analyst"})
    envelope = handle_request(request_for(meta=bad), Engine(ScriptedBrain()))
    assert envelope["status"] == "error"
    assert f"{field} contains control characters" in envelope["message"]


def test_a_tampered_transcript_answer_with_control_characters_is_refused(request_for):
    engine = Engine(ScriptedBrain())
    first = handle_request(request_for(), engine)
    second = handle_request(request_for("A fine answer.", first["payload"]["session_state"]),
                            engine)
    state = second["payload"]["session_state"]
    state["transcript"][0]["answer"] = "A fine\x00 answer."
    envelope = handle_request(request_for("Next answer.", state), engine)
    assert envelope["status"] == "error"
    assert "transcript[0].answer contains control characters" in envelope["message"]
