"""The eval harness: scripted personas played against a brain and a prompt by the real engine.

    from estel.evals import EvalConfig, run_eval
    run = run_eval(EvalConfig(brain="offline", roles=["Data Scientist"]), progress=callback)
    run.metrics.passed, run.metrics.checks, run.interviews[0].turns[1].trace["raw_reply"]

The prompt lab and `python -m estel eval` share this API; `estel.evals.judge` (openai) and
`estel.evals.runs_store` (SQLite) are imported on their own when needed.
"""

from estel.evals.metrics import Check, RunMetrics, compute_metrics
from estel.evals.personas import Persona, load_personas, persona_names
from estel.evals.report import compare_rows, format_compare, format_run, metric_rows
from estel.evals.results import EvalRun, InterviewRun, TurnRecord
from estel.evals.runner import (
    BRAIN_NAMES,
    DEFAULT_ROLES,
    EvalConfig,
    make_brain_factory,
    play_interview,
    run_eval,
)

__all__ = [
    "BRAIN_NAMES",
    "DEFAULT_ROLES",
    "Check",
    "EvalConfig",
    "EvalRun",
    "InterviewRun",
    "Persona",
    "RunMetrics",
    "TurnRecord",
    "compare_rows",
    "compute_metrics",
    "format_compare",
    "format_run",
    "load_personas",
    "make_brain_factory",
    "metric_rows",
    "persona_names",
    "play_interview",
    "run_eval",
]
