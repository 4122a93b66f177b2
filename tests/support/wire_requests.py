"""Interview requests as a client puts them on the wire, written out by hand (not built by
estel's own models, so a test of the parser or the service checks them against an independent
copy), and a POST of one to a running service.

    interview_request("", None, meta=META, length={"mode": "adaptive", "min_questions": 5})

An extension left as None is left out of `context` (the wire refuses an explicit null), so
without extensions the request is exactly the seed's locked shape.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import httpx

SESSION_HEADER = "Estel-Session"  # estel.server.app.SESSION_HEADER, spelled out as a client would


def interview_request(
    message: str = "", state: Mapping[str, Any] | None = None, *, meta: Mapping[str, Any],
    length: Any = None, profile: Any = None, answer: Any = None, language: str = "en",
    mode: str = "interview_session",
) -> dict[str, Any]:
    """The request for one turn: `state` None is the first turn (message "" by the seed's
    rule); `length` / `profile` / `answer` are the optional `context` extensions, as given (a
    test may pass a malformed one on purpose)."""
    context: dict[str, Any] = {"context": mode, "meta": copy.deepcopy(dict(meta)),
                               "session_state": copy.deepcopy(state)}
    if length is not None:
        context["length"] = copy.deepcopy(length)
    if profile is not None:
        context["profile"] = copy.deepcopy(profile)
    if answer is not None:
        context["answer"] = copy.deepcopy(answer)
    return {"message": message, "language": language, "context": context}


def post_turn(url: str, body: Mapping[str, Any], session: str | None = None,
              timeout: float = 30) -> httpx.Response:
    """POST /v1/brain on the service at `url`, bound to `session` (Estel-Session) if given."""
    headers = {SESSION_HEADER: session} if session else {}
    return httpx.post(f"{url}/v1/brain", json=dict(body), headers=headers, timeout=timeout)
