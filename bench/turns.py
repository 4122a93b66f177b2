"""Turn latency and envelope size of whole offline interviews, in-process.

    python bench/turns.py [--rounds 25] [--questions 8,20] [--brain offline|scripted]

Runs complete interviews with the default offline brain (`estel.brains.offline.OfflineBrain`)
through `Engine` for a set of roles, answering with a rotation of strong, middling and thin
answers. Prints, per questions_target:
  - engine+brain time per turn (the `Engine.start`/`Engine.answer` call): median and p99;
  - the whole handler path per turn (request JSON text -> `handle_request` -> envelope dict),
    which adds request parsing and state checks: median and p99;
  - whole-interview time (every turn's engine call plus its envelope JSON): median and p99;
  - envelope size in bytes (UTF-8 JSON) per turn index: median, min and max over interviews.
The first turn in a fresh process (loading the question bank) is reported on its own and kept out
of the figures. The last lines compare with the goals of issue 2: turn median < 5 ms and an
8-question interview < 100 ms. Figures only; it asserts nothing and always exits 0.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from estel.contract import InterviewMeta
from estel.engine import Engine
from estel.handler import handle_request

ROLES = (
    "Business Analyst", "SDE II", "Frontend Developer", "Data Scientist", "Product Manager",
    "UX Designer", "Account Executive", "Customer Support Lead", "Marine Biologist",
)
DIFFICULTIES = ("easy", "standard", "hard")
ANSWERS = (
    # strong STAR answer with numbers
    "In my last role the weekly sales report took two days to build by hand and was often "
    "wrong. I owned fixing it: I mapped the sources, wrote SQL views, added data checks and "
    "moved it to a scheduled job. I walked the sales leads through the new numbers and kept "
    "the old report running for two weeks to compare. It now takes ten minutes, errors dropped "
    "from about five a month to none, and the team uses the time for account planning.",
    # middling answer
    "I usually start by talking to the people involved to understand the problem, then I "
    "write down the options and pick one with my manager. Last year we did this for a "
    "reporting change and it went fine after a few weeks.",
    # thin answer
    "I think I would probably just try my best and ask the team.",
    # specific but unstructured
    "Latency was 900 ms at p99; we added caching and an index, now it is 250 ms. Took a week.",
    # off-topic / evasive
    "That's a good question. I am a fast learner and a hard worker.",
)


def ms(ns: int) -> float:
    return ns / 1e6


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[98] if len(values) > 1 \
        else values[0]


def make_brain(name: str):
    if name == "scripted":
        from estel.brains.scripted import ScriptedBrain

        return ScriptedBrain()
    from estel.brains.offline.brain import OfflineBrain

    return OfflineBrain()


def interview(engine: Engine, meta: InterviewMeta, offset: int) -> tuple[list[int], int, list[int]]:
    """One whole interview: engine ns per turn, total ns (with envelope JSON), bytes per turn."""
    turn_ns: list[int] = []
    sizes: list[int] = []
    total = 0
    state = None
    for number in range(meta.questions_target + 1):
        began = time.perf_counter_ns()
        if state is None:
            result = engine.start(meta)
        else:
            result = engine.answer(state, ANSWERS[(number + offset) % len(ANSWERS)], meta=meta)
        engine_done = time.perf_counter_ns()
        wire = result.envelope().to_json().encode("utf-8")
        total += time.perf_counter_ns() - began
        turn_ns.append(engine_done - began)
        sizes.append(len(wire))
        state = result.state
    assert result.finished, "the interview did not reach its feedback"
    return turn_ns, total, sizes


def handler_turns(engine: Engine, meta: InterviewMeta, offset: int) -> list[int]:
    """One whole interview through handle_request with JSON text in: ns per turn."""
    timings = []
    state = None
    for number in range(meta.questions_target + 1):
        message = ANSWERS[(number + offset) % len(ANSWERS)] if state else ""
        text = json.dumps({"message": message, "language": "en", "context": {
            "context": "interview_session", "meta": meta.to_wire(), "session_state": state}})
        began = time.perf_counter_ns()
        envelope = handle_request(text, engine)
        timings.append(time.perf_counter_ns() - began)
        assert envelope["status"] == "success", envelope
        state = envelope["payload"]["session_state"]
    return timings


def metas(questions: int, rounds: int) -> list[InterviewMeta]:
    return [
        InterviewMeta(target_role=ROLES[i % len(ROLES)], experience_level="3-5 years",
                      difficulty=DIFFICULTIES[(i // len(ROLES)) % len(DIFFICULTIES)],
                      questions_target=questions)
        for i in range(rounds)
    ]


def report(questions: int, rounds: int, engine: Engine) -> tuple[float, float]:
    """Run `rounds` interviews of `questions` and print their figures; returns the medians."""
    turns: list[float] = []
    feedback_turns: list[float] = []
    handler: list[float] = []
    wholes: list[float] = []
    sizes_by_turn: list[list[int]] = [[] for _ in range(questions + 1)]
    for i, meta in enumerate(metas(questions, rounds)):
        turn_ns, total_ns, sizes = interview(engine, meta, i)
        turns.extend(ms(t) for t in turn_ns)
        feedback_turns.append(ms(turn_ns[-1]))
        wholes.append(ms(total_ns))
        for index, size in enumerate(sizes):
            sizes_by_turn[index].append(size)
        handler.extend(ms(t) for t in handler_turns(engine, meta, i))
    print(f"\n== questions_target {questions}: {rounds} interviews, {len(turns)} turns ==")
    print(f"engine+brain per turn   median {statistics.median(turns):7.3f} ms   "
          f"p99 {p99(turns):7.3f} ms   max {max(turns):7.3f} ms")
    print(f"  of which feedback     median {statistics.median(feedback_turns):7.3f} ms   "
          f"p99 {p99(feedback_turns):7.3f} ms   (the last turn re-reads every answer)")
    print(f"handle_request per turn median {statistics.median(handler):7.3f} ms   "
          f"p99 {p99(handler):7.3f} ms")
    print(f"whole interview         median {statistics.median(wholes):7.3f} ms   "
          f"p99 {p99(wholes):7.3f} ms")
    print("envelope bytes per turn (turn 1 = first question; last = feedback):")
    print("  turn  median     min     max")
    for index, sizes in enumerate(sizes_by_turn, start=1):
        print(f"  {index:4d} {statistics.median(sizes):7.0f} {min(sizes):7d} {max(sizes):7d}")
    return statistics.median(turns), statistics.median(wholes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=27, help="interviews per questions_target")
    parser.add_argument("--questions", default="8,20", help="comma-separated questions_target")
    parser.add_argument("--brain", choices=("offline", "scripted"), default="offline")
    args = parser.parse_args(argv)
    targets = [int(part) for part in args.questions.split(",") if part.strip()]

    engine = Engine(make_brain(args.brain))
    began = time.perf_counter_ns()
    engine.start(metas(1, 1)[0])
    print(f"brain: {engine.brain.name} ({engine.brain.label})")
    print(f"cold first turn (loads the question bank): {ms(time.perf_counter_ns() - began):.1f} ms")
    for meta in metas(8, len(ROLES)):  # warm every role family once
        interview(engine, meta, 0)

    medians = {q: report(q, args.rounds, engine) for q in targets}
    turn_median = statistics.median(m[0] for m in medians.values())
    print()
    print(f"goal: turn median < 5 ms            -> {turn_median:.3f} ms "
          f"({'met' if turn_median < 5 else 'NOT met'})")
    if 8 in medians:
        whole = medians[8][1]
        print(f"goal: 8-question interview < 100 ms -> {whole:.3f} ms "
              f"({'met' if whole < 100 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
