"""One real-browser run: streamlit serves app.py, Chromium does a 3-question interview."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from live_streamlit import answer_box, set_up_interview

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ANSWER = ("At my last job I rebuilt the weekly sales report in SQL and Python; it now refreshes "
          "itself and the team gets numbers two days earlier. ({n})")


def test_three_question_interview_in_chromium_ends_on_the_report(streamlit_server,
                                                                  browser_page, tmp_path: Path):
    expect = pytest.importorskip("playwright.sync_api").expect
    page = browser_page
    # a bound, not a measure: the first request starts the server's imports and the
    # dashboard's computing, which under a loaded machine took longer than 20 s
    page.set_default_timeout(60_000)
    # the server's first request is a deep link: it must still run through the navigation of
    # streamlit_app.py (which app.py serves)
    page.goto(f"{streamlit_server}/dashboard")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Sessions saved to").wait_for()
    nav = [line.strip() for line in page.get_by_test_id("stSidebarNav").inner_text().splitlines()]
    labels = [line for line in nav if line in ("Interview", "Dashboard", "Prompt Lab", "app")]
    assert labels == ["Interview", "Dashboard", "Prompt Lab"]  # not the legacy pages/ list
    page.get_by_test_id("stSidebarNav").get_by_text("Interview").click()  # the default page, /
    set_up_interview(page, "Data Analyst", questions=3)  # free text role, 8 → 3 questions
    page.get_by_role("button", name="Start interview").click()

    for number in (1, 2, 3):
        page.locator(f".st-key-question_q{number}").wait_for()
        # the progress bar's code loads on first use, so it may appear a frame after the card
        expect(page.get_by_text(f"Question {number} of 3")).to_be_visible()
        # the box is emptied after each successful answer (waits until it is, else times out)
        box = answer_box(page)  # one settled, empty box (not a rerun's stale copy)
        box.fill(ANSWER.format(n=number))
        page.locator(".st-key-send button").click()

    page.get_by_text("Your feedback report").wait_for()
    radar = page.locator(".js-plotly-plot .polarlayer path").first
    radar.wait_for()
    assert radar.is_visible()
    assert page.locator(".js-plotly-plot").count() == 2
    values = page.get_by_test_id("stMetricValue").all_inner_texts()
    assert len(values) == 4
    assert all(re.fullmatch(r"\d+\.\d / 10", v.strip()) for v in values), values
    assert page.get_by_text(re.compile("Saved to SQLite: .*browser.db")).is_visible()

    shot = tmp_path / "report.png"
    page.set_viewport_size({"width": 1280, "height": 2400})
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


def test_a_reload_mid_interview_continues_at_the_same_question(streamlit_server, browser_page):
    """Answer two questions, reload the tab, continue at question 3 and finish."""
    expect = pytest.importorskip("playwright.sync_api").expect
    page = browser_page
    page.set_default_timeout(20_000)
    page.goto(streamlit_server)
    role = page.get_by_role("combobox", name="Target role")
    role.click()
    role.fill("Data Analyst")
    page.keyboard.press("Enter")
    # the role's rerun adds the live "Interviewing as" line above the slider, redrawing it:
    # keys pressed before that rerun lands would go to a slider that is then replaced
    page.get_by_text("Interviewing as:").wait_for()
    page.get_by_role("slider").focus()
    for _ in range(4):  # 8 → 4 questions
        page.keyboard.press("ArrowLeft")
    page.get_by_role("button", name="Start interview").click()

    def answer(number: int) -> None:
        page.locator(f".st-key-question_q{number}").wait_for()
        expect(page.get_by_text(f"Question {number} of 4")).to_be_visible()
        box = answer_box(page)  # one settled, empty box (not a rerun's stale copy)
        box.fill(ANSWER.format(n=number))
        expect(box).to_have_value(ANSWER.format(n=number))
        page.locator(".st-key-send button").click()

    answer(1)
    answer(2)
    page.locator(".st-key-question_q3").wait_for()
    expect(page).to_have_url(re.compile(r"[?&]session=[0-9a-f-]{36}"))
    page.reload()
    page.locator(".st-key-question_q3").wait_for()  # the open question, not the setup
    expect(page.get_by_text("Question 3 of 4")).to_be_visible()
    expect(page.get_by_text("(1)", exact=False).first).to_be_visible()  # the transcript is back
    answer(3)
    answer(4)
    page.get_by_text("Your feedback report").wait_for()
    expect(page.get_by_text(re.compile("Saved to SQLite: .*browser.db"))).to_be_visible()
