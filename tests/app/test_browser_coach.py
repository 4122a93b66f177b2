"""Coach mode in a real browser: Chromium answers two questions and sees each answer's panel."""

from __future__ import annotations

import pytest
from live_streamlit import answer_box, set_up_interview

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ANSWERS = (
    "Um, I think I like data because, um, data helps teams decide. At Acme I built the data "
    "dashboards in SQL.",
    "At my last job the churn report was wrong. My task was to fix it before the board met. I "
    "rebuilt the SQL and checked it against finance; as a result errors fell by 30%.",
)


def test_coach_mode_shows_a_panel_after_each_answer_and_in_the_report(streamlit_server,
                                                                       browser_page):
    expect = pytest.importorskip("playwright.sync_api").expect
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 1200})  # taller than the shared page
    page.set_default_timeout(20_000)
    page.goto(streamlit_server)
    set_up_interview(page, "Data Analyst", questions=2)
    page.get_by_text("Coach mode").click()
    page.get_by_role("button", name="Start interview").click()

    box = page.locator(".st-key-answer textarea")
    for number, answer in enumerate(ANSWERS, start=1):
        page.locator(f".st-key-question_q{number}").wait_for()
        box = answer_box(page)  # one settled, empty box (not a rerun's stale copy)
        box.fill(answer)
        page.locator(".st-key-send button").click()
        if number == 1:  # right after the answer, before the next one is given
            panel = page.locator(".st-key-coach_q1")
            panel.wait_for()
            expect(panel.get_by_text("Coach · your answer to Q1")).to_be_visible()
            expect(panel.get_by_text("Delivery")).to_be_visible()
            expect(panel.get_by_text("“um” ×2")).to_be_visible()
            expect(panel.get_by_text("“data” ×3")).to_be_visible()
            expect(panel.get_by_text("Content ")).to_be_visible()
            expect(panel.get_by_text("Missed", exact=True)).to_be_visible()
            panel.get_by_text("What a strong answer covers").click()
            expect(panel.get_by_test_id("stExpanderDetails")).to_be_visible()

    page.get_by_text("Your feedback report").wait_for()
    entries = page.get_by_test_id("stExpander").filter(has_text="Q2 ·")
    entries.first.get_by_text("Q2 ·").click()
    # Q2 is the wrap-up of a two-question interview: its panel has the delivery, but no STAR
    # line (STAR is asked of behavioural stories, not of a closing answer)
    expect(entries.first.get_by_text("Delivery")).to_be_visible()
    expect(entries.first.get_by_text("STAR parts")).to_have_count(0)
    assert page.get_by_text("What a strong answer covers").count() == 2
