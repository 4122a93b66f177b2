"""Benchmark the dashboard: 100,000 stored sessions → every KPI and figure, in-process.

    python bench/dashboard.py [--sessions 100000] [--repeat 5] [--db PATH]

Fills a temporary SQLite file (unless --db names one that is already filled) with sessions made
from real offline-brain interviews (a pool of whole interviews across roles and answer styles,
re-stamped with new ids, dates, statuses, brains and prompt versions), then, in a fresh process,
times what the Dashboard page computes per filter change: the filter options, the filtered
query, the KPIs, all five figures and the sessions table (newest 5,000 shown); the CSV of the
whole filtered table is timed separately (it is built once per filter change, and cached).
Peak memory is the measuring process's max RSS (interpreter, pandas and plotly included), plus a
separate tracemalloc pass for Python allocations alone. Goals (issue 6): ≤ 2 s and ≤ 500 MB.
Prints figures only; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from estel.store.base import SessionFilters, SessionRecord
from estel.store.sqlite import SQLiteStore

ROLES = ("Data Analyst", "Backend Engineer", "Frontend Developer", "Product Manager",
         "UX Designer", "Marketing Manager", "Business Analyst", "Customer Support Lead")
LEVELS = ("junior", "mid", "senior", "lead")
DIFFICULTIES = ("easy", "standard", "hard")
STYLES = {
    "strong": "At Northwind I led a team of four to rebuild our reporting pipeline. The task was "
              "to cut delays before a renewal; I mapped each step, automated two approvals and "
              "agreed new deadlines. As a result delays dropped by 80% and the client renewed "
              "for two years. I measured the impact weekly and shared it with stakeholders.",
    "average": "I worked on a project where we improved a process. I talked to the team and we "
               "changed a few things, and it went better afterwards. I think it helped.",
    "weak": "um maybe, not sure",
}
BRAINS = (("offline", None, "offline-v1"), ("openai", "gpt-4.1-mini", "interviewer-v1"),
          ("openai", "gpt-4.1-mini", "interviewer-v2"), ("openai", "gpt-4.1", "interviewer-v2"))
END = datetime(2026, 11, 1, tzinfo=UTC)
SPAN = timedelta(days=365)
SHOWN_ROWS = 5_000

FILTERS: dict[str, SessionFilters | None] = {
    "no filter": None,
    "last 90 days": SessionFilters(since=END - timedelta(days=90), until=END),
    "one role": SessionFilters(target_roles=("Data Analyst",)),
    "role+level+30d": SessionFilters(target_roles=("Backend Engineer",),
                                     experience_levels=("senior",),
                                     since=END - timedelta(days=30), until=END),
}


def interview_pool() -> list[SessionRecord]:
    """Whole 8-question interviews by the offline brain: every role × level × answer style."""
    from estel.brains.offline.brain import OfflineBrain
    from estel.contract import InterviewMeta
    from estel.engine import Engine
    from estel.store.records import completed_record, new_record

    engine = Engine(OfflineBrain())
    pool = []
    for number, (role, level, (style, answer)) in enumerate(
            (r, lv, s) for r in ROLES for lv in LEVELS for s in STYLES.items()):
        meta = InterviewMeta(target_role=role, experience_level=level,
                             difficulty=DIFFICULTIES[number % 3], questions_target=8)
        turns = [engine.start(meta)]
        while not turns[-1].finished:
            turns.append(engine.answer(turns[-1].state, f"{answer} ({style})"))
        record = new_record(turns[0], now=END)
        pool.append(completed_record(record, turns, now=END + timedelta(minutes=15)))
    return pool


def sessions(count: int, seed: int = 11) -> Iterator[SessionRecord]:
    """`count` sessions over a year: 85% completed, 10% abandoned, 5% still in progress."""
    rng = random.Random(seed)
    pool = interview_pool()
    for _ in range(count):
        base = rng.choice(pool)
        created = END - SPAN * rng.random()
        brain, model, prompt = rng.choice(BRAINS)
        roll = rng.random()
        update: dict[str, Any] = {
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "created_at": created, "brain": brain, "model": model, "prompt_version": prompt,
            "completed_at": created + timedelta(minutes=rng.uniform(6, 45)),
        }
        if roll >= 0.85:  # unfinished: no feedback, no scores, part of the transcript
            update |= {"status": "abandoned" if roll < 0.95 else "in_progress",
                       "summary": None, "strengths": [], "improvements": [], "skill_gaps": [],
                       "next_steps": [], "communication_score": None, "content_score": None,
                       "confidence_score": None, "overall_score": None,
                       "transcript": base.transcript[: rng.randint(1, 7)]}
            if roll >= 0.95:
                update["completed_at"] = None
        yield base.model_copy(update=update)


def fill(db: Path, count: int) -> None:
    store = SQLiteStore(db)
    began = time.perf_counter()
    inserted = store.bulk_insert(sessions(count), batch_size=2000)
    print(f"filled {db.name}: {inserted:,} sessions in {time.perf_counter() - began:.1f} s "
          f"({db.stat().st_size / 1e6:.0f} MB)")


def dashboard_once(store: SQLiteStore, filters: SessionFilters | None,
                   frames: Any = None) -> dict[str, Any]:
    """What the page computes on a filter change (minus streamlit): returns sizes to print.
    `frames`: the page's IncrementalFrames (re-reads only what changed since its last read)."""
    from estel.dashboard import analytics
    from estel.dashboard.charts import dashboard_figures
    from estel.dashboard.query import filter_options, load_dashboard

    options = filter_options(store)
    loaded, newest = load_dashboard(store, filters, SHOWN_ROWS, frames)
    frame = loaded.frame
    numbers = analytics.kpis(frame)
    start = filters.since if filters else None
    end = filters.until - timedelta(microseconds=1) if filters and filters.until else None
    figures = dashboard_figures(frame, start=start, end=end)
    table = analytics.sessions_table(newest, SHOWN_ROWS)
    return {"rows": len(frame), "kpis": numbers, "figures": len(figures),
            "points": sum(len(getattr(t, "x", None) or getattr(t, "r", None) or ())
                      for f in figures.values() for t in f.data),
            "table": len(table), "roles": len(options.target_roles)}


