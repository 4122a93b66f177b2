"""The dashboard in Chromium at the widths a first session used (issue 14): nothing is cut.

Streamlit truncates a metric's label or value and a button's text with an ellipsis when its
column is too narrow ("Median du…", "17 …", "R…" beside the sidebar at 1024 px); a cut element
is wider inside than its box.
"""

from __future__ import annotations

import pytest
from live_streamlit import chromium_browser, streamlit_server

from estel.demo import generate
from estel.store.sqlite import SQLiteStore

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CUT = """els => els.flatMap(el => [el, ...el.querySelectorAll('*')])
    .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).textOverflow
            === 'ellipsis').map(e => e.innerText)"""


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dash-browser")
    store = SQLiteStore(tmp / "browser.db")  # the file live_streamlit points the app at
    for record in generate(40, 30, seed=5):
        if record.status == "in_progress":
            store.create(record)
        else:
            store.complete(record)
    with streamlit_server(tmp) as url, chromium_browser() as browser:
        yield url, browser


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1366, 768), (390, 844)])
def test_no_metric_or_button_text_is_cut(live, width, height):
    url, browser = live
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(f"{url}/dashboard")
        page.get_by_text("Median duration").first.wait_for(timeout=30_000)
        cut = page.locator("[data-testid='stMetric'], .st-key-dash_refresh button").evaluate_all(
            CUT)
        assert cut == []
    finally:
        page.close()


# Every chart's boxes, as the browser drew them: the plot area, the legend, and each axis's
# title and tick labels. Overlaps here are what a reader sees as text printed over text.
BOXES = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
    const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect();
        return r.width && r.height ? [r.left, r.top, r.right, r.bottom] : null; };
    const union = (els) => els.map(box).filter(Boolean).reduce((a, b) => a ? [Math.min(a[0], b[0]),
        Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])] : b, null);
    const axis = (name) => ({title: box(plot.querySelector(`.g-${name}title text`)),
        ticks: union([...plot.querySelectorAll(`.${name}tick text`)])});
    return {label: plot.closest('[aria-label]')?.getAttribute('aria-label'),
            plot: union([...plot.querySelectorAll('.cartesianlayer .plot')]),
            legend: box(plot.querySelector('.legend .scrollbox')),
            x: axis('x'), y: axis('y'), y2: axis('y2')};
})"""


# Each chart's margins as the figure gave them and as plotly drew them: plotly grows a margin
# that is too small for its labels (automargin) by drawing the chart a second time.
MARGINS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => ({
    label: plot.closest('[aria-label]')?.getAttribute('aria-label'),
    given: ['l', 'r', 't', 'b'].map(side => plot.layout.margin[side]),
    drawn: ['l', 'r', 't', 'b'].map(side => Math.round(plot._fullLayout._size[side]))}))"""


# Text the chart's own SVG cuts off: any label, title or legend entry outside the chart's box.
CLIPPED = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
    const frame = plot.querySelector('.main-svg').getBoundingClientRect();
    return [...plot.querySelectorAll('.main-svg text')].filter(text => {
        const r = text.getBoundingClientRect();
        return r.width && (r.left < frame.left - 1 || r.right > frame.right + 1
                           || r.top < frame.top - 1 || r.bottom > frame.bottom + 1);
    }).map(text => text.textContent);
})"""


def overlap(a, b) -> bool:
    return bool(a and b) and a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 \
        and b[1] < a[3] - 1


@pytest.mark.parametrize(("width", "height"), [(1366, 900), (390, 844)])
def test_charts_draw_with_the_basic_bundle_and_no_text_overlaps(live, width, height):
    url, browser = live
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(f"{url}/dashboard")
        page.wait_for_function(
            "document.querySelectorAll('.js-plotly-plot .main-svg g.trace').length >= 5",
            timeout=60_000)
        page.wait_for_timeout(300)  # a resize redraw after the sidebar settles
        loaded = page.evaluate(
            "performance.getEntriesByType('resource').map(e => e.name.split('/').pop())")
        assert "plotly-basic.min.js" in loaded
        # Streamlit's own chart chunk (the full 4.7 MB plotly.js) is not needed for these
        assert not [name for name in loaded if name.startswith("PlotlyChart")]
        charts = page.evaluate(BOXES)
        assert sorted(chart["label"] for chart in charts) == sorted([
            "Overall score over time", "Score distribution", "Started vs completed",
            "Mean scores by role (busiest roles)", "Most frequent skill gaps"])
        for chart in charts:
            assert not overlap(chart["legend"], chart["plot"]), chart["label"]
            for name in ("x", "y", "y2"):
                axis = chart[name]
                assert not overlap(axis["title"], axis["ticks"]), (chart["label"], name)
                assert not overlap(axis["title"], chart["plot"]), (chart["label"], name)
        assert page.evaluate(CLIPPED) == []
        if width >= 1024:  # on a phone a wrapped legend may still grow the top margin
            for chart in page.evaluate(MARGINS):
                assert chart["drawn"] == chart["given"], chart
    finally:
        page.close()
