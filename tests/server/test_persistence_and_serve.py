"""The final turn lands in the real SQLite store; `python -m estel serve` runs with 2 workers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from estel.brains.scripted import ScriptedBrain
from estel.client import EstelClient
from estel.config import load_settings
from estel.engine import Engine
from estel.server import create_app
from estel.store.sqlite import SQLiteStore

REPO = Path(__file__).resolve().parents[2]


def run_interview(url: str, meta: dict, token: str | None = None) -> list:
    with EstelClient(url, token=token, timeout=15) as estel:
        envelopes = [estel.start_interview_session(meta)]
        while envelopes[-1].payload.payload.kind == "question":
            state = envelopes[-1].payload.session_state
            envelopes.append(estel.submit_interview_answer(
                f"I shipped a report that cut churn by {state.question_index}0%.", state))
    return envelopes


def test_final_turn_is_saved_once_in_sqlite_and_a_resend_is_refused(tmp_path, serve,
                                                                      seed_meta, request_for):
    store = SQLiteStore(tmp_path / "estel.db")
    app = create_app(load_settings(environ={}), Engine(ScriptedBrain()), store)
    meta = {**seed_meta, "questions_target": 2}
    with serve(app) as url:
        envelopes = run_interview(url, meta)
        last_state = envelopes[-2].payload.session_state.to_wire()
        again = httpx.post(f"{url}/v1/brain", json=request_for("Retry.", last_state, meta))
    assert again.status_code == 409  # that question was answered: the stored state moved on
    rows = store.list()
    assert len(rows) == 1
    original = rows[0]
    assert original.status == "completed"
    assert original.questions_target == 2
    assert original.overall_score == envelopes[-1].payload.payload.scores.overall
    assert [e.answer for e in original.transcript] == [
        "I shipped a report that cut churn by 10%.", "I shipped a report that cut churn by 20%."]


def test_default_store_comes_from_settings(tmp_path, serve, seed_meta):
    db = tmp_path / "from-settings.db"
    app = create_app(load_settings(environ={"ESTEL_DB_PATH": str(db)}), Engine(ScriptedBrain()))
    with serve(app) as url:
        assert EstelClient(url).health()["store"] == f"SQLite: {db}"
        run_interview(url, {**seed_meta, "questions_target": 1})
    assert SQLiteStore(db).count() == 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_serve_command_with_two_workers_runs_an_interview(tmp_path, seed_meta):
    port, db = free_port(), tmp_path / "served.db"
    env = {**os.environ, "ESTEL_DB_PATH": str(db), "ESTEL_API_TOKEN": "t0k",
           "OPENAI_API_KEY": "", "OPENAI_BASE_URL": "", "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "estel", "serve", "--port", str(port), "--workers", "2",
         "--brain", "offline", "--no-access-log", "--log-level", "warning"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        health = wait_healthy(url, proc)
        assert health["brain"] == "offline"
        envelopes = run_interview(url, {**seed_meta, "questions_target": 3}, token="t0k")
        assert envelopes[-1].payload.payload.kind == "feedback"
        assert httpx.post(f"{url}/v1/brain", json={}).status_code == 401
    finally:
        proc.terminate()  # pending saves are finished before the workers exit
        output = proc.communicate(timeout=20)[0].decode()
    assert SQLiteStore(db).count() == 1, output
    assert "Traceback" not in output, output


def wait_healthy(url: str, proc: subprocess.Popen) -> dict:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(proc.communicate()[0].decode())
        try:
            return httpx.get(f"{url}/healthz", timeout=1).json()
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("server did not become healthy")


@pytest.mark.parametrize("args", [["--workers", "0"], ["--port", "70000"]])
def test_serve_refuses_bad_arguments_with_exit_2(args, capsys):
    from estel.cli import main

    assert main(["serve", *args]) == 2
    assert "error:" in capsys.readouterr().err


def test_the_worker_factory_loads_the_bank_when_the_app_starts_not_when_it_is_built(
        monkeypatch, tmp_path):
    """Loaded lazily, the bank held a worker's first turn (and its other connections) ~2.4 s;
    uvicorn runs the lifespan before it accepts a connection."""
    from fastapi.testclient import TestClient

    import estel.brains.offline.bank as bank
    from estel.server import app_factory

    loaded: list[bool] = []
    real = bank.load_bank
    monkeypatch.setattr(bank, "load_bank", lambda: loaded.append(True) or real())
    monkeypatch.setenv("ESTEL_DB_PATH", str(tmp_path / "warm.db"))
    monkeypatch.setenv("ESTEL_BRAIN", "offline")
    app = app_factory()
    assert loaded == []
    with TestClient(app):
        assert loaded == [True]


def test_the_service_builds_the_aim_index_at_start_up_so_no_answer_waits_for_it(tmp_path):
    """`estel.analysis.aim` indexes the whole bank (~1 s) on the first answer it ranks in a
    process: built lazily, each worker's first judged answer paid it (and the first JD read
    its word lists, ~0.3 s)."""
    from fastapi.testclient import TestClient

    from estel import requirements
    from estel.analysis import aim
    from estel.brains.offline.brain import OfflineBrain

    aim.bank_map.cache_clear()
    requirements.everyday.cache_clear()
    aim._by_topic.cache_clear()
    app = create_app(load_settings(environ={}), Engine(OfflineBrain()),
                     SQLiteStore(tmp_path / "warm.db"))
    assert aim.bank_map.cache_info().currsize == 0
    with TestClient(app):
        built = aim.bank_map.cache_info()
        assert built.currsize == 1
        assert "postings" in vars(aim.bank_map())  # the inverted index, not only the profiles
        assert aim._by_topic.cache_info().currsize == 1
        assert requirements.everyday.cache_info().currsize == 1  # a JD's first reading
        # ranking an answer now reuses the index: no new build
        aim.missed_ask(" ".join(["I hired a new engineer for the payments team"] * 6),
                       ["word"] * 60, "Tell me about a hire you made.", "Hiring for the team")
        assert aim.bank_map.cache_info().misses == built.misses
