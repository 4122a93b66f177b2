"""How fast the Interview page feels in a real browser, against a bare Streamlit page.

    python bench/app_latency.py [--runs 5] [--questions 8]

Starts `streamlit run app.py` (offline brain, SQLite in a temp dir) and two bare one-button pages
(the floor: one click, one rerun, one line of text; once as Streamlit runs it by default and once
with the app's one runtime tuning, gc.freeze()), drives them in Debian's Chromium with
Playwright, interleaved, and prints medians of:

- start:  click "Start interview" → question 1's card, "Question 1 of N" and the empty answer
          box are all visible
- answer: click "Send answer"    → the same for the next question (or the report's heading)
- floor:  click the bare button  → its new text is visible

All pages are timed the same way, inside the page: from the click event's timestamp to the
first animation frame in which every awaited element is in the DOM and visible (then one more
task, so that frame has been rendered). The driver's wall clock around the same click (which adds
Playwright's actionability checks and polling) is printed beside it. Each interview starts from
a fresh page load, so "start" includes the browser's first use of the question screen's code.

Goal (issue 4): both within 1.5x of the floor. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from streamlit_server import serve

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
FLOOR_APP = """
import streamlit as st
st.session_state.setdefault("n", 0)
if st.button("Next", key="next"):
    st.session_state["n"] += 1
st.write(f"Clicked {st.session_state['n']} times")
"""
# The same page with the app's one runtime tuning (gc.freeze() after the imports, see
# estel/ui/interview.py): Streamlit's full gc.collect() after every run is most of a bare page's
# time, so this floor shows what the app's own elements cost once that is gone.
FROZEN_FLOOR_APP = """
import gc
import streamlit as st

@st.cache_resource
def freeze():
    gc.freeze()

freeze()
""" + FLOOR_APP
ANSWER = ("In my last role I rebuilt the weekly sales report in SQL and Python, automated the "
          "refresh and cut the time it took from two days to two hours.")


@contextmanager
def streamlit(script: Path, env: dict[str, str]) -> Iterator[str]:
    """A headless streamlit server for `script` on a free loopback port; yields its URL."""
    with serve(script, env) as (url, _):
        yield url


# Installed in every page before its scripts: remembers the first click after arming.
CLICK_WATCH = """
window.__bench = {armed: false, click: null, seen: null};
document.addEventListener("click", (event) => {
  if (window.__bench.armed && window.__bench.click === null) window.__bench.click = event.timeStamp;
}, true);
"""
# Arms the watch for a list of [css, text]: each must match a visible element (containing text).
ARM = """
(targets) => {
  const bench = window.__bench;
  Object.assign(bench, {armed: true, click: null, seen: null});
  const shown = ([css, text]) => [...document.querySelectorAll(css)].some(
    (el) => (!text || el.textContent.includes(text)) && el.checkVisibility()
            && el.getClientRects().length > 0);
  const frame = () => {
    if (bench.click !== null && targets.every(shown)) {
      // this frame shows them: stamp once it has been rendered (the next task)
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { bench.seen = performance.now(); bench.armed = false; };
      channel.port2.postMessage(null);
    } else {
      requestAnimationFrame(frame);
    }
  };
  requestAnimationFrame(frame);
}
"""
Target = tuple[str, str]  # css selector, text it must contain ("" for any)


@dataclass
class Timings:
    """Milliseconds per measure: in the page (the figure that counts) and the driver's clock."""

    page: dict[str, list[float]] = field(default_factory=dict)
    wall: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, in_page: float, wall: float) -> None:
        self.page.setdefault(name, []).append(in_page)
        self.wall.setdefault(name, []).append(wall)


def timed(page: Page, click: Callable[[], None], targets: list[Target]) -> tuple[float, float]:
    """(in-page ms from the click event to the targets rendered, driver wall-clock ms)."""
    page.evaluate(ARM, [list(target) for target in targets])
    began = time.perf_counter()
    click()
    page.wait_for_function("window.__bench.seen !== null", polling="raf")
    wall = (time.perf_counter() - began) * 1000
    return page.evaluate("window.__bench.seen - window.__bench.click"), wall


