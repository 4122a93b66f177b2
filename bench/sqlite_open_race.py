"""Stress the first use of a NEW SQLite file by several processes at the same moment.

    python bench/sqlite_open_race.py [--runs 30] [--processes 2]

Each run makes a new file; the processes wait at a gate, then each opens its own SQLiteStore
(WAL switch and schema creation) and saves one session. Prints how many runs had a process
fail, and the first failures. Before `SQLiteStore._use_wal` retried a locked journal_mode pragma,
0 to 15 of 30 runs (8 on average) failed with "database is locked" (2 processes); after it,
none in 150. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

OPENER = """
import os, sys, uuid
from datetime import UTC, datetime
from estel.store.base import SessionRecord
from estel.store.sqlite import SQLiteStore

path, gate = sys.argv[1], sys.argv[2]
record = SessionRecord(id=str(uuid.uuid4()), created_at=datetime.now(UTC), target_role="r",
                       experience_level="mid", difficulty="standard", questions_target=3,
                       brain="offline")
deadline = __import__("time").monotonic() + 30
while not os.path.exists(gate) and __import__("time").monotonic() < deadline:
    pass  # spin, so the processes start as close together as they can
receipt = SQLiteStore(path, busy_timeout=30).create(record)
print("ok" if receipt.saved else receipt.message, flush=True)
sys.exit(0 if receipt.saved else 3)
"""


def one_run(folder: Path, processes: int) -> list[str]:
    """The failure messages of one run (empty when every process saved its session)."""
    db, gate = folder / "new.db", folder / "go"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [subprocess.Popen([sys.executable, "-c", OPENER, str(db), str(gate)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for _ in range(processes)]
    time.sleep(0.6)  # let every process import and reach the gate
    gate.touch()
    outputs = [proc.communicate(timeout=120)[0].strip() for proc in procs]
    failures = [out.splitlines()[-1].replace(str(db), "<new.db>") if out
                else f"exit {proc.returncode}"
                for proc, out in zip(procs, outputs, strict=True) if proc.returncode != 0]
    if not failures:
        with sqlite3.connect(db) as conn:
            rows = conn.execute("SELECT count(*) FROM interview_sessions").fetchone()[0]
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if rows != processes or mode != "wal":
            failures.append(f"{rows} rows, journal_mode {mode}")
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    failed: Counter[str] = Counter()
    bad_runs = 0
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="estel-open-race-") as tmp:
        for number in range(args.runs):
            folder = Path(tmp) / f"run-{number}"
            folder.mkdir()
            failures = one_run(folder, args.processes)
            bad_runs += bool(failures)
            failed.update(failures)
    print(f"{bad_runs} of {args.runs} runs failed ({args.processes} processes per new file, "
          f"{time.perf_counter() - began:.1f} s)")
    for message, count in failed.most_common(5):
        print(f"  {count} × {message[:160]}")


if __name__ == "__main__":
    main()
