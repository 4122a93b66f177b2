"""The prompt lab's pure logic: prompt variant files, diffs, run plans and saved comparisons.

No streamlit here (the page lives in `estel.ui.lab_view`), so all of it is unit-testable.
Variants are plain prompt files `<folder>/<name>.md` with a `version:` front-matter line; the
folder is ESTEL_PROMPT_VARIANTS_DIR, else `estel/prompts/variants/`. A variant is written once
(exclusive create) and never overwritten, and the shipped prompt is never written: a run keeps
the prompt version it used, so a version id must keep meaning one text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from estel.brains.openai.prompt import DEFAULT_PROMPT_FILE, Prompt
from estel.contract import MetaDifficulty
from estel.errors import BadInput
from estel.evals.runner import EvalConfig, PromptSource
from estel.roles.levels import DEFAULT_LEVEL

if TYPE_CHECKING:
    from estel.config import Settings
    from estel.evals.runs_store import RunSummary

SHIPPED = "shipped"  # the prompt choice meaning estel/prompts/interviewer.md
EDITOR = "editor"  # the prompt choice meaning the editor's unsaved text
RESERVED_NAMES = frozenset({SHIPPED, EDITOR, Path(DEFAULT_PROMPT_FILE).stem})
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,47}$")
VERSION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
MAX_PROMPT_CHARS = 40_000
BRAINS_USING_PROMPTS = frozenset({"openai"})
# Turns per side (personas × roles × (questions + 1)): an LLM side costs time and tokens.
TURN_LIMITS = {"offline": 2_000, "scripted": 2_000, "openai": 300}
WORKERS = {"openai": 4}  # interviews at once; the local brains are CPU-bound (GIL): one
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
_VERSION_LINE = re.compile(r"^version[ \t]*:.*$", re.MULTILINE | re.IGNORECASE)
_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")


@dataclass(frozen=True)
class Variant:
    """A saved prompt variant file."""

    name: str
    path: Path
    version: str
    text: str


# --- the shipped prompt and the variant folder ---------------------------------------------

def shipped_prompt_path() -> Path:
    """estel/prompts/interviewer.md (the file, front matter included)."""
    return Path(str(resources.files("estel").joinpath("prompts", DEFAULT_PROMPT_FILE)))


def shipped_text() -> str:
    return shipped_prompt_path().read_text(encoding="utf-8")


def variants_dir(settings: Settings) -> Path:
    """ESTEL_PROMPT_VARIANTS_DIR, else estel/prompts/variants next to the shipped prompt."""
    if settings.prompt_variants_dir:
        return Path(settings.prompt_variants_dir).expanduser()
    return shipped_prompt_path().parent / "variants"


def list_variants(folder: Path) -> list[Variant]:
    """Every readable `*.md` variant in the folder, by name (a missing folder has none)."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.md")):
        if NAME_PATTERN.match(path.stem) and path.stem not in RESERVED_NAMES:
            try:
                found.append(_read_variant(path))
            except BadInput:
                continue  # an unreadable or empty file is not offered; the others still are
    return found


def load_variant(folder: Path, name: str) -> Variant:
    path = folder / f"{validate_name(name)}.md"
    if not path.is_file():
        raise BadInput(f"There is no prompt variant '{name}' in {folder}.")
    return _read_variant(path)


def _read_variant(path: Path) -> Variant:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(f"Cannot read the prompt variant '{path.name}'.") from error
    return Variant(path.stem, path, Prompt.from_text(text).version, text)


# --- versions --------------------------------------------------------------------------

def front_matter_version(text: str) -> str | None:
    """The `version:` of the text's front matter, if it has one."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None
    found = _VERSION_LINE.search(match.group(1))
    if not found:
        return None
    return found.group(0).partition(":")[2].strip() or None


def set_version(text: str, version: str) -> str:
    """The text with its front-matter `version:` set (front matter added when missing)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return f"---\nversion: {version}\n---\n{text.lstrip()}"
    front = match.group(1)
    if _VERSION_LINE.search(front):
        front = _VERSION_LINE.sub(lambda _: f"version: {version}", front, count=1)
    else:
        front = f"version: {version}\n{front}"
    return f"---\n{front}\n---\n{text[match.end():]}"


