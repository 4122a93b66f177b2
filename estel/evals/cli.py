"""`python -m estel eval`: scripted candidates against a brain and a prompt.

Exit 0 when every run passes (100% contract validity, score ordering holds), 1 when one fails,
2 for bad usage, so CI can gate on it. `--compare A B` plays the same personas and roles twice
(A and B are brain names or prompt files) and prints the diff.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from estel.contract import META_DIFFICULTIES
from estel.roles.levels import DEFAULT_LEVEL

if TYPE_CHECKING:
    from estel.config import Settings
    from estel.evals.results import EvalRun, InterviewRun
    from estel.evals.runner import EvalConfig

EXIT_PASS, EXIT_FAIL = 0, 1
BRAINS = ("offline", "openai", "scripted")


def register(subparsers: Any) -> None:
    """Add the `eval` command."""
    p = subparsers.add_parser("eval", help="play scripted candidates against a brain and prompt",
                              description=__doc__)
    p.add_argument("--brain", choices=BRAINS, default="offline", help="default: offline")
    p.add_argument("--model", help="model for the openai brain (default: ESTEL_OPENAI_MODEL)")
    p.add_argument("--prompt", metavar="FILE", help="system prompt file (openai brain)")
    p.add_argument("--personas", help="comma-separated persona names (default: all)")
    p.add_argument("--roles", help='comma-separated roles (default: "Software Engineer,Data '
                                   'Scientist,Business Analyst"), or "all": one title per '
                                   'role family and one no family matches')
    p.add_argument("--questions", type=int, default=8, help="questions per interview (1-20)")
    p.add_argument("--difficulty", choices=META_DIFFICULTIES, default="standard")
    p.add_argument("--level", default=DEFAULT_LEVEL,
                   help=f"experience level (default: {DEFAULT_LEVEL})")
    p.add_argument("--workers", type=int, default=1, help="interviews played at once")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--compare", nargs=2, metavar=("A", "B"),
                   help="compare two brains (offline/openai/scripted) or two prompt files")
    p.add_argument("--judge", action="store_true", help="grade each interview with an LLM "
                   "judge (openai brain only)")
    p.add_argument("--judge-model", help="model for the judge (default: the brain's model)")
    p.add_argument("--save", action="store_true", help="keep the run(s) in the eval runs DB")
    p.add_argument("--runs", action="store_true", help="list saved runs and exit")
    p.add_argument("--show", metavar="ID", help="print a saved run and exit")
    p.set_defaults(func=cmd_eval)


def cmd_eval(args: argparse.Namespace) -> int:
    from estel.config import load_settings

    settings = load_settings(openai_model=args.model)
    if args.runs or args.show:
        return _saved(args, settings)
    configs = _configs(args, settings)
    if args.judge and any(c.brain != "openai" for c in configs):
        raise _usage("--judge needs the openai brain (--brain openai).")
    runs = [_run(config, args, settings) for config in configs]
    if args.save:
        _save(runs, settings)
    _print(runs, args.json)
    return EXIT_PASS if all(r.passed for r in runs) else EXIT_FAIL


def _configs(args: argparse.Namespace, settings: Settings) -> list[EvalConfig]:
    from estel.evals.runner import DEFAULT_ROLES, EvalConfig

    base = {
        "personas": _split(args.personas) if args.personas else None,
        "roles": _roles(args.roles) if args.roles else DEFAULT_ROLES,
        "questions_target": args.questions, "difficulty": args.difficulty,
        "experience_level": args.level, "workers": max(1, args.workers), "settings": settings,
    }
    if not 1 <= args.questions <= 20:
        raise _usage("--questions must be between 1 and 20.")
    if args.prompt and args.brain != "openai":
        print(f"note: the {args.brain} brain ignores --prompt.", file=sys.stderr)
    if not args.compare:
        return [EvalConfig(brain=args.brain, prompt=_prompt_file(args.prompt), **base)]
    return [_side(value, args, base) for value in args.compare]


def _side(value: str, args: argparse.Namespace, base: dict[str, Any]) -> EvalConfig:
    """One side of --compare: a brain name, or a prompt file for --brain."""
    from estel.evals.runner import EvalConfig

    if value in BRAINS:
        return EvalConfig(brain=value, prompt=_prompt_file(args.prompt), label=value, **base)
    prompt = _prompt_file(value)
    if args.brain != "openai":
        print(f"note: the {args.brain} brain ignores prompt files; use --brain openai to "
              "compare prompts.", file=sys.stderr)
    return EvalConfig(brain=args.brain, prompt=prompt, label=Path(value).name, **base)


def _prompt_file(value: str | None) -> Path | None:
    if value is None:
        return None
    path = Path(value)
    if not path.is_file():
        raise _usage(f"'{value}' is neither a brain ({', '.join(BRAINS)}) nor a prompt file.")
    return path


def _run(config: EvalConfig, args: argparse.Namespace, settings: Settings) -> EvalRun:
    from estel.evals.runner import run_eval

    run = run_eval(config, progress=_progress(f"{config.display_label}: interviews"))
    if args.judge:
        from estel.evals.judge import judge_run, make_judge

        judge_run(run, make_judge(settings, args.judge_model),
                  progress=_progress(f"{config.display_label}: judged"))
    return run


def _progress(what: str) -> Any:
    """A progress line on stderr when it is a terminal (CI logs stay clean)."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, interview: InterviewRun) -> None:
        end = "\n" if done == total else ""
        print(f"\r  {what} {done}/{total} ({interview.persona}, {interview.role})".ljust(78),
              end=end, file=sys.stderr, flush=True)

    return show


