"""How the time charts mark a last period that is not whole (`partial_period.PartialPeriod`):
open markers and a paler bar (`PartialMarks`), and a line the page shows under the chart
(`partial_note`). No pandas here: the report's figures import the chart builders too."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas-free at run time
    from estel.dashboard.partial_period import PartialPeriod

_THIS = {"day": "today", "week": "this week", "month": "this month"}


class PartialMarks:
    """The marks of a time chart whose last period is not whole (partial_period.PartialPeriod): its
    counts read low, and a dip at the end looked like a fall in activity. The last point is an
    open marker (a bar paler), its hover says why, and `layout.meta.partial` tells the page."""

    def __init__(self, periods: Sequence[Any], partial: PartialPeriod | None) -> None:
        self.partial = partial if partial is not None and len(periods) and \
            periods[-1] == partial.start else None
        self.count = len(periods)
        # the hover's note on the last point (plotly wants customdata as an array, or none)
        self.notes = None if self.partial is None else self.each("", (
            f" ({_THIS[self.partial.name]} so far)" if self.partial.so_far
            else f" (part of the {self.partial.name})"))
        self.hover = "" if self.partial is None else "%{customdata}"

    def each(self, usual: Any, last: Any) -> Any:
        """`usual` for every point, or a list with `last` for the last when it is partial."""
        if self.partial is None:
            return usual
        return [usual] * (self.count - 1) + [last]

    def describe(self, fig: Any) -> None:
        """Tell the page (layout.meta.partial) that the last point is marked."""
        if self.partial is not None:
            fig.update_layout(meta={"partial": {"period": self.partial.name,
                                                "so_far": self.partial.so_far}})


def partial_note(figure: Mapping[str, Any]) -> str:
    """What a time chart's open markers mean, for the page to say under it ('' when none)."""
    meta = (figure.get("layout") or {}).get("meta") or {}
    partial = meta.get("partial") if isinstance(meta, Mapping) else None
    if not partial:
        return ""
    period = partial["period"]
    if partial["so_far"]:
        return f"Open markers: {_THIS[period]} so far; it is not over yet."
    return f"Open markers: only part of that {period} is in the chosen period."
