"""Two answers that steer adaptive length (estel/length.py) the two ways it can go, shared by
its engine, wire and HTTP tests: STEADY is long and concrete (over 30 words, with a measured
result), so the scores settle and an adaptive interview may wrap up at its minimum; THIN is
under 30 words, so it never counts as enough evidence and the interview goes on."""

STEADY = ("I led the migration of our reporting pipeline to a new warehouse: I mapped every "
          "source table, wrote reconciliation queries comparing row counts and totals, ran both "
          "systems in parallel for two weeks and cut the nightly load from four hours to forty "
          "minutes, which the finance team measured on their month-end close.")
THIN = "Not sure, maybe."
