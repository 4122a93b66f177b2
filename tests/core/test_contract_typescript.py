"""Every JSON we emit type-checks against the real seed/contract.ts with the TypeScript compiler.

Object literals assigned to a declared type get TypeScript's excess-property check, so an extra
field, a missing field, a wrong literal or a `null` optional all fail `tsc --strict`. One compile
checks two files: good.ts (real envelopes and requests; must have no errors) and bad.ts (one
deliberately wrong document per line; every line must have an error).
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from estel.brains.offline.brain import OfflineBrain
from estel.brains.scripted import ScriptedBrain
from estel.contract import InterviewRequest
from estel.engine import Engine
from estel.extensions import ExtendedRequest
from estel.handler import handle_request

TS_ERROR = re.compile(r"^(?P<file>[\w.]+)\((?P<line>\d+),\d+\): error (?P<code>TS\d+)", re.M)
IMPORT = (
    'import type { BrainEnvelope, EstelInterviewEnvelope, InterviewRequest } from "./contract"; '
    'import type { ExtendedInterviewRequest } from "./contract-extensions";'
)
JD = ("We are hiring a Data Analyst: SQL with window functions, Tableau dashboards, cohort and "
      "funnel analyses.")
RESUME = "- Built Tableau dashboards used by 40 managers.\n- Led a migration to dbt in 2023."


def find_tsc(repo: Path) -> str | None:
    candidates = [
        os.environ.get("ESTEL_TSC"),
        str(repo / ".cache" / "ts" / "node_modules" / ".bin" / "tsc"),
        shutil.which("tsc"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and shutil.which("node"):
            return candidate
    return None


@pytest.fixture(scope="module")
def tsc(repo) -> str:
    found = find_tsc(repo)
    if found is None:
        message = "TypeScript compiler not found (.ci/run installs it into .cache/ts)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


# SHA-256 of the seed's contract.ts: docs/contract.ts is checked in every clone, with or without
# the seed beside it (../shared/seed), so a standalone clone cannot drift from the wire contract.
SEED_CONTRACT_SHA256 = "1c78d8fca0c698601e6a3db99520f1160c7cdc9c9f97ba110c8a457b103edf91"


def test_docs_contract_is_the_seed_contract(repo):
    digest = hashlib.sha256((repo / "docs" / "contract.ts").read_bytes()).hexdigest()
    assert digest == SEED_CONTRACT_SHA256


def test_the_pinned_hash_is_the_seed_contract_when_it_is_beside_the_clone(seed_contract):
    if not seed_contract.exists():
        pytest.skip(f"{seed_contract} is not beside this clone (the pinned hash still checks)")
    assert hashlib.sha256(seed_contract.read_bytes()).hexdigest() == SEED_CONTRACT_SHA256


HINGLISH_ANSWER = ("Maine migration lead kiya, pehle data check kiya, phir rollout kiya, kyunki "
                   "cost 20% kam karni thi.")


def declaration(name: str, ts_type: str, document: Any) -> str:
    return f"export const {name}: {ts_type} = {json.dumps(document, ensure_ascii=False)};"


def interview_documents(interview, meta) -> list[tuple[str, Any]]:
    """(TS type, document) pairs from real interviews, every envelope and request kind."""
    pairs: list[tuple[str, Any]] = []
    runs = [
        (Engine(ScriptedBrain()), meta(1), "en"),
        (Engine(ScriptedBrain()), meta(2, difficulty="easy"), "en"),
        (Engine(ScriptedBrain()), meta(8, difficulty="hard"), "fr"),
        (Engine(OfflineBrain()), meta(8), "en"),
        (Engine(OfflineBrain()), meta(20, target_role="SDE II", difficulty="hard"), "de"),
        # Hinglish: a family with Hinglish text, and one without (the envelope says so)
        (Engine(OfflineBrain()), meta(8, target_role="Data Scientist"), "hinglish"),
        (Engine(OfflineBrain()), meta(3, target_role="Registered Nurse"), "hi-en"),
    ]
    for engine, run_meta, language in runs:
        answer = (HINGLISH_ANSWER if language.startswith("hi") else
                  "I led the migration and cut costs by 20%.")
        answers = [f"Answer {n}: {answer}" for n in range(run_meta["questions_target"])]
        envelopes = interview(engine, run_meta, answers, language)
        state = None
        for number, envelope in enumerate(envelopes):
            request = InterviewRequest.model_validate(
                {"message": answers[number - 1] if number else "", "language": language,
                 "context": {"context": "interview_session", "meta": run_meta,
                             "session_state": state}}
            ).to_wire()
            pairs.append(("InterviewRequest", request))
            pairs.append(("EstelInterviewEnvelope", envelope))
            assert envelope["status"] == "success", envelope
            state = envelope["payload"]["session_state"]
    return pairs


def extended_documents(meta) -> list[tuple[str, Any]]:
    """Requests with the `context.length` extension (checked against ExtendedInterviewRequest)
    and the envelopes they get (still the seed's EstelInterviewEnvelope)."""
    pairs: list[tuple[str, Any]] = []
    extension = {"mode": "adaptive", "min_questions": 4}
    for answer in ("Not sure.", "I led the migration and cut costs by 20% " * 4):
        run_meta, state = meta(6), None
        for number in range(7):
            request = {"message": answer if number else "", "language": "en",
                       "context": {"context": "interview_session", "meta": run_meta,
                                   "session_state": state, "length": extension}}
            envelope = handle_request(request, Engine(ScriptedBrain()))
            assert envelope["status"] == "success", envelope
            pairs += [("ExtendedInterviewRequest", request), ("EstelInterviewEnvelope", envelope)]
            state = envelope["payload"]["session_state"]
            if envelope["payload"]["payload"]["kind"] == "feedback":
                break
    return pairs


def profile_documents(meta) -> list[tuple[str, Any]]:
    """Requests carrying `context.profile` (first turn, and a later turn that sends it again),
    as ExtendedInterviewRequest, with the real envelopes they got."""
    run_meta = meta(4, target_role="Data Analyst")
    profiles = [{"job_description": JD, "resume_text": RESUME}, {"job_description": JD}, {}]
    pairs: list[tuple[str, Any]] = []
    for wire_profile in profiles:
        engine = Engine(OfflineBrain())
        state = None
        answers = ["I wrote SQL every day and built Tableau dashboards for 40 managers."] * 4
        for number in range(5):
            request = ExtendedRequest.model_validate(
                {"message": answers[number - 1] if number else "", "language": "en",
                 "context": {"context": "interview_session", "meta": run_meta,
                             "session_state": state, "profile": wire_profile}}).to_wire()
            envelope = handle_request(request, engine)
            assert envelope["status"] == "success", envelope
            assert "profile" in request["context"]
            pairs.append(("ExtendedInterviewRequest", request))
            pairs.append(("EstelInterviewEnvelope", envelope))
            state = envelope["payload"]["session_state"]
    return pairs


ANSWER_FACTS = (  # context.answer as clients send it: typed and timed, spoken, spoken briefly
    {"seconds": 95.5, "limit_seconds": 120},
    {"seconds": 41, "spoken": {"recording_seconds": 38.2, "speaking_seconds": 30.5,
                               "long_pauses": [2.5, 3]}},
    {"spoken": {"recording_seconds": 12}},
)


def answer_documents(meta) -> list[tuple[str, Any]]:
    """Answer turns carrying `context.answer` (how the answer was given), as
    ExtendedInterviewRequest, with the real envelopes they got."""
    engine, state, pairs = Engine(OfflineBrain()), None, []
    run_meta = meta(4, target_role="Nurse")
    for number in range(5):
        wire: dict[str, Any] = {"message": "I escalated within ten minutes." if number else "",
                                "language": "en",
                                "context": {"context": "interview_session", "meta": run_meta,
                                            "session_state": state}}
        if number:
            wire["context"]["answer"] = ANSWER_FACTS[(number - 1) % len(ANSWER_FACTS)]
        request = ExtendedRequest.model_validate(wire).to_wire()
        envelope = handle_request(request, engine)
        assert envelope["status"] == "success", envelope
        pairs += [("ExtendedInterviewRequest", request), ("EstelInterviewEnvelope", envelope)]
        state = envelope["payload"]["session_state"]
    return pairs


def error_documents() -> list[tuple[str, Any]]:
    engine = Engine(ScriptedBrain([RuntimeError("boom")]))
    bad_inputs: list[Any] = [
        "{not json", [], {"message": 1},
        {"message": "", "language": "en", "context": {"context": "chat"}},
        {"message": "", "language": "en", "context": {"context": "interview_session",
         "meta": {"target_role": "BA", "experience_level": "x", "difficulty": "easy",
                  "questions_target": 3}, "session_state": None}},  # the brain raises
    ]
    pairs = []
    for data in bad_inputs:
        envelope = handle_request(data, engine)
        assert envelope["status"] == "error"
        pairs.append(("BrainEnvelope<null>", envelope))
        pairs.append(("EstelInterviewEnvelope", envelope))
    return pairs


def wrong_documents(good: dict[str, Any], feedback: dict[str, Any],
                    request: dict[str, Any]) -> list[tuple[str, Any]]:
    """Deliberately wrong documents: each one must fail the compile."""

    def changed(document: dict[str, Any], edit) -> dict[str, Any]:
        copied = copy.deepcopy(document)
        edit(copied)
        return copied

    return [
        ("EstelInterviewEnvelope", changed(good, lambda d: d.update(extra=1))),
        ("EstelInterviewEnvelope", changed(good, lambda d: d["payload"]["payload"].update(x=1))),
        ("EstelInterviewEnvelope",
         changed(good, lambda d: d["payload"]["session_state"]["transcript"][0].update(x=1))),
        ("EstelInterviewEnvelope",
         changed(good, lambda d: d["payload"]["payload"].pop("question_id"))),
        ("EstelInterviewEnvelope",
         changed(good, lambda d: d["payload"]["payload"].update(kind="answer"))),
        ("EstelInterviewEnvelope",
         changed(good, lambda d: d["payload"]["payload"].update(end_of_interview=True))),
        ("EstelInterviewEnvelope",
         changed(good, lambda d: d["payload"]["payload"].update(helper_hint=None))),
        ("EstelInterviewEnvelope", changed(good, lambda d: d.update(status="ok"))),
        ("EstelInterviewEnvelope",
         changed(feedback, lambda d: d["payload"]["payload"].update(skill_gaps=None))),
        ("EstelInterviewEnvelope",
         changed(feedback, lambda d: d["payload"]["payload"]["scores"].pop("overall"))),
        ("BrainEnvelope<null>", changed(good, lambda d: d.update(status="error"))),
        ("InterviewRequest", changed(request, lambda d: d["context"].update(extra=1))),
        ("InterviewRequest",
         changed(request, lambda d: d["context"]["meta"].update(questions_target="8"))),
        ("InterviewRequest", changed(request, lambda d: d["context"].pop("session_state"))),
        # the extension is not part of the seed's request type ...
        ("InterviewRequest", changed(request, lambda d: d["context"].update(
            length={"mode": "adaptive", "min_questions": 5}))),
        # ... and the extended type checks its shape
        ("ExtendedInterviewRequest", changed(request, lambda d: d["context"].update(
            length={"mode": "fixed", "min_questions": 5}))),
        ("ExtendedInterviewRequest", changed(request, lambda d: d["context"].update(
            length={"mode": "adaptive", "min_questions": 5, "max_questions": 9}))),
        ("ExtendedInterviewRequest", changed(request, lambda d: d["context"].update(
            length={"mode": "adaptive"}))),
        ("ExtendedInterviewRequest", changed(request, lambda d: d["context"].update(
            length=None))),
        ("ExtendedInterviewRequest", changed(request, lambda d: d["context"].update(extra=1))),
        # the seed's type stays closed: a request with an extension is not a seed request
        ("InterviewRequest",
         changed(request, lambda d: d["context"].update(profile={"job_description": "x"}))),
        ("ExtendedInterviewRequest", changed(request, lambda d: d["context"].update(profile=None))),
        ("ExtendedInterviewRequest",
         changed(request, lambda d: d["context"].update(profile={"resume_text": None}))),
        ("ExtendedInterviewRequest",
         changed(request, lambda d: d["context"].update(profile={"photo": "me.png"}))),
        ("ExtendedInterviewRequest",
         changed(request, lambda d: d["context"].update(profile={"job_description": 1}))),
        ("InterviewRequest", changed(request, lambda d: d["context"].update(answer={}))),
        ("ExtendedInterviewRequest", changed(request, lambda d: d["context"].update(answer=None))),
        ("ExtendedInterviewRequest",
         changed(request, lambda d: d["context"].update(answer={"limit_seconds": "120"}))),
        ("ExtendedInterviewRequest", changed(request, lambda d: d["context"].update(
            answer={"spoken": {"speaking_seconds": 10}}))),
        ("ExtendedInterviewRequest", changed(request, lambda d: d["context"].update(
            answer={"spoken": {"recording_seconds": 10, "words_per_minute": 150}}))),
    ]


def write_module(path: Path, pairs: list[tuple[str, Any]], prefix: str) -> list[int]:
    """Write one declaration per line after the import; returns each declaration's line."""
    lines = IMPORT.splitlines()
    first = len(lines) + 1
    for index, (ts_type, document) in enumerate(pairs):
        lines.append(declaration(f"{prefix}{index}", ts_type, document))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return list(range(first, len(lines) + 1))


def test_envelopes_and_requests_type_check_and_wrong_ones_do_not(
    tsc, repo, tmp_path, interview, meta
):
    shutil.copy(repo / "docs" / "contract.ts", tmp_path / "contract.ts")
    shutil.copy(repo / "docs" / "contract-extensions.ts", tmp_path / "contract-extensions.ts")
    extended = extended_documents(meta)
    profiled = profile_documents(meta)
    answered = answer_documents(meta)
    seed_pairs = interview_documents(interview, meta)
    # a seed request is also a valid extended request (every extension is optional)
    also_extended = [("ExtendedInterviewRequest", doc) for ts_type, doc in seed_pairs
                     if ts_type == "InterviewRequest"]
    good_pairs = (seed_pairs + error_documents() + extended + profiled + answered
                  + also_extended)
    envelopes = [doc for ts_type, doc in good_pairs if ts_type == "EstelInterviewEnvelope"]
    question = next(d for d in envelopes if d.get("payload", {}).get("payload", {})
                    .get("helper_hint"))
    feedback = next(d for d in envelopes if d.get("payload", {}).get("payload", {})
                    .get("kind") == "feedback")
    request = next(doc for ts_type, doc in good_pairs if ts_type == "InterviewRequest")
    assert "profile" not in request["context"]
    bad_lines = write_module(tmp_path / "bad.ts", wrong_documents(question, feedback, request),
                             "wrong")
    ok_lines = write_module(tmp_path / "good.ts", good_pairs, "ok")

    result = subprocess.run(
        [tsc, "--noEmit", "--strict", "--pretty", "false", "--skipLibCheck", "--target",
         "es2020", "--module", "es2020", "--moduleResolution", "bundler", "good.ts", "bad.ts"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    errors = [m.groupdict() for m in TS_ERROR.finditer(result.stdout)]
    assert result.returncode != 0, "the deliberately wrong documents must fail the compile"
    assert [e for e in errors if e["file"] != "bad.ts"] == [], result.stdout
    assert {int(e["line"]) for e in errors} == set(bad_lines), result.stdout
    # every turn of every run (the last two: Hinglish, 8 and 3 questions); seed requests are
    # also checked as extended requests
    seed_requests = 2 + 3 + 9 + 9 + 21 + 9 + 4
    assert len(good_pairs) == (2 * seed_requests + 2 * 5 + len(extended) + len(profiled)
                               + len(answered) + seed_requests)
    # the thin run went on to 6 questions, the full one ended at its minimum of 4
    assert len(extended) == 2 * ((6 + 1) + (4 + 1))
    assert len(profiled) == 2 * 3 * 5
    assert len(answered) == 2 * 5
    assert len(ok_lines) == len(good_pairs)
