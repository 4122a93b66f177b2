"""Dashboard charts drawn by plotly.js's *basic* bundle instead of Streamlit's full one.

Why: `st.plotly_chart` draws with the full plotly.js (4.7 MB, every trace type) that Streamlit
ships in its PlotlyChart chunk. On a 2-core machine evaluating that chunk alone kept the
browser's main thread busy for ~1 s before the first dashboard chart appeared, and five charts
on a fresh page took 4-5 s to draw (bench/dashboard_page.py). The dashboard's charts are bars
and lines, which plotly.js's own basic bundle (bar, scatter, pie: 1.2 MB, MIT licence, the same
plotly.js version plotly.py writes figures for; `static/plotly-basic.min.js`, served by
Streamlit's static file serving) draws the same way. The figures are the same plotly.py
`Figure`s; only the browser library loaded to draw them is smaller.

The chart is a Streamlit v2 component (no iframe): it loads the bundle once per page and draws
with `Plotly.react`. `preload()` mounts it without a figure at the top of the page, so the
bundle downloads and compiles while the server is still computing the figures.
A figure with a trace type the basic bundle lacks (polar, 3-D, maps …) goes to `st.plotly_chart`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import streamlit as st

BUNDLE = Path(__file__).resolve().parents[2] / "static" / "plotly-basic.min.js"
BASIC_TRACES = frozenset({"bar", "scatter", "pie"})  # what plotly-basic.min.js can draw
# relative to the page (/dashboard), so it also works under server.baseUrlPath
BUNDLE_URL = "./app/static/plotly-basic.min.js"
UNAVAILABLE = ("This chart could not be drawn: the browser did not load "
               "static/plotly-basic.min.js (is server.enableStaticServing on?).")

_JS = """
const BUNDLE_URL = %(url)s;
const UNAVAILABLE = %(unavailable)s;

function loadPlotly() {
  // one <script> per page, shared by every chart; a failed load may be tried again later
  if (!window.estelBasicPlotly) {
    window.estelBasicPlotly = new Promise((resolve, reject) => {
      const tag = document.createElement("script");
      tag.src = BUNDLE_URL;
      tag.async = true;
      tag.onload = () => resolve(window.Plotly);
      tag.onerror = () => { window.estelBasicPlotly = null; tag.remove(); reject(); };
      document.head.appendChild(tag);
    });
  }
  return window.estelBasicPlotly;
}

export default function (component) {
  const { data, parentElement } = component;
  const preload = loadPlotly();
  if (!data) return;  // preload(): start loading, draw nothing
  let chart = parentElement.querySelector("div.estel-basic-plotly");
  if (!chart) {
    chart = document.createElement("div");
    chart.className = "estel-basic-plotly";
    chart.setAttribute("role", "img");
    parentElement.appendChild(chart);
  }
  chart.setAttribute("aria-label", data.label);
  chart.style.height = data.figure.layout.height + "px";  // no jump when it draws
  let drawn = false;
  preload.then((Plotly) => {
    Plotly.react(chart, data.figure.data, data.figure.layout, data.config);
    drawn = true;
  }).catch(() => { chart.textContent = UNAVAILABLE; });
  // the column's width changes with the window and the sidebar: redraw to fit
  const resize = new ResizeObserver(() => { if (drawn) window.Plotly.Plots.resize(chart); });
  resize.observe(parentElement);
  return () => resize.disconnect();
}
"""

_component = st.components.v2.component(
    "estel_basic_plotly",
    js=_JS % {"url": json.dumps(BUNDLE_URL), "unavailable": json.dumps(UNAVAILABLE)},
    # plotly.js styles its hover labels with rules it adds to the document's <head>; in a
    # shadow root those rules would not reach the chart
    isolate_styles=False,
)


FigureJSON = dict[str, Any]  # a figure as plotly JSON ({"data": [...], "layout": {...}})


def figure_json(figure: go.Figure) -> FigureJSON:
    """`figure` as the plain JSON the browser draws: built once, then cheap to cache and send.
    (to_json, not to_plotly_json: numpy arrays and dates become plain JSON.)"""
    return json.loads(figure.to_json())


def draws(figure: go.Figure | FigureJSON) -> bool:
    """Whether the basic bundle can draw every trace of `figure`."""
    if isinstance(figure, go.Figure):
        return all(trace.type in BASIC_TRACES for trace in figure.data)
    return all(trace.get("type", "scatter") in BASIC_TRACES for trace in figure.get("data", []))


def preload() -> None:
    """Start loading the bundle now (call it before slow work; it draws nothing)."""
    _component(key="estel_basic_plotly_preload", height=0)


def basic_plotly_chart(figure: go.Figure | FigureJSON, *, key: str, label: str,
                       config: dict[str, Any] | None = None) -> None:
    """Draw `figure` (a Figure, or its `figure_json`) full width; `label` names the chart for
    screen readers."""
    if not draws(figure):
        st.plotly_chart(figure, width="stretch", key=key, config=config or {})
        return
    data = figure_json(figure) if isinstance(figure, go.Figure) else figure
    _component(data={"figure": data, "config": config or {}, "label": label}, key=key,
               height="content")