def question(number: int) -> list[Target]:
    """Question `number`'s card, the progress saying so, and the answer box emptied for it."""
    return [(f".st-key-question_q{number}", ""),
            ("[data-testid=stProgress]", f"Question {number} of"),
            (".st-key-answer textarea:placeholder-shown", "")]


def interview(page: Page, url: str, questions: int, timings: Timings) -> None:
    """One interview from a fresh session, adding 'start' and 'answer' timings."""
    page.goto(url)
    role = page.get_by_role("combobox", name="Target role")
    role.click()
    role.fill("Data Analyst")
    page.keyboard.press("Enter")
    page.get_by_role("slider").focus()
    for _ in range(8 - questions):
        page.keyboard.press("ArrowLeft")
    start = page.locator(".st-key-setup_start button")
    timings.add("start", *timed(page, start.click, question(1)))
    for number in range(1, questions + 1):
        page.locator(".st-key-answer textarea").fill(ANSWER)
        after = ([("h3", "Your feedback report")] if number == questions
                 else question(number + 1))
        send = page.locator(".st-key-send button")
        timings.add("answer", *timed(page, send.click, after))


def floor(page: Page, url: str, clicks: int, timings: Timings, name: str = "floor") -> None:
    """Clicks on a bare page's button, adding `name` timings."""
    page.goto(url)
    page.get_by_text("Clicked 0 times").wait_for()
    button = page.locator(".st-key-next button")
    for n in range(1, clicks + 1):
        timings.add(name, *timed(page, button.click,
                                    [("[data-testid=stMarkdownContainer]", f"Clicked {n} times")]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="interviews to time (default 5)")
    parser.add_argument("--questions", type=int, default=8, choices=range(2, 9))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as servers:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("OPENAI_", "SUPABASE_", "ESTEL_"))}
        env.update(ESTEL_BRAIN="offline", ESTEL_DB_PATH=str(Path(tmp) / "bench.db"))
        app_url = servers.enter_context(streamlit(ROOT / "app.py", env))
        floors = {}
        for name, source in (("floor", FLOOR_APP), ("frozen", FROZEN_FLOOR_APP)):
            script = Path(tmp) / f"{name}.py"
            script.write_text(source, encoding="utf-8")
            floors[name] = servers.enter_context(streamlit(script, env))
        playwright = servers.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.add_init_script(CLICK_WATCH)
        warm_up = Timings()
        interview(page, app_url, 2, warm_up)  # first script run, JS bundles, plotly.js
        for name, url in floors.items():
            floor(page, url, 3, warm_up, name)
        timings = Timings()
        for _ in range(args.runs):  # interleaved, so load changes hit all alike
            interview(page, app_url, args.questions, timings)
            for name, url in floors.items():
                floor(page, url, args.questions + 1, timings, name)
        browser.close()
    _report(timings)


LABELS = {"floor": "floor: bare button → text", "frozen": "floor, GC frozen like the app",
          "start": "start → first question", "answer": "answer → next question/report"}


def _report(timings: Timings) -> None:
    base, base_wall = (statistics.median(t["floor"]) for t in (timings.page, timings.wall))
    print(f"{'measure':<32}{'n':>4}{'in-page ms':>12}{'x floor':>9}"
          f"{'driver ms':>11}{'x floor':>9}")
    for name, label in LABELS.items():
        page, wall = (statistics.median(t[name]) for t in (timings.page, timings.wall))
        print(f"{label:<32}{len(timings.page[name]):>4}{page:>12.1f}{page / base:>9.2f}"
              f"{wall:>11.1f}{wall / base_wall:>9.2f}")
    print("goal: start and answer within 1.5x of the floor (in-page: click → rendered)")
    frozen = statistics.median(timings.page["frozen"])
    ratios = ", ".join(f"{name} {statistics.median(timings.page[name]) / frozen:.2f}x"
                       for name in ("start", "answer"))
    print(f"against the GC-frozen floor ({frozen:.1f} ms): {ratios}")
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"cpus: {os.cpu_count()}, load average (1/5/15 min): {load}; other work skews both")


if __name__ == "__main__":
    main()
