"""The Supabase path of the dashboard over more rows than PostgREST answers at once (1,000):
figures through rpc() over every row, tables paged, nothing silently cut."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest

from estel.dashboard.aggregates import SqlQueries, queries_for
from estel.store.rows import row_from_record
from estel.store.supabase import SupabaseStore

pytestmark = pytest.mark.postgres
ROWS = 1_500


@pytest.fixture
def supabase_store(fake_postgrest: Any, tmp_path: Any, make_jwt: Any) -> Any:
    """conftest's store with a timeout that 1,000-row answers meet on a busy machine."""
    from estel.store.sqlite import SQLiteStore

    store = SupabaseStore(fake_postgrest.url, make_jwt("service_role"), timeout=10,
                          outbox=SQLiteStore(tmp_path / "outbox.db"))
    yield store
    store.close()


@pytest.fixture
def many(pg: Any, make_completed: Any) -> list[Any]:
    records = [make_completed(minutes_ago=i, id=str(uuid.uuid4()),
                              target_role=("Backend", "Data", "Designer")[i % 3],
                              overall_score=float(i % 11))
               for i in range(ROWS)]
    with pg.cursor() as cursor:
        cursor.executemany("insert into public.interview_sessions select * from"
                           " json_populate_record(null::public.interview_sessions, %s)",
                           [[json.dumps(row_from_record(r))] for r in records])
    return records


def test_the_stand_in_cuts_long_answers_like_postgrest(fake_postgrest: Any, many: list[Any],
                                                      make_jwt: Any) -> None:
    key = make_jwt("service_role")
    answer = httpx.get(f"{fake_postgrest.url}/rest/v1/interview_sessions?select=id",
                       headers={"apikey": key, "authorization": f"Bearer {key}"})
    assert len(answer.json()) == 1000  # what one .limit(5000) request used to get


def test_list_pages_past_the_cap(supabase_store: SupabaseStore, many: list[Any]) -> None:
    listed = supabase_store.list(limit=ROWS + 10, with_transcript=False)
    newest = sorted(many, key=lambda r: r.created_at, reverse=True)
    assert [r.id for r in listed] == [r.id for r in newest]
    assert len(supabase_store.list(limit=1200, with_transcript=False)) == 1200


def test_every_figure_covers_every_row(supabase_store: SupabaseStore, many: list[Any],
                                       pg_dsn: str) -> None:
    import psycopg

    from estel.store.pg_functions import function_call

    queries = queries_for(supabase_store)
    assert isinstance(queries, SqlQueries)
    numbers, _, _ = queries.kpis(None)
    assert numbers.sessions == numbers.completed == ROWS
    assert numbers.mean_overall == pytest.approx(sum(r.overall_score for r in many) / ROWS)
    assert queries.count(None) == ROWS
    assert queries.options().total == ROWS
    direct = SqlQueries(function_call(lambda: psycopg.connect(pg_dsn)))
    assert queries.histogram(None).equals(direct.histogram(None))
    assert queries.role_profiles(None).equals(direct.role_profiles(None))
    assert queries.histogram(None)["sessions"].sum() == 4 * ROWS


def test_the_table_pages_through_the_cap(supabase_store: SupabaseStore,
                                         many: list[Any]) -> None:
    queries = queries_for(supabase_store)
    newest = [r.id for r in sorted(many, key=lambda r: r.created_at, reverse=True)]
    page = queries.table_page(None, 0, 1300)
    assert page["id"].tolist() == newest[:1300]
    assert queries.table_page(None, 1400, 500)["id"].tolist() == newest[1400:]
