"""BrainFailure declares what a failed model turn carries: its kind, short reason and trace."""

from __future__ import annotations

import pytest

from estel.brains.base import BrainTrace, TurnContext, TurnDraft
from estel.brains.offline.brain import OfflineBrain
from estel.brains.openai.brain import FallbackBrain, OpenAIBrain, make_client
from estel.brains.openai.errors import FAILURES, turn_failure
from estel.contract import InterviewMeta
from estel.errors import BrainFailure, ErrorKind
from estel.session import ZERO_SCORES, phase_plan


def _opening(kit) -> TurnContext:
    return TurnContext(kind="opening", meta=InterviewMeta(**kit.META), language="en",
                       plan=phase_plan(8), question_number=1, history=(),
                       score_so_far=ZERO_SCORES)


def test_a_plain_brain_failure_has_the_fields_unset():
    failure = BrainFailure("The interviewer failed.")
    assert (failure.failure_kind, failure.reason, failure.trace) == (None, None, None)
    assert failure.kind is ErrorKind.BRAIN_FAILURE
    assert failure.message == "The interviewer failed."


def test_the_fields_are_set_through_the_constructor():
    trace = BrainTrace(brain="openai", attempts=2)
    failure = BrainFailure("m", failure_kind="timeout", reason="timed out", trace=trace)
    assert (failure.failure_kind, failure.reason, failure.trace) == ("timeout", "timed out", trace)
    with pytest.raises(TypeError):
        BrainFailure("m", "timeout")  # type: ignore[misc]  # keyword-only: no silent mix-ups


@pytest.mark.parametrize("kind", sorted(FAILURES))
def test_every_openai_failure_kind_carries_its_kind_and_reason(kind):
    failure = turn_failure(kind)
    assert failure.failure_kind == kind
    assert failure.reason == FAILURES[kind][1]
    assert failure.message == FAILURES[kind][0]
    assert failure.trace is None  # the brain attaches it when the turn fails


def test_a_failed_model_turn_raises_with_kind_reason_and_trace(fake, kit):
    settings = kit.make_settings(fake.base_url, openai_max_retries=0)
    fake.add(kit.error(503))
    with pytest.raises(BrainFailure) as caught:
        OpenAIBrain(make_client(settings), settings).turn(_opening(kit))
    assert caught.value.failure_kind == "server"
    assert caught.value.reason == "had a server error"
    assert isinstance(caught.value.trace, BrainTrace)
    assert caught.value.trace.attempts == 1


class _Failing:
    """A primary brain whose failure carries no reason (a generic BrainFailure)."""

    name = "failing"
    label = "Failing"

    def turn(self, ctx: TurnContext) -> TurnDraft:
        raise BrainFailure("nope")


def test_the_fallback_warning_reads_failed_when_no_reason_was_given(kit):
    draft = FallbackBrain(_Failing(), OfflineBrain()).turn(_opening(kit))
    assert draft.trace is not None
    assert draft.trace.warning == ("The AI interviewer failed, so the offline interviewer "
                                   "answered this turn.")
