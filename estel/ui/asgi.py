"""What `streamlit run app.py` adds around the app (app.py is an `st.App`, Streamlit's ASGI app).

- `lifespan`: when the server starts, a thread imports what the pages need (pandas, plotly,
  the estel modules) and computes the Dashboard's default view (all time, no filter), so the
  first visitor after a start does not wait for ~1 s of imports and the figures. The server
  accepts connections once that is done (at most READY_WITHIN seconds; a slower warm-up, say
  over a very large file or a slow remote store, goes on while it serves): a visitor who came
  during the warm-up would wait for it anyway, and would share the two cores with it.
- `ChartsPreload`: a Dashboard page load's HTML asks the browser for the chart library
  (static/plotly-basic.min.js, estel/ui/basic_plotly.py) as soon as the page has loaded,
  while Streamlit is still connecting and the server runs the page. Before, the library was
  requested only when the first chart mounted, after every element had arrived. Then its
  evaluation (~0.13 s of the browser's main thread) came on top, just before the charts drew.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from typing import Any

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

READY_WITHIN = 10.0  # seconds the server start waits for the warm-up
DASHBOARD_PATH = "dashboard"  # app_pages/dashboard.py's URL path
# after the window's load event, so it never delays Streamlit's own scripts; the promise is the
# one basic_plotly's component waits for (it loads the library itself if this has not run)
PRELOAD_SCRIPT = """<script>
window.addEventListener("load", () => {
  if (window.estelBasicPlotly) return;
  window.estelBasicPlotly = new Promise((resolve, reject) => {
    const tag = document.createElement("script");
    tag.src = %s;
    tag.async = true;
    tag.onload = () => resolve(window.Plotly);
    tag.onerror = () => { window.estelBasicPlotly = null; tag.remove(); reject(); };
    document.head.appendChild(tag);
  });
});
</script>"""


def warm_up() -> None:
    """Imports and the Dashboard's default view; a failure only means the page computes it."""
    try:
        from estel.ui.dashboard_view import warm_default_view

        warm_default_view()
    except Exception:  # the page shows the store's problems itself, with its own message
        log.warning("Warming the dashboard at start-up failed", exc_info=True)


@asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
    """st.App's lifespan (Streamlit's runtime has started): warm up in a thread; uvicorn
    accepts connections when this yields, after the warm-up or READY_WITHIN seconds."""
    done = threading.Event()

    def warm_up_then_say_so() -> None:
        try:
            warm_up()
        finally:
            done.set()

    threading.Thread(target=warm_up_then_say_so, name="estel-warm-up", daemon=True).start()
    await asyncio.to_thread(done.wait, READY_WITHIN)
    yield


class ChartsPreload:
    """ASGI middleware: adds PRELOAD_SCRIPT to the HTML of a Dashboard page load."""

    def __init__(self, app: ASGIApp, bundle_url: str = "./app/static/plotly-basic.min.js"):
        self.app = app
        self.script = (PRELOAD_SCRIPT % json.dumps(bundle_url)).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET" \
                or scope.get("path", "").rstrip("/").rsplit("/", 1)[-1] != DASHBOARD_PATH:
            await self.app(scope, receive, send)
            return
        # the page's HTML is ~2 kB: ask for it uncompressed, so it can be edited
        plain = {**scope, "headers": [(name, value) for name, value in scope["headers"]
                                      if name.lower() != b"accept-encoding"]}
        await self.app(plain, receive, _Injecting(send, self.script))


class _Injecting:
    """Holds back the response start until the body is known: HTML gets the script before
    </head> and a matching content-length; anything else passes unchanged."""

    def __init__(self, send: Send, script: bytes) -> None:
        self.send = send
        self.script = script
        self.start: Message | None = None
        self.html = False
        self.chunks: list[bytes] = []

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = {name.lower(): value for name, value in message.get("headers", [])}
            self.html = headers.get(b"content-type", b"").startswith(b"text/html") \
                and b"content-encoding" not in headers
            if not self.html:
                await self.send(message)
                return
            self.start = message
            return
        if message["type"] != "http.response.body" or not self.html:
            await self.send(message)
            return
        self.chunks.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        body = b"".join(self.chunks).replace(b"</head>", self.script + b"</head>", 1)
        assert self.start is not None
        headers = [(name, value) for name, value in self.start.get("headers", [])
                   if name.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        await self.send({**self.start, "headers": headers})
        await self.send({"type": "http.response.body", "body": body, "more_body": False})
