"""Rubric-anchored scoring: explained beats named, red flags cost, bluffing never pays.

The candidate answers below are written as a hiring manager would judge them: a plain, correct,
shorter answer against a long, fluent, confident one that is wrong (a false technical claim, or a
story that never answers the question). The questions and their rubrics live in a small
test-only bank (tests/offline/data/rubric_bank.json) so the shipped catalogue can change freely.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from estel.analysis.answer import analyse_answer
from estel.analysis.bluff import bluff_markers, is_bluff_sentence
from estel.analysis.rubric import NAMED_CREDIT, coverage
from estel.analysis.scores import COMMUNICATION_LEAD
from estel.brains.offline.bank import BankQuestion, RoleFamily, TalkingPoint

BANK = RoleFamily.model_validate(json.loads(
    (Path(__file__).parent / "data" / "rubric_bank.json").read_text(encoding="utf-8")))
QUESTIONS = {q.id: q for q in BANK.questions}

CORRECT = {
    "rt-tech-cache": (
        "First I'd measure where the two seconds go: look at the query plan with EXPLAIN and at "
        "p95 latency, so I fix the real bottleneck. If the query does a full table scan, I'd add "
        "an index on the columns in the WHERE clause. Since the result is the same for every "
        "request, I'd also cache it in Redis with a short TTL, say 60 seconds, and invalidate it "
        "when the product changes, so nobody sees a stale price. Then I'd compare p95 before and "
        "after and keep an alert on it."
    ),
    "rt-tech-abtest": (
        "I'd tell them it's too early to ship. A 0.3 point lift after three days could easily be "
        "chance at this sample size, so I'd check the p-value against the sample size we planned "
        "for. Three days also misses a full weekly cycle, and weekend shoppers behave "
        "differently, and a new button can get a novelty bump. I'd also look at revenue per "
        "visitor and refunds as guardrails. My recommendation is to wait until we reach the "
        "planned sample, about two weeks, and ship then if the lift holds."
    ),
    "rt-beh-disagree": (
        "Last year a colleague and I disagreed about whether to rewrite our import script or "
        "patch it. I wanted to patch it because the release was two weeks away; he argued the "
        "rewrite would save time later. I asked him to list what the rewrite fixed, and we tested "
        "his main concern on a copy of last month's data. It showed one real bug, so we patched "
        "that now and scheduled the rewrite for the next sprint. We shipped on time and the "
        "rewrite went in a month later. I learned to test the other person's concern before "
        "arguing about it."
    ),
}
FLUENT_WRONG = {
    "rt-tech-cache": (
        "Great question, performance is something I'm really passionate about. In my experience "
        "the best approach is to leverage a modern, cloud-native caching layer, because caching "
        "is a game-changer: once the data is in the cache it's always up to date, so you never "
        "need to worry about invalidation. I would put a cache in front of everything and also "
        "add an index on every column, since indexes are basically free and make every query "
        "faster. If that's still not enough, you simply add more servers, because the cloud "
        "scales infinitely. This approach guarantees sub-millisecond responses for 100% of users. "
        "I've used this exact strategy at several companies and it has always delivered "
        "outstanding results for the business, and the stakeholders were thrilled with the "
        "transformation."
    ),
    "rt-tech-abtest": (
        "Honestly, I'd tell the product manager to go ahead and ship it today. The numbers don't "
        "lie: conversion went up, so the new button clearly works, and in a fast-moving business "
        "speed beats perfection every time. I'm a big believer in being data-driven and moving "
        "fast, and waiting for more data is just analysis paralysis. With that much traffic, "
        "correlation is as good as causation, so we can be confident the button caused the lift. "
        "In my last role I shipped dozens of experiments this way and every one of them was a "
        "success, and leadership loved the velocity we brought to the organisation."
    ),
    "rt-beh-disagree": (
        "Honestly, I don't really have disagreements, because I build such strong relationships "
        "that everyone is aligned from day one. At my last company I was known as the glue of the "
        "team: I brought people together, created a culture of trust and transparency, and our "
        "team became the highest-performing team in the organisation. Leadership recognised my "
        "collaborative mindset, and I was asked to share my approach with other departments. I "
        "think that's the real lesson: when you lead with empathy and vision, conflicts simply "
        "never happen, and the results speak for themselves."
    ),
}
# Names every talking point, says nothing about any of them: the name-dropper.
NAME_DROPPER = (
    "To speed it up I would look at caching, indexing and monitoring. Caching is really important "
    "for performance, and a good index helps the database a lot. Monitoring is also key, and I "
    "would make sure to profile things and check the query. Performance work is about using the "
    "right tools, and Redis is a great tool for this kind of thing. Overall I'd make it faster "
    "and more scalable while keeping it reliable for the users."
)


def _analyse(question: BankQuestion, answer: str, *, rubric: bool = True):
    points = question.talking_points if rubric else tuple(
        p.model_copy(update={"evidence": ()}) for p in question.talking_points)
    return analyse_answer(answer, question.question, phase=question.phase,
                          talking_points=points, role_terms=BANK.role_terms,
                          topic=question.topic, red_flags=question.red_flags if rubric else ())


@pytest.mark.parametrize("qid", sorted(CORRECT))
def test_plain_correct_beats_fluent_wrong_by_a_clear_margin(qid):
    question = QUESTIONS[qid]
    correct, wrong = _analyse(question, CORRECT[qid]), _analyse(question, FLUENT_WRONG[qid])
    assert wrong.words > correct.words * 0.9  # the wrong one is at least as long
    assert correct.overall >= wrong.overall + 2.0, (correct, wrong)
    assert correct.content >= wrong.content + 3.0
    assert wrong.content <= 3.0


@pytest.mark.parametrize("qid", sorted(CORRECT))
def test_without_a_rubric_correct_still_beats_fluent_wrong(qid):
    """Older bank entries have no evidence words or red flags: generic bluff markers still bite."""
    question = QUESTIONS[qid]
    correct = _analyse(question, CORRECT[qid], rubric=False)
    wrong = _analyse(question, FLUENT_WRONG[qid], rubric=False)
    assert correct.overall >= wrong.overall + 1.0, (correct, wrong)


@pytest.mark.parametrize("qid", ["rt-tech-cache", "rt-tech-abtest"])
def test_wrong_technical_claims_are_recorded_with_their_correction(qid):
    question = QUESTIONS[qid]
    wrong = _analyse(question, FLUENT_WRONG[qid])
    assert wrong.red_flags
    assert set(wrong.red_flags) <= {flag.claim for flag in question.red_flags}
    assert len(wrong.corrections) == len(wrong.red_flags)
    assert not _analyse(question, CORRECT[qid]).red_flags


def test_a_story_that_never_answers_earns_almost_no_content():
    question = QUESTIONS["rt-beh-disagree"]
    story = _analyse(question, FLUENT_WRONG["rt-beh-disagree"])
    assert story.red_flags == ("Claims never to disagree with anyone",)
    assert story.content <= 2.0
    # polished, but overclaiming: its delivery may not lead what it says by more than the cap
    assert story.communication <= story.content + COMMUNICATION_LEAD


def test_overclaiming_caps_communication_but_a_plain_miss_keeps_it():
    """A fluent wrong answer no longer wins overall on communication; plain answers are spared."""
    question = QUESTIONS["rt-beh-disagree"]
    story = _analyse(question, FLUENT_WRONG["rt-beh-disagree"])
    plain = _analyse(question, "We disagreed about the release date. I listened, we met in the "
                               "middle and shipped a week later with fewer bugs.")
    assert story.overall < plain.overall
    assert not plain.red_flags
    assert not plain.absolutes


def test_naming_every_point_earns_far_less_than_explaining_them():
    question = QUESTIONS["rt-tech-cache"]
    dropped = _analyse(question, NAME_DROPPER)
    correct = _analyse(question, CORRECT["rt-tech-cache"])
    assert dropped.points_hit == ()  # named, never explained
    assert len(dropped.points_named) >= 3
    assert len(correct.points_hit) == 4
    assert correct.content >= dropped.content + 2.5


def test_named_point_earns_a_little_explained_point_earns_it_all():
    point = TalkingPoint(point="Cache with expiry", keywords=("cach",),
                         evidence=("ttl", "invalidat"))
    named = coverage("Caching is important here.", [point])
    explained = coverage("We'd keep a cache with a short TTL.", [point])
    missed = coverage("We'd rewrite it.", [point])
    assert (named.named, named.credit) == (("Cache with expiry",), NAMED_CREDIT)
    assert (explained.explained, explained.credit) == (("Cache with expiry",), 1.0)
    assert (missed.missed, missed.credit) == (("Cache with expiry",), 0.0)


def test_without_evidence_words_a_reason_step_number_or_action_explains():
    point = TalkingPoint(point="Indexing", keywords=("index",))
    assert coverage("An index matters.", [point]).named
    for said in ("I'd add an index because the query scans every row.",
                 "First I'd add an index on the filter column.",
                 "The index cut the query from 2 s to 40 ms.",
                 "I added the index on customer_id."):
        assert coverage(said, [point]).explained, said


def test_an_overclaiming_sentence_explains_nothing():
    point = TalkingPoint(point="Caching", keywords=("cach",), evidence=("ttl",))
    claim = "Our cache with a TTL guarantees 100% uptime and never fails."
    assert is_bluff_sentence(claim)
    assert coverage(claim, [point]).named == ("Caching",)


@pytest.mark.parametrize("phrase", [
    "guarantees 100% uptime", "it never fails", "always the best option", "zero risk",
    "scales infinitely", "eliminates all the bugs", "there are no trade-offs at all",
])
def test_absolutes_are_recognised(phrase):
    assert bluff_markers(f"This approach {phrase}.").absolutes


@pytest.mark.parametrize("plain", [
    "We never deploy on Fridays.", "I always write a test first.",
    "The trade-off is speed against cost.", "It cut errors by 100 a week.",
])
def test_ordinary_statements_are_not_absolutes(plain):
    assert not bluff_markers(plain).absolutes


def test_numbers_inside_an_absolute_are_not_measured_results():
    assert _analyse(QUESTIONS["rt-tech-cache"], "It guarantees 100% uptime.").numbers == 0


def test_jargon_without_substance_costs_content_and_clarity():
    question = QUESTIONS["rt-tech-cache"]
    plain = ("I'd look at the query first, then cache the result and check that the page gets "
             "faster for the users who complained about it.")
    jargon = ("I'd leverage a cutting-edge, cloud-native, best-in-class caching paradigm to "
              "unlock synergies and supercharge the page for the users who complained about it.")
    a, b = _analyse(question, plain), _analyse(question, jargon)
    assert b.content < a.content
    assert b.communication < a.communication


def test_fluency_and_confidence_never_lift_content():
    question = QUESTIONS["rt-tech-cache"]
    base = ("I'd look at the query plan first, and add an index on the filtered column. I'd "
            "also cache the result with a TTL of a minute so the page stays fresh enough, and "
            "I'd compare the p95 latency before and after the change on the dashboard, and "
            "watch it for a week to be sure it held under the Monday morning traffic peak "
            "from the newsletter.")
    confident = base + " I'm confident in this plan, I made the call and I own it."
    disfluent = base.replace("I'd also", "Um, I'd, like, also").replace("and I'd", "and, um, I'd")
    plain, sure, halting = (_analyse(question, t) for t in (base, confident, disfluent))
    assert plain.words >= 65  # inside the band: length is not at play
    assert sure.confidence > plain.confidence
    assert plain.communication > halting.communication
    assert sure.content == plain.content == halting.content


@pytest.mark.parametrize("record", [
    "We never missed a curtain up in 212 performances.",
    "Across the whole 18-month run, the crew never missed a curtain up.",
    "Our team had zero lost-time incidents in 14 months on that site.",
    "In three seasons we never lost a hive to starvation.",
])
def test_a_teams_track_record_over_a_stated_period_is_not_an_overclaim(record):
    """A hiring manager hears a checkable record ('in 212 performances'), not a boast: it has a
    scope someone can be asked about. The same words without a scope, or about oneself, are."""
    assert not bluff_markers(record).absolutes, record


@pytest.mark.parametrize("claim", [
    "We never miss a curtain up.",  # a habit, no scope: a promise about the future
    "I never make mistakes.",
    "I never made a mistake in ten years.",  # self-perfection, whatever the period
    "Our system never fails.",
    "We never had a single complaint.",  # no scope to check it against
])
def test_unscoped_or_self_perfect_absolutes_stay_overclaims(claim):
    assert bluff_markers(claim).absolutes, claim
