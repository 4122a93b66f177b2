"""Saved eval runs: round trip, listing, comparisons, default path."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from estel.config import load_settings
from estel.evals import EvalRun
from estel.evals.runs_store import RunStore, default_runs_path


def test_save_load_round_trip_keeps_every_turn(offline_run: EvalRun, tmp_path: Path) -> None:
    store = RunStore(tmp_path / "runs.db")
    assert store.save(offline_run) == offline_run.id
    loaded = store.load(offline_run.id)
    assert loaded is not None
    assert loaded.metrics == offline_run.metrics
    assert loaded.header() == offline_run.header()
    original = offline_run.interviews[5].turns[3]
    assert loaded.interviews[5].turns[3] == original
    assert loaded.interviews[5].turns[3].trace == original.trace
    assert store.load("nope") is None


def test_list_is_newest_first_and_filters_by_comparison(offline_run: EvalRun,
                                                        tmp_path: Path) -> None:
    store = RunStore(tmp_path / "sub" / "runs.db")  # the folder is created
    older = dataclasses.replace(offline_run, id="older", created_at="2026-01-01T00:00:00+00:00")
    newer = dataclasses.replace(offline_run, id="newer", label="B",
                                created_at="2026-02-01T00:00:00+00:00")
    store.save(older, comparison="cmp1")
    store.save(newer, comparison="cmp1")
    store.save(dataclasses.replace(offline_run, id="alone"))
    assert [s.id for s in store.list()] == ["alone", "newer", "older"]  # alone: created now
    assert [s.id for s in store.list(limit=1)] == ["alone"]
    assert [s.id for s in store.list(comparison="cmp1")] == ["newer", "older"]
    summary = store.list(comparison="cmp1")[0]
    assert summary.passed is True
    assert summary.validity == 1.0
    assert summary.label == "B"
    assert store.delete("older")
    assert not store.delete("older")
    assert [s.id for s in store.list(comparison="cmp1")] == ["newer"]


def test_saving_again_replaces(offline_run: EvalRun, tmp_path: Path) -> None:
    store = RunStore(tmp_path / "runs.db")
    store.save(offline_run)
    store.save(dataclasses.replace(offline_run, label="renamed"))
    assert [s.label for s in store.list()] == ["renamed"]


def test_default_path_is_next_to_the_sessions_db(tmp_path: Path) -> None:
    settings = load_settings(environ={"ESTEL_DB_PATH": str(tmp_path / "data" / "estel.db")})
    assert default_runs_path(settings) == tmp_path / "data" / "estel-evals.db"
    assert RunStore.from_settings(settings).path == tmp_path / "data" / "estel-evals.db"
