"""What a worker builds before it serves (`warm`), so no interview's first turns wait for it.

Its imports are made when it runs, so importing estel.server stays quick for other commands.
"""

from __future__ import annotations


def warm() -> None:
    """Build what every worker's first turns would otherwise build while a candidate waits:
    the question bank (both brains use it; ~2.4 s of CPU, held the first turn), its title index
    (~0.1 s, the first title resolved) and the English word counts a typed title's typos are
    told from real words with (~0.15 s), the aim check's index of it (`estel.analysis.aim`;
    ~0.6 s, held the first answer) and the word lists a job description is read with
    (`estel.requirements`; ~0.3 s, held the first turn with a JD)."""
    from estel import requirements
    from estel.analysis import aim
    from estel.brains.offline.bank import load_bank
    from estel.roles.english import english_counts
    from estel.roles.titles import title_index

    title_index(load_bank())
    english_counts()
    aim.warm()
    for words in (requirements.everyday, requirements.verbs, requirements.actions,
                  requirements.compounds, requirements.title_ends):
        words()
