"""SupabaseStore through supabase-py against a loopback PostgREST stand-in backed by the real
PostgreSQL table, plus the faults: refused connections, 500s, slow replies, refused rows."""

from __future__ import annotations

import uuid
import warnings
from pathlib import Path
from typing import Any

import pytest

from estel.store import SessionStore
from estel.store.outbox import Outbox
from estel.store.records import completed_record, new_record
from estel.store.rows import record_from_row
from estel.store.sqlite import SQLiteStore
from estel.store.supabase import SupabaseStore

pytestmark = pytest.mark.postgres

USER_A = "0a0a0a0a-0000-4000-8000-00000000000a"
USER_B = "0b0b0b0b-0000-4000-8000-00000000000b"


def pg_rows(pg: Any) -> dict[str, Any]:
    """Every stored row, by id, read straight from PostgreSQL."""
    rows = pg.execute("select to_jsonb(s) from public.interview_sessions s").fetchall()
    return {r[0]["id"]: record_from_row(r[0]) for r in rows}


def make_store(fake: Any, tmp_path: Path, key: str, **kwargs: Any) -> SupabaseStore:
    return SupabaseStore(fake.url, key, timeout=3.0,
                         outbox=SQLiteStore(tmp_path / f"outbox-{uuid.uuid4().hex}.db"), **kwargs)


def test_create_then_complete_lands_in_postgres(supabase_store: SupabaseStore, pg: Any,
                                                fake_postgrest: Any, interview: Any) -> None:
    turns = interview(questions=3)
    record = new_record(turns[0])
    receipt = supabase_store.create(record)
    assert receipt.saved
    assert not receipt.pending_sync
    assert receipt.location == "Supabase: 127.0.0.1"
    assert pg_rows(pg)[record.id] == record
    done = completed_record(record, turns)
    assert supabase_store.complete(done).saved
    assert pg_rows(pg) == {record.id: done}
    assert supabase_store.get(record.id) == done
    assert supabase_store.pending_count() == 0


def test_the_client_sends_postgrest_upserts_with_the_key(supabase_store: SupabaseStore,
                                                         fake_postgrest: Any,
                                                         make_completed: Any) -> None:
    supabase_store.create(make_completed().model_copy(update={"status": "in_progress"}))
    supabase_store.complete(make_completed())
    create, complete = (s for s in fake_postgrest.seen if s.method == "POST")
    assert create.path == complete.path == "/rest/v1/interview_sessions"
    assert ("on_conflict", "id") in create.query
    assert "resolution=ignore-duplicates" in create.headers["prefer"]
    assert "resolution=merge-duplicates" in complete.headers["prefer"]
    assert "return=minimal" in complete.headers["prefer"]
    assert complete.headers["authorization"] == f"Bearer {supabase_store._key}"
    assert complete.headers["apikey"] == supabase_store._key
    assert "user_id" not in complete.body  # so the column default auth.uid() applies


def test_completing_twice_and_a_late_create_keep_one_completed_row(
    supabase_store: SupabaseStore, pg: Any, interview: Any
) -> None:
    turns = interview()
    record = new_record(turns[0])
    done = completed_record(record, turns)
    assert supabase_store.complete(done).saved
    assert supabase_store.complete(done).saved
    assert supabase_store.create(record).saved
    assert pg_rows(pg) == {record.id: done}


def test_list_and_count_match_the_sqlite_store_for_every_filter(
    supabase_store: SupabaseStore, tmp_path: Path, varied_records: list[Any],
    filter_name: str, filter_case: Any, expected_ids: Any,
) -> None:
    for record in varied_records:
        write = supabase_store.create if record.status == "in_progress" else supabase_store.complete
        assert write(record).saved
    want = expected_ids(varied_records, filter_case)
    listed = supabase_store.list(filter_case)
    assert [r.id for r in listed] == want
    assert supabase_store.count(filter_case) == len(want)
    by_id = {r.id: r for r in varied_records}
    assert all(r == by_id[r.id] for r in listed)


def test_list_without_transcripts_does_not_fetch_them(supabase_store: SupabaseStore,
                                                     fake_postgrest: Any,
                                                     make_completed: Any) -> None:
    record = make_completed()
    supabase_store.complete(record)
    [light] = supabase_store.list(with_transcript=False, limit=5)
    assert light == record.model_copy(update={"transcript": []})
    select = dict(fake_postgrest.seen[-1].query)["select"]
    assert "transcript" not in select.split(",")
    assert "summary" in select.split(",")


