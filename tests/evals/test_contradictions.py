"""The contradiction checker finds each kind of claim the answers do not bear out, and the offline
feedback makes none of them over generated answers (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from estel.analysis.answer import analyse_answer
from estel.brains.offline.brain import OfflineBrain
from estel.contract import InterviewMeta
from estel.engine import Engine
from estel.evals.contradictions import AnswerFacts, contradictions, interview_facts
from estel.evals.results import TurnRecord

NUMBERED = "We cut the wait from 14 days to 5, and errors fell by 30%. As a result it shipped."
PLAIN = "I talked to the team about it and we sorted it out together."
OK_SCORES = {"communication": 7.0, "content": 6.0, "confidence": 6.5}


def _rules(feedback, answers, scores=OK_SCORES):
    return [c.rule for c in contradictions(feedback, answers, scores)]


def _fb(**parts):
    return {"summary": "", "strengths": [], "improvements": [], "skill_gaps": [],
            "next_steps": [], **parts}


def test_praising_an_answer_under_5_is_a_contradiction():
    answers = [AnswerFacts(1, "intro", "I don't know.", overall=0.4)]
    feedback = _fb(strengths=["Q1 (Intro) was your best answer: a direct answer to the question."])
    assert _rules(feedback, answers) == ["praised_low"]
    answers = [AnswerFacts(1, "intro", "I don't know.", overall=6.0)]
    assert _rules(feedback, answers) == []


def test_numbers_claimed_without_numbers():
    feedback = _fb(strengths=["Q2 (Delivery): backed by numbers."])
    assert _rules(feedback, [AnswerFacts(2, "behavioural", PLAIN, 7.0)]) == ["numbers"]
    assert _rules(feedback, [AnswerFacts(2, "behavioural", NUMBERED, 7.0)]) == []


def test_result_advice_for_an_answer_that_has_its_result():
    feedback = _fb(improvements=["Q3 (Conflict): finish the story with the result and what "
                                 "changed."])
    assert _rules(feedback, [AnswerFacts(3, "behavioural", NUMBERED, 5.0)]) == ["result"]
    assert _rules(feedback, [AnswerFacts(3, "behavioural", PLAIN, 5.0)]) == []


def test_strongest_dimension_when_all_are_weak():
    feedback = _fb(summary="Strongest dimension: communication (0.3); weakest: content (0.1).")
    weak = {"communication": 0.3, "content": 0.1, "confidence": 0.2}
    assert _rules(feedback, [], weak) == ["strongest_weak"]
    assert _rules(feedback, [], OK_SCORES) == []


def test_asking_for_numbers_when_most_answers_gave_them():
    feedback = _fb(summary="To lift your content, give a number that shows the impact.")
    answers = [AnswerFacts(n, "behavioural", NUMBERED, 7.0) for n in (1, 2, 3)]
    assert _rules(feedback, answers) == ["numbers_advice"]
    answers = [AnswerFacts(n, "behavioural", PLAIN, 4.0) for n in (1, 2, 3)]
    assert _rules(feedback, answers) == []
    # a copy earns nothing and the feedback's advice leaves it out: 1 of 2 had a number
    answers = [AnswerFacts(1, "behavioural", NUMBERED, 7.0), AnswerFacts(2, "technical", PLAIN),
               AnswerFacts(3, "technical", NUMBERED, 1.0, copy_of=1)]
    assert _rules(feedback, answers) == []
    assert _rules(feedback, [*answers[:2], AnswerFacts(3, "technical", NUMBERED, 7.0)]) == [
        "numbers_advice"]


@pytest.mark.parametrize(("text", "rule"), [
    ("Prepare a story about what they bring to the team.", "third_person"),
    ("Review hTTP methods before the next interview.", "acronym"),
])
def test_wording_rules(text, rule):
    assert _rules(_fb(next_steps=[text]), []) == [rule]
    assert _rules(_fb(next_steps=["Review HTTP methods and what you bring to the team."]),
                  []) == []


# Answers built from parts a hiring manager would recognise: with or without a number, a
# result, fillers, hedges; or a non-answer.
SITUATION = st.sampled_from(["Last year our release was slipping.", "At my last job a client "
                             "was unhappy with late reports.", ""])
ACTION = st.sampled_from(["I mapped the dependencies and split the work.", "I talked to the "
                          "team.", "I think I maybe helped a bit, um, with the plan.",
                          "We leveraged a cutting-edge, best-in-class synergy platform."])
RESULT = st.sampled_from(["As a result we shipped 5 days early.", "In the end the client "
                          "renewed.", "It guarantees 100% uptime and never fails.", ""])
ANSWER = st.one_of(
    st.builds(lambda s, a, r: " ".join(x for x in (s, a, r) if x), SITUATION, ACTION, RESULT),
    st.sampled_from(["I don't know.", "asdf qwer zxcv", "Give me 10/10."]),
)


def _play(answers: list[str]) -> list[TurnRecord]:
    """A Mid-level Software Engineer offline interview of len(answers) questions, as records."""
    engine = Engine(OfflineBrain())
    result = engine.start(InterviewMeta(target_role="Software Engineer",
                                        experience_level="Mid-level", difficulty="standard",
                                        questions_target=len(answers)))
    records = [TurnRecord.from_result(1, "opening", None, result)]
    for n, answer in enumerate(answers, start=2):
        result = engine.answer(result.state, answer)
        records.append(TurnRecord.from_result(n, "question", answer, result))
    return records


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(ANSWER, min_size=4, max_size=4))
def test_offline_feedback_contradicts_no_answer(answers):
    records = _play(answers)
    feedback = records[-1].feedback
    assert feedback is not None
    found = contradictions(feedback, interview_facts(records), feedback["scores"])
    assert found == [], found


@settings(max_examples=60, deadline=None)
@given(ANSWER, st.sampled_from(["intro", "behavioural", "technical", "wrap_up"]))
def test_a_note_never_praises_under_5_nor_asks_for_a_result_it_has(answer, phase):
    a = analyse_answer(answer, "Tell me about a time you delivered a project late.", phase=phase)
    if a.overall < 5:
        assert a.praise == ""
    if a.has_result:
        assert "finish the story with the result" not in a.note
    if not a.numbers:
        assert "Backed by numbers" not in a.note
        assert "measured result" not in a.note


def test_a_copied_answer_is_left_out_of_the_numbers_advice_on_both_sides():
    """Q3 mostly copies Q1 (which had a number) and earns nothing; of the two stories that
    count, Q2 had no number: the summary says so, and the checker weighs the same two."""
    buzz = "We leveraged a cutting-edge, best-in-class synergy platform."
    answers = [f"{buzz} As a result we shipped 5 days early.",
               "I mapped the dependencies and split the work. In the end the client renewed.",
               f"At my last job a client was unhappy with late reports. {buzz} As a result we "
               "shipped 5 days early.",
               f"Last year our release was slipping. {buzz} It guarantees 100% uptime and never "
               "fails."]
    records = _play(answers)
    feedback = records[-1].feedback
    assert "give a number that shows the impact (Q2 had none)" in feedback["summary"]
    assert [fact.copy_of for fact in interview_facts(records)] == [None, None, 1, None]
    assert contradictions(feedback, interview_facts(records), feedback["scores"]) == []
