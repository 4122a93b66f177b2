"""The Prompt Lab page: two interviewers (A and B), prompt variants, a run, and its results.

Top to bottom: 1 · the two sides (brain, model, prompt); 2 · the prompt editor next to the
shipped prompt (load, edit, save as a new version file, diff); 3 · personas, roles and questions,
and the Run button; past runs to reopen; then the results (`estel.ui.lab_results`). A run plays
on a background thread (`estel.lab.jobs`) and a fragment polls it, so the page stays usable.

Session keys all start with `lab_`; `lab_job` is the run in progress, `lab_results` the runs
shown (list[EvalRun]), `lab_notice` the last run's outcome.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pandas as pd
import streamlit as st

from estel.brains.openai.prompt import Prompt
from estel.config import Settings
from estel.contract import META_DIFFICULTIES
from estel.errors import EstelError
from estel.evals.personas import load_personas, persona_names
from estel.evals.results import EvalRun
from estel.evals.runs_store import RunStore
from estel.lab import variants as lab
from estel.lab.jobs import LabJob, Saver, start_job
from estel.roles.levels import DEFAULT_LEVEL, EXPERIENCE_LEVELS
from estel.ui import resources
from estel.ui.forms import role_suggestions
from estel.ui.lab_results import render_results

SIDES = ("A", "B")
BRAINS = ("offline", "openai")
TEST_BRAINS = ("scripted",)  # for the test suite; offered only when "Show test brains" is on
# Short enough for a half-width column at 1024 px; the caption below says what each one does
# with prompts.
BRAIN_LABELS = {
    "offline": "Offline (question bank)",
    "openai": "OpenAI or compatible server",
    "scripted": "Scripted (tests)",
}
SHOW_TEST_BRAINS = "lab_test_brains"
NOT_CONFIGURED = (
    "**OpenAI is not configured.** Set `OPENAI_API_KEY` (and optionally `ESTEL_OPENAI_MODEL`), "
    "or `OPENAI_BASE_URL` for a local OpenAI-compatible server (Ollama, vLLM, LM Studio), in "
    "`.streamlit/secrets.toml` or the environment; then press **Reload settings** in the "
    "sidebar (environment changes need an app restart). Meanwhile the offline brain runs on "
    "both sides."
)
IGNORES_PROMPTS = (
    "The {brain} brain ignores prompts: it {how}, so a prompt variant changes nothing on this "
    "side. Pick the OpenAI brain to compare prompts."
)
HOW = {"offline": "picks questions from the built-in bank and scores answers with rule-based "
                  "analysis",
       "scripted": "asks fixed numbered questions and gives fixed scores"}
POLL_S = 1.0

EDITOR = "lab_editor"
DIFF_BASE = "lab_diff_base"
SAVE_NOTICE = "lab_save_notice"
PERSONAS, ROLES, QUESTIONS = "lab_personas", "lab_roles", "lab_questions"
DIFFICULTY, LEVEL = "lab_difficulty", "lab_level"
JOB, RESULTS, NOTICE = "lab_job", "lab_results", "lab_notice"


def key(name: str, side: str) -> str:
    """'lab_brain_a': a side's widget key."""
    return f"lab_{name}_{side.lower()}"


def render_prompt_lab() -> None:
    """The whole Prompt Lab page."""
    st.set_page_config(layout="wide")  # additive: only this page is wide
    st.title("Prompt Lab")
    st.caption("Tune the interviewer: play scripted candidates through whole interviews with two "
               "configurations, A and B, and compare validity, questions, scores and tokens.")
    settings = resources.app_settings().settings
    folder = lab.variants_dir(settings)
    variants = _variants(folder)
    _defaults(settings, variants)
    _collect_finished_job()
    st.subheader("1 · Interviewers A and B")
    specs = _sides(settings, variants)
    st.subheader("2 · Prompt variants")
    _prompt_editor(folder, variants)
    st.subheader("3 · Candidates and run")
    common = _candidates()
    _run_controls(specs, common, settings, folder)
    _past_runs(settings)
    runs: list[EvalRun] | None = st.session_state.get(RESULTS)
    if runs:
        render_results(runs)


def _variants(folder: Path) -> list[lab.Variant]:
    try:
        return lab.list_variants(folder)
    except OSError:  # an unreadable folder: offer none, the page still works
        return []


