"""The json_object fallback's shape text, pinned as it was written by hand, now generated from
the reply models (issue 14): one source for the schema and the text that describes it."""

from __future__ import annotations

import pytest

from estel.brains.base import AnswerAssessment
from estel.brains.openai.prompt import REPLY_MODELS, reply_shape

QUESTION = ('"question": {{"question": "<{text}>", "topic": "<two to five words>", '
            '"difficulty": "easy" | "medium" | "hard", "helper_hint": "<one sentence>"}}')
ASSESSMENT = ('"assessment": {"communication": <number 0-10>, "content": <number 0-10>, '
              '"confidence": <number 0-10>, "note": "<one or two sentences>"')
FEEDBACK = ('"feedback": {"summary": "<three or four sentences>", "strengths": ["..."], '
            '"improvements": ["..."], "skill_gaps": ["..."], "next_steps": ["..."]}')


def test_opening_shape_is_unchanged():
    assert reply_shape("opening") == "{" + QUESTION.format(text="one question") + "}"


def test_question_shape_puts_the_question_first_for_streaming():
    # issue 15: the question comes before the assessment so its words stream first
    shape = reply_shape("question")
    assert shape.startswith("{" + QUESTION.format(
        text="one sentence reacting to the previous answer, then one question"))
    assert ", " + ASSESSMENT in shape
    assert shape.endswith("]}}")


def test_feedback_shape_is_unchanged():
    shape = reply_shape("feedback")
    assert shape.startswith("{" + ASSESSMENT)
    assert shape.endswith(FEEDBACK + "}")


@pytest.mark.parametrize("kind", sorted(REPLY_MODELS))
def test_every_field_of_the_reply_model_is_in_its_shape(kind):
    shape = reply_shape(kind)
    for part, field in REPLY_MODELS[kind].model_fields.items():
        assert f'"{part}":' in shape
        for name in field.annotation.model_fields:
            assert f'"{name}":' in shape


def test_a_new_model_field_shows_up_without_editing_the_text(monkeypatch):
    from pydantic import Field, create_model

    from estel.brains.openai import prompt

    wider = create_model("WiderAssessment", __base__=AnswerAssessment,
                         evidence=(list[str], Field(default_factory=list,
                                                    description="a quote from the answer")))
    reply = create_model("WiderReply", __base__=prompt.REPLY_MODELS["feedback"],
                         assessment=(wider, ...))
    monkeypatch.setitem(prompt.REPLY_MODELS, "feedback", reply)
    assert '"evidence": ["<a quote from the answer>"]' in reply_shape("feedback")
