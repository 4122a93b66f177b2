"""How wide chart text is drawn, so the dashboard's figures can carry their own margins.

Why: plotly.js sizes margins for tick labels, axis titles and legends itself ("automargin"), but
it finds out only by drawing: it measures the labels, grows the margins and draws the whole chart
again. On the Dashboard that second pass was a third of the charts' drawing time in Chromium
(five charts: ~480 ms against ~320 ms with the margins given up front; /tmp A/B in stop 21's
note). The builders in `charts` give margins from these estimates, and keep automargin on only
as a safety net: when the estimate is big enough plotly draws once.

The widths are Source Sans (the app's font, which Streamlit loads on every page) as Chromium's
canvas measured them, in em, rounded up into a few classes so an estimate errs on the wide side.
"""

from __future__ import annotations

FONT_PX = 13  # charts.FONT's size: tick labels, axis titles and legends
# em per character, grouped; measured with canvas measureText('100px "Source Sans"')
_EM_CLASSES: dict[float, str] = {
    0.29: " |ijl',.:;’I!",
    0.35: "f()[]{}-tr/\\",
    0.49: "*szx\"?cçvyYJ–L",
    0.50: "0123456789#$+<=>^~_eéèkF",
    0.57: "agàXVEÉSTZ`oöAhuünñbdpqP",
    0.67: "RCKB&DGUNHOQ",
    0.85: "wMW—%m@",
}
_EM = {char: em for em, chars in _EM_CLASSES.items() for char in chars}
_OTHER_EM = 1.0  # a character not listed (other scripts, symbols): as wide as the widest
LINE_PX = 17  # one line of 13 px text, as plotly lays it out (a rotated title's width too)
TITLE_STANDOFF = 12  # px between tick labels and an axis title (charts' template)
EDGE_PX = 18  # what plotly adds beyond the labels when it grows a margin itself


def text_width(text: str, size: float = FONT_PX) -> float:
    """An estimate of `text`'s width in px, on the wide side."""
    return sum(_EM.get(char, _OTHER_EM) for char in text) * size


def shortened(text: str, max_px: float, size: float = FONT_PX) -> str:
    """`text`, cut with '…' so it is at most `max_px` wide (whole if it fits)."""
    if text_width(text, size) <= max_px:
        return text
    room = max_px - text_width("…", size)
    kept = ""
    for char in text:
        if text_width(kept + char, size) > room:
            break
        kept += char
    return kept.rstrip() + "…"


def label_margin(labels: list[str], *, title: bool = False) -> int:
    """The margin beside an axis whose tick labels are `labels` (and a title, if any)."""
    widest = max((text_width(label) for label in labels), default=0.0)
    return round(widest + EDGE_PX + (LINE_PX + TITLE_STANDOFF if title else 0))


def count_tick_labels(largest: float, step: int, *, headroom: float = 1.1) -> list[str]:
    """The labels a count axis (charts.count_axis) can show when its data reach `largest`:
    plotly pads the range a little, so the top tick may be one step above the data."""
    top = int(largest * headroom // step + 1) * step
    return [f"{value:,d}" for value in range(0, top + 1, step)]
