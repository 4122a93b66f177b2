"""The experience levels a candidate picks from: one vocabulary for the app, demo data and lab.

The level is free text on the wire (the seed's `experience_level: string`); these labels are what
every Estel surface writes, so a stored session's Level reads the same whether it came from the
app, `demo-data` or the Prompt Lab. `estel.roles.bands` maps any level, these or typed ones, to
a band.
"""

from __future__ import annotations

EXPERIENCE_LEVELS = ("Student or graduate", "Junior", "Mid-level", "Senior", "Lead or principal",
                     "Manager")
DEFAULT_LEVEL = "Mid-level"
