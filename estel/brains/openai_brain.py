"""The OpenAI brain: a real LLM interviewer on any OpenAI-compatible chat-completions server.

The model writes words (an assessment and the next question, or the final feedback); the engine
keeps the books. Every way the model or its server can fail becomes a BrainFailure with a short,
specific, safe message, so the caller keeps the candidate's state and can resubmit the answer.
With ESTEL_FALLBACK=offline, `FallbackBrain` lets the offline brain answer that one turn instead.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import openai
from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from estel.brains.base import Brain, BrainTrace, TurnContext, TurnDraft
from estel.brains.openai_prompt import (
    REPLY_MODELS,
    Prompt,
    ReplyModel,
    build_messages,
    load_prompt,
    normalised,
    reask_message,
    validation_messages,
)
from estel.errors import BadInput, BrainFailure

if TYPE_CHECKING:
    from estel.config import Settings

log = logging.getLogger(__name__)

OPENAI_DEFAULT_URL = "https://api.openai.com/v1"
RAW_REPLY_CHARS = 4000  # how much of an invalid reply is sent back with the re-ask

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

# Per process, per (server, model): what the server has refused, so we stop asking for it.
_QUIRKS: dict[tuple[str, str], set[str]] = {}


def reset_server_quirks() -> None:
    """Forget what servers refused (json_schema, temperature); for tests and the prompt lab."""
    _QUIRKS.clear()


def turn_failure(kind: str) -> BrainFailure:
    """A BrainFailure carrying its kind and the short reason used by the fallback warning."""
    message, reason = FAILURES[kind]
    failure = BrainFailure(message)
    failure.failure_kind = kind  # type: ignore[attr-defined]
    failure.reason = reason  # type: ignore[attr-defined]
    return failure


@dataclass
class _Reply:
    """One model call's outcome: the raw text and either the reply or why it is invalid."""

    content: str
    reply: ReplyModel | None
    errors: list[str]


