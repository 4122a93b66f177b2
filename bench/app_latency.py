"""How fast the Interview page feels in a real browser, against a bare Streamlit page.

    python bench/app_latency.py [--runs 3] [--questions 8]

Starts `streamlit run app.py` (offline brain, SQLite in a temp dir) and a bare one-button page
(the floor: one click, one rerun, one line of text), drives both in Debian's Chromium with
Playwright, and prints medians of:

- start:  click "Start interview" → the first question's answer box is visible
- answer: click "Send answer"    → the next question's answer box (or the report) is visible
- floor:  click the bare button  → its new text is visible

Goal (issue 4): both within 1.5x of the floor. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

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
ANSWER = ("In my last role I rebuilt the weekly sales report in SQL and Python, automated the "
          "refresh and cut the time it took from two days to two hours.")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit(script: Path, env: dict[str, str]) -> Iterator[str]:
    """A headless streamlit server for `script` on a free loopback port; yields its URL."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as reply:
                    if reply.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit(f"streamlit did not start for {script}")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def timed(click: Callable[[], None], wait: Callable[[], None]) -> float:
    """Milliseconds from a click to the awaited element being visible."""
    began = time.perf_counter()
    click()
    wait()
    return (time.perf_counter() - began) * 1000


def interview(page: Page, url: str, questions: int) -> tuple[float, list[float]]:
    """One interview from a fresh session; returns (start ms, [answer ms...])."""
    page.goto(url)
    role = page.get_by_role("combobox", name="Target role")
    role.click()
    role.fill("Data Analyst")
    page.keyboard.press("Enter")
    page.get_by_role("slider").focus()
    for _ in range(8 - questions):
        page.keyboard.press("ArrowLeft")
    start = timed(page.get_by_role("button", name="Start interview").click,
                  page.locator(".st-key-answer_q1 textarea").wait_for)
    answers = []
    for number in range(1, questions + 1):
        page.locator(f".st-key-answer_q{number} textarea").fill(ANSWER)
        after = (page.get_by_text("Your feedback report").wait_for if number == questions
                 else page.locator(f".st-key-answer_q{number + 1} textarea").wait_for)
        answers.append(timed(page.locator(f".st-key-send_q{number} button").click, after))
    return start, answers


def floor(page: Page, url: str, clicks: int) -> list[float]:
    page.goto(url)
    page.get_by_text("Clicked 0 times").wait_for()
    return [timed(page.get_by_role("button", name="Next").click,
                  page.get_by_text(f"Clicked {n} times").wait_for)
            for n in range(1, clicks + 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="interviews to time (default 3)")
    parser.add_argument("--questions", type=int, default=8, choices=range(2, 9))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        floor_script = Path(tmp) / "floor.py"
        floor_script.write_text(FLOOR_APP, encoding="utf-8")
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("OPENAI_", "SUPABASE_", "ESTEL_"))}
        env.update(ESTEL_BRAIN="offline", ESTEL_DB_PATH=str(Path(tmp) / "bench.db"))
        with streamlit(ROOT / "app.py", env) as app_url, streamlit(floor_script, env) as f_url, \
                sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            interview(page, app_url, 2)  # warm-up: first script run, JS bundles, plotly.js
            floor(page, f_url, 3)
            starts, answers, floors = [], [], []
            for _ in range(args.runs):
                start, turn_times = interview(page, app_url, args.questions)
                starts.append(start)
                answers += turn_times
                floors += floor(page, f_url, args.questions + 1)
            browser.close()
    _report(starts, answers, floors)


def _report(starts: list[float], answers: list[float], floors: list[float]) -> None:
    base = statistics.median(floors)
    print(f"{'measure':<34}{'n':>4}{'median ms':>11}{'x floor':>9}")
    for name, values in (("floor: bare button → text", floors),
                         ("start → first question", starts),
                         ("answer → next question/report", answers)):
        median = statistics.median(values)
        print(f"{name:<34}{len(values):>4}{median:>11.1f}{median / base:>9.2f}")
    print("goal: start and answer within 1.5x of the floor")
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"cpus: {os.cpu_count()}, load average (1/5/15 min): {load}; other work skews both")


if __name__ == "__main__":
    main()
