"""`python -m estel demo-data --sessions N`: a living dashboard in one command.

Fills the active store (open_store(load_settings())) with N sessions played by the real engine
and the offline brain against the eval personas, across roles, levels, difficulties and dates
over the last `--days` days. Nothing is random numbers: every score is what the offline brain
gave the answers. A candidate mostly answers in one persona's style but sometimes drifts to a
neighbouring one, so scores spread as real ones do. About 15% of sessions stop early
(in_progress if recent, else abandoned), for a realistic completion rate. Same seed, same data.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from estel.brains.offline.brain import OfflineBrain
from estel.contract import InterviewMeta
from estel.engine import Engine, TurnResult
from estel.evals.personas import Persona, load_personas
from estel.store.base import SessionRecord

ROLES = (
    "Software Engineer", "Backend Engineer", "Frontend Developer", "Data Scientist",
    "Data Analyst", "Business Analyst", "Product Manager", "UX Designer", "Marketing Manager",
    "Account Executive", "Customer Success Manager", "Operations Manager", "Project Manager",
)
# the app's own level labels (estel.roles.levels), so demo rows read like real ones
LEVELS = (("Junior", 3), ("Mid-level", 4), ("Senior", 3), ("Lead or principal", 1))
DIFFICULTIES = (("easy", 2), ("standard", 6), ("hard", 2))
QUESTIONS = ((5, 2), (6, 2), (8, 6), (10, 2), (12, 1))
# persona style -> weight; and the styles a candidate may drift to mid-interview
STYLES = (("strong", 18), ("average", 34), ("weak", 18), ("rambler", 10), ("terse", 10),
          ("off-topic", 4), ("question-echo", 2), ("prompt-injector", 2), ("gibberish", 2))
DRIFT = {"strong": ("average",), "average": ("strong", "weak"), "weak": ("average", "terse"),
         "rambler": ("average",), "terse": ("weak",)}
DRIFT_CHANCE = 0.3
UNFINISHED_SHARE = 0.15
IN_PROGRESS_HOURS = 72  # an unfinished session younger than this is still in progress


@dataclass(frozen=True)
class DemoPlan:
    """One session to play: who, for which role, when, and where it stops (None = finishes)."""

    style: str
    meta: InterviewMeta
    started: datetime
    stop_after: int | None
    seed: int


def plan_sessions(count: int, days: int, seed: int, now: datetime) -> Iterator[DemoPlan]:
    """The sessions, oldest first; activity grows toward today (as a product's usage would)."""
    rng = random.Random(seed)
    offsets = sorted((days * (1 - rng.random() ** 0.8) for _ in range(count)), reverse=True)
    for offset in offsets:
        questions = _pick(rng, QUESTIONS)
        meta = InterviewMeta(target_role=rng.choice(ROLES), experience_level=_pick(rng, LEVELS),
                             difficulty=_pick(rng, DIFFICULTIES), questions_target=questions)
        stop = rng.randrange(0, questions) if rng.random() < UNFINISHED_SHARE else None
        started = now - timedelta(days=offset, minutes=rng.randrange(0, 60))
        yield DemoPlan(style=_pick(rng, STYLES), meta=meta, started=started, stop_after=stop,
                       seed=rng.getrandbits(32))


def _pick(rng: random.Random, weighted: tuple[tuple[Any, int], ...]) -> Any:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def play_session(engine: Engine, plan: DemoPlan, personas: dict[str, Persona],
                 now: datetime) -> SessionRecord:
    """Play one session and return its record, dated by the plan."""
    from estel.store import records

    rng = random.Random(plan.seed)
    opening = engine.start(plan.meta)
    record = records.new_record(opening, now=plan.started)
    turns: list[TurnResult] = [opening]
    used: set[str] = set()
    clock = plan.started
    while not turns[-1].finished:
        if plan.stop_after is not None and len(turns) > plan.stop_after:
            return _unfinished(record, turns, clock, now)
        question = turns[-1].response.payload
        style = plan.style
        if style in DRIFT and rng.random() < DRIFT_CHANCE:
            style = rng.choice(DRIFT[style])
        text = personas[style].answer(question=question.question, topic=question.topic,
                                      phase=question.phase, role=plan.meta.target_role,
                                      used=used, salt=str(plan.seed))
        used.add(text)
        # reading, thinking and typing time; never later than now
        clock = min(now, clock + timedelta(seconds=30 + len(text.split()) * 1.2
                                           + rng.randrange(0, 60)))
        turns.append(engine.answer(turns[-1].state, text))
    return records.completed_record(record, turns, now=clock)


def _unfinished(record: SessionRecord, turns: list[TurnResult], clock: datetime,
                now: datetime) -> SessionRecord:
    """The row of a session left early: its questions so far; abandoned unless recent."""
    from estel.store import records

    transcript = records.build_transcript(turns[-1].state, turns)
    record = record.model_copy(update={"transcript": transcript})
    if now - record.created_at < timedelta(hours=IN_PROGRESS_HOURS):
        return record
    return records.abandoned_record(record, now=clock)


def generate(count: int, days: int, seed: int, now: datetime | None = None,
             progress: Callable[[int, int], None] | None = None) -> Iterator[SessionRecord]:
    """The demo sessions' records, one by one (deterministic for a seed and `now`)."""
    now = now or datetime.now(UTC)
    engine = Engine(OfflineBrain())
    personas = {p.name: p for p in load_personas()}
    for n, plan in enumerate(plan_sessions(count, days, seed, now), start=1):
        yield play_session(engine, plan, personas, now)
        if progress is not None:
            progress(n, count)


def register(subparsers: Any) -> None:
    """Add the `demo-data` command."""
    p = subparsers.add_parser("demo-data", help="fill the active store with demo sessions "
                              "played by the offline brain")
    p.add_argument("--sessions", type=int, default=200, help="how many (default 200)")
    p.add_argument("--days", type=int, default=60, help="spread over the last N days (60)")
    p.add_argument("--seed", type=int, default=7, help="same seed, same sessions (7)")
    p.set_defaults(func=cmd_demo_data)


def cmd_demo_data(args: argparse.Namespace) -> int:
    from estel.cli import UsageError
    from estel.config import load_settings
    from estel.store import open_store

    if not 1 <= args.sessions <= 100_000 or not 1 <= args.days <= 3650:
        raise UsageError("--sessions must be 1..100000 and --days 1..3650.")
    store = open_store(load_settings())
    began = time.perf_counter()
    rows = list(generate(args.sessions, args.days, args.seed, progress=_progress_line))
    written = _write(store, rows)
    statuses = Counter(r.status for r in rows)
    print(f"Wrote {written} demo sessions to {store.description} in "
          f"{time.perf_counter() - began:.1f} s: "
          + ", ".join(f"{statuses[s]} {s}" for s in ("completed", "in_progress", "abandoned"))
          + f"; {len({r.target_role for r in rows})} roles over the last {args.days} days.")
    return 0


def _write(store: Any, rows: list[SessionRecord]) -> int:
    """One batch into SQLite; through the protocol (create, then complete) elsewhere."""
    if hasattr(store, "bulk_insert"):
        return int(store.bulk_insert(rows))
    written = 0
    for row in rows:
        receipt = store.create(row) if row.status == "in_progress" else store.complete(row)
        written += int(receipt.saved)
    return written


def _progress_line(done: int, total: int) -> None:
    if done == total or done % 25 == 0:
        end = "\n" if done == total else ""
        print(f"\r  played {done}/{total} sessions", end=end, file=sys.stderr, flush=True)
