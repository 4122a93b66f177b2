"""The vendored plotly.js basic bundle that draws the dashboard (estel/ui/basic_plotly.py)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from plotly.offline import get_plotlyjs_version

from estel.ui.basic_plotly import BASIC_TRACES, BUNDLE

ROOT = Path(__file__).resolve().parents[2]


def test_the_bundle_is_the_plotly_js_version_plotly_py_writes_figures_for():
    banner = BUNDLE.read_text(encoding="utf-8")[:300]
    version = re.search(r"plotly\.js \(basic - minified\) v(\S+)", banner)
    assert version, banner
    # a newer plotly.py may write attributes an older plotly.js ignores: refresh the bundle
    # (`npm pack plotly.js-basic-dist-min@<version>`, README "Dashboard charts") with plotly
    assert version.group(1) == get_plotlyjs_version()
    assert (ROOT / "static" / "plotly-LICENSE.txt").read_text().startswith("MIT License")


def test_the_app_serves_the_bundle():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableStaticServing"] is True
    assert BUNDLE.parent == ROOT / "static"  # Streamlit serves ./static beside app.py


def test_the_bundle_registers_the_trace_types_the_dashboard_relies_on():
    source = BUNDLE.read_text(encoding="utf-8")
    for trace in BASIC_TRACES:
        assert f'moduleType:"trace",name:"{trace}"' in source, trace
