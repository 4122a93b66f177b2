"""Every request example in the OpenAPI schema is accepted by the service itself (issue 14:
the 'answer_turn' example carried a session_state no store had seen, so a service that keeps
sessions refused it, 409; schemathesis reported it as ST202)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from estel.brains.offline.brain import OfflineBrain


def _examples(app) -> dict:
    body = app.openapi()["paths"]["/v1/brain"]["post"]["requestBody"]
    return body["content"]["application/json"]["examples"]


@pytest.mark.parametrize("token", [None, "s3cret"])
def test_every_documented_example_runs_a_turn(app_with, token):
    app = app_with(brain=OfflineBrain(), api_token=token)
    examples = _examples(app)
    assert examples
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with TestClient(app) as client:
        for name, example in examples.items():
            response = client.post("/v1/brain", json=example["value"], headers=headers)
            assert response.status_code == 200, (name, response.json())
            assert response.json()["status"] == "success"


def test_the_request_body_says_how_to_answer(app_with):
    body = app_with().openapi()["paths"]["/v1/brain"]["post"]["requestBody"]
    assert "session_state" in body["description"]
    assert "Estel-Session" in body["description"]