def _save(runs: list[EvalRun], settings: Settings) -> None:
    from estel.evals.runs_store import RunStore

    store = RunStore.from_settings(settings)
    comparison = uuid.uuid4().hex[:12] if len(runs) > 1 else None
    for run in runs:
        store.save(run, comparison=comparison)
    ids = ", ".join(r.id for r in runs)
    print(f"saved run(s) {ids} to {store.path}", file=sys.stderr)


def _print(runs: list[EvalRun], as_json: bool) -> None:
    from estel.evals.report import compare_rows, format_compare, format_run

    if as_json:
        if len(runs) == 1:
            doc: dict[str, Any] = runs[0].summary_dict()
        else:
            doc = {"a": runs[0].summary_dict(), "b": runs[1].summary_dict(),
                   "diff": [dict(zip(("metric", "a", "b", "delta"), row, strict=True))
                            for row in compare_rows(runs[0], runs[1])]}
        json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif len(runs) == 1:
        print(format_run(runs[0]))
    else:
        print(format_compare(runs[0], runs[1]))


def _saved(args: argparse.Namespace, settings: Settings) -> int:
    from estel.evals.report import format_run, render_table
    from estel.evals.runs_store import RunStore

    store = RunStore.from_settings(settings)
    if args.show:
        run = store.load(args.show)
        if run is None:
            raise _usage(f"no saved run '{args.show}' in {store.path}.")
        if args.json:
            json.dump(run.summary_dict(), sys.stdout, indent=2, ensure_ascii=False)
            sys.stdout.write("\n")
        else:
            print(format_run(run))
        return EXIT_PASS if run.passed else EXIT_FAIL
    rows = [[s.id, s.created_at, s.label, s.model or "", s.prompt_version or "",
             "PASS" if s.passed else "FAIL", s.comparison or ""] for s in store.list()]
    print(render_table(("id", "created (UTC)", "label", "model", "prompt", "result",
                        "comparison"), rows) if rows else f"no saved runs in {store.path}")
    return EXIT_PASS


def _roles(text: str) -> list[str]:
    """The --roles list; "all" = one typed title per role family of the question bank."""
    if text.strip().lower() != "all":
        return _split(text)
    from estel.brains.offline.bank import GENERIC_FAMILY, load_bank
    from estel.evals.catalogue import family_titles

    bank = load_bank()
    return [family_titles(bank[name], bank, limit=1)[0] for name in sorted(bank)
            if name != GENERIC_FAMILY] + ["Marine Biologist"]  # and one the generic family gets


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _usage(message: str) -> Exception:
    from estel.cli import UsageError

    return UsageError(message)
