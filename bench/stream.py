"""Streamed questions: how soon the first words of the next question show, against a whole turn.

Runs the OpenAI brain against the fake OpenAI-compatible server (tests/support/fake_openai.py),
which streams its replies at a realistic token rate (default 20 ms per ~4-character token, about
50 tokens/s, the order of a hosted mini model). For the opening turn (the first question) and each
answer turn it measures the time until the first question words reach the page's listener and
the time of the whole turn (the reply validated). Printed last: the first question's ratio
(first words / whole turn) and the worst ratio over every turn; the target is <= 0.3.

    python3 bench/stream.py [--turns 5] [--delay 0.02]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "support"))

from fake_openai import API_KEY, MODEL, FakeOpenAI  # noqa: E402

from estel.brains.offline.bank import load_bank  # noqa: E402
from estel.brains.openai.brain import OpenAIBrain, make_client  # noqa: E402
from estel.brains.openai.stream import LISTENER  # noqa: E402
from estel.config import load_settings  # noqa: E402
from estel.contract import InterviewMeta  # noqa: E402
from estel.engine import Engine  # noqa: E402
from estel.roles.context import role_context_for  # noqa: E402

ANSWER = ("I led the migration of our billing service to a queue-based design, cut the p99 "
          "latency by forty percent and wrote the runbook the on-call team still uses.")


def timed(work: Callable[[], object]) -> tuple[float, float, object]:
    """(seconds to the first question words, seconds for the whole turn, the turn's result)."""
    first: list[float] = []
    began = time.perf_counter()
    token = LISTENER.set(lambda text: first or first.append(time.perf_counter() - began))
    try:
        result = work()
    finally:
        LISTENER.reset(token)
    whole = time.perf_counter() - began
    return (first[0] if first else whole), whole, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=5, help="answer turns after the opening")
    parser.add_argument("--delay", type=float, default=0.02, help="seconds per streamed chunk")
    args = parser.parse_args()
    with FakeOpenAI() as fake:
        fake.chunk_delay = args.delay
        settings = load_settings(environ={}, openai_base_url=fake.base_url,
                                 openai_api_key=API_KEY, openai_model=MODEL)
        engine = Engine(OpenAIBrain(make_client(settings), settings))
        meta = InterviewMeta(target_role="Backend Engineer", experience_level="mid",
                             difficulty="standard", questions_target=args.turns + 1)
        # before Start, the setup page has already loaded the bank and resolved the typed title
        # ("Interviewing as: ..."): do the same, so the first turn is timed as a candidate sees
        # it (in a fresh process those cost ~6 s and ~0.2 s, once)
        role_context_for(meta.target_role, meta.experience_level, load_bank())
        first, whole, result = timed(lambda: engine.start(meta, language="en"))
        print(f"first question:  first words {first * 1000:6.0f} ms, "
              f"whole turn {whole * 1000:6.0f} ms")
        ratios = [first / whole]
        opening = ratios[0]
        state = result.state  # type: ignore[attr-defined]
        firsts, wholes = [], []
        for n in range(1, args.turns + 1):
            first, whole, result = timed(
                lambda s=state: engine.answer(s, ANSWER, language="en"))  # type: ignore[misc]
            state = result.state  # type: ignore[attr-defined]
            firsts.append(first)
            wholes.append(whole)
            ratios.append(first / whole)
            print(f"answer turn {n}: first words {first * 1000:6.0f} ms, "
                  f"whole turn {whole * 1000:6.0f} ms")
    first_ms, whole_ms = statistics.median(firsts) * 1000, statistics.median(wholes) * 1000
    print(f"answer turns, median: first words {first_ms:.0f} ms; whole turn {whole_ms:.0f} ms "
          f"({args.delay * 1000:.0f} ms per chunk)")
    print(f"ratio first words / whole turn: first question {opening:.2f}, worst of "
          f"{len(ratios)} turns {max(ratios):.2f} (target <= 0.30)")


if __name__ == "__main__":
    main()
