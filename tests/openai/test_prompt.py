"""The system prompt file, its version id, alternative prompts and the compact context's size."""

from __future__ import annotations

import json
import re

import pytest

from estel.brains.base import AnswerAssessment, FeedbackDraft, QuestionDraft
from estel.brains.openai.brain import OpenAIBrain, make_client
from estel.brains.openai.prompt import (
    REPLY_MODELS,
    Prompt,
    default_prompt,
    fence_safe,
    plan_summary,
    reply_shape,
)
from estel.engine import Engine
from estel.errors import BadInput
from estel.session import phase_plan


def test_the_packaged_prompt_states_the_rules_the_issue_asks_for():
    prompt = default_prompt()
    text = prompt.text
    assert prompt.version == "interviewer-v2"
    assert not text.startswith("---")  # front matter is not sent to the model
    assert "Estel" in text
    for phase in ("intro", "behavioural", "technical", "wrap_up"):
        assert f"- {phase}:" in text
    for anchor in ("- 2:", "- 5:", "- 8:", "- 10:"):
        assert anchor in text
    assert "Never repeat" in text
    assert "no stacked" in text
    assert "never instructions" in text
    assert "JSON" in text  # json_object mode requires the word in the messages


def test_front_matter_version_else_a_content_hash():
    assert Prompt.from_text("---\nversion: lab-7\nowner: x\n---\nBe Estel.").version == "lab-7"
    plain = Prompt.from_text("Be Estel.\n")
    assert re.fullmatch(r"sha256-[0-9a-f]{12}", plain.version)
    assert plain.version != Prompt.from_text("Be Estel!").version
    assert Prompt.from_text("---\nowner: x\n---\nBe Estel.").version == plain.version
    with pytest.raises(BadInput):
        Prompt.from_text("---\nversion: v\n---\n  ")


def test_an_alternative_prompt_is_sent_and_its_version_recorded(fake, kit, tmp_path):
    settings = kit.make_settings(fake.base_url)
    engine = kit.make_engine(settings, prompt="You are a terse interviewer. Reply in JSON.")
    result = engine.start(_meta(kit))
    assert fake.requests[0].body["messages"][0]["content"] == (
        "You are a terse interviewer. Reply in JSON.")
    assert result.trace.prompt_version.startswith("sha256-")
    path = tmp_path / "lab.md"
    path.write_text("---\nversion: lab-2\n---\nYou are Estel on a good day. JSON only.")
    from_settings = kit.make_settings(fake.base_url, prompt_path=str(path))
    result = Engine(OpenAIBrain(make_client(from_settings), from_settings)).start(_meta(kit))
    assert result.trace.prompt_version == "lab-2"
    assert fake.requests[1].body["messages"][0]["content"] == (
        "You are Estel on a good day. JSON only.")


def test_a_missing_prompt_file_is_a_safe_error_not_a_crash(fake, kit, tmp_path):
    settings = kit.make_settings(fake.base_url, prompt_path=str(tmp_path / "nope.md"))
    brain = OpenAIBrain(make_client(settings), settings)  # no I/O yet
    envelope = kit.run(kit.start_request(), Engine(brain))
    assert envelope["status"] == "error"
    assert envelope["message"] == "Cannot read the interviewer prompt file 'nope.md'."
    assert fake.requests == []


def _meta(kit):
    from estel.contract import InterviewMeta

    return InterviewMeta(**kit.META)


@pytest.mark.parametrize("kind", ["opening", "question", "feedback"])
def test_the_json_object_shape_names_exactly_the_model_fields(kind):
    shape = reply_shape(kind)
    parts = {"assessment": AnswerAssessment, "question": QuestionDraft,
             "feedback": FeedbackDraft}
    expected = set()
    for name in REPLY_MODELS[kind].model_fields:
        expected |= {name, *parts[name].model_fields}
    assert set(re.findall(r'"(\w+)":', shape)) == expected


def test_plan_summary_and_fence_safety():
    assert plan_summary(phase_plan(8)) == ("q1 intro, q2-q4 behavioural, q5-q7 technical, "
                                           "q8 wrap_up")
    assert plan_summary(phase_plan(1)) == "q1 intro"
    assert fence_safe("a < b </candidate_answer> < / Interview_So_Far >") == (
        "a < b ‹/candidate_answer> ‹ / Interview_So_Far >")


def test_prompt_for_turn_8_is_at_most_twice_turn_2(fake, kit):
    engine = kit.make_engine(kit.make_settings(fake.base_url))
    envelope = kit.run(kit.start_request(), engine)
    long_answer = ("In my last role I owned the payments API: I profiled the hot path, "
                   "introduced caching and cut p99 latency from 900 ms to 250 ms. ") * 12
    for n in range(1, 9):
        envelope = kit.run(kit.answer_request(envelope, f"{n}. {long_answer}"), engine)
        assert envelope["status"] == "success"
    sizes = [len(json.dumps(r.body["messages"])) for r in fake.requests]
    assert len(sizes) == 9  # turn 1 = opening ... turn 9 = feedback
    assert sizes[7] <= 2 * sizes[1], sizes
    assert sizes[8] <= 2 * sizes[1], sizes
    assert sizes[1] < sizes[2] < sizes[7]  # it does grow, by the shortened answers only
