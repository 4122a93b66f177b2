"""A time chart's last period when it is not whole: its counts read low (the week is not over,
or a chosen range ends inside it), and a dip at the end of a chart looked like a fall in
activity. `partial_period` finds it; `estel.dashboard.chart_marks` marks it on the charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd

from estel.dashboard.analytics import Freq, naive_utc

PERIOD_NAMES: dict[str, str] = {"D": "day", "W": "week", "M": "month"}


@dataclass(frozen=True)
class PartialPeriod:
    """The time charts' last period when it is not whole, so its counts read low: it is still
    under way (`so_far`), or the chosen period ends inside it."""

    start: pd.Timestamp  # the period's start, naive UTC, as the charts' x values
    freq: Freq
    so_far: bool

    @property
    def name(self) -> str:
        return PERIOD_NAMES[self.freq]


def partial_period(freq: Freq, end: datetime | None,
                   now: datetime | None = None) -> PartialPeriod | None:
    """The period the charts' time span ends inside, when that period is not whole: the one
    under way `now`, or a past one the chosen period ends inside.

    `end`: the chosen period's last instant (None: all time, which reaches up to `now`). The
    charts' last point is this period only if their axis reaches it; they compare starts.
    `now`: default the clock."""
    current = naive_utc(pd.Timestamp(now or datetime.now(UTC)))
    stop = current if end is None else min(naive_utc(pd.Timestamp(end)), current)
    period = stop.to_period(freq)
    if period == current.to_period(freq):  # under way, whatever part of it the range covers
        return PartialPeriod(period.start_time, freq, so_far=True)
    # a past period: partial unless the range ends at its very last instant
    whole = stop + pd.Timedelta(microseconds=1) >= (period + 1).start_time
    return None if whole else PartialPeriod(period.start_time, freq, so_far=False)
