"""EstelError and its kinds. Every message is safe to show to a candidate."""

from __future__ import annotations

from enum import StrEnum


class ErrorKind(StrEnum):
    BAD_INPUT = "bad_input"  # the caller sent something we refuse; message says what
    BRAIN_FAILURE = "brain_failure"  # the model or its server failed; the answer is kept
    CONTRACT_VIOLATION = "contract_violation"  # a brain produced something the rules forbid
    STORE_FAILURE = "store_failure"  # saving failed


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
    kind = ErrorKind.BRAIN_FAILURE


class ContractViolation(EstelError):
    kind = ErrorKind.CONTRACT_VIOLATION


class StoreFailure(EstelError):
    kind = ErrorKind.STORE_FAILURE
