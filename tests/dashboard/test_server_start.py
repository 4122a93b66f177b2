"""app.py's st.App (estel/ui/asgi.py): the Dashboard's default view is computed when the server
starts, and a Dashboard page's HTML asks for the chart library early."""

from __future__ import annotations

import asyncio
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from live_streamlit import streamlit_server

from estel.store.base import SessionRecord
from estel.ui.asgi import DASHBOARD_PATH, PRELOAD_SCRIPT, ChartsPreload
from estel.ui.dashboard_filters import MULTISELECTS, PERIODS, chosen

from .conftest import write

HTML = b"<!doctype html><html><head><title>Estel</title></head><body></body></html>"


def served(path: str, *, body: bytes = HTML, content_type: bytes = b"text/html",
           encoding: bytes | None = None, chunks: int = 1,
           method: str = "GET") -> tuple[dict[bytes, bytes], bytes, list[bytes]]:
    """One request through ChartsPreload around a fake app: (response headers, body, the
    accept-encoding values the app saw)."""
    seen: list[bytes] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.extend(value for name, value in scope["headers"] if name == b"accept-encoding")
        headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
        if encoding:
            headers.append((b"content-encoding", encoding))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        size = -(-len(body) // chunks)
        for start in range(0, len(body), size):
            await send({"type": "http.response.body", "body": body[start:start + size],
                        "more_body": start + size < len(body)})

    sent: list[dict[str, Any]] = []

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path,
             "headers": [(b"accept-encoding", b"gzip"), (b"host", b"x")]}
    asyncio.run(ChartsPreload(app)(scope, None, send))
    start, *bodies = sent
    return dict(start["headers"]), b"".join(part.get("body", b"") for part in bodies), seen


def test_a_dashboard_page_gets_the_preload_before_head_ends() -> None:
    headers, body, encodings = served(f"/{DASHBOARD_PATH}", chunks=3)
    assert body.count(b"plotly-basic.min.js") == 1
    assert body.index(b"plotly-basic.min.js") < body.index(b"</head>")
    assert int(headers[b"content-length"]) == len(body)
    assert encodings == []  # asked for plain HTML, so it could be edited
    assert served(f"/base/path/{DASHBOARD_PATH}/")[1].count(b"plotly-basic") == 1


@pytest.mark.parametrize(("path", "kwargs"), [
    ("/", {}),  # the Interview page
    ("/history", {}),
    ("/static/js/index.js", {"content_type": b"application/javascript"}),
    ("/dashboard", {"content_type": b"application/json"}),
    ("/dashboard", {"encoding": b"gzip"}),  # compressed anyway: left as it is
    ("/dashboard", {"method": "HEAD"}),
])
def test_everything_else_passes_unchanged(path: str, kwargs: dict[str, Any]) -> None:
    headers, body, _ = served(path, **kwargs)
    assert body == HTML
    assert int(headers[b"content-length"]) == len(HTML)


def test_the_warm_view_is_the_filter_bars_default() -> None:
    from estel.ui.dashboard_view import DEFAULT_VIEW

    first_period = next(iter(PERIODS))
    untouched = chosen(first_period, datetime.now(UTC).date(), (),
                       {name: [] for name, _label, _key in MULTISELECTS})
    assert (untouched.filters, untouched.start, untouched.end) == (
        DEFAULT_VIEW.filters, DEFAULT_VIEW.start, DEFAULT_VIEW.end)


def test_warming_up_fills_the_cache_the_first_visit_reads(
        app_env: Path, played: list[SessionRecord], monkeypatch: pytest.MonkeyPatch) -> None:
    from estel.dashboard import query
    from estel.ui import asgi
    from estel.ui import dashboard_view as page

    store = write(app_env, played)
    loads: list[int] = []
    real_load = query.load_dashboard
    monkeypatch.setattr(page, "load_dashboard",
                        lambda *args, **kwargs: loads.append(1) or real_load(*args, **kwargs))
    try:
        asgi.warm_up()
        assert loads == [1]
        key, marker = store.description, query.change_marker(store, page.TTL)
        view = page.DEFAULT_VIEW
        data = page._dashboard(store, key, marker, view.filters, view.start, view.end)
        assert loads == [1]  # the visitor's call is answered from the cache
        assert data.kpis.sessions == len(played)
    finally:
        page._warmer.clear()


def test_warming_up_an_unreachable_store_logs_and_returns(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from estel.ui import asgi

    def broken() -> Any:
        raise RuntimeError("no store today")

    monkeypatch.setattr("estel.ui.dashboard_view.warm_default_view", broken)
    asgi.warm_up()
    assert "Warming the dashboard at start-up failed" in caplog.text


def _started(warm_up_takes: float, ready_within: float) -> tuple[bool, float]:
    """Run asgi.lifespan up to its yield, where the server starts accepting connections,
    with a warm-up that takes `warm_up_takes` seconds: (was it over by then, seconds taken)."""
    from estel.ui import asgi

    finished, release = threading.Event(), threading.Event()

    def slow_warm_up() -> None:
        release.wait(warm_up_takes)
        finished.set()

    async def start() -> tuple[bool, float]:
        began = time.perf_counter()
        async with asgi.lifespan(None):
            return finished.is_set(), time.perf_counter() - began

    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(asgi, "warm_up", slow_warm_up)
            patch.setattr(asgi, "READY_WITHIN", ready_within)
            return asyncio.run(start())
    finally:
        release.set()  # end a warm-up still waiting


def test_the_server_accepts_visitors_once_warmed_up() -> None:
    warmed, seconds = _started(warm_up_takes=0.3, ready_within=5)
    assert warmed
    assert 0.25 <= seconds < 5


def test_a_slow_warm_up_goes_on_while_the_server_serves() -> None:
    warmed, seconds = _started(warm_up_takes=30, ready_within=0.3)
    assert not warmed
    assert 0.25 <= seconds < 5


def test_the_real_server_sends_the_preload_with_the_dashboard_only(tmp_path: Path) -> None:
    with streamlit_server(tmp_path) as url:
        def page(path: str) -> str:
            request = urllib.request.Request(f"{url}{path}",
                                             headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(request, timeout=30) as reply:
                assert reply.headers.get("Content-Encoding") is None
                return reply.read().decode()

        script = PRELOAD_SCRIPT.split("\n", 1)[0]
        assert script in page("/dashboard")
        assert "plotly-basic" not in page("/")
