"""The answer timer (issue 15): an optional countdown per answer, and the time each answer took.

The countdown runs in the browser (a small HTML component counting down to a fixed deadline), so
the page does not rerun every second. When it reaches zero the candidate is told; nothing is cut
off. The time taken per answer (question shown -> answer sent) is kept on the run for the report.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING

import streamlit as st
import streamlit.components.v1 as components

from estel.report import format_seconds

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


def time_taken(run: InterviewRun, number: int) -> dict[int, float]:
    """{number: seconds since question `number` was first shown}, or {} if it never was; saved
    with the answer, so History shows it too."""
    if number not in run.shown_at:
        return {}
    return {number: round(max(0.0, time.time() - run.shown_at[number]), 1)}


def answer_sent(run: InterviewRun, taken: dict[int, float]) -> None:
    """Keep the time the answer took (`time_taken`'s value) on the run, for the report."""
    run.answer_seconds.update(taken)


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


def time_rows(answer_seconds: Mapping[int, float], minutes: int,
              spoken: Mapping[int, str] | None = None) -> list[dict[str, object]]:
    """One row per timed answer: its number, the time taken, whether it ran over, how spoken."""
    rows: list[dict[str, object]] = []
    for number in sorted(answer_seconds):
        seconds = answer_seconds[number]
        row: dict[str, object] = {"Question": number, "Time taken": format_seconds(seconds)}
        if minutes:
            row["Over the limit"] = "yes" if seconds > minutes * 60 else "no"
        if spoken:
            row["Voice"] = spoken.get(number, "typed")
        rows.append(row)
    return rows


def spoken_lines(run: InterviewRun) -> dict[int, str]:
    """How each spoken answer was delivered, by question number, for the report's time table."""
    from estel.ui.voice_input import spoken_line

    return {number: spoken_line(stats) for number, stats in run.spoken.items()}


def times_table(answer_seconds: Mapping[int, float], minutes: int = 0,
                spoken: Mapping[int, str] | None = None, *, key: str = "answer_times") -> None:
    """The report's section: the time each answer took (and the limit, and the voice, if any)."""
    rows = time_rows(answer_seconds, minutes, spoken)
    if not rows:
        return
    total = format_seconds(sum(answer_seconds.values()))
    limit = f" (limit {minutes} min)" if minutes else ""
    st.markdown(f"**Time per answer**{limit} · {total} in all")
    st.dataframe(rows, hide_index=True, key=key)
