"""Recompute the dashboard views people are looking at when sessions are saved, before they ask.

Why: on SQLite the dashboard's cache is keyed on the file's change marker, so the first visitor
after any save waited for every figure to be computed again (~1 s at 100k sessions), on top of
the page's own loading. The warmer watches the marker in a background thread and, when it
changes, computes the views visitors opened recently, so the next visitor finds them ready (or
joins the computation already under way). It works only while someone has looked at the
dashboard within `watch_seconds`: an unwatched dashboard costs nothing.

No streamlit here: `compute(marker, view)` is the page's cached computation, `marker()` the
store's change marker (`query.change_marker`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from estel.store.base import SessionFilters

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class View:
    """What one visitor's filters asked for (the page's cache key, less the marker)."""

    filters: SessionFilters
    start: datetime | None
    end: datetime | None


@dataclass
class Warmer:
    """Keeps up to `max_views` recently seen views computed while the marker changes.

    Between two recomputations it waits at least `gap_factor` × the last one's duration (and
    `poll_seconds`), so a stream of per-turn saves keeps at most a share of one core busy."""

    marker: Callable[[], Hashable]
    compute: Callable[[Hashable, View], Any]
    poll_seconds: float = 0.2
    watch_seconds: float = 900.0
    max_views: int = 4
    gap_factor: float = 1.0
    clock: Callable[[], float] = time.monotonic
    _views: dict[View, float] = field(default_factory=dict, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    _thread: threading.Thread | None = field(default=None, init=False)
    _done: Hashable | None = field(default=None, init=False)

    def seen(self, view: View, marker: Hashable) -> None:
        """A visitor was shown `view` as of `marker`: keep it warm from now on."""
        with self._lock:
            self._views.pop(view, None)
            self._views[view] = self.clock()  # newest last
            while len(self._views) > self.max_views:
                del self._views[next(iter(self._views))]
            if self._thread is None:
                self._done = marker
                self._thread = threading.Thread(target=self._run, name="dashboard-warmer",
                                                daemon=True)
                self._thread.start()

    def stop(self) -> None:
        """Forget every view; the thread ends at its next poll (a new `seen` starts one)."""
        with self._lock:
            self._views.clear()

    @property
    def running(self) -> bool:
        with self._lock:
            return self._thread is not None

    def _watched(self) -> list[View]:
        """The views seen within watch_seconds; when there are none the thread ends."""
        with self._lock:
            now = self.clock()
            self._views = {view: at for view, at in self._views.items()
                           if now - at <= self.watch_seconds}
            if not self._views:
                self._thread = None
            return list(self._views)

    def _run(self) -> None:
        wait = self.poll_seconds
        while self._watched():
            time.sleep(wait)
            wait = self.poll_seconds
            try:
                marker = self.marker()
            except Exception:  # a store that cannot say: try again at the next poll
                log.warning("dashboard warmer: no change marker", exc_info=True)
                continue
            if marker == self._done:
                continue
            views = self._watched()  # as of now: a view seen during the sleep counts
            began = self.clock()
            for view in views:
                try:
                    self.compute(marker, view)
                except Exception:  # the page will show the store's problem itself
                    log.warning("dashboard warmer: could not compute %s", view, exc_info=True)
            self._done = marker
            wait = max(self.poll_seconds, self.gap_factor * (self.clock() - began))
