"""Per-turn saving in both stores: every answer updates the row (transcript with assessments,
running scores, open question, state digest) by compare-and-set, and the row rebuilds the exact
state the engine produced."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from estel.answer_facts import AnswerFacts, SpokenDelivery
from estel.engine import TurnResult
from estel.store.base import SaveReceipt, SessionRecord, TurnWrite
from estel.store.records import abandoned_record, advanced_record, new_record, state_digest
from estel.store.sqlite import SQLiteStore
from estel.store.stored_turn import stored_response


def save_all(store: Any, turns: list[TurnResult]) -> SessionRecord:
    """Save an interview turn by turn, checking the row after each; returns the last row."""
    record = new_record(turns[0])
    assert store.save_turns([TurnWrite(record, None)])[0].saved
    for before, turn in itertools.pairwise(turns):
        stored = store.get(record.id)
        assert stored_response(stored) == before.response  # the row rebuilds the turn
        record = advanced_record(stored, turn)
        [receipt] = store.save_turns([TurnWrite(record, state_digest(before.state))])
        assert receipt.saved, receipt
        assert not receipt.conflict
    final = store.get(record.id)
    assert stored_response(final) == turns[-1].response
    return final


@pytest.fixture(params=["sqlite", "supabase", "postgres"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if request.param == "sqlite":
        return SQLiteStore(tmp_path / "estel.db")
    return request.getfixturevalue(f"{request.param}_store")


def test_every_turn_is_saved_with_its_assessment(any_store: Any,
                                                 interview: Callable[..., list]) -> None:
    turns = interview(questions=4)
    final = save_all(any_store, turns)
    assert final.status == "completed"
    assert final.open_question is None
    assert [e.answer for e in final.transcript] == [f"My answer number {n}." for n in range(1, 5)]
    assert all(e.content is not None and e.note for e in final.transcript)
    assert final.overall_score == turns[-1].response.payload.scores.overall


def test_a_half_done_interview_is_an_in_progress_row_with_its_open_question(
        any_store: Any, interview: Callable[..., list]) -> None:
    turns = interview(questions=4)[:3]  # two answers given, question 3 open
    row = save_all(any_store, turns)
    assert row.status == "in_progress"
    assert row.open_question == turns[-1].response.payload
    assert row.score_so_far == turns[-1].state.score_so_far
    assert [e.content is not None for e in row.transcript] == [True, True, False]
    assert row.updated_at is not None
    assert row.updated_at >= row.created_at


def test_a_write_against_a_state_that_moved_on_is_a_conflict(any_store: Any,
                                                             interview: Callable[..., list]
                                                             ) -> None:
    turns = interview(questions=3)
    row = save_all(any_store, turns[:2])
    stale = advanced_record(row, turns[2]).model_copy(update={"summary": "x"})
    [receipt] = any_store.save_turns([TurnWrite(stale, state_digest(turns[0].state))])
    assert receipt.conflict
    assert not receipt.saved
    [again] = any_store.save_turns([TurnWrite(new_record(turns[0]).model_copy(
        update={"id": row.id}), None)])
    assert again.conflict  # an opening never overwrites an existing interview
    assert any_store.get(row.id) == row


def test_find_by_digest_prefers_in_progress_then_the_oldest(any_store: Any,
                                                           interview: Callable[..., list]
                                                           ) -> None:
    turns = interview(questions=3)
    first, second = (save_all(any_store, turns[:2]) for _ in range(2))
    found = any_store.find_by_digest(state_digest(turns[1].state))
    assert [r.id for r in found] == [first.id, second.id]
    assert any_store.find_by_digest("0" * 64) == []


def test_one_batch_commits_many_turns_and_refuses_only_the_stale_one(
        tmp_path: Path, interview: Callable[..., list]) -> None:
    store = SQLiteStore(tmp_path / "estel.db")
    turns = interview(questions=3)
    rows = [new_record(turns[0]) for _ in range(3)]
    assert all(r.saved for r in store.save_turns([TurnWrite(r, None) for r in rows]))
    digest = state_digest(turns[0].state)
    writes = [TurnWrite(advanced_record(r, turns[1]), digest) for r in rows]
    writes.append(TurnWrite(advanced_record(rows[0], turns[1]), digest))  # a double submit
    receipts = store.save_turns(writes)
    assert [r.saved for r in receipts] == [True, True, True, False]
    assert receipts[-1].conflict


def test_supabase_turns_wait_in_the_outbox_while_it_is_down(
        supabase_store: Any, fake_postgrest: Any, interview: Callable[..., list],
        pg: Any) -> None:
    turns = interview(questions=3)
    opened = new_record(turns[0])
    assert supabase_store.save_turns([TurnWrite(opened, None)])[0].saved
    fake_postgrest.mode = "error500"
    moved = advanced_record(opened, turns[1])
    [receipt] = supabase_store.save_turns([TurnWrite(moved, state_digest(turns[0].state))])
    assert receipt.saved
    assert receipt.pending_sync
    # the outbox is the newest copy: the next turn is checked against it, and found by digest
    assert [r.id for r in supabase_store.find_by_digest(state_digest(turns[1].state))] == [
        opened.id]
    fake_postgrest.mode = "ok"
    assert supabase_store.flush_outbox().remaining == 0
    stored = pg.execute("select state_digest, score_so_far, open_question->>'question_id'"
                        " from interview_sessions where id = %s", [opened.id]).fetchone()
    assert stored[0] == state_digest(turns[1].state)
    assert stored[1] == turns[1].state.score_so_far.model_dump()
    assert stored[2] == "q2"


@pytest.mark.parametrize(("column", "value"), [
    ("state_digest", "not-a-sha256"), ("score_so_far", "[1, 2]"), ("open_question", '"q"')])
def test_the_migration_checks_the_per_turn_columns(pg: Any, make_completed: Any, column: str,
                                                   value: str) -> None:
    import psycopg

    from estel.store.rows import row_from_record

    row = row_from_record(make_completed())
    pg.execute("insert into interview_sessions (id, created_at, target_role, experience_level,"
               " difficulty, questions_target, brain) values (%s, now(), 'r', 'l', 'easy', 1,"
               " 'offline')", [row["id"]])
    cast = "" if column == "state_digest" else "::jsonb"
    with pytest.raises(psycopg.errors.CheckViolation):
        pg.execute(f"update interview_sessions set {column} = %s{cast} where id = %s",
                   [value, row["id"]])


def test_the_time_each_answer_took_is_saved_turn_by_turn(any_store: Any,
                                                         interview: Callable[..., list]) -> None:
    """The app's answer timer rides on each turn's write; every store keeps it with its answer,
    and the rebuilt contract state is unchanged by it (the digest still matches)."""
    turns = interview(questions=3)
    record = new_record(turns[0])
    assert any_store.save_turns([TurnWrite(record, None)])[0].saved
    for number, (before, turn) in enumerate(itertools.pairwise(turns), start=1):
        stored = any_store.get(record.id)
        spoken = SpokenDelivery(words=30, recording_seconds=12.0, words_per_minute=150,
                                fillers=["um"] * number) if number % 2 else None
        record = advanced_record(stored, turn, answers={number: AnswerFacts(
            seconds=10.5 * number, limit_seconds=60, spoken=spoken)})
        [receipt] = any_store.save_turns([TurnWrite(record, state_digest(before.state))])
        assert receipt.saved, receipt
        if not turn.finished:  # the trusted copy rebuilds the same state as before
            assert state_digest(stored_response(any_store.get(record.id)).session_state) == \
                state_digest(turn.state)
    final = any_store.get(record.id)
    assert final.status == "completed"
    assert [e.answer_seconds for e in final.transcript] == [10.5, 21.0, 31.5]
    assert [e.answer_limit_seconds for e in final.transcript] == [60, 60, 60]
    assert [e.spoken.fillers if e.spoken else None for e in final.transcript] == [
        ["um"], None, ["um"] * 3]
    assert stored_response(final) == turns[-1].response  # seed shapes untouched


def test_an_answer_changes_only_the_columns_sqlite_updates_per_turn(
        interview: Callable[..., list]) -> None:
    """SQLite writes an in-progress answer with SQL_TURN_PROGRESS, which sets TURN_COLUMNS
    alone: a column advanced_record changes beyond them would be silently dropped."""
    from estel.store.sqlite_sql import TURN_COLUMNS

    turns = interview(questions=5)
    record = new_record(turns[0])
    for turn in turns[1:-1]:
        after = advanced_record(record, turn)
        assert after.status == "in_progress"
        changed = {c for c in SessionRecord.model_fields
                   if getattr(after, c) != getattr(record, c)}
        assert changed <= set(TURN_COLUMNS), changed - set(TURN_COLUMNS)
        assert {"transcript", "state_digest", "open_question"} <= changed
        record = after


def abandon(store: Any, row: SessionRecord, how: str) -> SaveReceipt:
    """Mark the row abandoned the two ways the app does: `complete` (a row from before per-turn
    saving) or a compare-and-set turn on the state it was left at."""
    done = abandoned_record(row)
    if how == "complete":
        return store.complete(done)
    return store.save_turns([TurnWrite(done, row.state_digest)])[0]


@pytest.mark.parametrize("how", ["complete", "turn"])
@pytest.mark.parametrize("late", ["next question", "final answer"])
def test_an_answer_after_an_abandon_is_a_conflict_and_the_row_stays_abandoned(
        any_store: Any, interview: Callable[..., list], how: str, late: str) -> None:
    """The same rule in every store: a turn is written only onto an in-progress row, so an
    answer sent before Abandon but arriving after it neither reopens nor completes the row."""
    turns = interview(questions=3)
    answered = 1 if late == "next question" else 2  # the turn whose question is answered late
    row = save_all(any_store, turns[:answered + 1])
    receipt = abandon(any_store, row, how)
    assert receipt.saved, receipt
    left = any_store.get(row.id)
    assert left.status == "abandoned"
    late_write = TurnWrite(advanced_record(row, turns[answered + 1]),
                           state_digest(turns[answered].state))
    assert late_write.record.status == ("in_progress" if late == "next question" else "completed")
    [receipt] = any_store.save_turns([late_write])
    assert receipt.conflict
    assert not receipt.saved
    assert any_store.get(row.id) == left


@pytest.mark.parametrize("kind", ["supabase", "postgres"])
def test_the_database_refuses_an_answer_its_store_read_before_another_abandoned_it(
        request: pytest.FixtureRequest, kind: str, interview: Callable[..., list],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Two service processes: one reads the in-progress row, the other abandons it, then the
    first writes its answer. The check must happen in the database's write itself, not in a
    read the row can change after."""
    store = request.getfixturevalue(f"{kind}_store")
    turns = interview(questions=3)
    row = save_all(store, turns[:2])
    seen_before = store._remote_get(row.id)
    assert abandon(store, row, "turn").saved
    monkeypatch.setattr(store, "_remote_get", lambda session_id: seen_before)
    [receipt] = store.save_turns([TurnWrite(advanced_record(row, turns[2]),
                                            state_digest(turns[1].state))])
    monkeypatch.undo()
    assert receipt.conflict
    assert store.get(row.id).status == "abandoned"