def _defaults(settings: Settings, variants: list[lab.Variant]) -> None:
    """First-visit values, and repairs when a choice is no longer offered."""
    state = st.session_state
    # With OpenAI: shipped prompt vs the editor's text. Without: the offline brain on both
    # sides (the test-only scripted brain fails the checks by design: never a default).
    brain = "openai" if settings.openai_configured else "offline"
    offered = _brains()
    for side, prompt in (("A", lab.SHIPPED), ("B", lab.EDITOR)):
        state.setdefault(key("brain", side), brain)
        if state[key("brain", side)] not in offered:
            state[key("brain", side)] = brain
        state.setdefault(key("model", side), settings.openai_model)
        state.setdefault(key("prompt", side), prompt)
        if state[key("prompt", side)] not in _prompt_choices(variants):
            state[key("prompt", side)] = lab.SHIPPED
    state.setdefault(EDITOR, lab.shipped_text())
    state.setdefault(DIFF_BASE, lab.SHIPPED)
    if state[DIFF_BASE] not in _prompt_choices(variants)[:-1]:
        state[DIFF_BASE] = lab.SHIPPED
    state.setdefault(PERSONAS, persona_names())
    state.setdefault(ROLES, ["Software Engineer"])
    state.setdefault(QUESTIONS, 8)
    state.setdefault(DIFFICULTY, "standard")
    state.setdefault(LEVEL, DEFAULT_LEVEL)


def _prompt_choices(variants: list[lab.Variant]) -> list[str]:
    return [lab.SHIPPED, *(v.name for v in variants), lab.EDITOR]


def _prompt_label(choice: str, variants: list[lab.Variant]) -> str:
    if choice == lab.SHIPPED:
        return f"Shipped prompt ({lab.shipped_prompt_path().name})"
    if choice == lab.EDITOR:
        return "Editor text (unsaved)"
    version = next((v.version for v in variants if v.name == choice), "?")
    return f"Variant {choice} ({version})"


def _brains() -> tuple[str, ...]:
    return BRAINS + TEST_BRAINS if st.session_state.get(SHOW_TEST_BRAINS) else BRAINS


def _sides(settings: Settings, variants: list[lab.Variant]) -> dict[str, lab.SideSpec]:
    specs = {}
    st.toggle("Show test brains", key=SHOW_TEST_BRAINS,
              help="Adds the scripted brain the test suite uses (fixed questions and scores).")
    for column, side in zip(st.columns(2, border=True), SIDES, strict=True):
        with column:
            st.markdown(f"##### {side}")
            brain = st.selectbox("Brain", _brains(), format_func=BRAIN_LABELS.__getitem__,
                                 key=key("brain", side))
            uses_prompt = brain in lab.BRAINS_USING_PROMPTS
            model = st.text_input("Model", key=key("model", side), disabled=brain != "openai",
                                  help="The chat model; default ESTEL_OPENAI_MODEL.")
            prompt = st.selectbox("Prompt", _prompt_choices(variants), key=key("prompt", side),
                                  format_func=lambda c: _prompt_label(c, variants),
                                  disabled=not uses_prompt)
            if brain == "openai" and not settings.openai_configured:
                st.warning(NOT_CONFIGURED, icon=":material/key_off:")
            elif not uses_prompt:
                st.caption(IGNORES_PROMPTS.format(brain=brain, how=HOW[brain]))
            specs[side] = lab.SideSpec(brain, model, prompt)
    return specs


def _prompt_editor(folder: Path, variants: list[lab.Variant]) -> None:
    shipped = lab.shipped_text()
    choices = _prompt_choices(variants)[:-1]
    load, load_button = st.columns([4, 1], vertical_alignment="bottom")
    load.selectbox("Load into the editor", choices, key="lab_load_choice",
                   format_func=lambda c: _prompt_label(c, variants))
    load_button.button("Load", key="lab_load", icon=":material/upload_file:",
                       on_click=_load_into_editor, args=(folder,), width="stretch")
    left, right = st.columns(2)
    with left:
        st.markdown(f"**Shipped prompt** · `estel/prompts/{lab.shipped_prompt_path().name}` · "
                    f"version `{Prompt.from_text(shipped).version}`")
        st.code(shipped, language="markdown", height=440, wrap_lines=True)
    with right:
        st.text_area("Editor", key=EDITOR, height=440, max_chars=lab.MAX_PROMPT_CHARS,
                     help="Edit freely; runs can use this text unsaved ('Editor text').")
    _save_row(folder, variants)
    _diff_view(variants)


