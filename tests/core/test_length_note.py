"""The report's line on why an adaptive interview ended where it did (estel/length_note.py),
from a live run and from the stored row (History, Dashboard) alike."""

from __future__ import annotations

from dataclasses import replace

from estel import length
from estel.brains.base import AnswerAssessment
from estel.brains.scripted import ScriptedBrain, default_draft
from estel.contract import InterviewMeta, SessionScores
from estel.engine import Engine
from estel.length_note import ending_note
from estel.report import ReportView, markdown_report
from estel.store.records import completed_record, new_record

FULL = ("I led the migration of our reporting pipeline to a new warehouse: I mapped every "
        "source table, wrote reconciliation queries comparing row counts and totals, ran both "
        "systems in parallel for two weeks and cut the nightly load from four hours to forty "
        "minutes.")


def scores(value: float) -> SessionScores:
    return SessionScores(communication=value, content=value, confidence=value)


def interview(bounds: length.LengthBounds, answer, brain=None):
    meta = InterviewMeta(target_role="Data Analyst", experience_level="mid",
                         difficulty="standard", questions_target=bounds.max_questions)
    engine = Engine(brain or ScriptedBrain())
    turns = [engine.start(meta, bounds=bounds)]
    while not turns[-1].finished:
        turns.append(engine.answer(turns[-1].state, answer(turns[-1].state.question_index),
                                   bounds=bounds))
    return turns


def test_a_fixed_length_interview_has_no_note():
    assert ending_note(None, [(FULL, scores(5))] * 4) is None


def test_settled_scores_are_named_as_the_reason_live_and_stored():
    turns = interview(length.LengthBounds(4, 9), lambda n: FULL)
    live = ReportView.from_turns(turns)
    assert live.length_note is not None
    assert live.length_note.startswith("Ended after 4 of up to 9 questions: your scores had "
                                       "settled")
    assert live.questions_asked == 4
    assert [e.phase for e in live.entries] == ["intro", "behavioural", "technical", "wrap_up"]
    record = completed_record(new_record(turns[0]), turns)
    stored = ReportView.from_record(record)
    assert stored.length_note == live.length_note
    markdown = markdown_report(stored)
    assert "4 questions" in markdown
    assert f"_{live.length_note}_" in markdown


def test_a_proposal_that_ended_moving_scores_is_the_interviewers_judgement():
    swings = iter([10.0, 0.0] * 10)

    def swinging(ctx):
        value = next(swings)
        draft = default_draft(ctx, AnswerAssessment(communication=value, content=value,
                                                    confidence=value, note="swing"))
        return replace(draft, propose_end=True)

    turns = interview(length.LengthBounds(5, 9), lambda n: FULL, ScriptedBrain([swinging] * 30))
    note = ReportView.from_turns(turns).length_note
    assert note == ("Ended after 5 of up to 9 questions: the interviewer judged it had enough "
                    "evidence once every phase was covered.")


def test_thin_answers_are_counted_when_it_went_on_to_the_maximum():
    turns = interview(length.LengthBounds(4, 7), lambda n: "Not sure, maybe.")
    note = ReportView.from_turns(turns).length_note
    # decisions after answers 3..6 (the next question 4..6 could have been the wrap-up)
    assert note == ("Went on to 7 questions, the most you allowed: the evidence was still thin "
                    "(3 answers under 30 words where it could have wrapped up), so the "
                    "interviewer kept asking.")


def test_equal_bounds_say_so():
    assert ending_note(length.LengthBounds(6, 6), [(FULL, scores(5))] * 6) == (
        "6 questions: the minimum and the maximum were both 6.")
