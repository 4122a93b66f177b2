"""Signed-in candidates end to end, on real PostgreSQL with the migrations' RLS policies: each user
signs in through supabase-py's auth client (the Supabase Auth stand-in), the app's saving code
writes their interview with their token, it is stored under their user_id, and another user's
History queries and every dashboard function see none of it. Signed out, the service key still
saves and reads everything."""

from __future__ import annotations

import itertools
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fake_gotrue import mint

from estel.auth import AuthSession, SupabaseAuth
from estel.config import Settings, load_settings
from estel.dashboard.aggregates import SqlQueries
from estel.engine import TurnResult
from estel.store import open_store, open_user_store
from estel.store.base import SessionFilters, SessionRecord, SessionStore
from estel.store.supabase import AccountLessView
from estel.ui import saving

pytestmark = pytest.mark.postgres
SECRET = "super-secret-jwt-token-with-at-least-32-characters-long"  # conftest.JWT_SECRET
COMPLETED = SessionFilters(statuses=("completed",))
IN_PROGRESS = SessionFilters(statuses=("in_progress",))


@pytest.fixture
def settings(supabase_project: Any, tmp_path: Path) -> Settings:
    return load_settings(environ={
        "SUPABASE_URL": supabase_project.url, "SUPABASE_KEY": mint(SECRET, "service_role"),
        "SUPABASE_ANON_KEY": mint(SECRET, "anon"), "ESTEL_DB_PATH": str(tmp_path / "estel.db"),
        "ESTEL_SUPABASE_TIMEOUT": "5"})


def signed_in(project: Any, settings: Settings) -> AuthSession:
    address = f"cand-{uuid.uuid4().hex[:8]}@example.com"
    project.gotrue.add_user(address, "correct horse")
    auth = SupabaseAuth(settings.supabase_url or "", settings.supabase_anon_key or "")
    return auth.sign_in(address, "correct horse")


def user_store(settings: Settings, session: AuthSession) -> SessionStore:
    return open_user_store(settings, session.access_token, session.user_id)


def play(store: SessionStore, turns: list[TurnResult], owner: str | None,
         answers: int | None = None) -> SessionRecord:
    """What the app does: save the opening, then each answer (compare-and-set), then the end."""
    record, receipt = saving.save_start(store, turns[0], language="en", user_id=owner)
    assert (receipt.saved, receipt.pending_sync) == (True, False), receipt.message
    assert record is not None
    last = len(turns) - 1 if answers is None else answers
    for before, after in itertools.pairwise(turns[:last + 1]):
        record, receipt = saving.save_answer(store, record, before.state, after)
        assert (receipt.saved, receipt.pending_sync) == (True, False), receipt.message
    return record


def stored_owner(pg: Any, session_id: str) -> tuple[str | None, str, int]:
    row = pg.execute("select user_id::text, status, jsonb_array_length(transcript)"
                     " from public.interview_sessions where id = %s", [session_id]).fetchone()
    return row[0], row[1], row[2]


def test_a_signed_in_interview_is_stored_under_the_users_id(
        supabase_project: Any, settings: Settings, pg: Any,
        interview: Callable[..., list[TurnResult]]) -> None:
    a = signed_in(supabase_project, settings)
    store = user_store(settings, a)
    half = play(store, interview(4, role="Backend Engineer"), a.user_id, answers=2)
    assert stored_owner(pg, half.id) == (a.user_id, "in_progress", 3)
    assert "(your account)" in store.description
    sent = [s for s in supabase_project.seen if s.path == "/rest/v1/interview_sessions"
            and s.method == "POST"]
    assert sent
    assert all(s.headers["authorization"] == f"Bearer {a.access_token}" for s in sent)
    assert {s.headers["apikey"] for s in sent} == {settings.supabase_anon_key.get_secret_value()}


def test_the_row_is_theirs_even_without_user_id_in_the_record(
        supabase_project: Any, settings: Settings, pg: Any,
        interview: Callable[..., list[TurnResult]]) -> None:
    a = signed_in(supabase_project, settings)
    record = play(user_store(settings, a), interview(2), owner=None)
    assert stored_owner(pg, record.id)[0] == a.user_id


def test_another_users_history_never_shows_them(
        supabase_project: Any, settings: Settings, pg: Any,
        interview: Callable[..., list[TurnResult]]) -> None:
    a, b = signed_in(supabase_project, settings), signed_in(supabase_project, settings)
    a_store, b_store = user_store(settings, a), user_store(settings, b)
    a_done = play(a_store, interview(2, role="Backend Engineer"), a.user_id)
    a_open = play(a_store, interview(3, role="Backend Engineer"), a.user_id, answers=1)
    b_done = play(b_store, interview(2, role="Product Designer"), b.user_id)
    # every query History and resuming make, with B's token
    assert [r.id for r in b_store.list(COMPLETED, 500)] == [b_done.id]
    assert b_store.list(IN_PROGRESS, 50) == []
    assert b_store.get(a_done.id) is None
    assert b_store.get(a_open.id) is None
    assert b_store.find_by_digest(a_open.state_digest or "") == []
    assert b_store.count() == 1
    assert {r.id for r in a_store.list(None, 500)} == {a_done.id, a_open.id}
    # the team dashboard's service key still sees everyone
    service = open_store(settings)
    assert {r.id for r in service.list(None, 500)} == {a_done.id, a_open.id, b_done.id}


