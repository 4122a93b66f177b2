"""Schemathesis against the app's own OpenAPI schema, over real HTTP, with the offline brain.

Positive and negative cases (bounded): every answer conforms to the documented status codes,
content type and response schemas; every /v1/brain answer is an envelope; no 5xx except the
documented brain-failure 500 (an error envelope); no unhandled error is logged and the offline
brain itself never raised.
"""

from __future__ import annotations

import logging

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CheckContext
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from estel.brains.offline.brain import OfflineBrain
from estel.contract import EstelInterviewEnvelope


class WatchedBrain:
    """The offline brain, noting any exception: the engine turns those into the documented 500,
    but the offline brain has no reason to fail, so one here is a bug the fuzzing found."""

    name = "offline"
    label = "Offline (watched)"

    def __init__(self) -> None:
        self.inner = OfflineBrain()
        self.failures: list[str] = []

    def turn(self, ctx):
        try:
            return self.inner.turn(ctx)
        except Exception as error:
            self.failures.append(repr(error))
            raise


@pytest.fixture(scope="module")
def brain():
    return WatchedBrain()


@pytest.fixture(scope="module")
def live_url(app_with, serve, brain):
    with serve(app_with(brain=brain, rate_limit_per_minute=1_000_000)) as url:
        yield url


@pytest.fixture(scope="module")
def api_schema(live_url):
    return schemathesis.openapi.from_url(f"{live_url}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schemathesis.check
def envelope_and_no_unexpected_5xx(ctx: CheckContext, response, case) -> bool | None:
    """/v1/brain always answers an envelope; a 5xx is only the brain-failure 500 envelope."""
    if case.method.upper() == "HEAD":  # no body by definition
        assert response.content == b""
        return None
    if case.path == "/v1/brain" or response.status_code >= 500:
        envelope = EstelInterviewEnvelope.model_validate_json(response.content)
        assert (envelope.status == "success") == (response.status_code == 200), envelope
    assert response.status_code < 500 or response.status_code == 500, response.status_code
    return None


class ServerErrors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def server_errors():
    handler = ServerErrors()
    for name in ("estel", "uvicorn.error"):
        logging.getLogger(name).addHandler(handler)
    yield handler
    for name in ("estel", "uvicorn.error"):
        logging.getLogger(name).removeHandler(handler)


@schema.parametrize()
@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_own_schema(case, live_url, server_errors, brain):
    response = case.call(base_url=live_url, timeout=10)
    case.validate_response(response, checks=[
        status_code_conformance, content_type_conformance, response_schema_conformance,
        negative_data_rejection, unsupported_method, envelope_and_no_unexpected_5xx,
    ])
    assert not server_errors.records, [r.getMessage() for r in server_errors.records]
    assert not brain.failures
