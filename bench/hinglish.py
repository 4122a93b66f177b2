"""Hinglish, measured (issue 16 part 2).

    python bench/hinglish.py

For each twin case in tests/support/hinglish_answers.py (one bank question answered four ways:
good and weak, in English and in Hinglish, the good ones with the same substance) the overall
score (communication/content/confidence), fillers and hedges heard and rubric points explained;
then the largest gap between a good Hinglish answer and its English twin, the lowest good and
highest weak score, and how many of the covered families' questions have Hinglish text; then a
confident Hinglish bluffer (absolutes, wrong claims) against a plain correct Hinglish answer to the
same question, with the red flags and absolutes heard; then the same for answers said in Hindi
word order (tests/support/hinglish_word_order_answers.py).
Figures only; it exits 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "support"))

from hinglish_answers import BLUFF_VS_PLAIN, CASES  # noqa: E402
from hinglish_word_order_answers import WORD_ORDER_BLUFF_VS_PLAIN  # noqa: E402

from estel.analysis.answer import AnswerAnalysis, analyse_answer  # noqa: E402
from estel.brains.offline.bank import load_bank  # noqa: E402
from estel.brains.offline.hinglish import hinglish_bank  # noqa: E402
from estel.brains.offline.selection import fill_role  # noqa: E402

KINDS = ("en_good", "hi_good", "en_weak", "hi_weak")


def main() -> None:
    questions = {q.id: q for family in load_bank().values() for q in family.questions}
    scored: dict[str, dict[str, AnswerAnalysis]] = {}
    for qid, case in CASES.items():
        q = questions[qid]
        scored[qid] = {kind: analyse_answer(case[kind], fill_role(q.question, "Software Engineer"),
                                            phase=q.phase, talking_points=q.talking_points,
                                            red_flags=q.red_flags, topic=q.topic)
                       for kind in KINDS}
        print(qid)
        for kind, a in scored[qid].items():
            print(f"  {kind:8} {a.overall:4} ({a.communication}/{a.content}/{a.confidence})  "
                  f"fillers {len(a.fillers)}  hedges {len(a.hedges)}  "
                  f"points explained {len(a.points_hit)}")
    gap = max(s["en_good"].overall - s["hi_good"].overall for s in scored.values())
    good = min(s[k].overall for s in scored.values() for k in ("en_good", "hi_good"))
    weak = max(s[k].overall for s in scored.values() for k in ("en_weak", "hi_weak"))
    print(f"largest gap English good - Hinglish good: {gap:.1f}")
    print(f"lowest good answer {good}, highest weak answer {weak}")
    bluffs(questions)
    bluffs(questions, WORD_ORDER_BLUFF_VS_PLAIN, ", Hindi word order")
    bank = load_bank()
    for name, family in sorted(hinglish_bank().items()):
        print(f"{name}: {len(family.questions)}/{len(bank[name].questions)} questions in Hinglish")


def bluffs(questions: dict, pairs: dict | None = None, label: str = "") -> None:
    """A Hinglish bluffer against a plain correct Hinglish answer, per question."""
    gaps = []
    for qid, (bluff_text, plain_text) in (pairs or BLUFF_VS_PLAIN).items():
        q = questions[qid]
        bluff, plain = (analyse_answer(text, fill_role(q.question, "Analyst"), phase=q.phase,
                                       talking_points=q.talking_points, red_flags=q.red_flags,
                                       topic=q.topic) for text in (bluff_text, plain_text))
        gaps.append(plain.overall - bluff.overall)
        print(f"{qid}: plain {plain.overall} ({plain.communication}/{plain.content}/"
              f"{plain.confidence})  bluffer {bluff.overall} ({bluff.communication}/"
              f"{bluff.content}/{bluff.confidence})  red flags {len(bluff.red_flags)}  "
              f"absolutes {list(bluff.absolutes)}")
    print(f"smallest gap plain correct - bluffer (Hinglish{label}): {min(gaps):.1f}")


if __name__ == "__main__":
    main()
