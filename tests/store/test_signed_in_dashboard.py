"""Signed-in candidates under RLS: tokens signed the way Supabase signs them (HS256 with the
project's JWT secret), PostgREST (the stand-in, checking signatures) on a real PostgreSQL with
the migration's policies. User A never sees user B's rows through any dashboard function."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from estel.dashboard.aggregates import SqlQueries
from estel.errors import StoreFailure
from estel.store.rows import row_from_record
from estel.store.sqlite import SQLiteStore
from estel.store.supabase import SupabaseStore

pytestmark = pytest.mark.postgres
SECRET = "super-secret-jwt-token-with-at-least-32-characters-long"
USER_A = "0a0a0a0a-0000-4000-8000-00000000000a"
USER_B = "0b0b0b0b-0000-4000-8000-00000000000b"


def mint(role: str, sub: str | None = None, secret: str = SECRET) -> str:
    """A Supabase-style access token: HS256 over the claims, with the project's secret."""
    def part(data: dict[str, Any] | bytes) -> str:
        raw = data if isinstance(data, bytes) else json.dumps(data, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    claims = {"role": role, "aud": "authenticated", "exp": int(time.time()) + 3600,
              **({"sub": sub} if sub else {})}
    signed = f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(claims)}"
    return f"{signed}.{part(hmac.new(secret.encode(), signed.encode(), hashlib.sha256).digest())}"


@pytest.fixture
def rows(pg: Any, make_completed: Any) -> dict[str, list[Any]]:
    """A: 3 Backend sessions with gap 'SQL joins'; B: 5 Designer sessions with gap 'Figma'."""
    owned = {
        USER_A: [make_completed(minutes_ago=i, id=str(uuid.uuid4()), user_id=USER_A,
                                target_role="Backend", skill_gaps=["SQL joins"],
                                overall_score=4.0) for i in range(3)],
        USER_B: [make_completed(minutes_ago=10 + i, id=str(uuid.uuid4()), user_id=USER_B,
                                target_role="Designer", skill_gaps=["Figma"], model="secret-b",
                                overall_score=9.0) for i in range(5)],
    }
    with pg.cursor() as cursor:
        cursor.executemany("insert into public.interview_sessions select * from"
                           " json_populate_record(null::public.interview_sessions, %s)",
                           [[json.dumps(row_from_record(r))] for rs in owned.values()
                            for r in rs])
    return owned


@pytest.fixture
def signed_postgrest(pg: Any, pg_dsn: str) -> Any:
    import importlib.util
    import sys

    path = Path(__file__).with_name("fake_postgrest.py")
    spec = importlib.util.spec_from_file_location("estel_tests_fake_postgrest_signed", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    server = module.FakePostgrest(pg_dsn, jwt_secret=SECRET).start()
    yield server
    server.stop()


def store_for(server: Any, token: str, tmp_path: Path) -> SupabaseStore:
    return SupabaseStore(server.url, token, timeout=2,
                         outbox=SQLiteStore(tmp_path / f"{uuid.uuid4().hex}.db"))


def test_user_a_sees_only_their_rows_through_every_function(
        signed_postgrest: Any, rows: dict[str, list[Any]], tmp_path: Path) -> None:
    store = store_for(signed_postgrest, mint("authenticated", USER_A), tmp_path)
    queries = SqlQueries(store.dashboard_call)
    mine = {r.id for r in rows[USER_A]}
    numbers, _, _ = queries.kpis(None)
    assert (numbers.sessions, numbers.completed, numbers.mean_overall) == (3, 3, 4.0)
    assert queries.count(None) == 3
    options = queries.options()
    assert options.total == 3
    assert options.target_roles == ("Backend",)
    assert "secret-b" not in options.models
    assert queries.histogram(None)["sessions"].sum() == 4 * 3
    assert queries.role_profiles(None, 50)["target_role"].tolist() == ["Backend"]
    assert queries.skill_gaps(None, 50)["skill_gap"].tolist() == ["SQL joins"]
    assert set(queries.table_page(None, 0, 100)["id"]) == mine
    assert queries.overall_trend(None, "D", None, None)["sessions"].sum() == 3
    assert queries.activity(None, "D", None, None)["started"].sum() == 3
    assert {r.id for r in store.list(limit=100)} == mine  # the History rows


def test_the_service_key_sees_everyone_and_anon_nothing(
        signed_postgrest: Any, rows: dict[str, list[Any]], tmp_path: Path) -> None:
    service = SqlQueries(store_for(signed_postgrest, mint("service_role"), tmp_path)
                         .dashboard_call)
    assert service.count(None) == 8
    anon = SqlQueries(store_for(signed_postgrest, mint("anon"), tmp_path).dashboard_call)
    with pytest.raises(StoreFailure, match="42501"):
        anon.count(None)


def test_a_token_signed_with_another_secret_is_refused(
        signed_postgrest: Any, rows: dict[str, list[Any]], tmp_path: Path) -> None:
    forged = mint("service_role", secret="not-the-project-secret-but-just-as-long-as-it")
    with pytest.raises(StoreFailure, match="PGRST301"):
        SqlQueries(store_for(signed_postgrest, forged, tmp_path).dashboard_call).count(None)
