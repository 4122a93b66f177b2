"""The Dashboard page in Chromium: a cold page load, timed until every figure is drawn.

Used by bench/dashboard.py (`python bench/dashboard.py --sessions 100000`); on its own:

    python bench/dashboard_page.py --db FILLED.db [--runs 3]

Starts `streamlit run app.py` headless on a free loopback port with ESTEL_DB_PATH=the file, then
opens /dashboard in Debian's Chromium through Playwright, each time in a fresh browser context
(no cache, no cookies, a new Streamlit session), at 1366×900. The clock starts before
`page.goto` and stops when every figure is drawn, which is defined as all of:

- the four KPI values (`[data-testid=stMetricValue]`) are on the page,
- the five Plotly charts have drawn: each `.js-plotly-plot` has its `_fullLayout` and at least
  one `g.trace` inside its SVG (Plotly's drawn traces),
- the sessions table's grid (`[data-testid=stDataFrame]` with its canvas) is on the page.

(`kpis`, `charts` and `table` are printed apart: the time each of those was first true.)
Scenarios, in order:

1. `first visit`: the first page load once the server answers (its start-up warms the default
   view up before it accepts connections, estel/ui/asgi.py; the seconds from starting the
   process until it answered are printed first);
2. `new visitor`: a fresh context again, the data unchanged (the server's cache answers);
3. `after a save`: one more session is written to the file, then a fresh context at once (the
   data changed, so every figure is computed again: by the Dashboard's warmer, which watches
   the file since the earlier visits, or by the page if it asks first).

Stages are checked inside the page at every animation frame (an init script) and timed from its
time origin, shifted to the clock started before `goto`; this process only waits for them, so
the measurement sends no polls to the busy page. Prints one line per run; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from streamlit_server import serve

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STAGES = {  # stage -> JavaScript that is true once it is drawn
    "kpis": "document.querySelectorAll('[data-testid=stMetricValue]').length >= 4",
    "charts": """(() => {
        const plots = [...document.querySelectorAll('.js-plotly-plot')];
        return plots.length >= 5 && plots.every(
            p => p._fullLayout && p.querySelector('.main-svg g.trace'));
    })()""",
    "table": "!!document.querySelector('[data-testid=stDataFrame] canvas')",
}
LIMIT_MS = 120_000  # give up on a run after this long (a bound, not a goal)
# Run in the page from its first script on: checks every stage at each animation frame and
# records when it first held (ms since the page's time origin), so the measurement adds no
# round trips from this process to the browser's busy main thread (polling each stage with
# page.evaluate every 20 ms had cost ~150 calls a second)
WATCH = """(() => {
    const stages = %s;
    window.__estelSeen = {};
    const check = () => {
        for (const [stage, test] of Object.entries(stages)) {
            if (!(stage in window.__estelSeen) && test()) {
                window.__estelSeen[stage] = performance.now();
            }
        }
        if (Object.keys(window.__estelSeen).length < Object.keys(stages).length) {
            requestAnimationFrame(check);
        }
    };
    requestAnimationFrame(check);
})()""" % ("{" + ", ".join(f"{name!r}: () => {script}" for name, script in STAGES.items()) + "}")


@contextmanager
def streamlit(db: Path, log: Path) -> Iterator[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESTEL_")}
    env.update(ESTEL_BRAIN="offline", ESTEL_DB_PATH=str(db))
    began = time.perf_counter()
    with serve(ROOT / "app.py", env, log) as (url, proc):
        SERVER["pid"] = proc.pid
        SERVER["ready ms"] = round((time.perf_counter() - began) * 1000)
        yield url


def cpu_seconds(root: int) -> float:
    """User + system CPU seconds of the live processes under `root` (Linux /proc): this
    process's children are Playwright's driver and Chromium's processes, and the server."""
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        ticks[int(entry.name)] = int(fields[11]) + int(fields[12])
    under, frontier = set(), {root}
    while frontier:
        under |= frontier
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - under
    return sum(ticks.get(pid, 0) for pid in under if pid != os.getpid()) / os.sysconf(
        "SC_CLK_TCK")


SERVER: dict[str, int] = {}  # "pid": the streamlit server's; "ready ms": its start, once it answers


def load_once(browser: Any, url: str) -> dict[str, float]:
    """One cold page load in a fresh context: seconds until each stage, and `all`; `cpu`:
    the CPU seconds the server and the browser spent meanwhile (less load-sensitive)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.add_init_script(WATCH)
    try:
        page = context.new_page()
        cpu, server_cpu = cpu_seconds(os.getpid()), cpu_seconds(SERVER["pid"])
        started = time.time()  # the clock starts here, before goto, as the page's time origin
        page.goto(f"{url}/dashboard", wait_until="commit")
        page.wait_for_function(f"Object.keys(window.__estelSeen || {{}}).length >= {len(STAGES)}",
                               polling=200, timeout=LIMIT_MS)
        origin_ms, marks = page.evaluate("[performance.timeOrigin, window.__estelSeen]")
        lead = origin_ms / 1000 - started  # from goto to the page's time origin
        seen = {stage: lead + ms / 1000 for stage, ms in marks.items()}
        seen["all"] = max(seen.values())
        seen["cpu"] = cpu_seconds(os.getpid()) - cpu
        seen["server cpu"] = cpu_seconds(SERVER["pid"]) - server_cpu
        return seen
    finally:
        context.close()


def measure(db: Path, runs: int, save_one: Callable[[], None],
            report: Callable[[str], None] = print) -> dict[str, list[dict[str, float]]]:
    """Every scenario, `runs` times each but the first visit; prints a line per load."""
    from playwright.sync_api import sync_playwright

    results: dict[str, list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp, streamlit(db, Path(tmp) / "log") as url, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        report(f"  the server answered {SERVER['ready ms'] / 1000:.2f} s after its process"
               f" started (imports, then the default view warmed up)")
        try:
            plan = [("first visit", None)] + [("new visitor", None)] * runs \
                + [("after a save", save_one)] * runs
            for scenario, before in plan:
                if before is not None:
                    before()
                times = load_once(browser, url)
                results.setdefault(scenario, []).append(times)
                report(f"  {scenario:<13} " + "  ".join(
                    f"{stage} {times[stage]:5.2f} s" for stage in (*STAGES, "all"))
                    + f"   cpu {times['cpu']:5.2f} s, of which server {times['server cpu']:5.2f} s"
                    f" (load average {os.getloadavg()[0]:.1f})")
        finally:
            browser.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from dashboard import save_one_more  # bench/dashboard.py, beside this script

    measure(args.db, args.runs, lambda: save_one_more(args.db))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