class OpenAIBrain:
    """An interviewer backed by an OpenAI-compatible chat model."""

    name = "openai"

    def __init__(
        self,
        client: openai.OpenAI,
        settings: Settings,
        prompt: Prompt | str | os.PathLike[str] | None = None,
    ) -> None:
        # No I/O here: the prompt file is read on first use.
        self._client = client
        self._settings = settings
        self._prompt_source = prompt if prompt is not None else _settings_prompt(settings)
        self._prompt: Prompt | None = None

    @property
    def label(self) -> str:
        model = self._settings.openai_model
        if self._settings.openai_base_url:
            host = urlparse(self._settings.openai_base_url).hostname or "custom server"
            return f"OpenAI-compatible ({model} at {host})"
        return f"OpenAI ({model})"

    @property
    def prompt(self) -> Prompt:
        if self._prompt is None:
            self._prompt = load_prompt(self._prompt_source)
        return self._prompt

    def turn(self, ctx: TurnContext) -> TurnDraft:
        trace = BrainTrace(brain=self.name, model=self._settings.openai_model, attempts=0)
        began = time.perf_counter()
        try:
            trace.prompt_version = self.prompt.version
            reply = self._reply(ctx, trace)
        except openai.OpenAIError as error:
            kind = failure_kind(error)
            log.warning("openai brain: %s turn failed: %s (%s)", ctx.kind, kind,
                        _describe(error))
            failure = self._attach(turn_failure(kind), trace)
            raise failure from self._safe_cause(error)
        except BrainFailure as failure:
            log.warning("openai brain: %s turn failed: %s", ctx.kind,
                        getattr(failure, "failure_kind", "other"))
            self._attach(failure, trace)
            raise
        finally:
            trace.latency_ms = round((time.perf_counter() - began) * 1000, 1)
        log.info("openai brain: %s turn ok: mode=%s attempts=%d tokens=%s+%s %.0fms", ctx.kind,
                 trace.json_mode, trace.attempts, trace.prompt_tokens, trace.completion_tokens,
                 trace.latency_ms)
        return TurnDraft(
            assessment=getattr(reply, "assessment", None),
            question=getattr(reply, "question", None),
            feedback=getattr(reply, "feedback", None),
            trace=trace,
        )

    def _reply(self, ctx: TurnContext, trace: BrainTrace) -> ReplyModel:
        """Ask once; if the reply is invalid, re-ask once with the validation errors."""
        first = self._exchange(ctx, [], trace)
        if first.reply is not None:
            return first.reply
        trace.validation_errors.extend(first.errors)
        extra = [{"role": "assistant", "content": first.content[:RAW_REPLY_CHARS]},
                 reask_message(first.errors)]
        second = self._exchange(ctx, extra, trace)
        if second.reply is not None:
            return second.reply
        trace.validation_errors.extend(second.errors)
        raise turn_failure("invalid")

    def _exchange(
        self, ctx: TurnContext, extra: list[dict[str, str]], trace: BrainTrace
    ) -> _Reply:
        """One model call; in auto mode a server that rejects json_schema gets json_object."""
        while True:
            mode = self._json_mode()
            messages = build_messages(ctx, self.prompt, mode) + extra
            try:
                return self._call(ctx, mode, messages, trace)
            except (openai.BadRequestError, openai.UnprocessableEntityError) as error:
                if not self._learn_from(error, mode):
                    raise
                log.info("openai brain: server refused %s; retrying without it", _refused(error))

    def _call(
        self, ctx: TurnContext, mode: str, messages: list[dict[str, str]], trace: BrainTrace
    ) -> _Reply:
        reply_model = REPLY_MODELS[ctx.kind]
        trace.attempts += 1
        trace.json_mode = mode
        trace.messages = messages
        kwargs: dict[str, Any] = {"model": self._settings.openai_model, "messages": messages}
        if "temperature" not in self._quirks():
            kwargs["temperature"] = self._settings.openai_temperature
        raw_api = self._client.chat.completions.with_raw_response
        if mode == "json_schema":
            raw = raw_api.parse(response_format=reply_model, **kwargs)
        else:
            raw = raw_api.create(response_format={"type": "json_object"}, **kwargs)
        completion = _completion(raw)
        _count_usage(completion, trace)
        content = _checked_content(completion)
        trace.raw_reply = content
        return _validated(content, reply_model, ctx)

    def _json_mode(self) -> str:
        wanted = self._settings.openai_json_mode
        if wanted == "auto":
            return "json_object" if "json_schema" in self._quirks() else "json_schema"
        return wanted

    def _quirks(self) -> set[str]:
        key = (self._settings.openai_base_url or OPENAI_DEFAULT_URL, self._settings.openai_model)
        return _QUIRKS.setdefault(key, set())

    def _learn_from(self, error: openai.APIStatusError, mode: str) -> bool:
        """Remember a refused feature and say whether retrying without it makes sense."""
        refused = _refused(error)
        quirks = self._quirks()
        if refused == "temperature" and "temperature" not in quirks:
            quirks.add("temperature")
            return True
        if (refused == "json_schema" and mode == "json_schema"
                and self._settings.openai_json_mode == "auto"):
            quirks.add("json_schema")
            return True
        return False

    def _safe_cause(self, error: BaseException) -> BaseException:
        """The library error to chain, unless its text carries the key (some gateways echo it)."""
        key = self._settings.openai_api_key
        secret = key.get_secret_value() if key else ""
        body = getattr(error, "body", None)
        if secret and (secret in str(error) or secret in repr(body)):
            return UpstreamError(f"{type(error).__name__} (details withheld: they echoed the key)")
        return error

    @staticmethod
    def _attach(failure: BrainFailure, trace: BrainTrace) -> BrainFailure:
        failure.trace = trace  # type: ignore[attr-defined]  # for the prompt lab's inspector
        return failure


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


def _refused(error: openai.APIStatusError) -> str | None:
    """'json_schema' or 'temperature' when a 400/422 says the server does not support it."""
    text = f"{error.message} {error.body!r}".lower()
    if "temperature" in text:
        return "temperature"
    if any(word in text for word in ("response_format", "json_schema", "structured output",
                                     "schema")):
        return "json_schema"
    return None


def _describe(error: BaseException) -> str:
    """A log-safe description: the class and status, never the server's text (may hold the key)."""
    status = getattr(error, "status_code", None)
    return type(error).__name__ + (f" {status}" if status else "")


