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
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import openai
from openai.lib import type_to_response_format_param
from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from estel.brains.base import (
    Brain,
    BrainTrace,
    ProfileExtraction,
    ProfileReader,
    TurnContext,
    TurnDraft,
)
from estel.brains.openai.briefing import TurnBrief, booked_topic, turn_brief
from estel.brains.openai.errors import (
    UpstreamError,
    describe,
    failure_kind,
    refused_feature,
    turn_failure,
)
from estel.brains.openai.profile_reader import extract_profile
from estel.brains.openai.prompt import (
    Prompt,
    ReplyModel,
    build_messages,
    load_prompt,
    normalised,
    reask_message,
    reply_model_for,
    validation_messages,
)
from estel.brains.openai.stream import LISTENER, consume
from estel.contract import InterviewMeta
from estel.errors import BadInput, BrainFailure

if TYPE_CHECKING:
    from estel.config import Settings

# A bound on one reply, so a runaway or looping model cannot run up the bill or the wait. The
# longest reply (the feedback) is ~1,500 tokens; reasoning models count their thinking here too,
# hence the headroom. `max_completion_tokens` is the current name (`max_tokens` is deprecated and
# refused by reasoning models); a server that refuses it is asked again without it.
MAX_COMPLETION_TOKENS = 4096

log = logging.getLogger(__name__)

OPENAI_DEFAULT_URL = "https://api.openai.com/v1"
RAW_REPLY_CHARS = 4000  # how much of an invalid reply is sent back with the re-ask

# Per process, per (server, model): what the server has refused, so we stop asking for it.
_QUIRKS: dict[tuple[str, str], set[str]] = {}


