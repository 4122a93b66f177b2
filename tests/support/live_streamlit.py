"""A live `streamlit run app.py` on loopback and a Debian Chromium to drive it, for browser tests.

One implementation shared by the test folders (tests/support is on pytest's pythonpath): each
conftest keeps only a thin fixture around `streamlit_server` / `chromium_browser`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from estel.config import SETTING_NAMES

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
START_LIMIT_S = 30.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """This process's environment minus every Estel setting: offline brain, DB in tmp."""
    env = {k: v for k, v in os.environ.items() if k not in SETTING_NAMES.values()}
    env.update(ESTEL_BRAIN="offline", ESTEL_DB_PATH=str(tmp_path / "browser.db"))
    env.update(overrides)
    return env


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log_path: Path) -> None:
    """Poll /_stcore/health until "ok"; fail the test if the server dies or never answers."""
    deadline = time.monotonic() + START_LIMIT_S  # a bound on waiting, not a timing assertion
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as reply:
                if reply.read() == b"ok":
                    return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start: {log_path.read_text()}")
            time.sleep(0.2)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def streamlit_server(tmp_path: Path, **env_overrides: str) -> Iterator[str]:
    """`streamlit run app.py` headless on a free loopback port; yields its URL, then stops it."""
    port = free_port()
    log_path = tmp_path / "streamlit.log"
    with log_path.open("wb") as log:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(APP), "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=server_env(tmp_path, **env_overrides), stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, log_path)
        yield url
    finally:
        _stop(proc)


def require_chromium() -> None:
    """Skip without Debian chromium, except on CI (.ci/run installs it): there it is a failure."""
    if shutil.which(CHROMIUM):
        return
    message = "Debian chromium is not installed (apt-get install -y chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def chromium_browser(extra_args: tuple[str, ...] = ()) -> Iterator[Any]:
    """A Playwright Browser on Debian's chromium (skips/fails as `require_chromium` says)."""
    require_chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=[*CHROMIUM_ARGS, *extra_args])
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def chromium_page(width: int = 1280, height: int = 900,
                  extra_args: tuple[str, ...] = ()) -> Iterator[Any]:
    """A fresh Playwright Page of that viewport in its own Chromium (closed afterwards)."""
    with chromium_browser(extra_args) as browser:
        yield browser.new_page(viewport={"width": width, "height": height})


def set_up_interview(page: Any, role: str = "Data Analyst", questions: int | None = None) -> None:
    """On the Interview page's setup: type `role` (free text), then set the question count.

    The default count is 8; the slider is moved with the arrow keys, as a keyboard user does.
    """
    box = page.get_by_role("combobox", name="Target role")
    box.click()
    box.fill(role)
    page.keyboard.press("Enter")
    # the role's rerun adds the live "Interviewing as" line above the slider, redrawing it:
    # keys pressed before that rerun lands would go to a slider that is then replaced
    page.get_by_text("Interviewing as:").wait_for()
    if questions is None:
        return
    page.get_by_role("slider").focus()
    for _ in range(8 - questions):
        page.keyboard.press("ArrowLeft")
    page.get_by_role("slider", name=str(questions)).or_(
        page.get_by_text(str(questions), exact=True)).first.wait_for()


def answer_box(page: Any) -> Any:
    """The answer box once the page has settled on one: during a rerun Streamlit can keep the
    previous run's form on screen beside the new one (two boxes, two Send buttons), and typing
    into either then fails or goes nowhere. Waits until there is exactly one, empty."""
    expect = pytest.importorskip("playwright.sync_api").expect
    box = page.locator(".st-key-answer textarea")
    expect(box).to_have_count(1)
    expect(page.locator(".st-key-send button")).to_have_count(1)
    page.locator(".st-key-answer textarea:placeholder-shown").wait_for()
    return box
