"""The Prompt Lab's results: A vs B side by side, the transcripts, and the turn inspector.

Renders `EvalRun`s (just played or reopened from the runs store); the figures come from
`estel.lab.charts`, the data shapes from `estel.lab.turns`. Widget keys start with `lab_`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from estel.evals.report import compare_rows, metric_rows
from estel.evals.results import EvalRun, InterviewRun
from estel.lab import variants as lab
from estel.lab.charts import lab_latency_bars, lab_score_bars
from estel.lab.turns import (
    TurnView,
    answer_features,
    interview_label,
    persona_overall,
    transcript,
    turn_label,
    turn_view,
)
from estel.report import PHASE_LABELS
from estel.ui.components import escape_markdown

ALL_PERSONAS = "All personas"
SIDE_NAMES = ("A", "B", "C", "D")
BIG_RUN_INTERVIEWS = 30


def render_results(runs: Sequence[EvalRun]) -> None:
    """Everything about the runs shown: cards, table, charts, transcripts, inspector."""
    st.divider()
    st.subheader("Results: " + " vs ".join(SIDE_NAMES[:len(runs)]))
    for column, run, side in zip(st.columns(len(runs), border=True), runs, SIDE_NAMES,
                                 strict=False):
        with column:
            _run_card(run, side)
    _metrics_table(runs)
    personas = list(dict.fromkeys(p for run in runs for p in run.config.get("personas", [])))
    scores, latency = st.columns([3, 2])
    with scores:
        st.markdown("**Final overall score per persona**")
        figure = lab_score_bars({_name(r, i): persona_overall(r) for i, r in enumerate(runs)},
                                personas)
        st.plotly_chart(figure, width="stretch", key="lab_score_chart")
    with latency:
        st.markdown("**Latency per turn**")
        figure = lab_latency_bars({_name(r, i): r.metrics.mean_latency_ms
                                   for i, r in enumerate(runs)}, height=120 + 50 * len(runs))
        st.plotly_chart(figure, width="stretch", key="lab_latency_chart")
    _transcripts(runs, personas)
    _inspector(runs)


def _name(run: EvalRun, index: int) -> str:
    """'A · openai gpt-4.1-mini · v2' as labelled; a CLI run gets its side letter in front."""
    side = SIDE_NAMES[index]
    return run.label if run.label.startswith(f"{side} · ") else f"{side} · {run.label}"


def _run_card(run: EvalRun, side: str) -> None:
    metrics = run.metrics
    verdict = ":green-badge[PASS]" if metrics.passed else ":red-badge[FAIL]"
    st.markdown(f"##### {escape_markdown(_name(run, SIDE_NAMES.index(side)))} {verdict}")
    model = f" · model `{run.model}`" if run.model else ""
    st.caption(f"{run.brain_label}{model} · prompt `{run.prompt_version or 'n/a'}` · "
               f"run `{run.id}` · {lab.when(run.created_at)} · "
               f"{run.duration_s:.1f} s")
    validity, finished, repeats = st.columns(3)
    validity.metric("Contract validity", f"{metrics.validity * 100:.1f}%")
    finished.metric("Interviews finished", f"{metrics.finished}/{metrics.interviews}")
    repeats.metric("Repeated questions", metrics.repeated_questions)
    for check in metrics.checks:
        mark = {True: ":green[✓]", False: ":red[✗]", None: ":gray[–]"}[check.passed]
        st.markdown(f"{mark} **{escape_markdown(check.name)}**: {escape_markdown(check.detail)}")


def _metrics_table(runs: Sequence[EvalRun]) -> None:
    st.markdown("**Metrics**")
    if len(runs) >= 2:
        frame = pd.DataFrame(compare_rows(runs[0], runs[1]),
                             columns=["metric", "A", "B", "Δ (B − A)"])
    else:
        frame = pd.DataFrame(metric_rows(runs[0].metrics), columns=["metric", "A"])
    st.dataframe(frame, hide_index=True, width="stretch", key="lab_metrics_table")


def _transcripts(runs: Sequence[EvalRun], personas: list[str]) -> None:
    st.markdown("#### Transcripts")
    # Many interviews make many expanders: a big run opens on its first persona instead.
    big = max(len(run.interviews) for run in runs) > BIG_RUN_INTERVIEWS
    shown = st.selectbox("Show", [ALL_PERSONAS, *personas], key="lab_transcript_persona",
                         index=1 if big and personas else 0)
    for column, (index, run) in zip(st.columns(len(runs)), enumerate(runs), strict=False):
        with column:
            st.markdown(f"**{escape_markdown(_name(run, index))}**")
            for interview in run.interviews:
                if shown in (ALL_PERSONAS, interview.persona):
                    with st.expander(interview_label(interview)):
                        _transcript(interview)


def _transcript(interview: InterviewRun) -> None:
    for item in transcript(interview):
        phase = PHASE_LABELS.get(item.phase, item.phase)
        st.markdown(f"**q{item.number} · {phase} · {escape_markdown(item.topic)}**  \n"
                    f"{escape_markdown(item.question)}")
        if item.answer is not None:
            st.markdown("> " + escape_markdown(item.answer).replace("\n", "\n> "))
        if item.assessment:
            a = item.assessment
            st.caption(f"communication {a['communication']} · content {a['content']} · "
                       f"confidence {a['confidence']} — {a.get('note', '')}")
    feedback = interview.turns[-1].feedback if interview.turns else None
    if feedback:
        st.markdown(f"**Feedback:** {escape_markdown(str(feedback.get('summary', '')))}")
    if interview.error:
        st.error(interview.error)


def _inspector(runs: Sequence[EvalRun]) -> None:
    st.markdown("#### Turn inspector")
    _clamp("lab_inspect_run", len(runs))
    run_col, interview_col, turn_col = st.columns([1, 2, 2])
    index = run_col.radio("Run", range(len(runs)), key="lab_inspect_run", horizontal=True,
                          format_func=lambda i: SIDE_NAMES[i])
    run = runs[index]
    if not run.interviews:
        st.caption("This run has no interviews.")
        return
    _clamp("lab_inspect_interview", len(run.interviews))
    chosen = interview_col.selectbox("Persona · role", range(len(run.interviews)),
                                     key="lab_inspect_interview",
                                     format_func=lambda i: interview_label(run.interviews[i]))
    interview = run.interviews[chosen]
    if not interview.turns:
        st.caption("This interview has no turns.")
        return
    _clamp("lab_inspect_turn", len(interview.turns) + 1, low=1)
    number = turn_col.selectbox("Turn", range(1, len(interview.turns) + 1),
                                key="lab_inspect_turn",
                                format_func=lambda n: turn_label(interview.turns[n - 1]))
    _turn(turn_view(interview, number), interview)


def _clamp(widget: str, size: int, low: int = 0) -> None:
    """Reset a picker whose stored choice is out of range (another run was opened)."""
    value = st.session_state.get(widget)
    if value is not None and not low <= value < size:
        st.session_state[widget] = low


def _turn(view: TurnView, interview: InterviewRun) -> None:
    latency, prompt_tokens, completion_tokens, attempts = st.columns(4)
    latency.metric("Latency", f"{view.latency_ms:,.1f} ms")
    prompt_tokens.metric("Prompt tokens", _count(view.prompt_tokens))
    completion_tokens.metric("Completion tokens", _count(view.completion_tokens))
    attempts.metric("Attempts", view.attempts)
    st.caption(f"brain `{view.brain}` · model `{view.model or 'n/a'}` · prompt "
               f"`{view.prompt_version or 'n/a'}` · JSON mode `{view.json_mode or 'n/a'}` · "
               f"{'valid envelope' if view.valid else 'invalid: ' + (view.problem or '?')}")
    if view.problem:
        st.error(view.problem, icon=":material/error:")
    for warning in view.warnings:
        st.warning(warning, icon=":material/warning:")
    if view.answer is not None:
        st.markdown("**Answer sent** (to: " + escape_markdown(view.answered_question or "?")
                    + ")")
        st.markdown("> " + escape_markdown(view.answer).replace("\n", "\n> "))
    if view.talks_to_a_model:
        _model_exchange(view)
    else:
        _no_model(view)
    st.markdown("**Parsed draft**")
    if view.draft:
        st.json(view.draft, expanded=True)
    else:
        st.caption("No draft: the turn failed before the brain's reply could be used.")
    record = interview.turns[view.number - 1]
    if record.envelope:
        with st.expander("Envelope as sent on the wire"):
            st.json(record.envelope, expanded=False)


def _model_exchange(view: TurnView) -> None:
    st.markdown(f"**Prompt sent** ({len(view.messages)} messages, last attempt)")
    for message in view.messages:
        role = str(message.get("role", "?"))
        content = str(message.get("content", ""))
        if role == "system":
            with st.expander(f"system · {len(content):,} characters"):
                st.code(content, language="markdown", wrap_lines=True)
        else:
            st.markdown(f"`{role}`")
            st.code(content, language="markdown", wrap_lines=True)
    st.markdown("**Raw reply**")
    if view.raw_reply is None:
        st.caption("No reply text came back (the call failed).")
    else:
        st.code(view.raw_reply, language="json", wrap_lines=True)
    st.markdown("**Validation errors**")
    if view.validation_errors:
        st.code("\n".join(view.validation_errors), language="text", wrap_lines=True)
    else:
        st.caption("None: the reply validated at the first attempt.")


def _no_model(view: TurnView) -> None:
    st.info(f"The {view.brain} brain sends no prompt and gets no raw reply: it works locally. "
            "Shown instead: its assessment note and the answer's analysis.",
            icon=":material/memory:")
    if view.note:
        st.markdown(f"**Assessment note:** {escape_markdown(view.note)}")
    features = answer_features(view)
    if features:
        st.markdown("**Answer analysis** (features the offline brain counts)")
        st.json(features, expanded=False)


def _count(value: int | None) -> str:
    return "n/a" if value is None else f"{value:,}"
