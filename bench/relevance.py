"""Does a work story answer the question asked? Measured on answers written for the check.

    python bench/relevance.py            # this checkout
    PYTHONPATH=<other checkout> python bench/relevance.py   # the same answers, scored by it

For each case in tests/support/aim_answers.py and aim_technical.py (technical and general
questions, then answers written after the code: held out and blind), one bank question in one
role and level answered three ways (on-topic in the candidate's own words, a strong story about
something else, vague): the overall score and content of each answer, and whether the story was
caught as answering a different question; then the interviewer's reaction to the Ship Captain's
fire story. Scores go through the offline brain's own analysis call. Figures only; it exits 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "support"))

from aim_answers import CASES  # noqa: E402
from aim_technical import BLIND, HELD_OUT  # noqa: E402
from aim_technical import CASES as TECHNICAL  # noqa: E402

from estel.brains.offline.bank import load_bank  # noqa: E402
from estel.brains.offline.brain import OfflineBrain  # noqa: E402
from estel.brains.offline.reactions import reaction  # noqa: E402
from estel.brains.offline.selection import fill_role  # noqa: E402

KINDS = ("on", "wrong", "vague")


def main() -> None:
    questions = {q.id: q for family in load_bank().values() for q in family.questions}
    brain = OfflineBrain()
    for title, cases in (("behavioural questions (aim_answers)", CASES),
                         ("technical and general questions (aim_technical)", TECHNICAL),
                         ("held out: written after the code (aim_technical.HELD_OUT)", HELD_OUT),
                         ("blind: random newly judged questions (aim_technical.BLIND)", BLIND)):
        print(f"\n{title}")
        _table(brain, questions, cases)
    _fire(brain, questions)


def _table(brain: OfflineBrain, questions: dict, cases: tuple) -> None:
    print(f"{'role':18} {'level':10} {'topic':34} " + " ".join(f"{k:>11}" for k in KINDS)
          + "  caught")
    caught = flagged_on = 0
    for case in cases:
        q = questions[case.question_id]
        scored = {kind: brain._analysis(case.role, fill_role(q.question, case.role), q.topic,
                                        getattr(case, kind), q.phase) for kind in KINDS}
        hit = bool(getattr(scored["wrong"], "missed_ask", ""))
        caught += hit
        flagged_on += bool(getattr(scored["on"], "missed_ask", "")) or bool(
            getattr(scored["vague"], "missed_ask", ""))
        cells = " ".join(f"{a.overall:4.1f} (c{a.content:3.1f})" for a in scored.values())
        mark = "yes" if hit else "-"
        print(f"{case.role[:18]:18} {case.level:10} {q.topic[:34]:34} {cells}  {mark}")
    print(f"wrong stories caught: {caught}/{len(cases)}; on-topic or vague answers flagged: "
          f"{flagged_on}/{2 * len(cases)}")


def _fire(brain: OfflineBrain, questions: dict) -> None:
    case = CASES[0]
    q = questions[case.question_id]
    fire = brain._analysis(case.role, fill_role(q.question, case.role), q.topic, case.wrong,
                           q.phase)
    print(f"\n{case.role}, {case.level}, '{q.topic}', fire story: {fire.overall}/10")
    print(f"  note: {fire.note}")
    print(f"  reaction: {reaction(fire, 0)}")


if __name__ == "__main__":
    main()