def bump_version(version: str | None, taken: Iterable[str]) -> str:
    """The next free id: interviewer-v1 -> interviewer-v2 (-v3... while taken); x -> x-v2."""
    used = set(taken)
    match = _TRAILING_NUMBER.match(version or "")
    stem, number = (match.group(1), int(match.group(2))) if match else (
        f"{version or 'variant'}-v", 1)
    candidate = f"{stem}{number + 1}"
    while candidate in used:
        number += 1
        candidate = f"{stem}{number + 1}"
    return candidate


def known_versions(folder: Path) -> set[str]:
    """The shipped prompt's version and every saved variant's."""
    return {Prompt.from_text(shipped_text()).version, *(v.version for v in list_variants(folder))}


def validate_name(name: str) -> str:
    """A variant file name: lower-case letters, digits, - and _; not a reserved name."""
    cleaned = name.strip().removesuffix(".md")
    if not NAME_PATTERN.match(cleaned):
        raise BadInput("A variant name is 1-48 lower-case letters, digits, '-' or '_', "
                       "starting with a letter or digit (for example 'shorter-questions').")
    if cleaned in RESERVED_NAMES:
        raise BadInput(f"'{cleaned}' is reserved; choose another variant name.")
    return cleaned


def validate_version(version: str, taken: Iterable[str]) -> str:
    cleaned = version.strip()
    if not VERSION_PATTERN.match(cleaned):
        raise BadInput("A version id is 1-64 letters, digits, '.', '-' or '_' (for example "
                       "'interviewer-v2').")
    if cleaned in set(taken):
        raise BadInput(f"Version '{cleaned}' is already used by another prompt; runs are "
                       "labelled by version, so choose a new one.")
    return cleaned


def save_variant(folder: Path, name: str, text: str, version: str) -> Variant:
    """Write `<folder>/<name>.md` with its `version:`; never overwrites, never the shipped file."""
    name = validate_name(name)
    version = validate_version(version, known_versions(folder))
    if len(text) > MAX_PROMPT_CHARS:
        raise BadInput(f"The prompt is longer than {MAX_PROMPT_CHARS:,} characters.")
    body = set_version(text, version)
    Prompt.from_text(body)  # refuses an empty prompt before anything is written
    path = folder / f"{name}.md"
    if path.resolve() == shipped_prompt_path().resolve():
        raise BadInput("The shipped prompt is never overwritten; choose another name.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(body if body.endswith("\n") else body + "\n")
    except FileExistsError as error:
        raise BadInput(f"A variant named '{name}' already exists; variants are never "
                       "overwritten, so choose a new name.") from error
    except OSError as error:
        raise BadInput(f"Cannot write {path}: {error.strerror or error}.") from error
    return _read_variant(path)


# --- diffs -----------------------------------------------------------------------------

def unified_diff(before: str, after: str, before_name: str, after_name: str) -> str:
    """A unified diff (3 lines of context); empty when the texts are equal."""
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), before_name,
                                 after_name, lineterm="")
    return "\n".join(lines)


def diff_stats(before: str, after: str) -> tuple[int, int]:
    """(lines added, lines removed) from before to after."""
    added = removed = 0
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(),
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += i2 - i1
            added += j2 - j1
    return added, removed


