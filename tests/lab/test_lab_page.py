"""AppTest of the Prompt Lab page: runs, A vs B results, turn inspector, variants, past runs."""

from __future__ import annotations

import json
from pathlib import Path

from estel.config import load_settings
from estel.evals import persona_names, run_eval
from estel.evals.runs_store import RunStore
from estel.lab import variants as lab_logic
from estel.ui.components import escape_markdown


def _codes(at) -> list[str]:
    return [str(code.value) for code in at.get("code")]


def _frame(at, first_column: str):
    """The first dataframe on the page whose first column is `first_column`."""
    return next(d.value for d in at.dataframe if next(iter(d.value.columns)) == first_column)


def _chart_traces(at, key: str) -> list[dict]:
    chart = next(c for c in at.get("plotly_chart") if c.proto.id.endswith(key)
                 or key in c.proto.id)
    return json.loads(chart.proto.spec)["data"]


def test_without_openai_both_sides_default_to_offline_and_test_brains_are_hidden(lab) -> None:
    at = lab.open()
    assert at.selectbox(key="lab_brain_a").value == "offline"
    assert at.selectbox(key="lab_brain_b").value == "offline"
    assert not [o for o in at.selectbox(key="lab_brain_b").options if "Scripted" in o]
    assert at.toggle(key="lab_test_brains").value is False

    at.toggle(key="lab_test_brains").set_value(True).run()
    assert "Scripted (tests)" in at.selectbox(key="lab_brain_b").options
    # every label fits a half-width column at 1024 px (QA saw them cut off)
    assert all(len(label) <= 28 for label in at.selectbox(key="lab_brain_b").options)
    at.selectbox(key="lab_brain_b").select("scripted").run()
    at.toggle(key="lab_test_brains").set_value(False).run()  # hidden again: back to offline
    assert not at.exception
    assert at.selectbox(key="lab_brain_b").value == "offline"


def test_offline_vs_scripted_run_shows_both_columns(lab, text_of, lab_env: Path) -> None:
    at = lab.open()
    at.toggle(key="lab_test_brains").set_value(True).run()
    at.selectbox(key="lab_brain_b").select("scripted").run()
    assert at.selectbox(key="lab_brain_a").value == "offline"
    text = text_of(at)
    assert "offline brain ignores prompts" in text
    assert "scripted brain ignores prompts" in text
    lab.small_run(at, ["strong", "average", "weak"])
    lab.run_and_wait(at)

    runs = at.session_state["lab_results"]
    assert [r.label for r in runs] == ["A · offline", "B · scripted"]
    text = text_of(at)
    assert "##### A · offline :green-badge[PASS]" in text
    assert "##### B · scripted :red-badge[FAIL]" in text  # scripted scores flat: ordering fails
    table = _frame(at, "metric")
    assert list(table.columns) == ["metric", "A", "B", "Δ (B − A)"]
    validity = table[table["metric"] == "contract validity"].iloc[0]
    assert (validity["A"], validity["B"]) == ("100.0%", "100.0%")
    bars = _chart_traces(at, "lab_score_chart")
    assert [t["name"] for t in bars] == ["A · offline", "B · scripted"]
    assert bars[1]["y"] == [5.8, 5.8, 5.8]  # the scripted 6/5/7 assessment, content weighing most
    assert bars[0]["y"][0] > bars[0]["y"][1] > bars[0]["y"][2]
    labels = [e.label for e in at.expander]
    assert sum(label.startswith("strong · Data Scientist") for label in labels) == 2
    assert "Finished in" in text
    assert "saved under Past runs" in text
    saved = RunStore.from_settings(load_settings()).list()
    assert {s.label for s in saved} == {"A · offline", "B · scripted"}
    assert len({s.comparison for s in saved}) == 1


