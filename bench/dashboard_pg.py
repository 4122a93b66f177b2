"""Benchmark the dashboard on PostgreSQL: N generated sessions → every figure via the SQL functions.

    python bench/dashboard_pg.py [--sessions 1000000] [--repeat 3]

Starts a throwaway PostgreSQL 15 from Debian's binaries (/usr/lib/postgresql/15/bin, as the
tests do: initdb in a temp dir, run as the postgres user when root, fsync off), applies the
migrations (`estel.store.pg_migrate`), loads N generated sessions with COPY, 100,000 rows per
statement so the rollup triggers run set-based per statement (roles, levels, statuses, brains,
prompt versions, scores, skill gaps and durations spread over a year), runs VACUUM ANALYZE, then
times every query the Dashboard page makes per filter change, through the same `SqlQueries` the
page uses: filter options, KPIs, the five figures' queries and the newest 5,000 table rows; for
no filter, the last 90 days and one role (the page's filters: whole UTC days, answered from the
rollups) and one level over 30 days (a filter the rollups do not keep: answered from the rows).

Per figure it prints the wall-clock median of --repeat runs (the first run apart, as "cold") and
the server's own "Execution Time" from EXPLAIN (ANALYZE) of the same calls (less sensitive to
a busy machine than the client's wall clock), and the load average before and after. Peak RSS
is this client process's max RSS (the server's memory is PostgreSQL's shared_buffers, 256 MB
here, and work_mem). Last line: `dashboard_pg: N sessions, X s, Y MB` with X the slowest single
figure (wall-clock median). Prints figures only; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from psycopg import sql

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from estel.dashboard.aggregates import SqlQueries
from estel.dashboard.analytics import trend_freq
from estel.store.base import SessionFilters

PG_BIN = Path("/usr/lib/postgresql/15/bin")
END = datetime(2026, 11, 1, tzinfo=UTC)
ROLES = ("Data Analyst", "Backend Engineer", "Frontend Developer", "Product Manager",
         "UX Designer", "Marketing Manager", "Business Analyst", "Customer Support Lead",
         "Nurse", "Electrician", "Teacher", "Accountant")
GAPS = ("SQL joins", "system design", "STAR structure", "metrics", "stakeholder management",
        "testing", "caching", "Data modelling", "data  modelling", "estimation")
BRAINS = (("offline", r"\N", "offline-v1"), ("openai", "gpt-4.1-mini", "interviewer-v1"),
          ("openai", "gpt-4.1-mini", "interviewer-v2"), ("openai", "gpt-4.1", "interviewer-v2"))
COPY_COLUMNS = ("id", "created_at", "completed_at", "status", "target_role", "experience_level",
                "difficulty", "questions_target", "brain", "model", "prompt_version", "summary",
                "skill_gaps", "communication_score", "content_score", "confidence_score",
                "overall_score")
FILTERS: dict[str, SessionFilters | None] = {
    "no filter": None,
    "last 90 days": SessionFilters(since=END - timedelta(days=90), until=END),
    "one role": SessionFilters(target_roles=("Backend Engineer",)),
    "one level, 30 days (rows)": SessionFilters(experience_levels=("senior",),
                                                since=END - timedelta(days=30), until=END),
}
CHUNK_ROWS = 20_000
COPY_ROWS = 100_000  # rows per COPY statement: one set-based trigger pass each


@contextmanager
def postgres(root: Path) -> Iterator[str]:
    """A PostgreSQL 15 on a free port; yields its URL."""
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(root, "postgres", "postgres")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    data = root / "data"

    def pg(*args: str) -> None:
        subprocess.run([*as_postgres, *args], check=True, capture_output=True, timeout=300)

    pg(str(PG_BIN / "initdb"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync",
       "-D", str(data))
    options = (f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
               " -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB"
               " -c work_mem=64MB -c max_wal_size=4GB -c maintenance_work_mem=256MB")
    pg(str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-o", options,
       "start")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate",
                        "stop"], capture_output=True, timeout=120, check=False)


def copy_text(count: int, seed: int) -> Iterator[str]:
    """COPY text-format lines of generated sessions, in chunks of CHUNK_ROWS."""
    rng = random.Random(seed)
    span = 365 * 86400
    lines: list[str] = []
    for _ in range(count):
        created = END - timedelta(seconds=rng.random() * span)
        status = rng.choices(("completed", "in_progress", "abandoned"), (8, 1, 1))[0]
        brain, model, version = rng.choice(BRAINS)
        common = [str(uuid.UUID(int=rng.getrandbits(128), version=4)), created.isoformat(), "",
                  status, rng.choice(ROLES), rng.choice(("junior", "mid", "senior", "lead")),
                  rng.choice(("easy", "standard", "hard")), str(rng.choice((5, 8, 10))),
                  brain, model, version]
        if status == "completed":
            common[2] = (created + timedelta(seconds=rng.randint(240, 3000))).isoformat()
            scores = [round(min(10.0, max(0.0, rng.gauss(6.2, 1.8))), 1) for _ in range(3)]
            gaps = rng.sample(GAPS, rng.randint(0, 3))
            tail = ["Done.", "{" + ",".join(f'"{g}"' for g in gaps) + "}",
                    *map(str, scores), str(round(sum(scores) / 3, 1))]
        else:
            common[2] = r"\N"
            tail = [r"\N", "{}", r"\N", r"\N", r"\N", r"\N"]
        lines.append("\t".join(common + tail))
        if len(lines) == CHUNK_ROWS:
            yield "\n".join(lines) + "\n"
            lines = []
    if lines:
        yield "\n".join(lines) + "\n"


def load(url: str, count: int) -> float:
    import psycopg

    started = time.perf_counter()
    chunks = copy_text(count, seed=6)
    statement = f"copy public.interview_sessions ({', '.join(COPY_COLUMNS)}) from stdin"
    with psycopg.connect(url, autocommit=True) as conn:
        for _ in range(0, count, COPY_ROWS):
            with conn.cursor() as cursor, cursor.copy(statement) as copy:
                for _, chunk in zip(range(COPY_ROWS // CHUNK_ROWS), chunks, strict=False):
                    copy.write(chunk)
        conn.execute("vacuum analyze")
    return time.perf_counter() - started


def dashboard_steps(queries: SqlQueries, filters: SessionFilters | None
                    ) -> list[tuple[str, Callable[[], Any]]]:
    """What one filter change asks, in the page's order (the trend's period from the KPIs)."""
    state: dict[str, Any] = {}

    def kpis() -> Any:
        state["kpis"] = queries.kpis(filters)
        return state["kpis"]

    def span() -> tuple[Any, Any, Any]:
        _, first, last = state["kpis"]
        return (trend_freq(first, last) if first and last else "D"), first, last

    return [
        ("filter options", queries.options),
        ("kpis", kpis),
        ("score histogram", lambda: queries.histogram(filters)),
        ("overall trend", lambda: queries.overall_trend(filters, *span())),
        ("activity", lambda: queries.activity(filters, *span())),
        ("role profiles", lambda: queries.role_profiles(filters)),
        ("skill gaps", lambda: queries.skill_gaps(filters)),
        ("table (newest 5,000)", lambda: queries.table_page(filters, 0, 5000)),
    ]


def measure(queries: SqlQueries, explain: Explain, repeat: int) -> tuple[float, float]:
    """Prints every figure's seconds per filter; returns the slowest figure's and the slowest
    filter change's (all figures together), wall-clock medians."""
    slowest = slowest_total = 0.0
    for name, filters in FILTERS.items():
        print(f"\n{name}:   (wall median of {repeat}, cold = first run; server = EXPLAIN ANALYZE"
              " execution time)")
        total = 0.0
        for step, run in dashboard_steps(queries, filters):
            times = []
            for _ in range(repeat + 1):
                started = time.perf_counter()
                run()
                times.append(time.perf_counter() - started)
            median = statistics.median(times[1:]) if repeat else times[0]
            server = explain.seconds(run)
            total += median
            slowest = max(slowest, median)
            print(f"  {step:<22} -> {median:7.3f} s   (cold {times[0]:.3f} s,"
                  f" server {server:.3f} s)")
        print(f"  {'all figures':<22} -> {total:7.3f} s")
        slowest_total = max(slowest_total, total)
    return slowest, slowest_total


