"""estel.client: typed errors for error envelopes, junk answers, timeouts and dead services."""

from __future__ import annotations

import socket

import httpx
import pytest

from estel.brains.scripted import ScriptedBrain
from estel.client import EstelClient, EstelServiceError
from estel.errors import ErrorKind, EstelError


def mock_client(handler) -> EstelClient:
    http = httpx.Client(base_url="http://estel.test", transport=httpx.MockTransport(handler))
    return EstelClient(http_client=http)


def test_error_envelope_raises_with_envelope_status_code_and_kind(app_with, serve, seed_meta):
    brain = ScriptedBrain([RuntimeError("boom")])
    with (serve(app_with(brain=brain)) as url, EstelClient(url) as estel,
          pytest.raises(EstelServiceError) as caught):
        estel.start_interview_session(seed_meta)
    error = caught.value
    assert isinstance(error, EstelError)
    assert error.status_code == 500
    assert error.kind == ErrorKind.BRAIN_FAILURE
    assert error.envelope is not None
    assert error.envelope.status == "error"
    assert error.message == "Interview session failed. Please try again."


def test_bad_input_is_a_client_side_error(base_url, seed_meta):
    state = EstelClient(base_url).start_interview_session(seed_meta).payload.session_state
    with EstelClient(base_url) as estel, pytest.raises(EstelServiceError) as caught:
        estel.submit_interview_answer("   ", state)  # an empty answer is refused
    assert caught.value.status_code == 400
    assert caught.value.kind == ErrorKind.BAD_INPUT


def test_token_is_sent_as_bearer(app_with, serve, seed_meta):
    with serve(app_with(api_token="t0ken")) as url:
        assert EstelClient(url, token="t0ken").start_interview_session(seed_meta).status == (
            "success")
        with pytest.raises(EstelServiceError) as caught:
            EstelClient(url, token="nope").start_interview_session(seed_meta)
    assert caught.value.status_code == 401


def test_429_carries_retry_after(app_with, serve, seed_meta):
    with serve(app_with(rate_limit_per_minute=1)) as url, EstelClient(url) as estel:
        estel.start_interview_session(seed_meta)
        with pytest.raises(EstelServiceError) as caught:
            estel.start_interview_session(seed_meta)
    assert caught.value.status_code == 429
    assert caught.value.retry_after is not None
    assert caught.value.retry_after >= 1


def test_a_non_envelope_answer_raises_naming_the_status(seed_meta):
    estel = mock_client(lambda request: httpx.Response(502, text="<html>Bad Gateway</html>"))
    with pytest.raises(EstelServiceError, match="not an envelope") as caught:
        estel.start_interview_session(seed_meta)
    assert caught.value.status_code == 502
    assert caught.value.envelope is None


def test_a_timeout_raises_a_service_error(seed_meta):
    def slow(request):
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(EstelServiceError, match="did not answer in time") as caught:
        mock_client(slow).start_interview_session(seed_meta)
    assert caught.value.status_code is None
    assert isinstance(caught.value.__cause__, httpx.TimeoutException)


def test_an_unreachable_service_raises_a_service_error(seed_meta):
    with socket.socket() as sock:  # a port nobody listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(EstelServiceError, match="Could not reach"):
        EstelClient(f"http://127.0.0.1:{port}", timeout=2).start_interview_session(seed_meta)


def test_the_request_sent_is_the_seed_shape(seed_meta, request_for):
    sent = []

    def capture(request):
        sent.append(request)
        return httpx.Response(500, json={"brain": "estel", "mode": "interview_session",
                                         "status": "error", "message": "x"})

    with pytest.raises(EstelServiceError):
        mock_client(capture).start_interview_session(seed_meta)
    import json

    assert sent[0].url.path == "/v1/brain"
    assert json.loads(sent[0].content) == request_for()


def test_invalid_meta_is_refused_before_sending(seed_meta):
    def never(request):
        raise AssertionError("nothing should be sent")

    with pytest.raises(EstelServiceError, match="InterviewMeta") as caught:
        mock_client(never).start_interview_session({**seed_meta, "difficulty": "brutal"})
    assert caught.value.kind == ErrorKind.BAD_INPUT


def test_the_client_binds_answers_to_its_session_and_fetches_a_lost_state(tmp_path, serve,
                                                                           seed_meta):
    from estel.config import load_settings
    from estel.engine import Engine
    from estel.server import create_app
    from estel.store.sqlite import SQLiteStore

    app = create_app(load_settings(environ={}), Engine(ScriptedBrain()),
                     SQLiteStore(tmp_path / "estel.db"))
    with serve(app) as url, EstelClient(url) as estel:
        first = estel.start_interview_session(seed_meta)
        mine = estel.session_id
        second = estel.submit_interview_answer("An answer.", first.payload.session_state,
                                               session_id=mine)
        assert estel.get_session(mine).payload == second.payload
        other = estel.start_interview_session(seed_meta)
        with pytest.raises(EstelServiceError) as refused:  # another interview's state
            estel.submit_interview_answer("x", second.payload.session_state,
                                          session_id=estel.session_id)
        assert refused.value.status_code == 409
        assert refused.value.kind == ErrorKind.STATE_MISMATCH
        assert other.payload.session_state.question_index == 1
