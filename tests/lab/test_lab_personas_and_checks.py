"""The Prompt Lab offers every packaged persona and shows every check an eval run made.

Personas are data (estel/data/personas/*.json) and checks are the eval metrics' own list, so a
new persona (the bluffer) and its check (bluffer < average) reach the lab without a code change.
"""

from __future__ import annotations

import json
from pathlib import Path

from estel.ui.components import escape_markdown

PERSONA_DIR = Path(__file__).resolve().parents[2] / "estel" / "data" / "personas"
MARKS = {True: ":green[✓]", False: ":red[✗]", None: ":gray[–]"}


def packaged_personas() -> set[str]:
    return {json.loads(path.read_text(encoding="utf-8"))["name"]
            for path in PERSONA_DIR.glob("*.json")}


def test_the_persona_choice_is_every_packaged_persona_file(lab) -> None:
    at = lab.open()
    personas = at.multiselect(key="lab_personas")
    assert set(personas.options) == packaged_personas()
    assert set(personas.value) == packaged_personas()  # all of them by default
    for name in packaged_personas():
        assert f"{name}: " in personas.help  # each described


def test_the_results_show_every_check_of_each_run(lab, text_of) -> None:
    at = lab.open()
    names = sorted(packaged_personas())
    lab.small_run(at, names, questions=2, roles=["Backend Engineer"])
    lab.run_and_wait(at, limit_s=120)
    runs = at.session_state["lab_results"]
    text = text_of(at)
    bars = next(json.loads(c.proto.spec)["data"] for c in at.get("plotly_chart")
                if "lab_score_chart" in c.proto.id)
    assert set(bars[0]["x"]) == set(names)  # every persona chosen gets its bar
    for run in runs:
        assert run.metrics.checks
        for check in run.metrics.checks:
            line = f"{MARKS[check.passed]} **{escape_markdown(check.name)}**"
            assert line in text, line
