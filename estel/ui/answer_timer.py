"""The answer timer (issue 15): an optional countdown per answer, and the time each answer took.

The countdown runs in the browser (a small HTML component counting down to a fixed deadline), so
the page does not rerun every second. When it reaches zero the candidate is told; nothing is cut
off. The time taken per answer (question shown -> answer sent) and the limit are kept on the run
and saved with the answer, for the report and History.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import streamlit as st
import streamlit.components.v1 as components

from estel.answer_facts import AnswerFacts, still_spoken

if TYPE_CHECKING:
    from estel.ui.state import InterviewRun

TIMER_OPTIONS = (0, 1, 2, 3, 5)  # minutes per answer; 0 = no timer
TIMER_KEY = "setup_answer_timer"
TIMER_PREFILL_KEY = "estel_answer_timer_prefill"
TIME_UP = "Time is up: finish your thought and send when you are ready."


def timer_label(minutes: int) -> str:
    return "None" if not minutes else f"{minutes} min per answer"


def timer_select() -> None:
    """The setup's choice; kept in a plain key so a return to the setup starts from it."""
    kept = int(st.session_state.get(TIMER_PREFILL_KEY, 0))
    chosen = st.selectbox("Answer timer", TIMER_OPTIONS, index=TIMER_OPTIONS.index(kept)
                          if kept in TIMER_OPTIONS else 0, key=TIMER_KEY,
                          format_func=timer_label,
                          help="A countdown per answer, like a timed interview. When it runs "
                               "out you are told; your answer is never cut off.")
    st.session_state[TIMER_PREFILL_KEY] = int(chosen or 0)


def timer_chosen() -> int:
    return int(st.session_state.get(TIMER_KEY) or st.session_state.get(TIMER_PREFILL_KEY) or 0)


def question_shown(run: InterviewRun, number: int) -> float:
    """When question `number` was first shown (recorded now if it was not yet)."""
    return run.shown_at.setdefault(number, time.time())


def answer_facts(run: InterviewRun, number: int, text: str) -> dict[int, AnswerFacts]:
    """{number: how the answer `text` to question `number` was given}: the seconds since the
    question was first shown, the timer's limit, and the spoken delivery when `text` is still
    mostly what the microphone heard. Saved with the answer, so History shows it too."""
    shown = run.shown_at.get(number)
    heard = run.heard.get(number, "")
    return {number: AnswerFacts(
        seconds=None if shown is None else round(max(0.0, time.time() - shown), 1),
        limit_seconds=run.timer_minutes * 60 or None,
        spoken=run.spoken.get(number) if heard and still_spoken(heard, text) else None)}


def answer_sent(run: InterviewRun, facts: dict[int, AnswerFacts]) -> None:
    """Keep how the answer was given (`answer_facts`' value) on the run, for the report."""
    run.answers.update(facts)


def countdown_html(deadline_ms: float, minutes: int) -> str:
    """A self-contained countdown to `deadline_ms` (epoch ms); says so when time is up."""
    return f"""<div id="t" style="font-family:sans-serif;font-size:0.95rem"></div>
<script>
const deadline = {deadline_ms:.0f}, el = document.getElementById("t");
function tick() {{
  const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
  if (left > 0) {{
    const m = Math.floor(left / 60), s = String(left % 60).padStart(2, "0");
    el.textContent = "\\u23F1 " + m + ":" + s + " left of {minutes} min";
    setTimeout(tick, 250);
  }} else {{
    el.innerHTML = "<b>\\u23F1 {TIME_UP}</b>";
    el.style.color = "#b45309";
  }}
}}
tick();
</script>"""


def countdown(run: InterviewRun) -> None:
    """The running countdown for the open question, when the run has a timer."""
    number = run.question_number
    started = question_shown(run, number)
    if run.timer_minutes:
        deadline = (started + run.timer_minutes * 60) * 1000
        components.html(countdown_html(deadline, run.timer_minutes), height=32)