def reset_server_quirks() -> None:
    """Forget what servers refused (json_schema, temperature); for tests and the prompt lab."""
    _QUIRKS.clear()


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

    def read_profile(self, job_description: str, resume_text: str,
                     meta: InterviewMeta) -> ProfileExtraction:
        """The structured extraction of a JD and a résumé (estel/brains/openai/profile_reader)."""
        return extract_profile(self._client, self._settings, job_description, resume_text, meta)

    def turn(self, ctx: TurnContext) -> TurnDraft:
        trace = BrainTrace(brain=self.name, model=self._settings.openai_model, attempts=0)
        began = time.perf_counter()
        try:
            trace.prompt_version = self.prompt.version
            brief = turn_brief(ctx)
            reply = self._reply(ctx, brief, trace)
        except openai.OpenAIError as error:
            kind = failure_kind(error)
            log.warning("openai brain: %s turn failed: %s (%s)", ctx.kind, kind,
                        describe(error))
            raise turn_failure(kind, trace) from self._safe_cause(error)
        except BrainFailure as failure:  # raised below us, before this turn's trace was known
            log.warning("openai brain: %s turn failed: %s", ctx.kind,
                        failure.failure_kind or "other")
            failure.trace = trace  # for the prompt lab's inspector
            raise
        finally:
            trace.latency_ms = round((time.perf_counter() - began) * 1000, 1)
        log.info("openai brain: %s turn ok: mode=%s attempts=%d tokens=%s+%s %.0fms", ctx.kind,
                 trace.json_mode, trace.attempts, trace.prompt_tokens, trace.completion_tokens,
                 trace.latency_ms)
        return TurnDraft(
            assessment=getattr(reply, "assessment", None),
            question=booked_topic(getattr(reply, "question", None), brief),
            feedback=getattr(reply, "feedback", None),
            trace=trace,
            propose_end=getattr(reply, "propose_end", False),  # only a proposal: the code decides
        )

    def _reply(self, ctx: TurnContext, brief: TurnBrief, trace: BrainTrace) -> ReplyModel:
        """Ask once; if the reply is invalid, re-ask once with the validation errors."""
        first = self._exchange(ctx, brief, [], trace)
        if first.reply is not None:
            return first.reply
        trace.validation_errors.extend(first.errors)
        extra = [{"role": "assistant", "content": first.content[:RAW_REPLY_CHARS]},
                 reask_message(first.errors)]
        second = self._exchange(ctx, brief, extra, trace)
        if second.reply is not None:
            return second.reply
        trace.validation_errors.extend(second.errors)
        raise turn_failure("invalid")

    def _exchange(
        self, ctx: TurnContext, brief: TurnBrief, extra: list[dict[str, str]], trace: BrainTrace
    ) -> _Reply:
        """One model call; in auto mode a server that rejects json_schema gets json_object."""
        while True:
            mode = self._json_mode()
            messages = build_messages(ctx, self.prompt, mode, brief) + extra
            try:
                return self._call(ctx, mode, messages, trace)
            except (openai.BadRequestError, openai.UnprocessableEntityError) as error:
                if not self._learn_from(error, mode):
                    raise
                log.info("openai brain: server refused %s; retrying without it",
                         refused_feature(error))

    def _call(
        self, ctx: TurnContext, mode: str, messages: list[dict[str, str]], trace: BrainTrace
    ) -> _Reply:
        reply_model = reply_model_for(ctx)
        trace.attempts += 1
        trace.json_mode = mode
        trace.messages = messages
        kwargs: dict[str, Any] = {"model": self._settings.openai_model, "messages": messages}
        if "temperature" not in self._quirks():
            kwargs["temperature"] = self._settings.openai_temperature
        if "max_completion_tokens" not in self._quirks():
            kwargs["max_completion_tokens"] = MAX_COMPLETION_TOKENS
        listener = LISTENER.get()
        if listener is not None:
            return self._streamed(ctx, mode, kwargs, listener, trace)
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

    def _streamed(self, ctx: TurnContext, mode: str, kwargs: dict[str, Any],
                  listener: Any, trace: BrainTrace) -> _Reply:
        """The same call streamed: the listener sees the question text as it arrives.

        The strict schema is sent as a plain response_format (not the library's parsing
        `.stream()`, which raises mid-stream on invalid JSON and loses the rest of the reply that
        the re-ask needs); the whole reply is then checked and validated as an unstreamed one.
        """
        reply_model = reply_model_for(ctx)
        response_format: Any = (type_to_response_format_param(reply_model)
                                if mode == "json_schema" else {"type": "json_object"})
        chunks = self._client.chat.completions.create(
            response_format=response_format, stream=True,
            stream_options={"include_usage": True}, **kwargs)
        with chunks:
            completion = consume(chunks, listener)
        if completion is None:
            raise turn_failure("empty")
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
        refused = refused_feature(error)
        quirks = self._quirks()
        if refused in ("temperature", "max_completion_tokens") and refused not in quirks:
            quirks.add(refused)
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


def _completion(raw: Any) -> ChatCompletion:
    """The parsed completion; a json_schema reply that did not validate is read as plain."""
    try:
        return raw.parse()
    except ValidationError:  # our own validation reports it, with the re-ask
        pass
    except ValueError as error:  # a 200 whose body is not JSON (a proxy's HTML page, say)
        raise turn_failure("unreadable") from error
    try:
        return ChatCompletion.model_construct(**raw.http_response.json())
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

    def read_profile(self, job_description: str, resume_text: str,
                     meta: InterviewMeta) -> ProfileExtraction:
        """The primary's reading; its failure falls back to the offline rules in the caller."""
        if not isinstance(self.primary, ProfileReader):
            raise BrainFailure("This interviewer cannot read a profile.")
        return self.primary.read_profile(job_description, resume_text, meta)

    def turn(self, ctx: TurnContext) -> TurnDraft:
        try:
            return self.primary.turn(ctx)
        except BrainFailure as failure:
            reason = failure.reason or "failed"
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
        from estel.brains.offline.brain import OfflineBrain

        brain = FallbackBrain(brain, OfflineBrain())
    return brain