def timed(action: Callable[[], Any], repeat: int) -> tuple[list[float], list[float], Any]:
    """Wall and CPU seconds per run: on a busy machine CPU time is the fairer figure."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        began, cpu = time.perf_counter(), time.process_time()
        result = action()
        walls.append(time.perf_counter() - began)
        cpus.append(time.process_time() - cpu)
    return walls, cpus, result


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure(db: Path, repeat: int) -> None:
    """Run in a fresh process, so max RSS is the dashboard's, not the data generator's."""
    from estel.dashboard import analytics
    from estel.dashboard.query import load_sessions

    store = SQLiteStore(db)
    store.schema_version()  # migrate an older file (builds indexes) outside the timings
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs;"
          f" RSS after imports: {peak_rss_mb():.0f} MB")
    print(f"{'filter':16} {'rows':>7} {'first':>6} {'wall':>6} {'cpu':>6} {'max':>6}"
          f"  (seconds; query → options, KPIs, 5 figures, table; wall/cpu = medians of"
          f" {repeat}; cpu = user+sys of this process)")
    for name, filters in FILTERS.items():
        walls, cpus, result = timed(lambda f=filters: dashboard_once(store, f), repeat)
        print(f"{name:16} {result['rows']:7,} {walls[0]:6.2f} {statistics.median(walls):6.2f}"
              f" {statistics.median(cpus):6.2f} {max(walls):6.2f}"
              f"  {result['figures']} figures, {result['points']} points")
    print(f"peak RSS after the dashboard runs: {peak_rss_mb():.0f} MB (goal ≤ 500 MB)\n")
    after_a_save(store, repeat)
    for name, filters in FILTERS.items():  # the CSV download: built once per filter change
        walls, _, csv = timed(lambda f=filters: analytics.csv_bytes(
            analytics.sessions_table(load_sessions(store, f).frame)), 1)
        print(f"csv {name:16} {walls[0]:6.2f} s  {len(csv) / 1e6:5.1f} MB")
    print(f"peak RSS after the CSVs too: {peak_rss_mb():.0f} MB\n")
    tracemalloc.start()  # last: tracing itself costs memory
    dashboard_once(store, None)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"tracemalloc peak (Python allocations), one unfiltered dashboard build:"
          f" {peak / 1e6:.0f} MB")


def after_a_save(store: SQLiteStore, repeat: int) -> None:
    """What the page (or its warmer) recomputes after one more session is saved, no filter:
    the frame brought up to date from the change log, then the KPIs, figures and table."""
    from estel.dashboard.incremental import IncrementalFrames

    frames = IncrementalFrames(store)
    dashboard_once(store, None, frames)  # the first read is whole
    walls, cpus = [], []
    for _ in range(repeat):
        save_one_more(store.path)
        wall, cpu, _ = timed(lambda: dashboard_once(store, None, frames), 1)
        walls += wall
        cpus += cpu
    print(f"after one save, no filter: wall {statistics.median(walls):.2f} s, cpu"
          f" {statistics.median(cpus):.2f} s (medians of {repeat}; reads: {dict(frames.reads)})\n")


def save_one_more(db: Path) -> None:
    """One more completed session (a copy of the newest with a new id): the data changed."""
    store = SQLiteStore(db)
    newest = store.list(limit=1, filters=SessionFilters(statuses=("completed",)))[0]
    store.complete(newest.model_copy(update={"id": str(uuid.uuid4())}))


def cold_page(db: Path, runs: int) -> dict[str, list[float]]:
    """The Dashboard page in Chromium (bench/dashboard_page.py): per scenario, the seconds
    until everything was drawn, one per load."""
    from dashboard_page import STAGES
    from dashboard_page import measure as page_measure

    print(f"cold page loads in Chromium (fresh browser context each; seconds from goto until"
          f" {', '.join(STAGES)} are drawn; 'all' = every one):")
    results = page_measure(db, runs, lambda: save_one_more(db))
    return {scenario: [times["all"] for times in loads] for scenario, loads in results.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--page-runs", type=int, default=3,
                        help="Chromium loads per scenario (0: skip the page)")
    parser.add_argument("--db", type=Path, help="SQLite file (filled first if it has no rows)")
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_only:
        measure(args.db, args.repeat)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "dashboard.db"
        if not db.exists() or SQLiteStore(db).count() == 0:
            fill(db, args.sessions)
        if args.repeat:
            command = [sys.executable, __file__, "--measure-only", "--db", str(db),
                       "--repeat", str(args.repeat)]
            if subprocess.run(command, check=False).returncode:
                return 1
        if args.page_runs:
            loads = cold_page(db, args.page_runs)
            sessions = SQLiteStore(db).count()
            saved, new, first = (loads[name] for name in (
                "after a save", "new visitor", "first visit"))
            # the goal's case: a cold browser, and figures the last save made stale
            print(f"dashboard: {sessions} sessions, cold page after a save"
                  f" {statistics.median(saved):.2f} s (median of {len(saved)}, worst"
                  f" {max(saved):.2f} s), new visitor {statistics.median(new):.2f} s, first visit"
                  f" once the server answered {max(first):.2f} s (Chromium, fresh context,"
                  f" to every figure and the table; goal <= 2 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
