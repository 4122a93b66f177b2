"""The seed's F2 service methods in Python: talk to `python -m estel serve` over HTTP.

    with EstelClient("http://127.0.0.1:8787", token=None) as estel:
        envelope = estel.start_interview_session(meta)
        envelope = estel.submit_interview_answer("My answer...", envelope.payload.session_state)

Both return the parsed `EstelInterviewEnvelope` (status "success"); a `status: "error"` envelope,
a non-envelope answer, a timeout or an unreachable service raise `EstelServiceError`. The service
keeps each interview: `client.session_id` is the last reply's `Estel-Session`; pass it as
`submit_interview_answer(..., session_id=...)` to bind an answer to that interview, and
`get_session(session_id)` fetches a lost state again. `stream(request, on_question)` runs a turn
through `POST /v1/brain/stream`, handing the question's words to `on_question` as they arrive.

The optional `context` extensions ride as keyword arguments: `length` (adaptive length,
`{"mode": "adaptive", "min_questions": N}`), `profile` (`{"job_description": …,
"resume_text": …}`) and, with an answer, `answer` (how it was given: `{"seconds": …,
"limit_seconds": …, "spoken": {"recording_seconds": …}}`), checked by the same pydantic models
the service parses with (estel/extensions.py), so a bad one is refused before anything is sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import httpx
from pydantic import ValidationError

from estel.contract import (
    AdaptiveLength,
    EstelInterviewEnvelope,
    InterviewMeta,
    InterviewRequest,
    InterviewSessionState,
)
from estel.errors import ErrorKind, EstelError
from estel.extensions import (
    AnswerExtension,
    ExtendedRequest,
    ProfileExtension,
    describe_validation_error,
)

DEFAULT_BASE_URL = "http://127.0.0.1:8787"
BRAIN_PATH = "/v1/brain"
STREAM_PATH = "/v1/brain/stream"
SESSIONS_PATH = "/v1/sessions/"
SESSION_HEADER = "Estel-Session"
GENERIC_FAILURE = "Interview session failed. Please try again."

MetaLike = InterviewMeta | Mapping[str, Any]
StateLike = InterviewSessionState | Mapping[str, Any]
LengthLike = AdaptiveLength | Mapping[str, Any]  # {"mode": "adaptive", "min_questions": N}
ProfileLike = ProfileExtension | Mapping[str, Any]  # {"job_description": …, "resume_text": …}
AnswerLike = AnswerExtension | Mapping[str, Any]  # {"seconds": …, "limit_seconds": …, "spoken": …}


class EstelServiceError(EstelError):
    """The service answered `status: "error"` (see .envelope) or could not be used at all."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        envelope: EstelInterviewEnvelope | None = None,
        retry_after: int | None = None,
        kind: ErrorKind | None = None,
    ) -> None:
        client_side = status_code is not None and 400 <= status_code < 500
        if kind is None and status_code == 409:
            kind = ErrorKind.STATE_MISMATCH
        kind = kind or (ErrorKind.BAD_INPUT if client_side else ErrorKind.BRAIN_FAILURE)
        super().__init__(message, kind=kind)
        self.status_code = status_code  # None when no HTTP answer arrived
        self.envelope = envelope  # the error envelope, when the body was one
        self.retry_after = retry_after  # seconds, from Retry-After on 429