def side_by_side(before: str, after: str) -> list[tuple[str, str, str]]:
    """Rows of (change, line before, line after) for the changed hunks, with one line of context."""
    a, b = before.splitlines(), after.splitlines()
    rows: list[tuple[str, str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for group in matcher.get_grouped_opcodes(1):
        if rows:
            rows.append(("…", "…", "…"))
        for tag, i1, i2, j1, j2 in group:
            left, right = a[i1:i2], b[j1:j2]
            for k in range(max(len(left), len(right))):
                rows.append(({"equal": "", "replace": "changed", "delete": "removed",
                              "insert": "added"}[tag],
                             left[k] if k < len(left) else "", right[k] if k < len(right) else ""))
    return rows


# --- run plans -------------------------------------------------------------------------

@dataclass(frozen=True)
class SideSpec:
    """One side of a comparison: a brain, its model (openai) and a prompt choice."""

    brain: str
    model: str
    prompt: str = SHIPPED  # SHIPPED, EDITOR or a variant name


@dataclass(frozen=True)
class CommonSpec:
    """What both sides play: the same personas, roles and interview shape."""

    personas: tuple[str, ...]
    roles: tuple[str, ...]
    questions_target: int = 8
    difficulty: MetaDifficulty = "standard"
    experience_level: str = DEFAULT_LEVEL


def turns_per_side(common: CommonSpec) -> int:
    """Engine turns one side plays: an opening and one per answer, per interview."""
    return len(common.personas) * len(common.roles) * (common.questions_target + 1)


def size_problem(brains: Iterable[str], common: CommonSpec) -> str | None:
    """Why this run is too big (or empty) for the lab, else None."""
    if not common.personas or not common.roles:
        return "Choose at least one persona and one role."
    if not 1 <= common.questions_target <= 20:
        return "Questions per interview must be between 1 and 20."
    turns = turns_per_side(common)
    for brain in dict.fromkeys(brains):
        limit = TURN_LIMITS.get(brain, min(TURN_LIMITS.values()))
        if turns > limit:
            return (f"This run plays {turns:,} turns per side ({len(common.personas)} personas "
                    f"× {len(common.roles)} roles × {common.questions_target + 1} turns); the "
                    f"lab caps {brain} runs at {limit:,}. Choose fewer personas, roles or "
                    "questions, or run `python -m estel eval` in a terminal.")
    return None


def prompt_source(choice: str, folder: Path, editor_text: str) -> tuple[PromptSource, str]:
    """The prompt to run and its version: the shipped file, a variant file or the editor text."""
    if choice == SHIPPED:
        path = shipped_prompt_path()
        return path, Prompt.from_text(shipped_text()).version
    if choice == EDITOR:
        return editor_text, Prompt.from_text(editor_text).version
    variant = load_variant(folder, choice)
    return variant.path, variant.version


def side_config(side: str, spec: SideSpec, common: CommonSpec, settings: Settings,
                folder: Path, editor_text: str) -> EvalConfig:
    """The eval config of one side; its label starts 'A · ' or 'B · ' (how reopening pairs)."""
    run_settings = settings
    label = f"{side} · {spec.brain}"
    prompt: PromptSource = None
    if spec.brain in BRAINS_USING_PROMPTS:
        model = spec.model.strip() or settings.openai_model
        run_settings = settings.model_copy(update={"openai_model": model})
        prompt, version = prompt_source(spec.prompt, folder, editor_text)
        label = f"{label} {model} · {version}"
    return EvalConfig(brain=spec.brain, prompt=prompt, personas=common.personas,
                      roles=common.roles, questions_target=common.questions_target,
                      difficulty=common.difficulty, experience_level=common.experience_level,
                      label=label, workers=WORKERS.get(spec.brain, 1), settings=run_settings)


# --- saved comparisons -----------------------------------------------------------------

@dataclass(frozen=True)
class PastComparison:
    """Runs saved together (A and B), or one run saved alone (by the CLI, say)."""

    key: str
    created_at: str
    runs: tuple[RunSummary, ...]

    @property
    def title(self) -> str:
        return f"{when(self.created_at)} · {' vs '.join(r.label for r in self.runs)}"


def when(created_at: str) -> str:
    """'2026-11-28T00:51:42+00:00' -> '2026-11-28 00:51 UTC' (runs are stamped in UTC)."""
    return f"{created_at.replace('T', ' ')[:16]} UTC"


def group_past(summaries: Sequence[RunSummary]) -> list[PastComparison]:
    """Group runs by comparison id (newest first); within one, A before B."""
    groups: dict[str, list[RunSummary]] = {}
    for summary in summaries:
        groups.setdefault(summary.comparison or f"run:{summary.id}", []).append(summary)
    past = [PastComparison(key, max(r.created_at for r in runs),
                           tuple(sorted(runs, key=_side_order)))
            for key, runs in groups.items()]
    return sorted(past, key=lambda p: p.created_at, reverse=True)


def _side_order(summary: RunSummary) -> tuple[int, str]:
    prefix = summary.label[:4]
    rank = 0 if prefix.startswith("A · ") else 1 if prefix.startswith("B · ") else 2
    return rank, summary.created_at
