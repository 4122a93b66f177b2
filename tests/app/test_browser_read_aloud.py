"""Read-aloud heard in Chromium: the audio the page plays is the question, spoken.

The fake OpenAI-compatible server answers `audio/speech` as a TTS server does: the request's
`input` really spoken (espeak-ng, WAV). Chromium runs the app with its default autoplay policy;
the test takes the bytes the page's <audio> element loaded from the app, checks Chromium decoded
and played them (duration, no media error, once per question, not again on a rerun), that the
app labelled them with their real format, that their length and loudness fit speech of the
question's words, and that an offline recogniser (PocketSphinx) hears the question's words in
them rather than another question's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_openai import API_KEY, ASSESSMENT, MODEL, FakeOpenAI, ok
from listen import content_words, loud_share, pcm16k, transcribe
from live_streamlit import answer_box, chromium_browser, set_up_interview, streamlit_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FIRST = ("Walk me through how you would design alerting for a payments service based on its "
         "error budget.")
SECOND = ("Describe a time you disagreed with a product manager about a deadline, and what "
          "happened.")

# every <audio> play event, in order: which source started playing
COUNT_PLAYS = """
window.__plays = [];
document.addEventListener('play', e => window.__plays.push(e.target.currentSrc), true);
"""


def question(text: str, topic: str) -> dict:
    return {"question": text, "topic": topic, "difficulty": "medium", "helper_hint": "Be concrete."}


def played_audio(page, number: int) -> tuple[str, dict]:
    """The source of the question's <audio> once Chromium has decoded it and it plays."""
    page.wait_for_function(f"""() => {{
        const a = document.querySelector('audio');
        return a && a.duration > 0 && window.__plays.length >= {number};
    }}""")
    return page.evaluate("""() => {
        const a = document.querySelector('audio');
        return [a.currentSrc, {duration: a.duration, error: a.error && a.error.code,
                               autoplay: a.autoplay}];
    }""")


def check_speech_of(audio: bytes, content_type: str, said: str, other: str) -> None:
    assert audio[:4] == b"RIFF"
    assert content_type.split(";")[0] == "audio/wav", content_type  # labelled as what it is
    _, seconds = pcm16k(audio)
    words = len(said.split())
    assert words / 4.5 < seconds < words / 1.2, (seconds, words)  # a speaking pace, all of it
    assert loud_share(audio) > 0.6  # speech, not silence
    heard = content_words(transcribe(audio))
    right, wrong = heard & content_words(said), heard & content_words(other)
    assert len(right) >= 2, (heard, said)
    assert len(right) > len(wrong), (heard, right, wrong)


def start_two_questions_aloud(fake: FakeOpenAI, browser, url: str, init_script: str):
    """A 2-question SRE interview with "Read questions aloud" on, started by the user's click
    (the gesture autoplay needs); the fake model has both questions scripted."""
    fake.add(ok({"question": question(FIRST, "Alerting on error budgets")}),
             ok({"question": question(SECOND, "Disagreeing on deadlines"),
                 "assessment": ASSESSMENT}))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(60_000)
    page.add_init_script(init_script)
    page.goto(url)
    set_up_interview(page, "Site Reliability Engineer", questions=2)
    page.get_by_text("Read questions aloud").click()
    page.get_by_role("button", name="Start interview").click()
    return page


def test_read_aloud_plays_the_question_spoken_once_per_question(tmp_path: Path):
    with FakeOpenAI() as fake, streamlit_server(
            tmp_path, ESTEL_BRAIN="openai", OPENAI_BASE_URL=fake.base_url,
            OPENAI_API_KEY=API_KEY, ESTEL_OPENAI_MODEL=MODEL,
            ESTEL_SPEECH_MODEL="fake-tts") as url, chromium_browser() as browser:
        page = start_two_questions_aloud(fake, browser, url, COUNT_PLAYS)
        source, state = played_audio(page, 1)
        assert state["error"] is None
        reply = page.context.request.get(source)
        first = reply.body()
        assert abs(pcm16k(first)[1] - state["duration"]) < 0.1  # Chromium decoded all of it
        # a rerun on the same question (Send with an empty box is refused) does not replay it
        answer_box(page)
        page.locator(".st-key-send button").click()
        page.get_by_text("Write an answer before sending.").wait_for()
        page.wait_for_timeout(1500)
        assert page.evaluate("window.__plays.length") == 1
        answer_box(page).fill("I would alert on the burn rate over one hour and six hours.")
        page.locator(".st-key-send button").click()
        page.get_by_text("Question 2 of 2").wait_for()
        source2, state2 = played_audio(page, 2)
        assert source2 != source
        assert state2["error"] is None
        second = page.context.request.get(source2)
        assert page.evaluate("window.__plays") == [source, source2]
        check_speech_of(first, reply.headers["content-type"], FIRST, SECOND)
        check_speech_of(second.body(), second.headers["content-type"], SECOND, FIRST)
    spoken = [p for p, _ in fake.audio_requests if p.endswith("/audio/speech")]
    assert len(spoken) == 2  # each question asked of the server once


# the page's speechSynthesis, recorded (headless Chromium has no voices to hear)
RECORD_SPEECH = """
window.__spoken = [];
if (window.speechSynthesis) {
  window.speechSynthesis.speak = u => window.__spoken.push(u.text);
  window.speechSynthesis.cancel = () => {};
}
"""


def test_without_a_speech_server_the_browser_speaks_each_question_once(tmp_path: Path):
    with FakeOpenAI() as fake, streamlit_server(
            tmp_path, ESTEL_BRAIN="openai", OPENAI_BASE_URL=fake.base_url,
            OPENAI_API_KEY=API_KEY, ESTEL_OPENAI_MODEL=MODEL) as url, \
            chromium_browser() as browser:
        page = start_two_questions_aloud(fake, browser, url, RECORD_SPEECH)
        page.wait_for_function("() => window.__spoken.length >= 1")
        answer_box(page)
        page.locator(".st-key-send button").click()  # refused: a rerun on the same question
        page.get_by_text("Write an answer before sending.").wait_for()
        page.wait_for_timeout(1500)
        assert page.evaluate("window.__spoken") == [FIRST]  # not again on the rerun
        answer_box(page).fill("I would alert on the burn rate over one hour and six hours.")
        page.locator(".st-key-send button").click()
        page.get_by_text("Question 2 of 2").wait_for()
        page.wait_for_function("() => window.__spoken.length >= 2")
        page.wait_for_timeout(1000)
        assert page.evaluate("window.__spoken") == [FIRST, SECOND]  # whole, once each
    assert not [p for p, _ in fake.audio_requests if p.endswith("/audio/speech")]