def _load_into_editor(folder: Path) -> None:
    choice = st.session_state.get("lab_load_choice", lab.SHIPPED)
    try:
        text = (lab.shipped_text() if choice == lab.SHIPPED
                else lab.load_variant(folder, choice).text)
    except EstelError as error:
        st.session_state[SAVE_NOTICE] = ("error", error.message)
        return
    st.session_state[EDITOR] = text
    st.session_state[DIFF_BASE] = choice


def _suggested_version(folder: Path) -> str:
    editor = st.session_state.get(EDITOR, "")
    base = lab.front_matter_version(editor) or Prompt.from_text(lab.shipped_text()).version
    try:
        taken = lab.known_versions(folder)
    except OSError:
        taken = set()
    return lab.bump_version(base, taken)


def _save_row(folder: Path, variants: list[lab.Variant]) -> None:
    suggested = _suggested_version(folder)
    name, version, save = st.columns([2, 2, 1], vertical_alignment="bottom")
    name.text_input("Variant name", key="lab_variant_name", placeholder="shorter-questions",
                    help="Saved as <name>.md in the variants folder; never overwritten.")
    version.text_input("Version id", key="lab_variant_version", placeholder=suggested,
                       help=f"Written as the `version:` line; empty = {suggested}.")
    save.button("Save as new version", key="lab_save", icon=":material/save:", type="primary",
                on_click=_save_variant, args=(folder, suggested), width="stretch")
    notice = st.session_state.get(SAVE_NOTICE)
    if notice:
        (st.success if notice[0] == "success" else st.error)(notice[1])
    st.caption(f"Variants folder: `{folder}` ({len(variants)} saved) · set "
               "`ESTEL_PROMPT_VARIANTS_DIR` to keep them elsewhere.")


def _save_variant(folder: Path, suggested: str) -> None:
    state = st.session_state
    version = (state.get("lab_variant_version") or "").strip() or suggested
    try:
        variant = lab.save_variant(folder, state.get("lab_variant_name") or "",
                                   state.get(EDITOR, ""), version)
    except EstelError as error:
        state[SAVE_NOTICE] = ("error", error.message)
        return
    state[EDITOR] = variant.text  # now carries its version line
    state["lab_variant_version"] = ""
    state[SAVE_NOTICE] = ("success", f"Saved variant '{variant.name}' (version "
                                     f"{variant.version}) to {variant.path}.")


def _diff_view(variants: list[lab.Variant]) -> None:
    choices = _prompt_choices(variants)[:-1]
    base_col, mode_col = st.columns([3, 2], vertical_alignment="bottom")
    base = base_col.selectbox("Diff the editor against", choices, key=DIFF_BASE,
                              format_func=lambda c: _prompt_label(c, variants))
    mode = mode_col.segmented_control("Diff view", ("Unified", "Side by side"),
                                      default="Unified", key="lab_diff_mode", required=True)
    before = (lab.shipped_text() if base == lab.SHIPPED
              else next(v.text for v in variants if v.name == base))
    after = st.session_state.get(EDITOR, "")
    added, removed = lab.diff_stats(before, after)
    if not added and not removed:
        st.caption(f"No changes: the editor matches {_prompt_label(base, variants)}.")
        return
    st.markdown(f"**Diff** {_prompt_label(base, variants)} → editor: :green[+{added}] "
                f":red[−{removed}] lines")
    if mode == "Side by side":
        rows = lab.side_by_side(before, after)
        st.dataframe(pd.DataFrame(rows, columns=["change", base, "editor"]), hide_index=True,
                     width="stretch", key="lab_diff_table")
    else:
        st.code(lab.unified_diff(before, after, f"{base}.md", "editor.md"), language="diff",
                wrap_lines=True)


def _candidates() -> lab.CommonSpec:
    names = persona_names()
    described = {p.name: p.description for p in load_personas(names)}
    personas = st.multiselect("Personas", names, key=PERSONAS,
                              help=" · ".join(f"{n}: {d}" for n, d in described.items()))
    roles = st.multiselect("Roles", list(role_suggestions()), key=ROLES, accept_new_options=True,
                           help="Type any role; the suggestions match the question bank.")
    questions, difficulty, level = st.columns(3)
    target = questions.number_input("Questions per interview", min_value=1, max_value=20,
                                    step=1, key=QUESTIONS)
    chosen = difficulty.selectbox("Difficulty", META_DIFFICULTIES, key=DIFFICULTY)
    experience = level.selectbox("Experience level", EXPERIENCE_LEVELS, key=LEVEL)
    return lab.CommonSpec(tuple(personas), tuple(r.strip() for r in roles if r.strip()),
                          int(target), chosen, experience)