def test_a_signed_in_user_writes_rows_they_own_and_reads_only_theirs(
    fake_postgrest: Any, pg: Any, tmp_path: Path, make_completed: Any, make_jwt: Any
) -> None:
    theirs = make_completed(id=str(uuid.uuid4()), user_id=USER_B)
    assert make_store(fake_postgrest, tmp_path, make_jwt("service_role")).complete(theirs).saved
    store = make_store(fake_postgrest, tmp_path, make_jwt("authenticated", USER_A))
    mine = make_completed(id=str(uuid.uuid4()))  # no user_id: the database fills it in
    receipt = store.complete(mine)
    assert receipt.saved
    assert not receipt.pending_sync
    assert pg_rows(pg)[mine.id].user_id == USER_A
    assert [r.id for r in store.list()] == [mine.id]
    assert store.count() == 1
    assert store.get(theirs.id) is None
    hijack = theirs.model_copy(update={"summary": "hijacked", "user_id": None})
    receipt = store.complete(hijack)
    assert receipt.pending_sync  # refused by row-level security, kept locally
    assert "42501" in receipt.extra["error"]
    assert pg_rows(pg)[theirs.id].summary == theirs.summary


def test_a_refused_connection_queues_the_row_until_the_server_is_back(
    supabase_store: SupabaseStore, fake_postgrest: Any, pg: Any, make_completed: Any
) -> None:
    record = make_completed()
    fake_postgrest.stop()
    receipt = supabase_store.complete(record)
    assert receipt.saved
    assert receipt.pending_sync
    assert receipt.location.startswith("local outbox: ")
    assert "will sync" in receipt.message
    assert "unreachable" in receipt.extra["error"]
    assert supabase_store.pending_count() == 1
    assert supabase_store.get(record.id) == record  # read from the outbox meanwhile
    assert pg_rows(pg) == {}
    fake_postgrest.start()  # same port
    report = supabase_store.flush_outbox()
    assert (report.sent, report.failed, report.remaining) == (1, 0, 0)
    assert pg_rows(pg) == {record.id: record}


def test_a_500_queues_the_row_and_the_next_good_write_sends_it(
    supabase_store: SupabaseStore, fake_postgrest: Any, pg: Any, make_completed: Any
) -> None:
    first, second = make_completed(id=str(uuid.uuid4())), make_completed(id=str(uuid.uuid4()))
    fake_postgrest.mode = "error500"
    receipt = supabase_store.complete(first)
    assert receipt.pending_sync
    assert "XX000" in receipt.extra["error"]
    fake_postgrest.mode = "ok"
    receipt = supabase_store.complete(second)
    assert not receipt.pending_sync
    assert receipt.extra == {"synced": "1"}
    assert pg_rows(pg) == {first.id: first, second.id: second}
    assert supabase_store.pending_count() == 0


def test_a_reply_slower_than_the_timeout_is_queued_and_never_duplicated(
    supabase_store: SupabaseStore, fake_postgrest: Any, pg: Any, make_completed: Any
) -> None:
    record = make_completed()
    fake_postgrest.mode, fake_postgrest.slow_seconds = "slow", 4.5  # the store waits 3 s
    receipt = supabase_store.complete(record)
    assert receipt.pending_sync
    assert "timeout" in receipt.extra["error"]
    fake_postgrest.wait_idle()  # the slow request did reach the database after all
    assert pg_rows(pg) == {record.id: record}
    fake_postgrest.mode = "ok"
    report = supabase_store.flush_outbox()
    assert (report.sent, report.remaining) == (1, 0)
    assert pg_rows(pg) == {record.id: record}


def test_nothing_is_lost_or_duplicated_across_outages(
    supabase_store: SupabaseStore, fake_postgrest: Any, pg: Any, interview: Any
) -> None:
    finals = {}
    modes = ["ok", "down", "error500", "ok", "down", "ok", "error500", "down"]
    for mode in modes:
        if mode == "down":
            fake_postgrest.stop()
        elif fake_postgrest._server is None:
            fake_postgrest.start()
        fake_postgrest.mode = "ok" if mode == "down" else mode
        turns = interview()
        record = new_record(turns[0])
        assert supabase_store.create(record).saved
        finals[record.id] = completed_record(record, turns)
        receipt = supabase_store.complete(finals[record.id])
        assert receipt.saved
        assert receipt.pending_sync == (mode != "ok")
    fake_postgrest.start()
    fake_postgrest.mode = "ok"
    report = supabase_store.flush_outbox()
    assert report.remaining == 0
    assert pg_rows(pg) == finals


