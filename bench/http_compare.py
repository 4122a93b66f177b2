"""`http_load.py --compare GIT_REF`: this tree's server and GIT_REF's, measured side by side.

The machine is shared, so a figure taken at another time says little: the two servers run in
turns (baseline, this tree, then this tree, baseline, ...) under the same load generator, and
both are reported with the server's CPU per turn, which other work on the machine moves far
less than turns/s. The baseline is GIT_REF's tree exported with `git archive` to a temp dir.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
from pathlib import Path

from http_load import figures, measure


def export(repo: Path, ref: str, into: Path) -> str:
    """GIT_REF's tree under `into`; its short commit id."""
    commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", ref],
                            capture_output=True, text=True, check=True).stdout.strip()
    archive = subprocess.Popen(["git", "-C", str(repo), "archive", commit],
                               stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(into)], stdin=archive.stdout, check=True)
    if archive.wait() != 0:
        raise SystemExit(f"git archive {ref} failed")
    return commit


def combined(runs: list[dict]) -> dict:
    """The runs of one server as one: means of rates and CPU, the worst p99, all errors."""
    return {"rate": statistics.mean(r["rate"] for r in runs),
            "p99_ms": max(r["p99_ms"] for r in runs),
            "errors": sum(r["errors"] for r in runs),
            "server_cpu_ms": statistics.mean(r["server_cpu_ms"] for r in runs),
            "client_cpu_ms": statistics.mean(r["client_cpu_ms"] for r in runs),
            "load_before": statistics.mean(r["load_before"] for r in runs)}


def change(new: float, old: float) -> str:
    return f"{100 * (new - old) / old:+.0f}%" if old else "n/a"


def compare(args: argparse.Namespace, repo: Path) -> int:
    with tempfile.TemporaryDirectory(prefix="estel-baseline-") as tmp:
        commit = export(repo, args.compare, Path(tmp))
        base = f"{args.compare} ({commit})"
        sides = {"this tree": repo, base: Path(tmp)}
        runs: dict[str, list[dict]] = {name: [] for name in sides}
        print(f"{args.rounds} rounds of {args.seconds:.0f} s per server, alternating; "
              f"{args.workers} workers, {args.brain} brain, store {args.store}, load: "
              f"{args.client}, {args.connections} connections")
        for round_number in range(args.rounds):
            order = list(sides) if round_number % 2 else list(sides)[::-1]
            for name in order:
                fig = measure(args, sides[name])
                runs[name].append(fig)
                print(f"round {round_number + 1} {name:>20}: {figures(fig)}")
    mine, theirs = combined(runs["this tree"]), combined(runs[base])
    print(f"{'':22}{'turns/s':>10}{'p99 ms':>10}{'errors':>8}{'CPU ms/turn':>13}"
          f"{'load gen ms/turn':>18}")
    for name, fig in (("this tree", mine), (base, theirs)):
        print(f"{name:>22}{fig['rate']:10.1f}{fig['p99_ms']:10.1f}{fig['errors']:8d}"
              f"{fig['server_cpu_ms']:13.2f}{fig['client_cpu_ms']:18.2f}")
    print(f"http_load compare: this tree {mine['rate']:.1f} turns/s, p99 {mine['p99_ms']:.1f} ms,"
          f" {mine['errors']} errors, server CPU {mine['server_cpu_ms']:.2f} ms/turn | {base} "
          f"{theirs['rate']:.1f} turns/s, p99 {theirs['p99_ms']:.1f} ms, {theirs['errors']} "
          f"errors, server CPU {theirs['server_cpu_ms']:.2f} ms/turn | CPU per turn "
          f"{change(mine['server_cpu_ms'], theirs['server_cpu_ms'])}, turns/s "
          f"{change(mine['rate'], theirs['rate'])} ({args.rounds} x {args.seconds:.0f} s each, "
          f"mean load average {statistics.mean([mine['load_before'], theirs['load_before']]):.1f})")
    return 0
