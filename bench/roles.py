"""The role catalogue, measured (issue 13).

    python bench/roles.py [--families nursing,teaching] [--wrong]

Per family in the question bank:
  - tech: technical questions, and terms: the share of them using one of the family's role terms;
  - jr/sr: the share of questions a "Junior" and a "Senior" 8-question offline interview have in
    common (two of the family's titles, averaged), and same-band: the same for "Senior" against
    "7 years" (one band typed two ways: the control);
  - titles: typed titles from tests/roles/titles.tsv expected in this family and resolved to it.
Then the totals against the targets: terms >= 90% per family, jr/sr <= 20%, same band >= 90%,
title accuracy >= 95% (rows whose expected families are all in the bank). `--wrong` lists the
titles that resolved elsewhere. Figures only; it exits 0.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from estel.brains.offline.bank import load_bank  # noqa: E402
from estel.evals.catalogue import measure_bank, title_results, title_rows  # noqa: E402

TITLES = ROOT / "tests" / "roles" / "titles.tsv"
TERMS, JUNIOR_SENIOR, SAME_BAND, TITLE_ACCURACY = 0.90, 0.20, 0.90, 0.95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--families", help="comma-separated family names (default: all)")
    parser.add_argument("--wrong", action="store_true", help="list mis-resolved titles")
    args = parser.parse_args()
    bank = load_bank()
    families = args.families.split(",") if args.families else None
    results = title_results(title_rows(TITLES.read_text(encoding="utf-8")), bank)
    per_family: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for _, expected, got in results:
        for family in expected:
            per_family[family] += 1
            right[family] += got in expected
    measures = measure_bank(bank, families)
    print(f"{'family':28} {'tech':>4} {'terms':>6} {'jr/sr':>6} {'same':>6} {'titles':>8}")
    for m in measures:
        titles = f"{right[m.family]}/{per_family[m.family]}"
        print(f"{m.family:28} {m.technical:4d} {m.term_share:6.0%} {m.junior_senior:6.0%} "
              f"{m.same_band:6.0%} {titles:>8}")
    _totals(measures, results)
    if args.wrong:
        for title, expected, got in results:
            if got not in expected:
                print(f"  wrong: {title!r} -> {got} (want {'|'.join(expected)})")
    return 0


def _totals(measures, results) -> None:
    if measures:
        n = len(measures)
        terms_ok = sum(m.term_share >= TERMS for m in measures)
        jr_ok = sum(m.junior_senior <= JUNIOR_SENIOR for m in measures)
        same_ok = sum(m.same_band >= SAME_BAND for m in measures)
        print(f"\n{n} families · terms >= {TERMS:.0%}: {terms_ok}/{n} · "
              f"jr/sr <= {JUNIOR_SENIOR:.0%}: {jr_ok}/{n} (mean "
              f"{sum(m.junior_senior for m in measures) / n:.0%}) · same band >= "
              f"{SAME_BAND:.0%}: {same_ok}/{n} (mean {sum(m.same_band for m in measures) / n:.0%})")
    good = sum(got in expected for _, expected, got in results)
    share = good / max(1, len(results))
    print(f"title accuracy: {good}/{len(results)} = {share:.1%} (target {TITLE_ACCURACY:.0%}; "
          "rows whose expected families are all in the bank)")


if __name__ == "__main__":
    raise SystemExit(main())
