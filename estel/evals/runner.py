"""The eval runner: every persona × role played through whole interviews by the real engine.

`run_eval(EvalConfig(...), progress=callback)` is the API the CLI and the prompt lab share. It
never raises for a failing brain: a turn that fails is recorded (with the brain's trace when it
left one) and that interview stops; the metrics count it against validity.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from estel.brains.base import Brain
from estel.contract import InterviewMeta, MetaDifficulty
from estel.engine import Engine, TurnResult
from estel.errors import BadInput
from estel.evals.personas import Persona, load_personas
from estel.evals.results import EvalRun, InterviewRun, TurnRecord
from estel.roles.levels import DEFAULT_LEVEL

if TYPE_CHECKING:
    from estel.config import Settings

PromptSource = str | os.PathLike[str] | None  # str = prompt text, a path = a prompt file
BrainFactory = Callable[[PromptSource], Brain]
Progress = Callable[[int, int, InterviewRun], None]  # (done, total, the interview just played)

BRAIN_NAMES = ("offline", "openai", "scripted")
DEFAULT_ROLES = ("Software Engineer", "Data Scientist", "Business Analyst")


@dataclass(frozen=True)
class EvalConfig:
    """What to run. `brain_factory` (given the prompt) overrides the brain named by `brain`."""

    brain: str = "offline"
    prompt: PromptSource = None
    personas: Sequence[str] | None = None  # None = every packaged persona
    roles: Sequence[str] = DEFAULT_ROLES
    questions_target: int = 8
    difficulty: MetaDifficulty = "standard"
    experience_level: str = DEFAULT_LEVEL
    label: str | None = None
    workers: int = 1  # interviews played at once (threads); an LLM brain benefits
    brain_factory: BrainFactory | None = field(default=None, compare=False)
    settings: Settings | None = field(default=None, compare=False)

    def describe(self) -> dict[str, Any]:
        """The JSON-ready part of the config, as stored with the run."""
        return {"brain": self.brain, "prompt": prompt_description(self.prompt),
                "personas": [p.name for p in load_personas(self.personas)],
                "roles": list(self.roles), "questions_target": self.questions_target,
                "difficulty": self.difficulty, "experience_level": self.experience_level,
                "workers": self.workers}

    @property
    def display_label(self) -> str:
        if self.label:
            return self.label
        if isinstance(self.prompt, os.PathLike):
            return f"{self.brain} · {Path(self.prompt).name}"
        return self.brain


def prompt_description(prompt: PromptSource) -> str:
    if prompt is None:
        return "default"
    if isinstance(prompt, os.PathLike):
        return f"file: {os.fspath(prompt)}"
    return f"text: {len(prompt)} characters"


def make_brain_factory(name: str, settings: Settings | None = None) -> BrainFactory:
    """A factory for the named brain: offline, openai (from settings) or scripted."""
    if name == "offline":
        from estel.brains.offline.brain import OfflineBrain

        return lambda prompt: OfflineBrain()
    if name == "scripted":
        from estel.brains.scripted import ScriptedBrain

        return lambda prompt: ScriptedBrain()
    if name == "openai":
        return _openai_factory(settings)
    raise BadInput(f"Unknown brain '{name}'; choose one of {', '.join(BRAIN_NAMES)}.")


def _openai_factory(settings: Settings | None) -> BrainFactory:
    from estel.brains.openai.brain import OpenAIBrain, make_client
    from estel.config import load_settings

    resolved = settings or load_settings()
    if not resolved.openai_configured:
        raise BadInput("The OpenAI brain needs OPENAI_API_KEY, or OPENAI_BASE_URL for a local "
                       "OpenAI-compatible server.")
    client = make_client(resolved)  # one client (and connection pool) for the whole run
    # No offline fallback here: an eval must see the model's failures, not hide them.
    return lambda prompt: OpenAIBrain(client, resolved, prompt=prompt)


def run_eval(config: EvalConfig, progress: Progress | None = None) -> EvalRun:
    """Play every persona × role; the result holds every turn and computes the metrics."""
    if not config.roles or any(not r.strip() for r in config.roles):
        raise BadInput("Choose at least one role, and no empty role names.")
    personas = load_personas(config.personas)
    factory = config.brain_factory or make_brain_factory(config.brain, config.settings)
    jobs = [(persona, role.strip()) for role in config.roles for persona in personas]
    began = time.perf_counter()
    probe = factory(config.prompt)
    played: dict[int, InterviewRun] = {}

    def play(index: int) -> InterviewRun:
        persona, role = jobs[index]
        return play_interview(Engine(factory(config.prompt)), persona, role, config)

    with ThreadPoolExecutor(max_workers=max(1, config.workers)) as pool:
        futures = {pool.submit(play, i): i for i in range(len(jobs))}
        for future in as_completed(futures):
            played[futures[future]] = future.result()
            if progress is not None:
                progress(len(played), len(jobs), played[futures[future]])
    interviews = [played[i] for i in range(len(jobs))]
    model, version = _model_and_version(interviews)
    return EvalRun(
        id=uuid.uuid4().hex[:12], created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        label=config.display_label, config=config.describe(), interviews=interviews,
        brain_label=probe.label, model=model, prompt_version=version,
        duration_s=round(time.perf_counter() - began, 3),
    )


def play_interview(engine: Engine, persona: Persona, role: str, config: EvalConfig,
                   salt: str = "") -> InterviewRun:
    """One whole interview; a failing turn is recorded and ends it (never raises)."""
    meta = InterviewMeta(target_role=role, experience_level=config.experience_level,
                         difficulty=config.difficulty, questions_target=config.questions_target)
    interview = InterviewRun(persona=persona.name, role=role, meta=meta.model_dump())
    result = _turn(interview, "opening", None, lambda: engine.start(meta))
    used: set[str] = set()
    while result is not None and not result.finished:
        open_question = result.response.payload
        text = persona.answer(question=open_question.question, topic=open_question.topic,
                              phase=open_question.phase, role=role, used=used, salt=salt)
        used.add(text)
        state = result.state
        kind = "feedback" if state.question_index == state.total_questions else "question"
        result = _turn(interview, kind, text,
                       lambda state=state, text=text: engine.answer(state, text))
    return interview


def _turn(interview: InterviewRun, kind: str, answer: str | None,
          call: Callable[[], TurnResult]) -> TurnResult | None:
    number = len(interview.turns) + 1
    began = time.perf_counter()
    try:
        result = call()
    except Exception as error:  # noqa: BLE001 - the harness records every failure, even bugs
        record = TurnRecord.from_error(number, kind, answer, error,
                                       (time.perf_counter() - began) * 1000)
        interview.turns.append(record)
        interview.error = f"turn {number}: {record.problem}"
        return None
    interview.turns.append(TurnRecord.from_result(number, kind, answer, result))
    return result


def _model_and_version(interviews: list[InterviewRun]) -> tuple[str | None, str | None]:
    """The model and prompt version the brain reported (first seen)."""
    model = version = None
    for interview in interviews:
        for turn in interview.turns:
            trace = turn.trace or {}
            model = model or trace.get("model")
            version = version or trace.get("prompt_version")
    return model, version
