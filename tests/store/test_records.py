"""records.py: the one mapping between interview turns and interview_sessions rows."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from estel.answer_facts import AnswerFacts, SpokenDelivery
from estel.brains.base import AnswerAssessment, BrainTrace, TurnDraft
from estel.brains.scripted import ScriptedBrain, default_draft
from estel.contract import InterviewMeta
from estel.engine import Engine
from estel.errors import BadInput
from estel.store.base import SessionRecord
from estel.store.records import (
    abandoned_record,
    advanced_record,
    completed_record,
    new_record,
    record_from_final_turn,
)
from estel.store.rows import record_from_json, record_from_row, row_from_record, sqlite_row
from estel.store.stored_turn import contract_response_from_record

T0 = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def test_new_record_is_an_in_progress_row_with_the_meta_and_first_question(interview: Any) -> None:
    turns = interview(questions=4, role="Data Analyst", level="senior", difficulty="hard")
    record = new_record(turns[0], language="en", now=T0)
    assert record.status == "in_progress"
    assert (record.target_role, record.experience_level, record.difficulty,
            record.questions_target) == ("Data Analyst", "senior", "hard", 4)
    assert record.created_at == T0
    assert record.completed_at is None
    assert record.brain == "scripted"
    assert uuid.UUID(record.id).version == 4
    assert [(e.question_id, e.phase, e.difficulty, e.answer) for e in record.transcript] == [
        ("q1", "intro", "hard", None)]
    assert record.overall_score is None


def test_new_record_takes_model_and_prompt_version_from_the_trace() -> None:
    def traced(ctx: Any) -> TurnDraft:
        draft = default_draft(ctx)
        trace = BrainTrace(brain="openai", model="gpt-4.1-mini", prompt_version="v7")
        return TurnDraft(draft.assessment, draft.question, draft.feedback, trace=trace)

    meta = InterviewMeta(target_role="QA", experience_level="mid", difficulty="easy",
                         questions_target=2)
    opening = Engine(ScriptedBrain([traced], name="openai")).start(meta)
    record = new_record(opening, user_id=str(uuid.UUID(int=5)))
    assert (record.brain, record.model, record.prompt_version) == ("openai", "gpt-4.1-mini", "v7")
    assert record.user_id == str(uuid.UUID(int=5))


def test_new_record_rejects_ids_that_are_not_uuids(interview: Any) -> None:
    with pytest.raises(BadInput, match="session_id"):
        new_record(interview()[0], session_id="abc")
    with pytest.raises(BadInput, match="user_id"):
        new_record(interview()[0], user_id="someone")


def test_completed_record_fills_feedback_scores_and_the_whole_transcript(interview: Any) -> None:
    turns = interview(questions=4)
    record = new_record(turns[0], now=T0)
    done = completed_record(record, turns, now=T0 + timedelta(minutes=9))
    feedback = turns[-1].response.payload
    assert done.status == "completed"
    assert done.completed_at == T0 + timedelta(minutes=9)
    assert done.id == record.id
    assert done.created_at == T0
    assert done.summary == feedback.summary
    assert done.skill_gaps == feedback.skill_gaps
    assert done.next_steps == feedback.next_steps
    assert (done.communication_score, done.content_score, done.confidence_score,
            done.overall_score) == (6.0, 5.0, 7.0, 5.8)  # overall weighs content most
    assert [e.phase for e in done.transcript] == ["intro", "behavioural", "technical", "wrap_up"]
    assert all(e.answer and e.difficulty == "medium" for e in done.transcript)
    assert [e.communication for e in done.transcript] == [6.0] * 4


def test_each_assessment_lands_on_the_question_it_judged() -> None:
    """The assessment in turn k+1 judges the answer to question k."""
    engine = Engine(ScriptedBrain())
    meta = InterviewMeta(target_role="SRE", experience_level="mid", difficulty="standard",
                         questions_target=3)
    turns = [engine.start(meta)]
    for score in (2.0, 5.0, 9.0):  # a different assessment for each answer
        engine.brain.assessment = AnswerAssessment(  # type: ignore[attr-defined]
            communication=score, content=score, confidence=score, note=f"scored {score}")
        turns.append(engine.answer(turns[-1].state, f"answer scored {score}"))
    done = completed_record(new_record(turns[0]), turns)
    assert [(e.question_id, e.answer, e.content, e.note) for e in done.transcript] == [
        ("q1", "answer scored 2.0", 2.0, "scored 2.0"),
        ("q2", "answer scored 5.0", 5.0, "scored 5.0"),
        ("q3", "answer scored 9.0", 9.0, "scored 9.0"),
    ]


def test_completing_from_the_final_turn_alone_keeps_what_the_record_knew(interview: Any) -> None:
    turns = interview(questions=3)
    record = new_record(turns[0])
    done = completed_record(record, turns[-1:])
    assert done.transcript[0].difficulty == "medium"  # from the record (the opening turn)
    assert done.transcript[1].difficulty is None  # that turn was never seen
    assert done.transcript[2].content == 5.0  # judged by the final turn
    assert done.transcript[0].content is None
    assert done.overall_score == 5.8  # 6/5/7, content weighing most


def test_completed_record_refuses_an_unfinished_interview(interview: Any) -> None:
    turns = interview(questions=3)
    with pytest.raises(BadInput, match="not finished"):
        completed_record(new_record(turns[0]), turns[:-1])
    with pytest.raises(BadInput, match="not finished"):
        completed_record(new_record(turns[0]), [])


def test_completed_record_refuses_turns_of_another_interview(interview: Any) -> None:
    mine, theirs = interview(role="Backend Engineer"), interview(role="Designer")
    with pytest.raises(BadInput, match="different interview"):
        completed_record(new_record(mine[0]), theirs)


def test_record_from_final_turn_gives_the_same_id_for_the_same_interview(interview: Any) -> None:
    final = interview(questions=2)[-1]
    first = record_from_final_turn(final, now=T0)
    again = record_from_final_turn(final, now=T0 + timedelta(hours=1))
    other = record_from_final_turn(interview(questions=3)[-1], now=T0)
    assert first.id == again.id != other.id
    assert first.status == "completed"
    assert first.transcript[-1].content == 5.0


def test_abandoned_record_keeps_the_partial_transcript(interview: Any) -> None:
    record = new_record(interview()[0], now=T0)
    left = abandoned_record(record, now=T0 + timedelta(minutes=2))
    assert (left.status, left.completed_at, len(left.transcript)) == (
        "abandoned", T0 + timedelta(minutes=2), 1)
    with pytest.raises(BadInput):
        abandoned_record(completed_record(record, interview()))


def test_rows_are_json_ready_with_utc_timestamps(make_completed: Any) -> None:
    record = make_completed()
    row = row_from_record(record)
    assert json.loads(json.dumps(row)) == row
    assert row["created_at"] == "2026-11-01T12:00:00.000000+00:00"
    assert isinstance(row["skill_gaps"], list)
    assert isinstance(row["transcript"][0], dict)
    assert list(row) == list(SessionRecord.model_fields)


def test_rows_round_trip_for_postgrest_sqlite_and_json(make_completed: Any) -> None:
    record = make_completed(user_id=str(uuid.UUID(int=9)), model="m", prompt_version="p")
    assert record_from_row(row_from_record(record)) == record
    assert record_from_row(sqlite_row(record)) == record
    assert record_from_json(json.dumps(row_from_record(record))) == record


def test_rows_from_postgres_types_and_other_offsets_are_read(make_completed: Any) -> None:
    from decimal import Decimal

    record = make_completed()
    row = row_from_record(record)
    row.update(id=uuid.UUID(record.id), overall_score=Decimal("6.0"), extra_column="ignored",
               created_at=datetime(2026, 11, 1, 13, 0, tzinfo=timezone(timedelta(hours=1))),
               strengths=None)
    back = record_from_row(row)
    assert back.created_at == record.created_at
    assert back.created_at.utcoffset() == timedelta(0)
    assert back.overall_score == 6.0
    assert back.strengths == []


def test_naive_times_are_taken_as_utc(make_completed: Any) -> None:
    record = make_completed(created_at=datetime(2026, 1, 1, 8, 0))
    assert row_from_record(record)["created_at"] == "2026-01-01T08:00:00.000000+00:00"


def test_a_record_with_an_out_of_range_score_is_refused(make_completed: Any) -> None:
    with pytest.raises(ValueError, match="less than or equal to 10"):
        make_completed(overall_score=10.5)


def test_answer_times_land_on_answered_questions_and_are_kept_by_later_turns(
        interview: Any) -> None:
    turns = interview(questions=3)
    record = new_record(turns[0], now=T0)
    record = advanced_record(record, turns[1], now=T0, answers={1: AnswerFacts(seconds=42.0)})
    assert [e.answer_seconds for e in record.transcript] == [42.0, None]
    record = advanced_record(record, turns[2], now=T0)  # this answer was not timed
    assert [e.answer_seconds for e in record.transcript] == [42.0, None, None]
    done = completed_record(record, [turns[3]], now=T0,
                            answers={3: AnswerFacts(seconds=7.5), 9: AnswerFacts(seconds=1.0)})
    assert [e.answer_seconds for e in done.transcript] == [42.0, None, 7.5]
    # a time for a question without an answer is never stored
    opened = new_record(turns[0], now=T0)
    assert advanced_record(opened, turns[1], now=T0, answers={2: AnswerFacts(seconds=3.0)}
                           ).transcript[1].answer_seconds is None


def test_spoken_delivery_and_the_timer_limit_are_kept_with_each_answer_not_in_the_state(
        interview: Any) -> None:
    turns = interview(questions=2)
    spoken = SpokenDelivery(words=37, recording_seconds=15.0, words_per_minute=148,
                            fillers=["um", "basically", "um"], long_pauses=[2.5])
    record = advanced_record(new_record(turns[0], now=T0), turns[1], now=T0, answers={
        1: AnswerFacts(seconds=130.2, limit_seconds=120, spoken=spoken)})
    done = completed_record(record, [turns[2]], now=T0,
                            answers={2: AnswerFacts(seconds=50.0, limit_seconds=120)})
    first, second = done.transcript
    assert (first.answer_limit_seconds, first.spoken) == (120, spoken)
    assert (second.answer_limit_seconds, second.spoken) == (120, None)  # typed
    # the row round-trips (SQLite text and PostgREST JSON) with the optional keys only where set
    for row in (sqlite_row(done), row_from_record(done)):
        assert record_from_row(row) == done
    stored = row_from_record(done)["transcript"]
    assert stored[0]["spoken"]["fillers"] == ["um", "basically", "um"]
    assert "spoken" not in stored[1]
    # the seed's shapes are rebuilt without them
    assert contract_response_from_record(done) == turns[-1].response
