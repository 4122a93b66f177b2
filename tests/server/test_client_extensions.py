"""estel.client with the optional `context` extensions, against the real HTTP service: `length`
(adaptive length) and `profile` (job description and résumé) are sent as the wire spells them,
kept by the service with the interview, checked before sending by the models the service parses
with (refused in the service's own words), and usable with `stream` through
`interview_request`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from wire_requests import interview_request as wire_request
from wire_requests import post_turn

from estel.brains.offline.brain import OfflineBrain
from estel.client import EstelClient, EstelServiceError, interview_request
from estel.contract import AdaptiveLength, InterviewMeta
from estel.engine import Engine
from estel.errors import ErrorKind
from estel.extensions import AnswerExtension, ProfileExtension
from estel.server.service import PROFILE_KEPT
from estel.store.sqlite import SQLiteStore

# fresh inputs, written for these tests
META = {"target_role": "Site Reliability Engineer", "experience_level": "Senior",
        "difficulty": "standard", "questions_target": 10}
STEADY = ("During a regional outage I paged the database team, failed traffic over to the "
          "second region within eight minutes, then wrote the post-mortem: the runbook step "
          "that had drifted was rewritten and tested in the next game day, and our recovery "
          "time objective has held since across three more drills.")
JD = ("Senior SRE, payments platform. You will run Kubernetes clusters with Terraform, own "
      "Prometheus alerting and SLOs, and lead incident response and post-mortems.")
RESUME = ("- Cut paging noise by 70% by rewriting 140 Prometheus alerts around SLO burn rates.\n"
          "- Moved 30 services from hand-built VMs to Kubernetes with Terraform modules.")


@pytest.fixture
def offline(tmp_path, serve_sqlite) -> Iterator[tuple[str, SQLiteStore]]:
    with serve_sqlite(tmp_path / "estel.db", OfflineBrain()) as service:
        yield service


def capturing_client(sent: list[httpx.Request]) -> EstelClient:
    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500, json={"brain": "estel", "mode": "interview_session",
                                         "status": "error", "message": "x"})

    http = httpx.Client(base_url="http://estel.test", transport=httpx.MockTransport(answer))
    return EstelClient(http_client=http)


@pytest.mark.parametrize("as_model", [False, True])
def test_adaptive_length_is_kept_by_the_service_and_ends_the_interview_early(live,
                                                                             as_model):
    url, store = live
    length: Any = {"mode": "adaptive", "min_questions": 6}
    if as_model:
        length = AdaptiveLength(mode="adaptive", min_questions=6)
    with EstelClient(url) as estel:
        envelope = estel.start_interview_session(META, length=length)
        session = estel.session_id
        totals = [envelope.payload.session_state.total_questions]
        while envelope.payload.payload.kind == "question":  # later turns leave it out
            envelope = estel.submit_interview_answer(STEADY, envelope.payload.session_state,
                                                     session_id=session)
            totals.append(envelope.payload.session_state.total_questions)
    row = store.get(session)
    assert (row.status, row.min_questions, row.total_questions) == ("completed", 6, 6)
    assert totals == [10] * 5 + [6, 6]  # the wrap-up is question 6: from then on N is 6


def test_a_changed_length_on_a_later_turn_is_a_409_and_the_same_one_is_fine(live):
    url, store = live
    with EstelClient(url) as estel:
        first = estel.start_interview_session(META, length={"mode": "adaptive",
                                                            "min_questions": 6})
        state, session = first.payload.session_state, estel.session_id
        with pytest.raises(EstelServiceError) as refused:
            estel.submit_interview_answer(STEADY, state, session_id=session,
                                          length={"mode": "adaptive", "min_questions": 8})
        assert refused.value.status_code == 409
        assert refused.value.kind == ErrorKind.STATE_MISMATCH
        assert "length was set when it started" in refused.value.message
        again = estel.submit_interview_answer(STEADY, state, session_id=session,
                                              length={"mode": "adaptive", "min_questions": 6})
    assert again.payload.session_state.question_index == 2
    assert store.get(session).min_questions == 6


def test_the_profile_is_kept_with_the_session_and_steers_the_questions(offline):
    url, store = offline
    with EstelClient(url) as estel:
        envelope = estel.start_interview_session(
            META, profile={"job_description": JD, "resume_text": RESUME})
        session = estel.session_id
        asked = []
        for number in range(1, 4):  # later turns leave the profile out: the kept one is used
            envelope = estel.submit_interview_answer(
                f"{STEADY} (answer {number})", envelope.payload.session_state,
                session_id=session)
            asked.append(envelope.payload.payload.question)
        assert envelope.message is None
    kept = store.get(session).extensions.profile
    read, _ = Engine(OfflineBrain()).read_profile(
        ProfileExtension(job_description=JD, resume_text=RESUME), InterviewMeta(**META))
    assert kept.requirements == read.requirements  # what the client sent is what was read
    named = " ".join(kept.requirements).lower()  # in the JD's spelling ("Kubernetes clusters")
    assert "kubernetes" in named
    assert "terraform" in named
    assert kept.job_description == JD
    assert kept.resume_text is None  # no consent on the wire: the résumé text is not kept
    assert any("Your résumé says you" in question for question in asked)


def test_a_different_profile_later_is_ignored_and_the_envelope_says_so(offline):
    url, store = offline
    with EstelClient(url) as estel:
        first = estel.start_interview_session(META, profile=ProfileExtension(job_description=JD))
        other = estel.submit_interview_answer(
            STEADY, first.payload.session_state, session_id=estel.session_id,
            profile={"job_description": "Pastry chef, hotel kitchen."})
    assert other.message == PROFILE_KEPT
    assert store.get(estel.session_id).extensions.profile.job_description == JD


def test_the_wire_is_exactly_the_extended_request_a_client_would_write(seed_meta):
    sent: list[httpx.Request] = []
    length = {"mode": "adaptive", "min_questions": 5}
    profile = {"job_description": JD}
    with pytest.raises(EstelServiceError):
        capturing_client(sent).start_interview_session(seed_meta, length=length,
                                                       profile=profile)
    with pytest.raises(EstelServiceError):
        capturing_client(sent).start_interview_session(seed_meta)  # no extensions: the seed's
    assert [json.loads(r.content) for r in sent] == [
        wire_request(meta=seed_meta, length=length, profile=profile),
        wire_request(meta=seed_meta)]


@pytest.mark.parametrize(("extensions", "questions_target"), [
    ({"length": {"mode": "adaptive", "min_questions": 9}}, 8),
    ({"length": {"mode": "adaptive", "min_questions": 3}}, 8),
    ({"length": {"mode": "adaptive", "min_questions": "5"}}, 8),
    ({"length": {"min_questions": 5}}, 8),
    ({"profile": {"resume_text": "x" * 30_001}}, 8),
    ({"profile": {"job_description": "SQL", "cover_letter": "Dear team"}}, 8),
])
def test_a_bad_extension_is_refused_before_sending_in_the_services_words(
        live, extensions, questions_target):
    url, store = live
    meta = {**META, "questions_target": questions_target}
    sent: list[httpx.Request] = []
    with pytest.raises(EstelServiceError) as refused:
        capturing_client(sent).start_interview_session(meta, **extensions)
    assert sent == []
    assert refused.value.kind == ErrorKind.BAD_INPUT
    # the same request written by hand and sent anyway: the service says the same
    reply = post_turn(url, wire_request(meta=meta, **extensions))
    assert reply.status_code == 400
    assert refused.value.message == reply.json()["message"]
    assert store.count() == 0


def test_stream_takes_an_extended_request(live):
    url, store = live
    words: list[str] = []
    request = interview_request("", META, length={"mode": "adaptive", "min_questions": 7},
                                profile={"job_description": JD})
    with EstelClient(url) as estel:
        envelope = estel.stream(request, words.append)
    assert "".join(words) == envelope.payload.payload.question
    row = store.get(estel.session_id)
    assert row.min_questions == 7
    assert row.extensions.profile.job_description == JD



@pytest.mark.parametrize("as_model", [False, True])
def test_how_an_answer_was_given_rides_with_it_and_is_kept(offline, as_model):
    url, store = offline
    given: Any = {"seconds": 75, "limit_seconds": 90,
                  "spoken": {"recording_seconds": 60, "speaking_seconds": 50}}
    if as_model:
        given = AnswerExtension.model_validate(given)
    with EstelClient(url) as estel:
        first = estel.start_interview_session(META)
        estel.submit_interview_answer(STEADY, first.payload.session_state,
                                      session_id=estel.session_id, answer_facts=given)
        session = estel.session_id
    [entry] = [e for e in store.get(session).transcript if e.answer]
    assert (entry.answer_seconds, entry.answer_limit_seconds) == (75, 90)
    assert entry.spoken.words == len(STEADY.split())
    assert entry.spoken.words_per_minute == round(len(STEADY.split()) * 60 / 50)


def test_a_bad_answer_description_is_refused_before_sending():
    state = Engine(OfflineBrain()).start(InterviewMeta.model_validate(META)).state
    sent: list[httpx.Request] = []
    with pytest.raises(EstelServiceError) as refused:
        capturing_client(sent).submit_interview_answer("x", state, answer_facts={"seconds": -2})
    assert "context.answer.seconds: Input should be greater than or equal to 0" in (
        refused.value.message)
    assert sent == []
