"""The pure core imports no UI, model-client, HTTP or Supabase library (DESIGN.md "Layout")."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.util import find_spec

import pytest

FORBIDDEN = ("streamlit", "openai", "httpx", "httpx2", "supabase", "postgrest")
PURE_CORE = ("estel.contract", "estel.session", "estel.engine", "estel.analysis",
             "estel.analysis.answer", "estel.analysis.advice", "estel.analysis.lexicon",
             "estel.analysis.quote", "estel.analysis.relevance", "estel.analysis.delivery",
             "estel.coach", "estel.brains.rubric", "estel.dashboard.analytics", "estel.history",
             "estel.dashboard.charts")
# the offline turn path: what `python -m estel turn` with the offline brain needs
OFFLINE_PATH = ("estel.handler", "estel.brains", "estel.brains.base", "estel.brains.scripted",
                "estel.brains.offline.brain")


def loaded_forbidden(repo, modules: tuple[str, ...]) -> dict[str, list[str]]:
    """Import each module in a fresh interpreter; which forbidden packages got loaded."""
    script = (
        "import importlib, json, sys\n"
        f"forbidden = {FORBIDDEN!r}\n"
        "found = {}\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "    found[name] = sorted({m.split('.')[0] for m in sys.modules} & set(forbidden))\n"
        "print(json.dumps(found))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=repo, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def present(modules: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name for name in modules if find_spec(name) is not None)


def test_pure_core_imports_no_side_effect_libraries(repo):
    modules = present(PURE_CORE)
    assert {"estel.contract", "estel.session", "estel.engine"} <= set(modules)
    assert loaded_forbidden(repo, modules) == {name: [] for name in modules}


def test_offline_turn_path_imports_no_side_effect_libraries(repo):
    modules = present(OFFLINE_PATH)
    assert loaded_forbidden(repo, modules) == {name: [] for name in modules}


def test_the_check_itself_notices_a_forbidden_import(repo):
    if find_spec("httpx") is None:
        pytest.skip("httpx is not installed")
    assert loaded_forbidden(repo, ("httpx",)) == {"httpx": ["httpx"]}


def test_the_dashboard_and_the_sidebar_do_not_load_the_openai_client(repo):
    """The Dashboard never calls a model: importing the openai package (via the sidebar's
    voice hint) cost ~0.4 s of the first visit after the server started."""
    modules = ("estel.ui.sidebar", "estel.ui.dashboard_view", "estel.ui.resources")
    found = loaded_forbidden(repo, modules)
    assert all("openai" not in loaded for loaded in found.values()), found
