"""Coach cards: one per answer, from the engine's assessment; the rubric re-derived per turn."""

from __future__ import annotations

from dataclasses import replace

import pytest

from estel.brains.base import AnswerAssessment
from estel.brains.offline.bank import load_bank
from estel.brains.offline.brain import FOLLOW_UP, OfflineBrain
from estel.brains.offline.selection import display_role, fill_role
from estel.brains.rubric import context_at, rubric_for, selected_question
from estel.coach import coach_card, coach_cards, latest_card
from estel.contract import InterviewMeta, InterviewTranscriptItem
from estel.engine import Engine
from estel.session import overall

META = InterviewMeta(target_role="Data Analyst", experience_level="mid", difficulty="standard",
                     questions_target=8)
GOOD = ("When I was at Acme our churn report was wrong. My task was to fix it before the board "
        "meeting. I rebuilt the SQL, validated it against finance, and as a result errors fell "
        "by 30% and the board used it.")


def bank_text_index() -> dict[str, object]:
    role = display_role(META.target_role)
    return {fill_role(q.question, role): q for fam in load_bank().values() for q in fam.questions}


def interview(answers: list[str]):
    engine = Engine(OfflineBrain())
    turns = [engine.start(META)]
    for text in answers:
        turns.append(engine.answer(turns[-1].state, text))
    return turns


def test_a_card_per_answer_with_the_turns_own_assessment():
    turns = interview([GOOD, GOOD, "ok"])
    cards = coach_cards(turns)
    assert [c.number for c in cards] == [1, 2, 3]
    for card, turn, item in zip(cards, turns[1:], turns[-1].state.transcript, strict=False):
        a = turn.assessment
        assert (card.communication, card.content, card.confidence, card.note) == (
            a.communication, a.content, a.confidence, a.note)
        assert card.overall == overall(a.scores())
        assert (card.question, card.topic, card.answer) == (item.question, item.topic,
                                                           item.answer)
    assert latest_card(turns) == cards[-1]
    assert latest_card(turns[:1]) is None


def test_a_bank_question_shows_its_own_rubric():
    turns = interview([GOOD, GOOD])
    index = bank_text_index()
    for card in coach_cards(turns):
        asked = _bank(index, card.question)
        assert card.strong is not None
        assert card.strong.points == tuple((p.point, p.substance) for p in asked.talking_points)
        assert card.strong.outline == asked.model_answer


def test_a_follow_up_has_no_bank_rubric():
    turns = interview([GOOD, "I helped a bit."])  # thin behavioural answer: q3 probes it
    q3 = turns[-1].state.transcript[2]
    assert q3.topic.startswith(FOLLOW_UP)
    turns.append(Engine(OfflineBrain()).answer(turns[-1].state, GOOD))
    assert coach_cards(turns)[2].strong is None


def test_verdicts_come_from_the_assessment_when_it_has_them():
    class Judged(AnswerAssessment):
        covered: tuple[str, ...] = ()
        missed: tuple[str, ...] = ()
        red_flags: tuple[str, ...] = ()

    turns = interview([GOOD])
    state = turns[-1].state
    judged = Judged(communication=6, content=4, confidence=7, note="n", covered=("joins",),
                    missed=("nulls", " "), red_flags=("claims LEFT JOIN drops rows",))
    card = coach_card(state.meta, state.transcript, 1, judged)
    assert (card.covered, card.missed, card.red_flags) == (
        ("joins",), ("nulls",), ("claims LEFT JOIN drops rows",))


def test_selection_is_re_derived_for_an_earlier_turn():
    turns = interview([GOOD, GOOD, GOOD])
    transcript = turns[-1].state.transcript
    index = bank_text_index()
    for number in (1, 2, 3, 4):
        chosen = selected_question(context_at(META, transcript, number))
        assert chosen.question is _bank(index, transcript[number - 1].question)


def test_a_reworded_question_is_recognised_by_its_selected_topic():
    """An LLM rewords the bank question (and reacts first); the topic the code set identifies it."""
    opening = selected_question(context_at(META, [], 1))
    reworded = InterviewTranscriptItem(
        question_id="q1", question="Thanks for coming. So, what draws you to data work?",
        topic=opening.question.topic, answer=GOOD)
    assert rubric_for(META, [reworded], 1) is opening.question
    other = reworded.model_copy(update={"topic": "Something else entirely"})
    assert rubric_for(META, [other], 1) is None


def test_an_llm_turn_skips_topics_already_asked():
    """Reworded questions do not match the bank's text; their topics still count as asked."""
    opening = selected_question(context_at(META, [], 1))
    by_text, by_topic = set(), set()
    for n in range(30):
        asked = InterviewTranscriptItem(question_id="q1", question="A reworded opener?",
                                        topic=opening.question.topic, answer=f"{GOOD} Case {n}.")
        ctx = replace(context_at(META, [asked], 2), plan=("intro",) * 8)  # same phase again
        by_text.add(selected_question(ctx).question.topic)
        by_topic.add(selected_question(ctx, by_topic=True).question.topic)
    assert opening.question.topic in by_text  # text alone would ask it again
    assert opening.question.topic not in by_topic


def test_context_at_rejects_a_question_that_does_not_exist():
    with pytest.raises(ValueError, match="no question"):
        context_at(META, [], 2)
    with pytest.raises(ValueError, match="no question"):
        context_at(META, [], 9)


def test_missing_star_parts_are_pointed_out_for_behavioural_answers_only():
    from estel.analysis.delivery import delivery_facts
    from estel.coach import delivery_lines

    facts = delivery_facts("I migrated the billing service to queues.")
    assert "- STAR parts: action (missing: situation, task, result)" in delivery_lines(
        facts, "behavioural")
    assert "- STAR parts: action" in delivery_lines(facts, "intro")
    for phase in ("intro", "technical", "wrap_up"):
        assert not any("missing" in line for line in delivery_lines(facts, phase))


def _bank(index, asked):
    """The bank question a transcript question asked; the offline brain opens later questions
    with a one-sentence reaction to the previous answer."""
    return next(q for text, q in index.items() if asked == text or asked.endswith(" " + text))


def test_star_parts_are_not_shown_for_technical_or_wrap_up_answers():
    """A scenario or a closing question is not a story: no STAR line to measure it against."""
    from estel.analysis.delivery import delivery_facts
    from estel.coach import delivery_lines

    facts = delivery_facts("I would migrate the billing service to queues, then measure lag.")
    for phase in ("technical", "wrap_up"):
        assert not any("STAR" in line for line in delivery_lines(facts, phase))
    for phase in ("behavioural", "intro"):
        assert any("STAR" in line for line in delivery_lines(facts, phase))
