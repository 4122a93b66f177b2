"""A/B lab runs on a background thread, so the page stays responsive while they play.

`start_job(configs, save=...)` plays each config with `run_eval` in turn on one daemon thread
and records progress from the runner's callback; the page polls the job and draws a progress
bar. `job.stop()` makes every brain refuse its next turn, so the remaining interviews end at
once (the runner records them as failed) instead of spending more model calls. No streamlit
here: the thread never touches the page.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from estel.brains.base import Brain, TurnContext, TurnDraft
from estel.errors import BrainFailure, EstelError
from estel.evals.results import EvalRun, InterviewRun
from estel.evals.runner import BrainFactory, EvalConfig, make_brain_factory, run_eval

log = logging.getLogger(__name__)

STOPPED = "The run was stopped before this turn."
Saver = Callable[[list[EvalRun]], str | None]  # saves the runs; returns a problem or None


class StoppableBrain:
    """Wraps a brain: once `stop` is set, every turn fails fast with a BrainFailure."""

    def __init__(self, brain: Brain, stop: threading.Event) -> None:
        self._brain = brain
        self._stop = stop
        self.name = brain.name

    @property
    def label(self) -> str:
        return self._brain.label

    def turn(self, ctx: TurnContext) -> TurnDraft:
        if self._stop.is_set():
            raise BrainFailure(STOPPED)
        return self._brain.turn(ctx)


def stoppable(factory: BrainFactory, stop: threading.Event) -> BrainFactory:
    return lambda prompt: StoppableBrain(factory(prompt), stop)


@dataclass
class LabJob:
    """One A/B run in progress (or finished): progress, results, and what went wrong."""

    configs: list[EvalConfig]
    interviews_per_side: int
    side: int = 0  # index of the config being played
    done: int = 0  # interviews played on that side
    current: str = ""  # 'strong · Data Scientist', the interview just played
    runs: list[EvalRun] = field(default_factory=list)
    error: str | None = None  # the run could not happen (or crashed); safe to show
    save_problem: str | None = None
    stopped: bool = False
    finished: bool = False
    started: float = field(default_factory=time.monotonic)
    ended: float | None = None
    _stop: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def fraction(self) -> float:
        """Share of all interviews (every side) played so far, 0..1."""
        total = self.interviews_per_side * len(self.configs)
        played = self.side * self.interviews_per_side + self.done
        return 1.0 if self.finished else min(1.0, played / total) if total else 0.0

    @property
    def elapsed_s(self) -> float:
        return (self.ended or time.monotonic()) - self.started

    def status(self, labels: Sequence[str] = ("A", "B")) -> str:
        """'B: 4/27 interviews · weak · Data Scientist · 3 s'."""
        if self.finished:
            return f"Finished in {self.elapsed_s:.1f} s"
        side = labels[self.side] if self.side < len(labels) else str(self.side + 1)
        current = f" · {self.current}" if self.current else ""
        return (f"{side}: {self.done}/{self.interviews_per_side} interviews{current} · "
                f"{self.elapsed_s:.0f} s")

    def stop(self) -> None:
        """Ask the run to end: brains refuse their next turn; results so far are kept."""
        self.stopped = True
        self._stop.set()

    def _progress(self, side: int) -> Callable[[int, int, InterviewRun], None]:
        def progress(done: int, total: int, interview: InterviewRun) -> None:
            self.side, self.done = side, done
            self.current = f"{interview.persona} · {interview.role}"
        return progress

    def _play(self, save: Saver | None) -> None:
        try:
            for index, config in enumerate(self.configs):
                self.side, self.done, self.current = index, 0, ""
                if config.brain == "openai":  # B must not inherit what A learnt of the server
                    from estel.brains.openai.brain import reset_server_quirks

                    reset_server_quirks()
                self.runs.append(run_eval(config, progress=self._progress(index)))
            if save is not None and not self.stopped:
                self.save_problem = save(self.runs)
        except EstelError as error:
            self.error = error.message
        except Exception:  # a harness bug must end the job visibly, not kill a silent thread
            log.exception("prompt lab run failed")
            self.error = "The run failed unexpectedly; see the server log."
        finally:
            self.ended = time.monotonic()
            self.finished = True


def prepare(config: EvalConfig, stop: threading.Event) -> EvalConfig:
    """The config with its brain made stoppable (the factory is built now: errors surface here)."""
    factory = config.brain_factory or make_brain_factory(config.brain, config.settings)
    return replace(config, brain_factory=stoppable(factory, stop))


def start_job(configs: Sequence[EvalConfig], interviews_per_side: int,
              save: Saver | None = None) -> LabJob:
    """Build the brains (BadInput when one cannot be built) and play on a daemon thread."""
    stop = threading.Event()
    prepared = [prepare(config, stop) for config in configs]
    job = LabJob(configs=prepared, interviews_per_side=interviews_per_side, _stop=stop)
    threading.Thread(target=job._play, args=(save,), name="estel-lab-run", daemon=True).start()
    return job
