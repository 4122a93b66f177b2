"""How the OpenAI brain names failures: library errors -> kinds -> safe, specific messages.

No message here contains server text: servers (and some gateways) echo request details,
sometimes the API key, in their error bodies.
"""

from __future__ import annotations

import openai

from estel.brains.base import BrainTrace
from estel.errors import BrainFailure

# kind -> (message for the candidate, short reason for the fallback warning)
FAILURES: dict[str, tuple[str, str]] = {
    "timeout": ("The interviewer timed out — your answer is kept, try again.", "timed out"),
    "connection": ("Could not reach the interviewer's server — your answer is kept, try again.",
                   "could not be reached"),
    "auth": ("The interviewer's API key was rejected — check OPENAI_API_KEY. Your answer is kept.",
             "rejected its API key"),
    "forbidden": ("The interviewer's API key may not use this model — check ESTEL_OPENAI_MODEL. "
                  "Your answer is kept.", "was not allowed to use its model"),
    "not_found": ("The interviewer's model or server was not found — check ESTEL_OPENAI_MODEL "
                  "and OPENAI_BASE_URL. Your answer is kept.", "was not found"),
    "quota": ("The interviewer's account has no quota left — your answer is kept.",
              "has no quota left"),
    "rate_limit": ("The interviewer is busy (rate limited) — your answer is kept, try again in "
                   "a moment.", "was rate limited"),
    "server": ("The interviewer's server had an error — your answer is kept, try again.",
               "had a server error"),
    "rejected": ("The interviewer's server rejected the request — your answer is kept, try "
                 "again.", "rejected the request"),
    "refusal": ("The interviewer declined to answer this turn — your answer is kept, try again "
                "or rephrase it.", "declined to answer"),
    "length": ("The interviewer's reply was cut off — your answer is kept, try again.",
               "was cut off"),
    "filtered": ("The interviewer's reply was blocked by a content filter — your answer is kept, "
                 "try rephrasing it.", "was blocked by a content filter"),
    "empty": ("The interviewer sent an empty reply — your answer is kept, try again.",
              "sent an empty reply"),
    "invalid": ("The interviewer's reply was not in the expected format — your answer is kept, "
                "try again.", "replied in the wrong format"),
    "unreadable": ("The interviewer's server sent a reply that could not be read — your answer "
                   "is kept, try again.", "sent an unreadable reply"),
    "other": ("The interviewer failed — your answer is kept, try again.", "failed"),
}


def turn_failure(kind: str, trace: BrainTrace | None = None) -> BrainFailure:
    """A BrainFailure carrying its kind and the short reason used by the fallback warning."""
    message, reason = FAILURES[kind]
    return BrainFailure(message, failure_kind=kind, reason=reason, trace=trace)


class UpstreamError(Exception):
    """Stands in for a library error whose text cannot be kept (it contained the API key)."""


def failure_kind(error: openai.OpenAIError) -> str:
    """Which FAILURES entry a library error maps to."""
    if isinstance(error, openai.APITimeoutError):
        return "timeout"
    if isinstance(error, openai.APIConnectionError):
        return "connection"
    if isinstance(error, openai.LengthFinishReasonError):
        return "length"
    if isinstance(error, openai.ContentFilterFinishReasonError):
        return "filtered"
    if isinstance(error, openai.APIResponseValidationError):
        return "unreadable"
    if isinstance(error, openai.APIStatusError):
        return _status_kind(error)
    return "other"


def _status_kind(error: openai.APIStatusError) -> str:
    status = error.status_code
    if status == 401:
        return "auth"
    if status == 403:
        return "forbidden"
    if status == 404:
        return "not_found"
    if status == 429:
        return "quota" if _error_code(error) == "insufficient_quota" else "rate_limit"
    if status >= 500:
        return "server"
    return "rejected"


def _error_code(error: openai.APIStatusError) -> str | None:
    body = error.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("code"), str):
            return inner["code"]
    return getattr(error, "code", None)


def refused_feature(error: openai.APIStatusError) -> str | None:
    """'json_schema', 'temperature' or 'max_completion_tokens' when a 400/422 says the server
    does not support it."""
    text = f"{error.message} {error.body!r}".lower()
    if "max_completion_tokens" in text:
        return "max_completion_tokens"
    if "temperature" in text:
        return "temperature"
    if any(word in text for word in ("response_format", "json_schema", "structured output",
                                     "schema")):
        return "json_schema"
    return None


def describe(error: BaseException) -> str:
    """A log-safe description: the class and status, never the server's text (may hold the key)."""
    status = getattr(error, "status_code", None)
    return type(error).__name__ + (f" {status}" if status else "")