def test_b_cannot_take_over_a_row_of_a(
        supabase_project: Any, settings: Settings, pg: Any,
        interview: Callable[..., list[TurnResult]]) -> None:
    a, b = signed_in(supabase_project, settings), signed_in(supabase_project, settings)
    turns = interview(3)
    a_open = play(user_store(settings, a), turns, a.user_id, answers=1)
    b_store = user_store(settings, b)
    # A's record as it is: B's store refuses it before sending anything
    sent_before = len(supabase_project.seen)
    _, receipt = saving.save_answer(b_store, a_open, turns[1].state, turns[2])
    assert (receipt.saved, receipt.conflict) == (False, False)
    assert "another account" in receipt.message
    assert len(supabase_project.seen) == sent_before
    # without its owner: sent, but RLS hides A's row from B's update, which writes nothing
    taken = a_open.model_copy(update={"user_id": None})
    _, receipt = saving.save_answer(b_store, taken, turns[1].state, turns[2])
    assert receipt.conflict
    assert not receipt.saved
    assert stored_owner(pg, a_open.id) == (a.user_id, "in_progress", 2)


def test_every_dashboard_function_shows_b_exactly_the_database_without_a(
        supabase_project: Any, settings: Settings, pg: Any,
        interview: Callable[..., list[TurnResult]]) -> None:
    a, b = signed_in(supabase_project, settings), signed_in(supabase_project, settings)
    for _ in range(3):
        play(user_store(settings, a), interview(2, role="Backend Engineer"), a.user_id)
    play(user_store(settings, a), interview(3, role="Site Reliability Engineer"), a.user_id,
         answers=1)
    play(user_store(settings, b), interview(2, role="Product Designer"), b.user_id)
    names = [row[0] for row in pg.execute(
        "select proname from pg_proc where pronamespace = 'public'::regnamespace"
        " and proname like 'dashboard%' and provolatile <> 'i'"  # immutable: no table read
        " and prorettype <> 'trigger'::regtype and pronargs = pronargdefaults"
        " and has_function_privilege('authenticated', oid, 'execute')"  # what users can call
        " order by proname").fetchall()]
    assert {"dashboard_count", "dashboard_kpis", "dashboard_score_histogram",
            "dashboard_overall_trend", "dashboard_activity", "dashboard_role_profiles",
            "dashboard_skill_gaps", "dashboard_table_page", "dashboard_filter_options"} <= set(
        names), names
    b_store = user_store(settings, b)
    seen_by_b = {name: b_store.dashboard_call(name, {}) for name in names}
    assert any("Product Designer" in json.dumps(v) for v in seen_by_b.values())
    pg.execute("delete from public.interview_sessions where user_id = %s", [a.user_id])
    service = open_store(settings)
    assert seen_by_b == {name: service.dashboard_call(name, {}) for name in names}


def test_the_dashboard_queries_with_bs_token_count_only_b(
        supabase_project: Any, settings: Settings, pg: Any,
        interview: Callable[..., list[TurnResult]]) -> None:
    a, b = signed_in(supabase_project, settings), signed_in(supabase_project, settings)
    play(user_store(settings, a), interview(2, role="Backend Engineer"), a.user_id)
    play(user_store(settings, b), interview(2, role="Product Designer"), b.user_id)
    queries = SqlQueries(user_store(settings, b).dashboard_call)
    assert queries.count(None) == 1
    assert queries.options().target_roles == ("Product Designer",)
    assert set(queries.table_page(None, 0, 100)["target_role"]) == {"Product Designer"}
    assert SqlQueries(open_store(settings).dashboard_call).count(None) == 2


def test_signed_out_use_still_saves_and_reads_with_the_service_key(
        supabase_project: Any, settings: Settings, pg: Any,
        interview: Callable[..., list[TurnResult]]) -> None:
    a = signed_in(supabase_project, settings)
    mine = play(user_store(settings, a), interview(2), a.user_id)
    service = open_store(settings)
    anonymous = play(service, interview(2, role="Data Analyst"), owner=None)
    assert stored_owner(pg, anonymous.id) == (None, "completed", 2)
    assert {r.id for r in service.list(COMPLETED, 500)} == {mine.id, anonymous.id}
    assert [r.id for r in user_store(settings, a).list(COMPLETED, 500)] == [mine.id]
    # what a signed-out candidate's History asks for while sign-in is on
    signed_out = AccountLessView(service)
    assert [r.id for r in signed_out.list(COMPLETED, 500)] == [anonymous.id]
    assert (signed_out.get(mine.id), signed_out.get(anonymous.id).id) == (None, anonymous.id)


def test_a_users_waiting_rows_stay_theirs_and_sync_under_their_id(
        supabase_project: Any, settings: Settings, pg: Any,
        interview: Callable[..., list[TurnResult]]) -> None:
    a, b = signed_in(supabase_project, settings), signed_in(supabase_project, settings)
    supabase_project.mode = "error500"
    record, receipt = saving.save_start(user_store(settings, a), interview(2)[0], language="en",
                                        user_id=a.user_id)
    assert (receipt.saved, receipt.pending_sync) == (True, True)
    assert record is not None
    b_store = user_store(settings, b)
    assert (b_store.pending_count(), b_store.outbox.get(record.id)) == (0, None)
    assert b_store.find_by_digest(record.state_digest or "") == []  # the outbox only, here
    assert user_store(settings, a).get(record.id) == record  # A's own waiting row
    assert user_store(settings, a).pending_count() == 1
    assert b_store.flush_outbox().sent == 0
    supabase_project.mode = "ok"
    assert b_store.get(record.id) is None
    report = open_store(settings).flush_outbox()  # `python -m estel sync`: the service key
    assert (report.sent, report.remaining) == (1, 0)
    assert stored_owner(pg, record.id)[0] == a.user_id
