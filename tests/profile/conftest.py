"""Fixtures for the candidate-profile tests (issue 16): a JD, a résumé, requests carrying them."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from wire_requests import interview_request

JD = ("Data Analyst, Growth team. You will write SQL with window functions against our "
      "warehouse, build Tableau dashboards for the sales leadership, run cohort and funnel "
      "analyses, design A/B tests and present insights to stakeholders every week.")
RESUME = """Sam Rivera, Data Analyst
Experience
- Built 12 Tableau dashboards used by 40 regional managers every Monday.
- Led the migration of our reporting from Excel to dbt and Snowflake in 2023.
- Responsible for weekly reporting.
Skills: SQL, Python, Tableau"""
META: dict[str, Any] = {"target_role": "Data Analyst", "experience_level": "Mid-level",
                        "difficulty": "standard", "questions_target": 8}


def make_request(message: str = "", state: dict[str, Any] | None = None,
                 profile: dict[str, Any] | None = None,
                 meta: dict[str, Any] | None = None,
                 answer: dict[str, Any] | None = None) -> dict[str, Any]:
    """A request; with `profile` (`answer`) it carries `context.profile` (`context.answer`),
    else it is the seed's shape."""
    return interview_request(message, state, meta=meta or META, profile=profile,
                             answer=answer)


@pytest.fixture(scope="session")
def request_with():
    return make_request


@pytest.fixture(scope="session")
def jd() -> str:
    return JD


@pytest.fixture(scope="session")
def resume() -> str:
    return RESUME


@pytest.fixture(scope="session")
def meta_dict() -> dict[str, Any]:
    return copy.deepcopy(META)
