"""The Prompt Lab inside the app: navigation from app.py, and one real-browser run.

The browser test is the one place the polling fragment really polls (AppTest does not run
`run_every` timers): a run on the background thread must show its results without a click.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from live_streamlit import chromium_browser
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "streamlit_app.py"  # the script app.py serves


def test_prompt_lab_opens_from_the_app_navigation() -> None:
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    at.switch_page("app_pages/prompt_lab.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Prompt Lab"]
    assert at.button(key="lab_run").disabled is False


@pytest.mark.browser
@pytest.mark.slow
def test_a_lab_run_in_chromium_shows_a_and_b_without_another_click(lab_server: str) -> None:
    with chromium_browser() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(30_000)
        page.goto(lab_server)
        page.get_by_test_id("stSidebar").get_by_text("Prompt Lab").click()
        page.get_by_text("1 · Interviewers A and B").wait_for()
        page.get_by_role("button", name="Run A and B").click()
        # No further input: the fragment polls the background run and reloads the page.
        page.get_by_text("Results: A vs B").wait_for()
        headings = page.get_by_role("heading", level=5)
        headings.filter(has_text="B · offline").first.wait_for()
        texts = [" ".join(h.split()) for h in headings.all_inner_texts()]
        assert "A · offline PASS" in texts, texts
        assert "B · offline PASS" in texts, texts  # the default: no test-only brain
        page.get_by_text("Turn inspector").wait_for()
        assert page.get_by_text("saved under Past runs").is_visible()
