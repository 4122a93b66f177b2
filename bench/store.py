"""Benchmark the SQLite store: batched inserts, then the dashboard's filtered list and count.

    python bench/store.py [--rows 100000] [--batch 1000] [--repeat 7] [--db PATH]

First the single writes the app and the HTTP saver make (complete(), complete_many(), and two
processes saving at once, like the HTTP service's two workers); then the goals of issue 5: at
least 5,000 inserts/s batched; any filtered `list` of ≤ 1,000 rows under 50 ms. Prints
figures only; it asserts nothing. Uses a temporary file unless --db is given.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from estel.store.base import SessionFilters, SessionRecord, TranscriptEntry
from estel.store.sqlite import SQLiteStore

ROLES = ("Backend Engineer", "Frontend Engineer", "Data Scientist", "Product Manager",
         "DevOps Engineer", "QA Engineer", "Designer", "Data Engineer", "ML Engineer",
         "Engineering Manager", "Mobile Developer", "Security Engineer")
LEVELS = ("junior", "mid", "senior", "lead")
DIFFICULTIES = ("easy", "standard", "hard")
BRAINS = (("offline", None), ("openai", "gpt-4.1-mini"), ("openai", "gpt-4.1"))
PROMPTS = ("v1", "v2", "v3", "v3-exp")
PHASES = ("intro", "behavioural", "behavioural", "behavioural", "technical", "technical",
          "technical", "wrap_up")
END = datetime(2026, 11, 1, tzinfo=UTC)
SPAN = timedelta(days=365)


def transcripts(rng: random.Random, count: int) -> list[list[TranscriptEntry]]:
    """A pool of realistic 8-question transcripts, shared between rows to save memory."""
    pool = []
    for _ in range(count):
        pool.append([
            TranscriptEntry(
                question_id=f"q{n}", phase=phase, difficulty="medium",
                question=f"Tell me about a time you handled situation number {n}? " * 2,
                topic=f"topic {rng.randint(1, 40)}",
                answer="I led the work, measured the result and shared it with the team. " * 5,
                communication=rng.randint(0, 100) / 10, content=rng.randint(0, 100) / 10,
                confidence=rng.randint(0, 100) / 10, note="Clear structure; add numbers.",
            )
            for n, phase in enumerate(PHASES, start=1)
        ])
    return pool


def sessions(rows: int, seed: int = 7) -> Iterator[SessionRecord]:
    """`rows` completed sessions spread over a year."""
    rng = random.Random(seed)
    pool = transcripts(rng, 200)
    for _ in range(rows):
        created = END - SPAN * rng.random()
        brain, model = rng.choice(BRAINS)
        scores = [rng.randint(0, 100) / 10 for _ in range(3)]
        yield SessionRecord(
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            created_at=created, completed_at=created + timedelta(minutes=rng.randint(5, 40)),
            status="completed", target_role=rng.choice(ROLES),
            experience_level=rng.choice(LEVELS), difficulty=rng.choice(DIFFICULTIES),
            questions_target=8, brain=brain, model=model,
            # the experimental prompt is rare: a selective filter
            prompt_version="v3-exp" if rng.random() < 0.02 else rng.choice(PROMPTS[:3]),
            summary="Solid answers with clear structure; quantify impact more often.",
            strengths=["Structured answers", "Ownership"], improvements=["Quantify impact"],
            skill_gaps=rng.sample(["SQL", "system design", "testing", "metrics", "k8s"], 2),
            next_steps=["Practise STAR stories"],
            communication_score=scores[0], content_score=scores[1], confidence_score=scores[2],
            overall_score=round(sum(scores) / 3, 1), transcript=rng.choice(pool),
        )


FILTERS: dict[str, SessionFilters | None] = {
    "no filter": None,
    "last 30 days": SessionFilters(since=END - timedelta(days=30)),
    "one week, mid-year": SessionFilters(since=END - timedelta(days=180),
                                         until=END - timedelta(days=173)),
    "target_role": SessionFilters(target_roles=("Data Scientist",)),
    "two roles": SessionFilters(target_roles=("Data Scientist", "Designer")),
    "experience_level": SessionFilters(experience_levels=("senior",)),
    "difficulty": SessionFilters(difficulties=("hard",)),
    "brain": SessionFilters(brains=("offline",)),
    "model": SessionFilters(models=("gpt-4.1",)),
    "prompt_version (rare)": SessionFilters(prompt_versions=("v3-exp",)),
    "status": SessionFilters(statuses=("completed",)),
    "role+difficulty+90d": SessionFilters(target_roles=("Backend Engineer",),
                                          difficulties=("hard",),
                                          since=END - timedelta(days=90)),
}


def medians(action: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """Median wall and CPU milliseconds of `repeat` runs, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = action()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus), result