def test_offline_turn_inspector_says_there_is_no_prompt(lab, text_of) -> None:
    at = lab.open()
    lab.small_run(at, ["weak"])
    lab.run_and_wait(at)
    at.selectbox(key="lab_inspect_turn").set_value(2).run()
    text = text_of(at)
    assert "The offline brain sends no prompt and gets no raw reply" in text
    note = at.session_state["lab_results"][0].interviews[0].turns[1].assessment["note"]
    assert "**Assessment note:** " in text
    assert f"**Assessment note:** {escape_markdown(note)}" in text
    assert not any(code.language == "json" for code in at.get("code"))  # no raw reply block


def test_openai_run_inspector_shows_prompt_raw_reply_and_tokens(lab, text_of,
                                                               fake_openai) -> None:
    at = lab.open()
    assert at.selectbox(key="lab_brain_a").value == "openai"  # configured: prompt A vs B
    assert at.text_input(key="lab_model_a").value == "fake-model"
    at.text_input(key="lab_model_b").input("other-model")
    edited = at.text_area(key="lab_editor").value + "\nMARKER-B: ask shorter questions.\n"
    at.text_area(key="lab_editor").input(edited)
    lab.small_run(at, ["strong"])
    lab.run_and_wait(at)

    run_a, run_b = at.session_state["lab_results"]
    assert run_a.label == "A · openai fake-model · interviewer-v2"
    assert run_b.model == "other-model"
    assert run_b.label.startswith("B · openai other-model · ")
    assert run_a.metrics.validity == 1.0
    assert run_b.metrics.validity == 1.0
    models = {r["model"] for r in fake_openai.requests}
    assert models == {"fake-model", "other-model"}
    by_model = {m: [r["messages"][0]["content"] for r in fake_openai.requests if r["model"] == m]
                for m in models}
    assert not any("MARKER-B" in p for p in by_model["fake-model"])  # A: the shipped prompt
    assert all("MARKER-B" in p for p in by_model["other-model"])  # B: the editor's text

    at.radio(key="lab_inspect_run").set_value(0).run()
    at.selectbox(key="lab_inspect_turn").set_value(2).run()
    assert not at.exception
    raw = run_a.interviews[0].turns[1].trace["raw_reply"]
    assert raw in fake_openai.replies
    codes = _codes(at)
    assert raw in codes  # the raw reply, verbatim
    sent = run_a.interviews[0].turns[1].trace["messages"]
    assert sent[1]["content"] in codes  # the user message sent, verbatim
    text = text_of(at)
    assert "**Raw reply**" in text
    assert "**Prompt sent** (2 messages, last attempt)" in text
    assert "None: the reply validated at the first attempt." in text
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Prompt tokens"] == "321"
    assert metrics["Completion tokens"] == "45"
    draft = next(j for j in at.json if "assessment" in json.loads(j.value))
    assert json.loads(draft.value)["assessment"]["note"] in raw


def test_openai_not_configured_explains_and_blocks_the_run(lab, text_of) -> None:
    at = lab.open()
    at.selectbox(key="lab_brain_b").set_value("openai").run()
    text = text_of(at)
    assert "OpenAI is not configured" in text
    assert "OPENAI_API_KEY" in text
    assert "OPENAI_BASE_URL" in text
    assert at.button(key="lab_run").disabled


def test_run_size_is_capped_with_a_clear_message(lab, text_of, fake_openai) -> None:
    at = lab.open()
    lab.small_run(at, persona_names(), questions=20, roles=["Data Scientist", "Software Engineer"])
    text = text_of(at)
    assert "the lab caps openai runs at 300" in text
    assert at.button(key="lab_run").disabled


