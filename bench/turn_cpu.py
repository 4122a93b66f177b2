"""CPU per turn of the HTTP service's own work, in one process: no HTTP, no load generator.

    python bench/turn_cpu.py [--turns 1800] [--compare GIT_REF] [--rounds 2]

Runs whole interviews (http_load's client: six roles, answers unique per interview) through
`BrainService.turn` on the offline brain and a temp SQLite file, one turn after another, and
reports the process's CPU time per turn: parsing, the stored-copy check, the engine, building
the row, the compare-and-set commit and the reply's JSON. CPU time moves far less with other
work on a shared machine than turns/s does. With --compare, GIT_REF's tree (git archive) runs
the same turns, alternating with this tree's, each in a fresh process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def measure(turns: int) -> float:
    """CPU ms per turn of this process's estel (ESTEL_BENCH_ROOT, else this tree)."""
    sys.path.insert(0, os.environ.get("ESTEL_BENCH_ROOT", str(REPO)))
    from http_load import Interviewer

    from estel.brains.offline.bank import load_bank
    from estel.brains.offline.brain import OfflineBrain
    from estel.engine import Engine
    from estel.server.guards import envelope_bytes
    from estel.server.service import BrainService
    from estel.store.sqlite import SQLiteStore

    load_bank()  # as `serve` does before its first turn
    with tempfile.TemporaryDirectory(prefix="estel-turn-cpu-") as tmp:
        service = BrainService(Engine(OfflineBrain()), SQLiteStore(Path(tmp) / "bench.db"))

        def run(count: int) -> None:
            client = Interviewer(0)
            for _ in range(count):
                body, headers = client.next_request()
                outcome = service.turn(body, headers.get("estel-session"))
                if outcome.error_kind is not None:
                    raise SystemExit(f"turn failed: {outcome.envelope.message}")
                client.took(200, {"estel-session": outcome.session_id or ""},
                            envelope_bytes(outcome.envelope))

        run(max(90, turns // 10))  # warm: caches, the SQLite file, the role look-ups
        began = time.process_time()
        run(turns)
        return 1000 * (time.process_time() - began) / turns


def child(root: Path, turns: int) -> float:
    done = subprocess.run([sys.executable, __file__, "--turns", str(turns), "--child"],
                          env={**os.environ, "ESTEL_BENCH_ROOT": str(root)},
                          capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=1800)
    parser.add_argument("--compare", metavar="GIT_REF")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(measure(args.turns))
        return 0
    if not args.compare:
        cpu = child(REPO, args.turns)
        print(f"turn_cpu: {cpu:.2f} ms CPU per turn over {args.turns} turns (service, engine, "
              f"SQLite commit, reply JSON; no HTTP), load average {os.getloadavg()[0]:.1f}")
        return 0
    from http_compare import change, export

    with tempfile.TemporaryDirectory(prefix="estel-baseline-") as tmp:
        commit = export(REPO, args.compare, Path(tmp))
        sides = {"this tree": REPO, f"{args.compare} ({commit})": Path(tmp)}
        runs: dict[str, list[float]] = {name: [] for name in sides}
        for round_number in range(args.rounds):
            order = list(sides) if round_number % 2 else list(sides)[::-1]
            for name in order:
                runs[name].append(child(sides[name], args.turns))
                print(f"round {round_number + 1} {name:>20}: {runs[name][-1]:.2f} ms/turn")
    mine, base = (statistics.mean(runs[name]) for name in sides)
    print(f"turn_cpu compare: this tree {mine:.2f} ms CPU per turn | {list(sides)[1]} "
          f"{base:.2f} ms | {change(mine, base)} ({args.rounds} x {args.turns} turns each, "
          f"no HTTP; load average {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
