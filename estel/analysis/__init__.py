"""Answer analysis: what an answer contains and the scores it earns (pure, no I/O).

`answer` scores one answer; `lexicon` holds the word lists, `relevance` the on-topic checks,
`quote` the fragment a follow-up may quote, `advice` the praise and advice wording.
"""
