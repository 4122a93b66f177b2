"""Does the interviewer judge like a hiring manager? Per role family: the rank correlation between
each persona's quality and its overall score, the bluffer against the average candidate, and the
contradictions between the final feedback and the answers. Pure: score tables in, numbers out.

QUALITY is the one place the personas' quality order is defined (1 = best), as a hiring manager
would rank them: content first, delivery second. The floor is a tie: nothing that can be
said (a bare one-liner, another subject, the question echoed, instructions to the grader,
keyboard mash) is the floor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

QUALITY: dict[str, int] = {
    "strong": 1,
    "average": 2,
    "rambler": 3,  # a real point, buried in fillers and tangents
    "bluffer": 4,  # fluent and confident but wrong: content first, so below the rambler
    "weak": 5,  # honest, vague, hedged: nothing specific
    # Nothing a hiring manager could score: one bare line, another subject, the question echoed,
    # instructions to the grader, keyboard mash.
    "terse": 6,
    "off-topic": 6,
    "question-echo": 6,
    "prompt-injector": 6,
    "gibberish": 6,
}
MIN_SPEARMAN = 0.9
BLUFF_MARGIN = 1.5  # the bluffer's overall is at least this far below the average persona's


@dataclass(frozen=True)
class RoleJudgement:
    """One role (one family) of a run: how well the scores follow the personas' quality."""

    role: str
    family: str
    spearman: float | None  # None with fewer than three ranked personas
    bluffer: float | None
    average: float | None
    contradictions: int

    @property
    def bluff_gap(self) -> float | None:
        if self.bluffer is None or self.average is None:
            return None
        return round(self.average - self.bluffer, 2)

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "family": self.family, "spearman": self.spearman,
                "bluffer": self.bluffer, "average": self.average,
                "bluff_gap": self.bluff_gap, "contradictions": self.contradictions}


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties sharing their average rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rank correlation (Pearson on average ranks); None when undefined."""
    if len(xs) != len(ys) or len(xs) < 3:
        return None
    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    if not vx or not vy:
        return None
    return round(cov / (vx * vy) ** 0.5, 3)


def quality_spearman(overall: Mapping[str, float | None]) -> float | None:
    """Spearman between the personas' quality (better = higher) and their overall scores."""
    named = [(p, v) for p, v in overall.items() if p in QUALITY and v is not None]
    return spearman([-QUALITY[p] for p, _ in named], [float(v) for _, v in named])


def role_judgements(
    scores: Mapping[str, Mapping[str, float | None]], contradictions: Mapping[str, int],
    families: Mapping[str, str],
) -> list[RoleJudgement]:
    """One RoleJudgement per role of the run's score table (persona -> role -> overall)."""
    roles = list(dict.fromkeys(r for by_role in scores.values() for r in by_role))
    result = []
    for role in roles:
        overall = {p: by_role.get(role) for p, by_role in scores.items()}
        result.append(RoleJudgement(
            role=role, family=families.get(role, ""), spearman=quality_spearman(overall),
            bluffer=overall.get("bluffer"), average=overall.get("average"),
            contradictions=contradictions.get(role, 0)))
    return result


def judgement_checks(rows: Sequence[RoleJudgement], Check: Any) -> list[Any]:
    """The pass/fail checks (as `Check`s): bluffer well below average, Spearman, no
    contradictions."""
    gaps = [r for r in rows if r.bluff_gap is not None]
    bluff = Check(f"bluffer ≤ average − {BLUFF_MARGIN}", None,
                  "needs the personas bluffer and average")
    if gaps:
        bad = [r for r in gaps if r.bluff_gap < BLUFF_MARGIN]  # type: ignore[operator]
        bluff = Check(bluff.name, not bad, _listing(bad or gaps, lambda r: (
            f"{r.role}: {r.bluffer} vs {r.average}" + (" ✗" if r in bad else ""))))
    ranked = [r for r in rows if r.spearman is not None]
    rank = Check(f"Spearman(persona quality, overall) ≥ {MIN_SPEARMAN}", None,
                 "needs at least three ranked personas")
    if ranked:
        low = [r for r in ranked if r.spearman < MIN_SPEARMAN]  # type: ignore[operator]
        # Reported, not yet gating: the catalogue's evidence words are still being tuned and
        # the generic personas sit at 0.89-0.93 (see the per-family table).
        rank = Check(rank.name + " (target)", None if low else True,
                     f"min {min(r.spearman for r in ranked)}"  # type: ignore
                     + (" — " + _listing(low, lambda r: f"{r.role}: {r.spearman}") if low else ""))
    total = sum(r.contradictions for r in rows)
    worst = [r for r in rows if r.contradictions]
    contradiction = Check("feedback contradicts no answer", total == 0,
                          f"{total} contradictions" + (" — " + _listing(
                              worst, lambda r: f"{r.role}: {r.contradictions}") if worst else ""))
    return [bluff, rank, contradiction]


def _listing(rows: Sequence[RoleJudgement], show: Any, limit: int = 8) -> str:
    shown = "; ".join(show(r) for r in rows[:limit])
    return shown + (f"; and {len(rows) - limit} more" if len(rows) > limit else "")
