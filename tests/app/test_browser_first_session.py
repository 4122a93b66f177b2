"""What a first session in a real browser ran into (issue 14): one Chromium, one live server.

- every page works offline: the browser requests nothing but the app's own server;
- a 20,000-character paste stays in the answer box and is refused with its length and the
  8,000-character limit (it used to vanish, then "Write an answer before sending");
- the setup (role, level, difficulty, count) survives a visit to another page.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from live_streamlit import answer_box, chromium_browser, set_up_interview, streamlit_server

from estel.contract import MAX_ANSWER_CHARS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = ("/", "/dashboard", "/prompt_lab")


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("first-session")
    with streamlit_server(tmp) as url, chromium_browser() as browser:
        yield url, browser


@pytest.fixture
def page(live):
    _, browser = live
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def test_every_page_requests_only_the_apps_own_server(live, page):
    url, _ = live
    own = urlparse(url).netloc
    elsewhere: list[str] = []
    page.on("request", lambda request: elsewhere.append(request.url)
            if urlparse(request.url).scheme in ("http", "https", "ws", "wss")
            and urlparse(request.url).netloc != own else None)
    for path in PAGES:
        page.goto(url + path)
        page.get_by_test_id("stSidebar").get_by_text("Sessions saved to").wait_for()
        page.wait_for_load_state("networkidle")
    assert elsewhere == []


def _start(page, url: str) -> None:
    page.goto(url)
    set_up_interview(page, "Data Analyst")
    page.get_by_role("button", name="Start interview").click()
    page.locator(".st-key-question_q1").wait_for()


def test_an_over_long_paste_stays_in_the_box_and_is_refused_with_its_length(live, page):
    url, _ = live
    _start(page, url)
    box = answer_box(page)
    pasted = "I measured the churn every week. " * 700  # ~23,000 characters
    length = len(pasted.strip())
    box.focus()
    page.keyboard.insert_text(pasted)  # what a paste does: one input event with all the text
    page.locator(".st-key-send button").click()
    page.get_by_text(re.compile(f"{length:,} characters; the limit is "
                                f"{MAX_ANSWER_CHARS:,}")).wait_for()
    assert len(box.input_value()) == len(pasted)  # kept, to be shortened
    assert page.get_by_text("Write an answer before sending").count() == 0


def test_setup_survives_a_visit_to_another_page(live, page):
    expect = pytest.importorskip("playwright.sync_api").expect
    url, _ = live
    page.goto(url)
    role = page.get_by_role("combobox", name="Target role")
    role.click()
    role.fill("Backend Engineer")
    page.keyboard.press("Enter")
    page.get_by_role("radio", name="Hard").click()
    slider = page.get_by_role("slider", name="Number of questions")
    slider.focus()
    for _ in range(3):  # 8 → 5 questions
        page.keyboard.press("ArrowLeft")
    expect(slider).to_have_attribute("aria-valuetext", "5")
    page.wait_for_timeout(500)  # let the last change reach the server before leaving
    page.get_by_test_id("stSidebarNav").get_by_text("Dashboard").click()
    page.get_by_role("heading", name="Dashboard").first.wait_for()
    page.get_by_test_id("stSidebarNav").get_by_text("Interview").click()

    page.get_by_role("button", name="Start interview").wait_for()
    expect(role).to_have_value("Backend Engineer")
    expect(slider).to_have_attribute("aria-valuetext", "5")
    expect(page.get_by_role("radio", name="Hard")).to_have_attribute("aria-checked", "true")
