"""Readable text tables for an eval run and for a comparison of two runs (A vs B).

Plain string formatting: fixed-width columns that read well in a terminal and in CI logs.
`metric_rows` and `compare_rows` are the same figures as data, for the prompt lab's tables.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from estel.evals.metrics import JUDGE_CRITERIA, Check, RunMetrics
from estel.evals.results import EvalRun

Row = tuple[str, Any]  # (metric name, raw value) – raw values keep compare arithmetic exact


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def _num(value: float | None, unit: str = "", digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}{unit}"


def _status(check: Check) -> str:
    return {True: "PASS", False: "FAIL", None: "n/a"}[check.passed]


# name, getter, formatter, whether higher is better (for the compare arrows)
METRICS: tuple[tuple[str, Callable[[RunMetrics], Any], Callable[[Any], str], bool], ...] = (
    ("contract validity", lambda m: m.validity, _pct, True),
    ("turn errors", lambda m: m.errors, lambda v: str(v), False),
    ("repeated questions", lambda m: m.repeated_questions, lambda v: str(v), False),
    ("phase adherence", lambda m: m.phase_adherence, _pct, True),
    ("phase fit (heuristic)", lambda m: m.phase_fit, _pct, True),
    ("role relevance", lambda m: m.role_relevance, _pct, True),
    ("mean latency / turn", lambda m: m.mean_latency_ms, lambda v: _num(v, " ms"), False),
    ("mean tokens / turn", lambda m: m.mean_tokens, lambda v: _num(v, "", 0), False),
)


def metric_rows(metrics: RunMetrics) -> list[tuple[str, str]]:
    """(metric, formatted value) for the summary table, judge pass rates included."""
    rows = [(name, fmt(get(metrics))) for name, get, fmt, _ in METRICS]
    if metrics.judge:
        rows += [(f"judge: {c.replace('_', ' ')}", _pct(metrics.judge.get(c)))
                 for c in JUDGE_CRITERIA]
    return rows


def render_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Left-aligned first column, right-aligned others, a rule under the header."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for n, row in enumerate([header, *rows]):
        cells = [str(c).ljust(widths[0]) if i == 0 else str(c).rjust(widths[i])
                 for i, c in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def run_title(run: EvalRun) -> str:
    config = run.config
    prompt = run.prompt_version or config.get("prompt", "default")
    model = f" · model {run.model}" if run.model else ""
    personas, roles = len(config["personas"]), len(config["roles"])
    return (f"{run.label}: {run.brain_label}{model} · prompt {prompt}\n"
            f"{personas} persona{'s' * (personas != 1)} × {roles} role{'s' * (roles != 1)} · "
            f"{config['questions_target']} questions · {config['difficulty']} · "
            f"run {run.id} · {run.duration_s:.1f} s")


def score_rows(run: EvalRun) -> tuple[list[str], list[list[str]]]:
    """Final overall score per persona (rows) and role (columns), with the mean."""
    metrics = run.metrics
    roles = list(run.config["roles"])
    rows = []
    for persona in run.config["personas"]:
        by_role = metrics.scores.get(persona, {})
        mean = metrics.persona_scores.get(persona, {}).get("overall")
        rows.append([persona, *[_num(by_role.get(r)) for r in roles], _num(mean, "", 2)])
    return ["final overall", *roles, "mean"], rows


def family_table(metrics: RunMetrics) -> str:
    """Per role family: Spearman(quality, overall), bluffer vs average, contradictions."""
    rows = [[f"{f['role']} ({f['family']})" if f["family"] else f["role"],
             _num(f["spearman"], digits=3), _num(f["bluffer"]), _num(f["average"]),
             _num(f["bluff_gap"]), str(f["contradictions"])] for f in metrics.families]
    return render_table(("role (family)", "spearman", "bluffer", "average", "gap",
                         "contradictions"), rows)


def format_run(run: EvalRun) -> str:
    """The whole report for one run: title, metrics, scores, checks, errors."""
    metrics = run.metrics
    header, rows = score_rows(run)
    parts = [
        run_title(run),
        render_table(("metric", "value"), metric_rows(metrics)),
        render_table(header, rows),
        *([family_table(metrics)] if metrics.families else []),
        "checks\n" + "\n".join(f"  {_status(c):4}  {c.name}: {c.detail}" for c in metrics.checks),
    ]
    judged = judge_line(run)
    if judged:
        parts.append(judged)
    errors = [f"  {i.persona} / {i.role}: {i.error}" for i in run.interviews if i.error]
    if errors:
        parts.append(f"errors ({len(errors)})\n" + "\n".join(errors[:20]))
    parts.append(f"RESULT: {'PASS' if metrics.passed else 'FAIL'}")
    return "\n\n".join(parts)


def judge_line(run: EvalRun) -> str | None:
    """What the LLM judge did, failures first-hand (None when the run was not judged)."""
    m = run.metrics
    if run.judge_model is None and not m.judged and not m.judge_failures:
        return None
    line = (f"judge ({run.judge_model or 'unknown model'}): {m.judged} of "
            f"{m.judged + m.judge_failures} interviews graded")
    if m.judge_failures:
        line += f"; {m.judge_failures} failed — first: {m.judge_failure}"
    return line


def _delta(a: Any, b: Any, fmt: Callable[[Any], str], higher_better: bool | None) -> str:
    """'+2.0 pt ▲': the change from A to B, with an arrow when better/worse is clear-cut."""
    if not isinstance(a, int | float) or not isinstance(b, int | float):
        return ""
    diff = b - a
    if abs(diff) < 1e-9:
        return "="
    shown = fmt(abs(diff)) if fmt is not _pct else f"{abs(diff) * 100:.1f} pt"
    sign = "+" if diff > 0 else "-"
    if higher_better is None:
        return f"{sign}{shown}"
    return f"{sign}{shown} {'▲' if (diff > 0) == higher_better else '▼'}"


def compare_rows(a: EvalRun, b: EvalRun) -> list[list[str]]:
    """[metric, A, B, Δ] rows: metrics, each persona's mean overall score, then the checks."""
    ma, mb = a.metrics, b.metrics
    rows = [[name, fmt(get(ma)), fmt(get(mb)), _delta(get(ma), get(mb), fmt, better)]
            for name, get, fmt, better in METRICS]
    personas = list(dict.fromkeys([*a.config["personas"], *b.config["personas"]]))
    for persona in personas:
        va = ma.persona_scores.get(persona, {}).get("overall")
        vb = mb.persona_scores.get(persona, {}).get("overall")
        rows.append([f"overall: {persona}", _num(va, "", 2), _num(vb, "", 2),
                     _delta(va, vb, lambda v: _num(v, "", 2), None)])
    for ca, cb in zip(ma.checks, mb.checks, strict=False):
        rows.append([f"check: {ca.name}", _status(ca), _status(cb),
                     "" if ca.passed == cb.passed else "changed"])
    if a.judge_model or b.judge_model:
        rows.append(["judge failures", str(ma.judge_failures), str(mb.judge_failures),
                     _delta(ma.judge_failures, mb.judge_failures, str, False)])
    if ma.judge or mb.judge:
        for c in JUDGE_CRITERIA:
            ja, jb = (ma.judge or {}).get(c), (mb.judge or {}).get(c)
            rows.append([f"judge: {c.replace('_', ' ')}", _pct(ja), _pct(jb),
                         _delta(ja, jb, _pct, True)])
    return rows


def format_compare(a: EvalRun, b: EvalRun) -> str:
    """A vs B on the same personas and roles: both titles, then the diff table."""
    table = render_table(("metric", f"A: {a.label}", f"B: {b.label}", "Δ (B − A)"),
                         compare_rows(a, b))
    verdict = (f"RESULT: A {'PASS' if a.passed else 'FAIL'} · "
               f"B {'PASS' if b.passed else 'FAIL'}")
    return "\n\n".join([f"A = {run_title(a)}", f"B = {run_title(b)}", table, verdict])
