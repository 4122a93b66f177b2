"""kill -9 of `estel serve` under load loses no acknowledged turn (bench/kill9.py, 2 trials;
the bench runs 10)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.mark.slow
def test_every_acknowledged_turn_survives_a_kill_9_under_load(capsys):
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("estel_bench_kill9", BENCH / "kill9.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while building
        spec.loader.exec_module(module)
        trials = [module.run_trial(seconds=1.0, connections=6, workers=2, seed=n)
                  for n in range(2)]
    finally:
        sys.path.remove(str(BENCH))
        sys.modules.pop("estel_bench_kill9", None)
    assert all(trial.acknowledged_turns >= 6 for trial in trials)  # it was under load
    assert [trial.lost for trial in trials] == [[], []]
