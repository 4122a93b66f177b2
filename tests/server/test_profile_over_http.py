"""`context.profile` over HTTP with server-kept sessions: read on the first turn, kept in the
session's row (the résumé text is not: the wire has no consent for it), used on later turns
that omit it; a different profile sent later is ignored and the envelope says so."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
from wire_requests import interview_request, post_turn

from estel.brains.offline.brain import OfflineBrain
from estel.engine import Engine
from estel.handler import handle_request
from estel.server.app import SESSION_HEADER
from estel.server.service import PROFILE_KEPT
from estel.store.sqlite import SQLiteStore

JD = ("Data Analyst, Growth team. You will write SQL with window functions, build Tableau "
      "dashboards, run cohort and funnel analyses and design A/B tests.")
RESUME = ("- Built 12 Tableau dashboards used by 40 regional managers every Monday.\n"
          "- Led the migration of our reporting from Excel to dbt in 2023.")
META = {"target_role": "Data Analyst", "experience_level": "Mid-level",
        "difficulty": "standard", "questions_target": 8}
ANSWER = ("I wrote SQL with window functions every day and built Tableau dashboards; one cut "
          "the weekly report from two days to two hours, measured over a quarter.")
# a candidate gives a different answer to each question (a repeated one is judged as such)
ANSWERS = (
    "I moved from finance into analytics because I like finding out why numbers move.",
    "I built 12 Tableau dashboards for regional managers; I interviewed four of them first, "
    "cut the pages to the three decisions they make weekly, and usage doubled in a month.",
    "When requests piled up I ranked them by the decision each one fed, agreed the order with "
    "my manager and published the queue, so nobody chased me and the urgent work shipped first.",
    "My churn analysis showed annual-plan customers stayed twice as long, so sales changed the "
    "default offer; renewals rose 8% the next quarter.",
    "I would build monthly signup cohorts in SQL with a window function over the first payment "
    "date, plot the retention curve per cohort and leave the newest, incomplete cohorts out.",
    "I would check the join keys first: a one-to-many join to the orders table duplicates rows, "
    "so I count rows before and after, and aggregate orders before joining.",
    "I would compare the funnel step by step against last week, split by platform and release, "
    "and check the tracking events before calling it a real drop.",
    "I would ask how analysts and product managers share metric definitions here.",
)
body = partial(interview_request, meta=META)  # this file's interview, one turn's request
post = post_turn


@pytest.fixture
def live(tmp_path, serve_sqlite) -> Iterator[tuple[str, SQLiteStore]]:
    with serve_sqlite(tmp_path / "estel.db", OfflineBrain()) as service:
        yield service


def stateless_questions(profile: dict[str, Any]) -> list[str]:
    engine, asked = Engine(OfflineBrain()), []
    envelope = handle_request(body(profile=profile), engine)
    for answer in ANSWERS[:7]:
        state = envelope["payload"]["session_state"]
        envelope = handle_request(body(answer, state, profile=profile), engine)
        asked.append(envelope["payload"]["payload"]["question"])
    return asked


def test_the_profile_is_kept_with_the_session_and_used_when_later_turns_omit_it(live):
    url, store = live
    first = post(url, body(profile={"job_description": JD, "resume_text": RESUME}))
    assert first.status_code == 200, first.text
    session = first.headers[SESSION_HEADER]
    kept = store.get(session).extensions.profile
    assert {"SQL", "window functions", "Tableau dashboards", "cohort", "funnel"} <= set(
        kept.requirements)  # in the JD's own spelling
    assert kept.resume_items[0].startswith("you built 12 Tableau dashboards")
    assert kept.resume_text is None  # no consent on the wire: the résumé text is not stored
    assert kept.job_description == JD

    state = first.json()["payload"]["session_state"]
    questions = []
    for answer in ANSWERS[:7]:  # every later turn omits the profile: the kept one is used
        reply = post(url, body(answer, state), session)
        assert reply.status_code == 200, reply.text
        envelope = reply.json()
        assert "message" not in envelope
        questions.append(envelope["payload"]["payload"])
        state = envelope["payload"]["session_state"]
    assert questions[0]["question"].count("Your résumé says you built 12 Tableau dashboards")
    # the same questions as a stateless run that sends the profile on every turn: the kept
    # profile is what steered them
    assert [q["question"] for q in questions] == stateless_questions(
        {"job_description": JD, "resume_text": RESUME})
    assert any(term in (q["question"] + q["topic"]).lower() for q in questions
               if q["phase"] == "technical" for term in kept.requirements)
    final = post(url, body(ANSWERS[7], state), session)
    assert final.json()["payload"]["payload"]["kind"] == "feedback"
    assert store.get(session).extensions.profile == kept  # completed row keeps it


def test_a_different_profile_on_a_later_turn_is_ignored_and_said_so(live):
    url, store = live
    profile = {"job_description": JD}
    first = post(url, body(profile=profile))
    session = first.headers[SESSION_HEADER]
    state = first.json()["payload"]["session_state"]
    same = post(url, body(ANSWER, state, profile=profile), session)  # resent as is: silently fine
    assert same.status_code == 200
    assert "message" not in same.json()
    state = same.json()["payload"]["session_state"]
    other = post(url, body(ANSWER, state, profile={"job_description": "Nurse, NHS ward."}),
                 session)
    assert other.status_code == 200
    assert other.json()["message"] == PROFILE_KEPT
    assert store.get(session).extensions.profile.job_description == JD


def test_a_seed_request_keeps_no_extensions(live):
    url, store = live
    first = post(url, body())
    assert first.status_code == 200
    assert store.get(first.headers[SESSION_HEADER]).extensions is None


def test_an_oversized_profile_is_a_400_with_the_limit(live):
    url, _ = live
    reply = post(url, body(profile={"resume_text": "x" * 30_001}))
    assert reply.status_code == 400
    assert "context.profile.resume_text: String should have at most 30000 characters" in \
        reply.json()["message"]
