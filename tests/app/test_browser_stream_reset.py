"""A redone reply in Chromium: the streamed preview of an invalid first reply is replaced by the
re-asked reply's words while the turn runs, never left on screen beside them."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_openai import API_KEY, MODEL, FakeOpenAI, ok
from live_streamlit import chromium_browser, set_up_interview, streamlit_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WRONG = "Wrong words first: what is your favourite colour, and why does it matter here?"


def test_the_preview_of_a_redone_reply_shows_only_the_new_words(tmp_path: Path):
    with FakeOpenAI() as fake, streamlit_server(
            tmp_path, ESTEL_BRAIN="openai", OPENAI_BASE_URL=fake.base_url,
            OPENAI_API_KEY=API_KEY, ESTEL_OPENAI_MODEL=MODEL) as url, \
            chromium_browser() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60_000)
        page.goto(url)
        set_up_interview(page, "Data Analyst", questions=2)
        fake.add(ok({"question": {"question": WRONG}}))  # streams, then fails validation
        fake.chunk_delay = 0.04  # slow enough to see each reply's words arrive
        page.get_by_role("button", name="Start interview").click()
        page.wait_for_function(  # the invalid reply's words under the spinner
            "() => document.body.innerText.includes('Wrong words first')")
        # the re-ask's words arrive while the turn still runs (no question card yet)...
        seen = page.wait_for_function("""() => {
            const text = document.body.innerText;
            return text.includes('Fake question number') &&
                !document.querySelector('.st-key-question_q1') ? text : null;
        }""").json_value()
        assert "Wrong words first" not in seen  # ...in place of the first reply's, not beside
        page.locator(".st-key-question_q1").wait_for()
        assert "Wrong words first" not in page.locator("body").inner_text()
    assert len([s for s in fake.requests if s.body.get("stream")]) == 2