@pytest.mark.parametrize("kind", ["supabase", "postgres"])
def test_an_abandon_waiting_in_the_outbox_refuses_a_late_answer(
        kind: str, interview: Callable[..., list], tmp_path: Path, free_tcp_port: int,
        make_jwt: Callable[..., str]) -> None:
    """The database is down, so the abandoned row is the outbox's newest copy: a late answer is
    checked against that copy and refused, not queued over it."""
    from estel.store.postgres import PostgresStore
    from estel.store.supabase import SupabaseStore

    outbox = SQLiteStore(tmp_path / "outbox.db")
    down = (SupabaseStore(f"http://127.0.0.1:{free_tcp_port}", make_jwt("service_role"), timeout=1,
                          outbox=outbox) if kind == "supabase" else
            PostgresStore(f"postgresql://postgres@127.0.0.1:{free_tcp_port}/estel", timeout=1,
                          outbox=outbox))
    try:
        turns = interview(questions=3)
        row = save_all(down, turns[:2])  # every turn queued: the database never answers
        receipt = abandon(down, row, "turn")
        assert receipt.pending_sync
        [late] = down.save_turns([TurnWrite(advanced_record(row, turns[2]),
                                            state_digest(turns[1].state))])
        assert late.conflict
        assert down.get(row.id).status == "abandoned"
        assert down.pending_count() == 1
    finally:
        down.close()