def test_a_row_supabase_refuses_waits_without_blocking_the_others(
    supabase_store: SupabaseStore, fake_postgrest: Any, pg: Any, make_completed: Any
) -> None:
    orphan = make_completed(id=str(uuid.uuid4()), user_id=str(uuid.uuid4()))  # no such user
    fine = make_completed(id=str(uuid.uuid4()))
    fake_postgrest.stop()
    supabase_store.complete(orphan)
    supabase_store.complete(fine)
    fake_postgrest.start()
    report = supabase_store.flush_outbox()
    assert (report.sent, report.failed, report.remaining) == (1, 1, 1)
    assert "23503" in report.errors[0]  # foreign key: the user does not exist
    assert set(pg_rows(pg)) == {fine.id}
    [waiting] = supabase_store.outbox.items()
    assert (waiting.session_id, waiting.attempts) == (orphan.id, 2)


def test_reads_fail_with_a_store_failure_when_supabase_is_down(
    supabase_store: SupabaseStore, fake_postgrest: Any
) -> None:
    from estel.errors import StoreFailure

    fake_postgrest.stop()
    with pytest.raises(StoreFailure, match="Could not read sessions"):
        supabase_store.list()
    with pytest.raises(StoreFailure):
        supabase_store.count()


def test_without_a_usable_outbox_it_still_writes_directly(
    fake_postgrest: Any, pg: Any, tmp_path: Path, make_completed: Any, make_jwt: Any
) -> None:
    broken = SQLiteStore(tmp_path)  # a folder, not a database file
    store = SupabaseStore(fake_postgrest.url, make_jwt("service_role"), timeout=3.0,
                          outbox=broken)
    record = make_completed()
    receipt = store.complete(record)
    assert (receipt.saved, receipt.pending_sync) == (True, False)
    assert pg_rows(pg) == {record.id: record}
    fake_postgrest.stop()
    receipt = store.complete(make_completed(id=str(uuid.uuid4())))
    assert not receipt.saved
    assert "outbox" in receipt.message


def test_the_outbox_never_lets_a_create_replace_a_queued_complete(tmp_path: Path,
                                                                   interview: Any) -> None:
    from estel.store.rows import row_from_record

    outbox = Outbox(SQLiteStore(tmp_path / "o.db"))
    turns = interview()
    record = new_record(turns[0])
    outbox.put("complete", row_from_record(completed_record(record, turns)))
    outbox.put("create", row_from_record(record))
    [item] = outbox.items()
    assert (item.op, item.row["status"]) == ("complete", "completed")


def test_a_token_protects_a_newer_queued_write(tmp_path: Path, make_completed: Any) -> None:
    from estel.store.rows import row_from_record

    outbox = Outbox(SQLiteStore(tmp_path / "o.db"))
    record = make_completed()
    outbox.put("complete", row_from_record(record))
    [sent] = outbox.items()
    outbox.put("complete", row_from_record(record.model_copy(update={"summary": "newer"})))
    assert not outbox.done(sent)  # the newer write stays queued
    [still] = outbox.items()
    assert still.row["summary"] == "newer"


def test_no_deprecation_warnings_and_no_io_when_opened(fake_postgrest: Any, tmp_path: Path,
                                                       make_completed: Any) -> None:
    outbox_path = tmp_path / "never.db"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        store = SupabaseStore(fake_postgrest.url, "anon-key", timeout=1,
                              outbox=SQLiteStore(outbox_path))
        assert isinstance(store, SessionStore)
        assert not outbox_path.exists()
        assert fake_postgrest.seen == []
        receipt = store.complete(make_completed())  # a plain anon key: no privileges at all
        store.close()
    assert receipt.pending_sync
    assert "42501" in receipt.extra["error"]


def test_bad_settings_are_reported_when_opened(tmp_path: Path) -> None:
    from estel.errors import BadInput

    with pytest.raises(BadInput, match="SUPABASE_URL"):
        SupabaseStore("abc.supabase.co", "key", outbox=SQLiteStore(tmp_path / "o.db"))
    with pytest.raises(BadInput, match="SUPABASE_KEY"):
        SupabaseStore("https://abc.supabase.co", "", outbox=SQLiteStore(tmp_path / "o.db"))