def test_saving_a_variant_writes_a_file_and_the_diff_shows_the_change(lab, text_of,
                                                                      lab_env: Path) -> None:
    shipped_before = lab_logic.shipped_text()
    at = lab.open()
    original = at.text_area(key="lab_editor").value
    assert "warm, direct and fair" in original
    at.text_area(key="lab_editor").input(original.replace("warm, direct and fair",
                                                          "warm, direct, brief and fair")).run()
    diff = next(c for c in _codes(at) if c.startswith("--- shipped.md"))
    assert "\n+You are Estel, a warm, direct, brief and fair interviewer" in diff
    assert "\n-You are Estel, a warm, direct and fair interviewer" in diff
    assert "+1" in text_of(at)
    assert "−1" in text_of(at)

    at.text_input(key="lab_variant_name").input("short-questions")
    at.button(key="lab_save").click().run()
    assert not at.exception
    saved = lab_env / "variants" / "short-questions.md"
    body = saved.read_text(encoding="utf-8")
    assert body.startswith("---\nversion: interviewer-v3\n---\n")
    assert "warm, direct, brief and fair" in body
    assert "Saved variant 'short-questions' (version interviewer-v3)" in text_of(at)
    assert lab_logic.shipped_text() == shipped_before  # the shipped prompt is never written
    assert "short-questions" in at.selectbox(key="lab_prompt_a").options[1]

    at.text_input(key="lab_variant_name").input("short-questions")
    at.button(key="lab_save").click().run()
    assert "already exists" in text_of(at)
    assert saved.read_text(encoding="utf-8") == body

    at.text_area(key="lab_editor").input("scratch").run()
    at.selectbox(key="lab_load_choice").set_value("short-questions")
    at.button(key="lab_load").click().run()
    assert at.text_area(key="lab_editor").value == body  # loaded back from the file
    assert at.selectbox(key="lab_diff_base").value == "short-questions"
    assert "No changes: the editor matches Variant short-questions (interviewer-v3)." in \
        text_of(at)
    at.selectbox(key="lab_diff_base").set_value("shipped").run()
    at.segmented_control(key="lab_diff_mode").set_value("Side by side").run()
    rows = _frame(at, "change")
    changed = rows[rows["change"] == "changed"][["shipped", "editor"]].to_numpy().tolist()
    assert changed[0] == ["version: interviewer-v2", "version: interviewer-v3"]  # saved: bumped
    assert changed[1][0].startswith("You are Estel, a warm, direct and fair")
    assert changed[1][1].startswith("You are Estel, a warm, direct, brief and fair")


def test_a_past_run_can_be_reopened(lab, text_of) -> None:
    settings = load_settings()
    common = lab_logic.CommonSpec(("strong", "weak"), ("Business Analyst",), 2)
    folder = lab_logic.variants_dir(settings)
    runs = [run_eval(lab_logic.side_config(side, lab_logic.SideSpec(brain, ""), common,
                                           settings, folder, ""))
            for side, brain in (("B", "scripted"), ("A", "offline"))]  # saved B first
    store = RunStore.from_settings(settings)
    for run in runs:
        store.save(run, comparison="cmp-1")

    at = lab.open()
    assert "lab_results" not in at.session_state
    options = at.selectbox(key="lab_past").options
    assert len(options) == 1
    assert options[0].endswith(" · A · offline vs B · scripted")
    at.button(key="lab_open_past").click().run()
    assert not at.exception
    shown = at.session_state["lab_results"]
    assert [r.id for r in shown] == [runs[1].id, runs[0].id]  # A first, as labelled
    text = text_of(at)
    assert "Reopened:" in text
    assert "##### A · offline :green-badge[PASS]" in text
    assert any(e.label.startswith("weak · Business Analyst") for e in at.expander)


def test_a_run_saved_alone_reopens_as_a_single_column(lab, text_of) -> None:
    settings = load_settings()
    run = run_eval(lab_logic.side_config("A", lab_logic.SideSpec("offline", ""),
                                         lab_logic.CommonSpec(("average",), ("Recruiter",), 1),
                                         settings, lab_logic.variants_dir(settings), ""))
    run.label = "offline"  # as `python -m estel eval --save` labels a run
    RunStore.from_settings(settings).save(run)
    at = lab.open()
    at.button(key="lab_open_past").click().run()
    assert not at.exception
    assert list(_frame(at, "metric").columns) == ["metric", "A"]
    assert "##### A · offline :green-badge[PASS]" in text_of(at)
    assert [r.id for r in at.session_state["lab_results"]] == [run.id]
