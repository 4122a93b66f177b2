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