def single_writes(db: Path, count: int) -> None:
    """What the app and the HTTP saver do: complete() one record at a time, and complete_many()
    in the saver's batches (one transaction each), on a fresh file."""
    store = SQLiteStore(db)
    store.schema_version()
    records = list(sessions(2 * count, seed=11))
    ones, many = records[:count], records[count:]
    wall, cpu = time.perf_counter(), time.process_time()
    for record in ones:
        store.complete(record)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"complete() one at a time: {count} in {wall:.2f} s wall = {1000 * wall / count:.2f} ms"
          f" each ({count / wall:,.0f}/s); CPU {1000 * cpu / count:.2f} ms each")
    wall, cpu = time.perf_counter(), time.process_time()
    for start in range(0, count, 20):
        store.complete_many(many[start:start + 20])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"complete_many(), 20 a call: {count} in {wall:.2f} s wall = "
          f"{1000 * wall / count:.2f} ms each ({count / wall:,.0f}/s); CPU "
          f"{1000 * cpu / count:.2f} ms each\n")


def writer(db: str, count: int, seed: int) -> None:
    """Child of `two_writers`: complete() `count` records once the gate file exists; prints the
    latencies (s) as JSON."""
    store = SQLiteStore(db)
    store.schema_version()
    records = list(sessions(count, seed=seed))
    while not os.path.exists(db + ".go"):
        time.sleep(0.001)
    latencies = []
    for record in records:
        start = time.perf_counter()
        store.complete(record)
        latencies.append(time.perf_counter() - start)
    print(json.dumps(latencies))


def two_writers(db: Path, count: int) -> None:
    """Two processes saving one record at a time into one file: the HTTP service's two workers."""
    procs = [subprocess.Popen([sys.executable, __file__, "--writer", str(db), str(count), str(k)],
                              stdout=subprocess.PIPE, text=True) for k in range(2)]
    time.sleep(3)  # both import and build their records first
    Path(f"{db}.go").touch()
    start = time.perf_counter()
    ms = sorted(1000 * x for proc in procs for x in json.loads(proc.communicate()[0]))
    wall = time.perf_counter() - start
    print(f"2 processes, complete() one at a time: {len(ms)} in {wall:.2f} s = "
          f"{len(ms) / wall:,.0f}/s; per save p50 {ms[len(ms) // 2]:.1f} ms, p99 "
          f"{ms[int(len(ms) * 0.99)]:.1f} ms, max {ms[-1]:.1f} ms\n")


def run(db: Path, rows: int, batch: int, repeat: int) -> None:
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} CPUs (wall times include waiting for a CPU; CPU times do not)")
    single_writes(db.with_name("single.db"), 200)
    two_writers(db.with_name("two.db"), 300)
    store = SQLiteStore(db)
    store.schema_version()  # create the schema outside the timed part
    records = list(sessions(rows))
    wall, cpu = time.perf_counter(), time.process_time()
    inserted = store.bulk_insert(records, batch_size=batch)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"insert: {inserted:,} completed sessions (8-question transcripts) in {wall:.1f} s wall"
          f" = {inserted / wall:,.0f} rows/s; CPU {cpu:.1f} s = {inserted / cpu:,.0f} rows/s"
          f" (batches of {batch}; goal ≥ 5,000 rows/s)")
    print(f"db file: {db.stat().st_size / 1e6:.0f} MB\n")
    print(f"{'ms: wall / CPU':22} {'rows':>5} {'list, no transcript':>20} {'list, full':>14}"
          f" {'count':>12} {'sessions':>9}")
    worst = {"summary": 0.0, "full": 0.0}
    for name, filters in FILTERS.items():
        summary = medians(lambda f=filters: store.list(f, 1000, with_transcript=False), repeat)
        full = medians(lambda f=filters: store.list(f, 1000), repeat)
        count = medians(lambda f=filters: store.count(f), repeat)
        worst = {"summary": max(worst["summary"], summary[0]), "full": max(worst["full"], full[0])}
        print(f"{name:22} {len(summary[2]):5} {summary[0]:12.1f} / {summary[1]:5.1f}"
              f" {full[0]:6.1f} / {full[1]:5.1f} {count[0]:5.1f} / {count[1]:4.1f}"
              f" {count[2]:9,}")
    print(f"\nslowest list of ≤1000 rows (wall, median of {repeat}): {worst['summary']:.1f} ms"
          f" without transcripts (what the dashboard asks for), {worst['full']:.1f} ms with"
          " 8-question transcripts; goal < 50 ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--db", type=Path, help="SQLite file to use (default: a temporary one)")
    parser.add_argument("--writer", nargs=3, help=argparse.SUPPRESS)  # child of two_writers
    args = parser.parse_args()
    if args.writer:
        writer(args.writer[0], int(args.writer[1]), int(args.writer[2]))
        return 0
    if args.db:
        run(args.db, args.rows, args.batch, args.repeat)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        run(Path(tmp) / "bench.db", args.rows, args.batch, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