class EstelClient:
    """A keep-alive HTTP client for one Estel service. Thread-safe (httpx.Client is)."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        token: str | None = None,
        timeout: float = 30.0,
        *,
        http_client: httpx.Client | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._http = http_client or httpx.Client(
            base_url=base_url.rstrip("/"),
            headers=headers,
            # an OpenAI brain may take a while to answer; connecting should not
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
        )
        self.session_id: str | None = None  # the last reply's Estel-Session (its interview)

    def __enter__(self) -> EstelClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def start_interview_session(
        self, meta: MetaLike, language: str = "en", *,
        length: LengthLike | None = None, profile: ProfileLike | None = None,
    ) -> EstelInterviewEnvelope:
        """First turn: the seed's request with `message: ""` and `session_state: null`, plus
        the optional extensions: `length` lets the interviewer end between `min_questions` and
        meta.questions_target; `profile` is the job description and résumé text. The service
        keeps both with the interview, so later turns need not send them again."""
        return self.send(interview_request("", meta, None, language, length=length,
                                           profile=profile))

    def submit_interview_answer(
        self,
        answer: str,
        session_state: StateLike,
        meta: MetaLike | None = None,
        language: str = "en",
        session_id: str | None = None,
        *,
        length: LengthLike | None = None,
        profile: ProfileLike | None = None,
        answer_facts: AnswerLike | None = None,
    ) -> EstelInterviewEnvelope:
        """An answer turn: the answer and the last session_state (meta defaults to its meta);
        `session_id` binds it to that saved interview (a state from any other is refused).
        `length` and `profile` may repeat the first turn's (the service refuses a changed
        `length` with 409 and ignores a changed `profile`, saying so in `message`).
        `answer_facts` (the wire's `context.answer`) says how the answer was given; the
        service keeps it with the answer for the candidate's report, never for a score."""
        state = _state(session_state)
        return self.send(interview_request(answer, meta or state.meta, state, language,
                                           length=length, profile=profile,
                                           answer=answer_facts),
                         session_id=session_id)

    def send(self, request: InterviewRequest | Mapping[str, Any], *,
             session_id: str | None = None) -> EstelInterviewEnvelope:
        """POST any request body; the success envelope, or EstelServiceError."""
        body = request.to_wire() if isinstance(request, InterviewRequest) else dict(request)
        headers = {SESSION_HEADER: session_id} if session_id else None
        return self._call(lambda: self._http.post(BRAIN_PATH, json=body, headers=headers))

    def stream(self, request: InterviewRequest | Mapping[str, Any],
               on_question: Callable[[str], None], *,
               session_id: str | None = None,
               on_reset: Callable[[], None] | None = None) -> EstelInterviewEnvelope:
        """POST /v1/brain/stream: `on_question` gets the question's new words as they arrive
        (append them); `on_reset` is called when the server voids the words sent so far (the
        model's reply was redone and says something else, or the turn ended without that
        question): drop what you showed, the next words start anew. Returns the success
        envelope (the same as `send` gives), or raises EstelServiceError."""
        body = request.to_wire() if isinstance(request, InterviewRequest) else dict(request)
        headers = {SESSION_HEADER: session_id} if session_id else None
        try:
            with self._http.stream("POST", STREAM_PATH, json=body, headers=headers) as response:
                if not response.headers.get("content-type", "").startswith("text/event-stream"):
                    response.read()  # refused before any words: the JSON endpoint's reply
                    return self._call(lambda: response)
                final = _read_events(response.iter_lines(), on_question, on_reset)
        except httpx.TimeoutException as error:
            raise EstelServiceError("The Estel service did not answer in time.") from error
        except httpx.HTTPError as error:
            raise EstelServiceError("Could not reach the Estel service.") from error
        if final is None:
            raise EstelServiceError("The Estel service's stream ended without its envelope.")
        self.session_id = final.get("session") or self.session_id
        return _checked(json.dumps(final.get("envelope")).encode(), final.get("http_status"))

    def get_session(self, session_id: str) -> EstelInterviewEnvelope:
        """GET /v1/sessions/{id}: the saved interview's last turn (for a lost state)."""
        return self._call(lambda: self._http.get(SESSIONS_PATH + session_id))

    def _call(self, do: Any) -> EstelInterviewEnvelope:
        try:
            response = do()
        except httpx.TimeoutException as error:
            raise EstelServiceError("The Estel service did not answer in time.") from error
        except httpx.HTTPError as error:
            raise EstelServiceError("Could not reach the Estel service.") from error
        self.session_id = response.headers.get(SESSION_HEADER) or self.session_id
        return parse_response(response)

    def health(self) -> dict[str, Any]:
        """GET /healthz: status, brain, store, version."""
        try:
            response = self._http.get("/healthz")
            response.raise_for_status()
            return dict(response.json())
        except (httpx.HTTPError, ValueError) as error:
            raise EstelServiceError("The Estel service is not healthy.") from error


def parse_response(response: httpx.Response) -> EstelInterviewEnvelope:
    """The success envelope in `response`, or EstelServiceError saying what came instead."""
    return _checked(response.content, response.status_code,
                    response.headers.get("retry-after", ""))


def _checked(content: bytes, code: int | None, retry: str = "") -> EstelInterviewEnvelope:
    try:
        envelope = EstelInterviewEnvelope.model_validate_json(content)
    except ValidationError:
        raise EstelServiceError(
            f"The Estel service sent something that is not an envelope (HTTP {code}).",
            status_code=code) from None
    if envelope.status == "error" or envelope.payload is None:
        raise EstelServiceError(envelope.message or GENERIC_FAILURE, status_code=code,
                                envelope=envelope,
                                retry_after=int(retry) if retry.isdigit() else None)
    return envelope


def _read_events(lines: Iterator[str], on_question: Callable[[str], None],
                 on_reset: Callable[[], None] | None = None) -> dict[str, Any] | None:
    """Read server-sent events: each `question` event's text to `on_question`, each `reset` to
    `on_reset`; the `envelope` event's data (None if the stream ended without one)."""
    event = ""
    for line in lines:
        if line.startswith("event:"):
            event = line.removeprefix("event:").strip()
        elif line.startswith("data:"):
            data = json.loads(line.removeprefix("data:"))
            if event == "question":
                on_question(str(data.get("text", "")))
            elif event == "reset" and on_reset is not None:
                on_reset()
            elif event == "envelope":
                return dict(data)
    return None


def start_interview_session(
    meta: MetaLike, *, base_url: str = DEFAULT_BASE_URL, token: str | None = None,
    timeout: float = 30.0, language: str = "en", length: LengthLike | None = None,
    profile: ProfileLike | None = None,
) -> EstelInterviewEnvelope:
    """One-shot `EstelClient(...).start_interview_session(meta, ...)`."""
    with EstelClient(base_url, token, timeout) as client:
        return client.start_interview_session(meta, language, length=length, profile=profile)


def submit_interview_answer(
    answer: str, session_state: StateLike, meta: MetaLike | None = None, *,
    base_url: str = DEFAULT_BASE_URL, token: str | None = None, timeout: float = 30.0,
    language: str = "en", length: LengthLike | None = None, profile: ProfileLike | None = None,
) -> EstelInterviewEnvelope:
    """One-shot `EstelClient(...).submit_interview_answer(answer, session_state, meta, ...)`."""
    with EstelClient(base_url, token, timeout) as client:
        return client.submit_interview_answer(answer, session_state, meta, language,
                                              length=length, profile=profile)


def interview_request(
    message: str, meta: MetaLike, session_state: StateLike | None = None,
    language: str = "en", *, length: LengthLike | None = None,
    profile: ProfileLike | None = None, answer: AnswerLike | None = None,
) -> ExtendedRequest:
    """The request for one turn (for `send` and `stream`), checked before it is sent by the
    models the service parses with: a bad `meta`, `session_state` or extension raises
    EstelServiceError (kind bad_input) in the service's words. Without extensions it is
    exactly the seed's request."""
    context: dict[str, Any] = {"context": "interview_session", "meta": _meta(meta),
                               "session_state": None if session_state is None
                               else _state(session_state)}
    for name, value in (("length", length), ("profile", profile), ("answer", answer)):
        if value is not None:  # omitted, never null: the wire refuses an explicit null
            context[name] = dict(value) if isinstance(value, Mapping) else value
    try:
        return ExtendedRequest.model_validate(
            {"message": message, "language": language, "context": context})
    except ValidationError as error:
        raise EstelServiceError(describe_validation_error(error),
                                kind=ErrorKind.BAD_INPUT) from None


def _meta(meta: MetaLike) -> InterviewMeta:
    return meta if isinstance(meta, InterviewMeta) else _local(InterviewMeta, meta)


def _state(state: StateLike) -> InterviewSessionState:
    if isinstance(state, InterviewSessionState):
        return state
    return _local(InterviewSessionState, state)


def _local(model: Any, data: Mapping[str, Any]) -> Any:
    """Validate before sending: a malformed argument is the caller's bug, said plainly."""
    try:
        return model.model_validate(dict(data))
    except ValidationError as error:
        first = error.errors(include_url=False, include_input=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise EstelServiceError(f"Invalid {model.__name__}: {where}: {first['msg']}.",
                                kind=ErrorKind.BAD_INPUT) from None
