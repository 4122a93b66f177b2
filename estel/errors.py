"""EstelError and its kinds. Every message is safe to show to a candidate."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # brains.base imports the contract; errors must stay importable on its own
    from estel.brains.base import BrainTrace


class ErrorKind(StrEnum):
    BAD_INPUT = "bad_input"  # the caller sent something we refuse; message says what
    BRAIN_FAILURE = "brain_failure"  # the model or its server failed; the answer is kept
    CONTRACT_VIOLATION = "contract_violation"  # a brain produced something the rules forbid
    STORE_FAILURE = "store_failure"  # saving failed
    STATE_MISMATCH = "state_mismatch"  # a session_state that is not the stored interview's


class EstelError(Exception):
    """An expected failure with a short message that is safe to show to a user."""

    kind: ErrorKind = ErrorKind.BAD_INPUT

    def __init__(self, message: str, *, kind: ErrorKind | None = None) -> None:
        super().__init__(message)
        self.message = message
        if kind is not None:
            self.kind = kind


class BadInput(EstelError):
    kind = ErrorKind.BAD_INPUT


class BrainFailure(EstelError):
    """The model or its server failed; what failed and how is kept for fallbacks and the lab."""

    kind = ErrorKind.BRAIN_FAILURE

    def __init__(
        self,
        message: str,
        *,
        failure_kind: str | None = None,
        reason: str | None = None,
        trace: BrainTrace | None = None,
    ) -> None:
        super().__init__(message)
        self.failure_kind = failure_kind  # e.g. "timeout", "invalid" (openai_errors.FAILURES)
        self.reason = reason  # short, for "The AI interviewer <reason>, so ..."
        self.trace = trace  # what the brain sent and got back, for the prompt lab's inspector


class ContractViolation(EstelError):
    kind = ErrorKind.CONTRACT_VIOLATION


class StoreFailure(EstelError):
    kind = ErrorKind.STORE_FAILURE


class StateMismatch(EstelError):
    """A request's session_state is not the state the service saved for that interview."""

    kind = ErrorKind.STATE_MISMATCH
