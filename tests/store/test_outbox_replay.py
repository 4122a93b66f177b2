"""A turn that waited in the outbox is replayed with the same rule as a direct write: it lands
only on a row still in progress at a state this session's own writes left it in. A replay the
database refuses is kept (the outbox's `sync_refused` table) and reported, never upserted over
a row another process abandoned or completed, and never silently dropped.

Each test runs on both stores with an outbox, against the real PostgreSQL the tests start
(PostgresStore) and the PostgREST stand-in on it (SupabaseStore). "down" is the same store
pointed at a port nobody listens on, sharing "up"'s outbox file: what "down" queues, "up" sends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from estel.store.base import SessionRecord, TurnWrite
from estel.store.records import abandoned_record, advanced_record, new_record, state_digest
from estel.store.rows import row_from_record
from estel.store.sqlite import SQLiteStore


@dataclass
class Stores:
    up: Any  # reaches the database; shares its outbox with `down`
    down: Any  # the database never answers it
    other: Any  # another service process (its own outbox)


@pytest.fixture(params=["supabase", "postgres"])
def stores(request: pytest.FixtureRequest, tmp_path: Path, free_tcp_port: int,
           make_jwt: Callable[..., str]) -> Iterator[Stores]:
    from estel.store.postgres import PostgresStore
    from estel.store.supabase import SupabaseStore

    up = request.getfixturevalue(f"{request.param}_store")
    shared = SQLiteStore(tmp_path / "outbox.db")  # the up fixture's outbox file
    if request.param == "supabase":
        url, key = up.url, make_jwt("service_role")
        down = SupabaseStore(f"http://127.0.0.1:{free_tcp_port}", key, timeout=1, outbox=shared)
        # a bound, not a measurement: at 3 s a loaded CI machine once queued a turn that
        # should have landed
        other = SupabaseStore(url, key, timeout=15, outbox=SQLiteStore(tmp_path / "other.db"))
    else:
        down = PostgresStore(f"postgresql://postgres@127.0.0.1:{free_tcp_port}/estel",
                             timeout=1, outbox=shared)
        other = PostgresStore(up.url, timeout=15, outbox=SQLiteStore(tmp_path / "other.db"))
    try:
        yield Stores(up, down, other)
    finally:
        down.close()
        other.close()


def landed(store: Any, write: TurnWrite) -> None:
    [receipt] = store.save_turns([write])
    assert receipt.saved, receipt
    assert not receipt.pending_sync, receipt


def queued(store: Any, write: TurnWrite) -> None:
    [receipt] = store.save_turns([write])
    assert receipt.saved, receipt
    assert receipt.pending_sync, receipt


def answered(row: SessionRecord, turn: Any, before: Any) -> TurnWrite:
    return TurnWrite(advanced_record(row, turn), state_digest(before.state))


def two_answers_in(stores: Stores, turns: list[Any]) -> SessionRecord:
    """An interview opened and one answer given, both landed: in progress, question 2 open."""
    opened = new_record(turns[0])
    landed(stores.up, TurnWrite(opened, None))
    landed(stores.up, answered(opened, turns[1], turns[0]))
    row = stores.up.get(opened.id)
    assert row is not None
    assert row.status == "in_progress"
    return row


def remote_row(pg: Any, session_id: str) -> tuple[Any, ...]:
    return pg.execute("select status, state_digest, open_question->>'question_id', updated_at"
                      " from interview_sessions where id = %s", [session_id]).fetchone()


@pytest.mark.parametrize("ended", ["abandoned", "completed"])
def test_a_replayed_turn_never_revives_a_row_another_process_ended(
        stores: Stores, interview: Callable[..., list], pg: Any, ended: str) -> None:
    turns = interview(questions=3)
    row = two_answers_in(stores, turns)
    queued(stores.down, answered(row, turns[2], turns[1]))  # q2's answer waits in the outbox
    if ended == "abandoned":  # meanwhile the candidate abandons through another process
        landed(stores.other, TurnWrite(abandoned_record(row), row.state_digest))
    else:  # or answers q2 and q3 there: the interview is completed
        landed(stores.other, answered(row, turns[2], turns[1]))
        landed(stores.other, answered(stores.other.get(row.id), turns[3], turns[2]))
    left = remote_row(pg, row.id)
    assert left[0] == ended

    report = stores.up.flush_outbox()

    assert remote_row(pg, row.id) == left  # not overwritten, not reopened
    assert report.remaining == 0
    assert report.sent == 0
    assert [r.split(":")[0] for r in report.refused] == [row.id]
    assert "moved on" in report.refused[0]
    [kept] = stores.up.outbox.refused()  # nothing silently dropped: the row and why are kept
    assert kept.session_id == row.id
    assert kept.row["state_digest"] == state_digest(turns[2].state)
    assert "moved on" in kept.reason
    assert stores.up.get(row.id).status == ended  # reads no longer see the refused copy


def test_a_replayed_answer_to_a_question_another_process_answered_is_refused(
        stores: Stores, interview: Callable[..., list], pg: Any) -> None:
    """Both processes answered q2; the other's landed first, so ours must not replace it even
    though the row is still in progress."""
    turns = interview(questions=3)
    row = two_answers_in(stores, turns)
    mine = answered(row, turns[2], turns[1])
    queued(stores.down, mine)
    theirs = mine.record.model_copy(update={"state_digest": "f" * 64})
    landed(stores.other, TurnWrite(theirs, row.state_digest))
    report = stores.up.flush_outbox()
    assert remote_row(pg, row.id)[1] == "f" * 64
    assert len(report.refused) == 1
    assert report.remaining == 0


def test_turns_queued_while_the_database_was_down_land_when_it_is_back(
        stores: Stores, interview: Callable[..., list], pg: Any) -> None:
    """Two answers queued one on the other (the second checked against the outbox's copy), and
    a whole new interview queued from its opening: all land, none is refused."""
    turns = interview(questions=3)
    row = two_answers_in(stores, turns)
    queued(stores.down, answered(row, turns[2], turns[1]))
    queued(stores.down, answered(stores.down.get(row.id), turns[3], turns[2]))
    fresh = new_record(turns[0])
    queued(stores.down, TurnWrite(fresh, None))
    queued(stores.down, answered(fresh, turns[1], turns[0]))

    report = stores.up.flush_outbox()

    assert (report.sent, report.refused, report.remaining) == (2, [], 0)
    assert remote_row(pg, row.id)[:2] == ("completed", state_digest(turns[3].state))
    assert remote_row(pg, fresh.id)[:3] == ("in_progress", state_digest(turns[1].state), "q2")


@pytest.mark.parametrize("arrived", ["the queued turn", "the first of two queued turns"])
def test_a_turn_that_reached_the_database_before_its_answer_was_lost_is_not_refused(
        stores: Stores, interview: Callable[..., list], pg: Any, arrived: str) -> None:
    """A timeout can hide a write the database did apply: replaying it, or a turn queued on top
    of it, finds the row at a state this session's own writes produced, and lands."""
    turns = interview(questions=3)
    row = two_answers_in(stores, turns)
    first = answered(row, turns[2], turns[1])
    queued(stores.down, first)
    if arrived == "the first of two queued turns":
        queued(stores.down, answered(stores.down.get(row.id), turns[3], turns[2]))
    landed(stores.other, first)  # what the lost answer had written

    report = stores.up.flush_outbox()

    assert (report.sent, report.refused, report.remaining) == (1, [], 0)
    final = turns[2] if arrived == "the queued turn" else turns[3]
    assert remote_row(pg, row.id)[1] == state_digest(final.state)


def test_a_queued_opening_is_not_written_over_an_existing_row(
        stores: Stores, interview: Callable[..., list], pg: Any) -> None:
    turns = interview(questions=3)
    row = two_answers_in(stores, turns)
    queued(stores.down, TurnWrite(new_record(turns[0], session_id=row.id), None))
    report = stores.up.flush_outbox()
    assert remote_row(pg, row.id)[1] == row.state_digest
    assert len(report.refused) == 1


@pytest.mark.parametrize("meanwhile", ["abandoned elsewhere", "nothing"])
def test_a_turn_queued_by_an_older_estel_gets_the_same_check(
        stores: Stores, interview: Callable[..., list], pg: Any, meanwhile: str) -> None:
    """Before the guard, a turn waited as a plain upsert ('complete' with an in-progress row,
    which `complete()` itself refuses). Such an entry, still in an outbox file at the upgrade,
    is replayed with the state its answer was given against, rebuilt from the row."""
    turns = interview(questions=3)
    row = two_answers_in(stores, turns)
    late = advanced_record(row, turns[2])
    stores.up.outbox.put("complete", row_from_record(late))  # as the old code queued it
    if meanwhile == "abandoned elsewhere":
        landed(stores.other, TurnWrite(abandoned_record(row), row.state_digest))

    report = stores.up.flush_outbox()

    if meanwhile == "nothing":  # a legitimate answer still lands
        assert (report.sent, report.refused) == (1, [])
        assert remote_row(pg, row.id)[:2] == ("in_progress", state_digest(turns[2].state))
    else:
        assert (report.sent, len(report.refused)) == (0, 1)
        assert remote_row(pg, row.id)[0] == "abandoned"


def test_a_queued_turn_is_never_sent_unguarded_when_the_outbox_cannot_be_read_back(
        stores: Stores, interview: Callable[..., list], pg: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The turn was queued, then reading the outbox failed: it waits there (its guard with it)
    instead of going straight to the database as a plain upsert over an ended interview."""
    from estel.errors import StoreFailure

    turns = interview(questions=3)
    row = two_answers_in(stores, turns)
    landed(stores.other, TurnWrite(abandoned_record(row), row.state_digest))

    def unreachable(write: TurnWrite) -> bool:
        raise stores.up.QUEUE_TURN_ERRORS[0]("the database did not answer")

    def unreadable(session_id: str) -> None:
        raise StoreFailure("the outbox file is locked")

    monkeypatch.setattr(stores.up, "_write_turn", unreachable)
    monkeypatch.setattr(stores.up, "_pending", lambda session_id: None)
    monkeypatch.setattr(stores.up.outbox, "get", unreadable)
    [receipt] = stores.up.save_turns([answered(row, turns[2], turns[1])])
    monkeypatch.undo()
    assert receipt.pending_sync
    assert remote_row(pg, row.id)[0] == "abandoned"
    report = stores.up.flush_outbox()
    assert (report.sent, len(report.refused)) == (0, 1)
    assert remote_row(pg, row.id)[0] == "abandoned"