class Explain:
    """Runs a step's function calls again under EXPLAIN (ANALYZE): the server's execution time."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn
        self._calls: list[tuple[str, dict[str, Any]]] | None = None

    def record(self, call: Callable[[str, Any], Any]) -> Callable[[str, Any], Any]:
        def recording(name: str, params: Any) -> Any:
            if self._calls is not None:
                self._calls.append((name, dict(params)))
            return call(name, params)
        return recording

    def seconds(self, run: Callable[[], Any]) -> float:
        from estel.store.pg_functions import function_query

        self._calls = []
        try:
            run()
        finally:
            calls, self._calls = self._calls, None
        total = 0.0
        for name, params in calls:
            query = sql.SQL("explain (analyze, format json) ") + function_query(name, params)
            plan = self._conn.execute(query, params).fetchone()[0][0]
            total += plan["Execution Time"] / 1000
        return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a kill still stops the server
    if not (PG_BIN / "initdb").exists():
        print("PostgreSQL 15 binaries missing: apt-get install postgresql-15", file=sys.stderr)
        return 2
    import psycopg

    from estel.store.pg_functions import function_call
    from estel.store.pg_migrate import migrate

    root = Path(tempfile.mkdtemp(prefix="estel-bench-pg-"))
    try:
        with postgres(root) as url:
            list(migrate(url))
            print(f"loaded {args.sessions:,} sessions with COPY in "
                  f"{load(url, args.sessions):.1f} s (incl. VACUUM ANALYZE)")
            with psycopg.connect(url, autocommit=True) as conn:
                explain = Explain(conn)
                queries = SqlQueries(explain.record(function_call(lambda: _reuse(conn))))
                print(f"load average before: {_load_average()}")
                slowest, total_slowest = measure(queries, explain, args.repeat)
                print(f"\nload average after: {_load_average()}")
                print(f"slowest filter change, all figures together: {total_slowest:.2f} s")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nclient peak RSS {rss_mb:.0f} MB; machine: {os.cpu_count()} CPUs (shared)")
    print(f"dashboard_pg: {args.sessions} sessions, {slowest:.2f} s, {rss_mb:.0f} MB")
    return 0


def _load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


@contextmanager
def _reuse(conn: Any) -> Iterator[Any]:
    """One connection for every query, as the store's pool hands out a warm one."""
    yield conn


if __name__ == "__main__":
    sys.exit(main())


