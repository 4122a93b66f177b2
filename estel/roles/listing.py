"""The role catalogue as a Markdown table for the README, generated from the data files.

    python -m estel.roles.listing            # print the table
    python -m estel.roles.listing --write    # replace the table between the README's markers
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from estel.brains.offline.bank import GENERIC_FAMILY, Bank, load_bank
from estel.roles.titles import NOISE, display_title, normalise_title

START, END = "<!-- families:start -->", "<!-- families:end -->"
EXAMPLES = 4


def families_markdown(bank: Bank) -> str:
    """One row per family: its file, label, question count and a few titles people type."""
    rows = ["| family file | label | questions | titles people type (examples) |",
            "|---|---|---|---|"]
    for name in sorted(bank, key=lambda n: (n == GENERIC_FAMILY, n)):
        family = bank[name]
        plain = [t for t in family.titles if not NOISE.intersection(t.split())]
        distinct = list(dict.fromkeys(normalise_title(t) for t in plain))
        examples = ", ".join(display_title(t) for t in distinct[:EXAMPLES])
        if name == GENERIC_FAMILY:
            examples = "any title no family matches (Marine Biologist, Beekeeper…)"
        rows.append(f"| `{name}.json` | {family.label} | {len(family.questions)} | {examples} |")
    return "\n".join(rows)


def replace_block(text: str, table: str) -> str:
    """The README text with the table between the markers replaced."""
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(text):
        raise ValueError(f"the README has no {START} ... {END} block")
    return pattern.sub(lambda _: f"{START}\n{table}\n{END}", text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="update README.md in place")
    parser.add_argument("--readme", default="README.md")
    args = parser.parse_args()
    table = families_markdown(load_bank())
    if args.write:
        path = Path(args.readme)
        path.write_text(replace_block(path.read_text(encoding="utf-8"), table),
                        encoding="utf-8")
    else:
        print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
