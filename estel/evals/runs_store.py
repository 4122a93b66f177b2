"""Saved eval runs: a small SQLite table, so the prompt lab can reopen earlier comparisons.

The file sits next to the sessions database: ESTEL_DB_PATH=data/estel.db keeps runs in
data/estel-evals.db. A separate file keeps the sessions schema (and its migrations) untouched.
Runs saved together by one comparison share a `comparison` id.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from estel.errors import StoreFailure
from estel.evals.results import EvalRun

if TYPE_CHECKING:
    from estel.config import Settings

SCHEMA = """
CREATE TABLE IF NOT EXISTS eval_runs (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    label TEXT NOT NULL,
    brain TEXT NOT NULL,
    model TEXT,
    prompt_version TEXT,
    comparison TEXT,
    passed INTEGER NOT NULL,
    validity REAL NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS eval_runs_created ON eval_runs (created_at DESC);
CREATE INDEX IF NOT EXISTS eval_runs_comparison ON eval_runs (comparison);
"""


@dataclass(frozen=True)
class RunSummary:
    """One row of the runs list (without the interviews)."""

    id: str
    created_at: str
    label: str
    brain: str
    model: str | None
    prompt_version: str | None
    comparison: str | None
    passed: bool
    validity: float


def default_runs_path(settings: Settings) -> Path:
    """`<dir of the sessions DB>/<its stem>-evals.db`."""
    sessions = Path(settings.sqlite_path)
    return sessions.with_name(f"{sessions.stem}-evals.db")


class RunStore:
    """Save, list, load and delete eval runs. No I/O until the first call."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    @classmethod
    def from_settings(cls, settings: Settings) -> RunStore:
        return cls(default_runs_path(settings))

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=10)
            conn.executescript(SCHEMA)
        except (sqlite3.Error, OSError) as error:
            raise StoreFailure(f"Cannot open the eval runs database {self.path}: {error}") \
                from error
        conn.row_factory = sqlite3.Row
        try:
            with conn:  # one transaction per call: committed on success, rolled back on error
                yield conn
        except sqlite3.Error as error:
            raise StoreFailure(f"Eval runs database {self.path} failed: {error}") from error
        finally:
            conn.close()

    def save(self, run: EvalRun, comparison: str | None = None) -> str:
        """Insert or replace the run; returns its id."""
        data = run.to_dict()
        metrics = data["metrics"]
        with self._connect() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO eval_runs (id, created_at, label, brain, model, "
                "prompt_version, comparison, passed, validity, data) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (run.id, run.created_at, run.label, run.config.get("brain", ""), run.model,
                 run.prompt_version, comparison, int(metrics["passed"]), metrics["validity"],
                 json.dumps(data, ensure_ascii=False, separators=(",", ":"))),
            )
        return run.id

    def list(self, limit: int = 50, comparison: str | None = None) -> list[RunSummary]:
        """Newest first; only one comparison's runs when `comparison` is given."""
        where, params = ("WHERE comparison = ?", [comparison]) if comparison else ("", [])
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT id, created_at, label, brain, model, prompt_version, comparison, passed, "
                f"validity FROM eval_runs {where} ORDER BY created_at DESC, rowid DESC LIMIT ?",
                [*params, max(0, limit)],
            ).fetchall()
        return [RunSummary(**{**dict(r), "passed": bool(r["passed"])}) for r in rows]

    def load(self, run_id: str) -> EvalRun | None:
        with self._connect() as conn:
            row = conn.execute("SELECT data FROM eval_runs WHERE id = ?", [run_id]).fetchone()
        return EvalRun.from_dict(json.loads(row["data"])) if row else None

    def delete(self, run_id: str) -> bool:
        with self._connect() as conn:
            return conn.execute("DELETE FROM eval_runs WHERE id = ?", [run_id]).rowcount > 0
