"""Completeness check of a role-family file: every question has a full rubric and the family
covers every experience band. `python -m estel.brains.offline.catalogue_check [FILE ...]` prints
each problem and exits 1 when there is one; with no FILE it checks the whole packaged bank.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from estel.brains.offline.bank import BANDS, GENERIC_FAMILY, RoleFamily, load_bank

# Per band, at least this many questions per phase: one 8-question interview of a band can be
# served from its own questions (intro, 3 behavioural, 3 technical, wrap-up).
PER_BAND = {"intro": 2, "behavioural": 3, "technical": 3, "wrap_up": 1}
MIN_QUESTIONS = 30
MIN_MODEL_ANSWER = 150


def problems(family: RoleFamily) -> list[str]:
    """Everything that keeps `family` from being a complete catalogue entry."""
    found: list[str] = []
    if len(family.questions) < MIN_QUESTIONS:
        found.append(f"{family.family}: {len(family.questions)} questions, need {MIN_QUESTIONS}")
    if family.family != GENERIC_FAMILY and len(family.titles) < 5:
        found.append(f"{family.family}: list at least 5 titles people type")
    counts = Counter((band, q.phase) for q in family.questions for band in q.bands)
    for band in BANDS:
        for phase, need in PER_BAND.items():
            if counts[(band, phase)] < need:
                found.append(f"{family.family}: band {band} has {counts[(band, phase)]} "
                             f"{phase} questions, need {need}")
    texts = Counter(q.question.strip().lower() for q in family.questions)
    found += [f"{family.family}: question repeated: {t!r}" for t, n in texts.items() if n > 1]
    ids = Counter(q.id for q in family.questions)
    found += [f"{family.family}: id repeated: {i}" for i, n in ids.items() if n > 1]
    for q in family.questions:
        found += [f"{q.id}: {p}" for p in question_problems(q, family)]
    return found


def question_problems(q, family: RoleFamily) -> list[str]:
    found: list[str] = []
    if len(q.model_answer) < MIN_MODEL_ANSWER:
        found.append(f"model_answer under {MIN_MODEL_ANSWER} characters")
    if not q.red_flags:
        found.append("no red_flags")
    for point in q.talking_points:
        if len(point.substance) < 10:
            found.append(f"talking point {point.point!r} has no substance")
        if not point.evidence:
            found.append(f"talking point {point.point!r} has no evidence words")
    answer = q.model_answer.replace("{role}", "professional")
    for flag in q.red_flags:
        if any(re.search(p, answer, re.IGNORECASE) for p in flag.patterns):
            found.append(f"red flag {flag.claim!r} matches the model answer")
    if (q.phase == "technical" and family.family != GENERIC_FAMILY
            and not any(term in q.question.lower() or term in q.topic.lower()
                        for term in family.role_terms)):
        found.append("technical question uses none of the family's role_terms")
    return found


def main(argv: list[str]) -> int:
    if argv:
        families = [RoleFamily.model_validate(json.loads(Path(a).read_text("utf-8")))
                    for a in argv]
    else:
        families = list(load_bank().values())
    found = [p for family in families for p in problems(family)]
    seen: Counter[str] = Counter(q.question.strip().lower()
                                 for family in families for q in family.questions)
    found += [f"question text in two families: {t!r}" for t, n in seen.items() if n > 1]
    for line in found:
        print(line)
    print(f"{len(families)} families, {sum(len(f.questions) for f in families)} questions, "
          f"{len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