def _run_controls(specs: dict[str, lab.SideSpec], common: lab.CommonSpec, settings: Settings,
                  folder: Path) -> None:
    job: LabJob | None = st.session_state.get(JOB)
    problem = lab.size_problem((s.brain for s in specs.values()), common)
    if problem is None and any(s.brain == "openai" for s in specs.values()) \
            and not settings.openai_configured:
        problem = "Side A or B uses the OpenAI brain, which is not configured (see above)."
    interviews = len(common.personas) * len(common.roles)
    if problem:
        st.warning(problem, icon=":material/block:")
    else:
        st.caption(f"Each side plays {interviews} interview{'s' * (interviews != 1)} "
                   f"({lab.turns_per_side(common):,} turns).")
    if st.button("Run A and B", key="lab_run", type="primary", icon=":material/play_arrow:",
                 disabled=bool(problem) or job is not None):
        _start(specs, common, settings, folder, interviews)
    if st.session_state.get(JOB) is not None:
        _job_panel()
    notice = st.session_state.get(NOTICE)
    if notice:
        getattr(st, notice[0])(notice[1])


def _start(specs: dict[str, lab.SideSpec], common: lab.CommonSpec, settings: Settings,
           folder: Path, interviews: int) -> None:
    editor = st.session_state.get(EDITOR, "")
    try:
        configs = [lab.side_config(side, spec, common, settings, folder, editor)
                   for side, spec in specs.items()]
        st.session_state[JOB] = start_job(configs, interviews, save=_saver(settings))
    except EstelError as error:
        st.session_state[NOTICE] = ("error", error.message)
        return
    st.session_state.pop(NOTICE, None)


def _saver(settings: Settings) -> Saver:
    def save(runs: list[EvalRun]) -> str | None:
        comparison = uuid.uuid4().hex[:12]
        try:
            store = RunStore.from_settings(settings)
            for run in runs:
                store.save(run, comparison=comparison)
        except EstelError as error:
            return f"The runs are shown but could not be saved: {error.message}"
        return None
    return save


@st.fragment(run_every=POLL_S)
def _job_panel() -> None:
    """Progress of the run in progress; polls itself, and reloads the page when it ends."""
    job: LabJob | None = st.session_state.get(JOB)
    if job is None:
        return
    if job.finished:
        st.rerun()  # the whole page: _collect_finished_job shows the results
    st.progress(job.fraction, text=job.status())
    st.button("Stop", key="lab_stop", icon=":material/stop:", on_click=job.stop,
              disabled=job.stopped)


def _collect_finished_job() -> None:
    """Move a finished run's results into the page's state, with its outcome as a notice."""
    job: LabJob | None = st.session_state.get(JOB)
    if job is None or not job.finished:
        return
    del st.session_state[JOB]
    if job.runs:
        st.session_state[RESULTS] = job.runs
    if job.error:
        st.session_state[NOTICE] = ("error", job.error)
    elif job.stopped:
        st.session_state[NOTICE] = ("warning", "Stopped: the interviews played so far are "
                                               "shown, the rest failed as stopped; not saved.")
    elif job.save_problem:
        st.session_state[NOTICE] = ("warning", job.save_problem)
    else:
        st.session_state[NOTICE] = ("success", f"{job.status()}; saved under Past runs.")


def _past_runs(settings: Settings) -> None:
    store = RunStore.from_settings(settings)
    try:
        past = lab.group_past(store.list(limit=200))
    except EstelError as error:
        st.caption(f"Past runs are unavailable: {error.message}")
        return
    with st.expander(f"Past runs ({len(past)})", icon=":material/history:",
                     expanded=not st.session_state.get(RESULTS) and bool(past)):
        if not past:
            st.caption(f"No saved runs yet in `{store.path}`.")
            return
        titles = {p.key: p.title for p in past}
        chosen = st.selectbox("Reopen a comparison", list(titles), key="lab_past",
                              format_func=titles.__getitem__)
        if st.button("Open", key="lab_open_past", icon=":material/folder_open:"):
            _open_past(store, next(p for p in past if p.key == chosen))


def _open_past(store: RunStore, comparison: lab.PastComparison) -> None:
    try:
        runs = [store.load(summary.id) for summary in comparison.runs]
    except EstelError as error:
        st.session_state[NOTICE] = ("error", error.message)
        return
    st.session_state[RESULTS] = [run for run in runs if run is not None]
    st.session_state[NOTICE] = ("info", f"Reopened: {comparison.title}.")
    st.rerun()