def _completion(raw: Any) -> ChatCompletion:
    """The parsed completion; a json_schema reply that did not validate is read as plain."""
    try:
        return raw.parse()
    except ValidationError:  # our own validation reports it, with the re-ask
        pass
    except ValueError as error:  # a 200 whose body is not JSON (a proxy's HTML page, say)
        raise turn_failure("unreadable") from error
    try:
        return ChatCompletion.construct(**raw.http_response.json())
    except (ValueError, TypeError) as error:
        raise turn_failure("unreadable") from error


def _count_usage(completion: ChatCompletion, trace: BrainTrace) -> None:
    usage = getattr(completion, "usage", None)
    if usage is None:
        return
    trace.prompt_tokens = (trace.prompt_tokens or 0) + (usage.prompt_tokens or 0)
    trace.completion_tokens = (trace.completion_tokens or 0) + (usage.completion_tokens or 0)


def _checked_content(completion: ChatCompletion) -> str:
    """The reply text, or the failure for a refusal, a cut-off, a filter or no choices."""
    choices = getattr(completion, "choices", None)
    if not choices:
        raise turn_failure("empty")
    choice = choices[0]
    if choice.finish_reason == "length":
        raise turn_failure("length")
    if choice.finish_reason == "content_filter":
        raise turn_failure("filtered")
    message = choice.message
    if message is None:
        raise turn_failure("empty")
    if getattr(message, "refusal", None):
        raise turn_failure("refusal")
    return message.content or ""


def _validated(content: str, reply_model: type[ReplyModel], ctx: TurnContext) -> _Reply:
    """Validate the text against the turn's reply model and the no-repeat rule."""
    if not content.strip():
        return _Reply(content, None, ["reply: the reply was empty; send the JSON object"])
    try:
        reply = reply_model.model_validate_json(_unfenced(content), strict=True)
    except ValidationError as error:
        return _Reply(content, None, validation_messages(error))
    question = getattr(reply, "question", None)
    if question is not None:
        asked = {normalised(item.question) for item in ctx.history}
        if normalised(question.question) in asked:
            return _Reply(content, None, ["question.question: repeats an earlier question; "
                                          "ask a different one"])
    return _Reply(content, reply, [])


def _unfenced(content: str) -> str:
    """Strip a ```json fence some local models wrap around JSON despite the instructions."""
    text = content.strip()
    if text.startswith("```") and text.endswith("```"):
        text = text[3:-3].strip()
        if text[:4].lower() == "json":
            text = text[4:]
    return text


def _settings_prompt(settings: Settings) -> os.PathLike[str] | None:
    from pathlib import Path

    return Path(settings.prompt_path) if settings.prompt_path else None


def make_client(settings: Settings) -> openai.OpenAI:
    """The official client from settings; local servers need no key, so send a placeholder."""
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else ""
    return openai.OpenAI(
        api_key=key or "not-needed",
        base_url=settings.openai_base_url or OPENAI_DEFAULT_URL,  # never an empty env value
        timeout=settings.openai_timeout,
        max_retries=settings.openai_max_retries,
    )


class FallbackBrain:
    """Asks `primary`; when it fails with a BrainFailure, `fallback` answers that one turn."""

    def __init__(self, primary: Brain, fallback: Brain) -> None:
        self.primary = primary
        self.fallback = fallback
        self.name = primary.name

    @property
    def label(self) -> str:
        return f"{self.primary.label}, {self.fallback.name} fallback"

    def turn(self, ctx: TurnContext) -> TurnDraft:
        try:
            return self.primary.turn(ctx)
        except BrainFailure as failure:
            reason = getattr(failure, "reason", "failed")
            draft = self.fallback.turn(ctx)
        trace = draft.trace or BrainTrace(brain=self.fallback.name)
        trace.warning = (f"The AI interviewer {reason}, so the {self.fallback.name} interviewer "
                         "answered this turn.")
        return TurnDraft(draft.assessment, draft.question, draft.feedback, trace=trace)


def make_openai_brain(settings: Settings) -> Brain:
    """The OpenAI brain from settings, wrapped with the offline fallback when asked."""
    if not settings.openai_configured:
        raise BadInput("The OpenAI brain needs OPENAI_API_KEY, or OPENAI_BASE_URL for a local "
                       "OpenAI-compatible server.")
    brain: Brain = OpenAIBrain(make_client(settings), settings)
    if settings.fallback == "offline":
        from estel.brains.offline import OfflineBrain

        brain = FallbackBrain(brain, OfflineBrain())
    return brain
