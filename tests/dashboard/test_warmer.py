"""The dashboard warmer: when sessions are saved it recomputes the views visitors opened, in the
background, through the page's own cache, so the next visitor does not wait."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from estel.dashboard.warmer import View, Warmer
from estel.store.base import SessionFilters, SessionRecord
from estel.store.sqlite import SQLiteStore

LIMIT_S = 10  # a bound on waiting for the background thread, not a measurement


def eventually(check: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + LIMIT_S
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.01)
    return check()


def view(role: str | None = None) -> View:
    return View(SessionFilters(target_roles=(role,) if role else None), None, None)


class Store:
    """A change marker the test moves, and a record of what was computed."""

    def __init__(self) -> None:
        self.version = 0
        self.computed: list[tuple[int, View]] = []
        self.lock = threading.Lock()

    def marker(self) -> int:
        return self.version

    def compute(self, marker: Any, shown: View) -> None:
        with self.lock:
            self.computed.append((marker, shown))


def warmer(store: Store, **options: Any) -> Warmer:
    return Warmer(marker=store.marker, compute=store.compute, poll_seconds=0.01, **options)


def test_a_save_recomputes_the_views_seen_and_nothing_before() -> None:
    store = Store()
    warm = warmer(store)
    warm.seen(view(), marker=0)
    warm.seen(view("Nurse"), marker=0)
    time.sleep(0.1)
    assert store.computed == []  # nothing changed since the visitors were shown the views
    store.version = 1
    assert eventually(lambda: len(store.computed) == 2)
    assert sorted(store.computed, key=str) == sorted([(1, view()), (1, view("Nurse"))], key=str)
    time.sleep(0.1)
    assert len(store.computed) == 2  # once per change


def test_only_the_most_recent_views_are_kept_warm() -> None:
    store = Store()
    warm = warmer(store, max_views=2)
    for role in ("A", "B", "C"):
        warm.seen(view(role), marker=0)
    warm.seen(view("A"), marker=0)  # seen again: the newest
    store.version = 1
    assert eventually(lambda: len(store.computed) == 2)
    time.sleep(0.1)
    assert {shown for _, shown in store.computed} == {view("C"), view("A")}


def test_an_unwatched_dashboard_stops_the_thread_and_costs_nothing() -> None:
    store = Store()
    now = [0.0]
    warm = warmer(store, watch_seconds=60, clock=lambda: now[0])
    warm.seen(view(), marker=0)
    assert warm.running
    now[0] = 61.0  # nobody has looked for a minute
    assert eventually(lambda: not warm.running)
    store.version = 1
    time.sleep(0.1)
    assert store.computed == []
    warm.seen(view(), marker=1)  # someone looks again: watching resumes
    assert warm.running
    store.version = 2
    assert eventually(lambda: store.computed == [(2, view())])


def test_a_failing_computation_is_logged_and_the_next_save_is_still_warmed(
        caplog: pytest.LogCaptureFixture) -> None:
    store = Store()
    failures = [RuntimeError("database is locked")]

    def compute(marker: Any, shown: View) -> None:
        if failures:
            raise failures.pop()
        store.compute(marker, shown)

    warm = Warmer(marker=store.marker, compute=compute, poll_seconds=0.01)
    warm.seen(view(), marker=0)
    store.version = 1
    assert eventually(lambda: "could not compute" in caplog.text)
    store.version = 2
    assert eventually(lambda: store.computed == [(2, view())])


def test_the_page_finds_the_view_computed_after_a_save(
        tmp_path: Path, played: list[SessionRecord], monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the page's own cached functions on a real SQLite file: after the save, the
    visitor's call is answered from the cache the warmer filled (no second computation)."""
    from estel.dashboard import query
    from estel.ui import dashboard_view as page

    store = SQLiteStore(tmp_path / "warm.db")
    store.complete(played[0])
    loads: list[int] = []
    real_load = query.load_dashboard

    def counted(*args: Any, **kwargs: Any) -> Any:
        loads.append(1)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(page, "load_dashboard", counted)
    for cached in (page._options, page._dashboard, page._warmer):
        cached.clear()
    key = store.description
    shown = View(SessionFilters(), None, None)
    marker = query.change_marker(store, page.TTL)
    before = page._dashboard(store, key, marker, shown.filters, shown.start, shown.end)
    warm = page._warmer(store, key)
    try:
        warm.seen(shown, marker)
        store.complete(played[1].model_copy(update={"id": "a-new-session"}))
        after_save = query.change_marker(store, page.TTL)
        assert after_save != marker
        assert eventually(lambda: len(loads) == 2)  # the warmer computed the new view
        data = page._dashboard(store, key, after_save, shown.filters, shown.start, shown.end)
        assert len(loads) == 2  # ... and the visitor's call was a cache hit
        assert data.kpis.sessions == before.kpis.sessions + 1
    finally:
        page._warmer.clear()  # releases it: its thread stops
    assert eventually(lambda: not warm.running)


def test_stop_ends_the_thread() -> None:
    store = Store()
    warm = warmer(store)
    warm.seen(view(), marker=0)
    warm.stop()
    assert eventually(lambda: not warm.running)
    store.version = 1
    time.sleep(0.1)
    assert store.computed == []
