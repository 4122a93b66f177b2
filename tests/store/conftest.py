"""Fixtures for the store tests: scripted interviews, a real PostgreSQL 15 with the migration,
and a loopback PostgREST stand-in that stores rows in that PostgreSQL.

PostgreSQL: Debian's binaries refuse to run as root, so initdb/pg_ctl run via
`runuser -u postgres --` on a temp dir owned by postgres. Missing binaries skip the PostgreSQL
tests locally and fail them on CI (env CI set).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from estel.brains.scripted import ScriptedBrain
from estel.contract import InterviewMeta
from estel.engine import Engine, TurnResult
from estel.store.base import SessionFilters, SessionRecord
from estel.store.records import completed_record, new_record

REPO = Path(__file__).resolve().parents[2]
MIGRATIONS = sorted((REPO / "supabase" / "migrations").glob("*.sql"))
AUTH_STUB = Path(__file__).with_name("supabase_auth_stub.sql")
PG_BIN = Path("/usr/lib/postgresql/15/bin")
FAKE_POSTGREST = Path(__file__).with_name("fake_postgrest.py")

USER_A = "0a0a0a0a-0000-4000-8000-00000000000a"
USER_B = "0b0b0b0b-0000-4000-8000-00000000000b"
T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)  # "now" of the made-up sessions


# -- interviews and records --------------------------------------------------------------------

def run_interview(questions: int = 3, role: str = "Backend Engineer", level: str = "mid",
                  difficulty: str = "standard") -> list[TurnResult]:
    """Every turn of a scripted interview, opening … feedback."""
    meta = InterviewMeta(target_role=role, experience_level=level, difficulty=difficulty,
                         questions_target=questions)
    engine = Engine(ScriptedBrain())
    turns = [engine.start(meta)]
    while not turns[-1].finished:
        turns.append(engine.answer(turns[-1].state, f"My answer number {len(turns)}."))
    return turns


@pytest.fixture(scope="session")
def interview() -> Callable[..., list[TurnResult]]:
    return run_interview


@pytest.fixture(scope="session")
def make_completed() -> Callable[..., SessionRecord]:
    """A completed record; keyword overrides change any column (validated)."""
    turns = run_interview()

    def make(minutes_ago: float = 0, **overrides: Any) -> SessionRecord:
        created = T0 - timedelta(minutes=minutes_ago)
        record = completed_record(new_record(turns[0], now=created), turns,
                                  now=created + timedelta(minutes=5))
        return SessionRecord.model_validate({**record.model_dump(), **overrides})

    return make


FILTER_CASES = {
    "since": SessionFilters(since=T0 - timedelta(days=1)),
    "until": SessionFilters(until=T0 - timedelta(days=1)),
    "window": SessionFilters(since=T0 - timedelta(days=5), until=T0 - timedelta(minutes=10)),
    "roles": SessionFilters(target_roles=("Designer", "Data")),
    "levels": SessionFilters(experience_levels=("senior",)),
    "difficulties": SessionFilters(difficulties=("hard", "easy")),
    "brains": SessionFilters(brains=("offline",)),
    "models": SessionFilters(models=("gpt-4.1",)),
    "prompt_versions": SessionFilters(prompt_versions=("v2",)),
    "statuses": SessionFilters(statuses=("in_progress",)),
    "combined": SessionFilters(target_roles=("Backend", "Designer"), brains=("openai",),
                               since=T0 - timedelta(days=5)),
    "empty choice": SessionFilters(target_roles=()),
    # whole UTC days, as the page asks: PostgreSQL answers these from its rollups
    "whole days": SessionFilters(since=T0.replace(hour=0) - timedelta(days=60),
                                 until=T0.replace(hour=0) - timedelta(days=1)),
    "whole days, roles, statuses": SessionFilters(
        since=T0.replace(hour=0) - timedelta(days=120), target_roles=("Designer", "Data"),
        statuses=("completed", "abandoned")),
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test asking for `filter_name` runs once per dashboard filter case."""
    if "filter_name" in metafunc.fixturenames:
        metafunc.parametrize("filter_name", list(FILTER_CASES))


@pytest.fixture
def filter_case(filter_name: str) -> SessionFilters:
    return FILTER_CASES[filter_name]


@pytest.fixture(scope="session")
def expected_ids() -> Callable[[list[SessionRecord], SessionFilters], list[str]]:
    """The filters' meaning, written out plainly: matching ids, newest first."""
    def ids(records: list[SessionRecord], f: SessionFilters) -> list[str]:
        def keep(r: SessionRecord) -> bool:
            return all([
                f.since is None or r.created_at >= f.since,
                f.until is None or r.created_at < f.until,
                f.target_roles is None or r.target_role in f.target_roles,
                f.experience_levels is None or r.experience_level in f.experience_levels,
                f.difficulties is None or r.difficulty in f.difficulties,
                f.brains is None or r.brain in f.brains,
                f.models is None or r.model in f.models,
                f.prompt_versions is None or r.prompt_version in f.prompt_versions,
                f.statuses is None or r.status in f.statuses,
            ])

        newest = sorted(records, key=lambda r: r.created_at, reverse=True)
        return [r.id for r in newest if keep(r)]

    return ids


@pytest.fixture
def varied_records(make_completed: Callable[..., SessionRecord]) -> list[SessionRecord]:
    """Five completed sessions that differ in every filtered column, and one in progress."""
    day = 60 * 24
    specs = [
        dict(target_role="Backend", experience_level="junior", difficulty="easy",
             brain="offline", model=None, prompt_version=None, minutes_ago=10 * day),
        dict(target_role="Backend", experience_level="senior", difficulty="hard",
             brain="openai", model="gpt-4.1", prompt_version="v1", minutes_ago=3 * day),
        dict(target_role="Designer", experience_level="mid", difficulty="standard",
             brain="openai", model="gpt-4.1-mini", prompt_version="v2", minutes_ago=60),
        dict(target_role="Designer", experience_level="senior", difficulty="hard",
             brain="offline", model=None, prompt_version="v2", minutes_ago=30),
        dict(target_role="Data", experience_level="junior", difficulty="standard",
             brain="openai", model="gpt-4.1", prompt_version="v1", minutes_ago=5),
    ]
    records = [make_completed(id=str(uuid.uuid4()), **spec) for spec in specs]
    in_progress = records[0].model_copy(update={
        "id": str(uuid.uuid4()), "status": "in_progress", "completed_at": None,
        "summary": None, "created_at": T0 + timedelta(minutes=1), "overall_score": None,
        "communication_score": None, "content_score": None, "confidence_score": None})
    return [*records, in_progress]


# -- PostgreSQL -------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class PgServer:
    port: int

    def dsn(self, dbname: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={dbname}"

    def url(self, dbname: str = "estel") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"


@pytest.fixture(scope="session")
def postgres() -> Iterator[PgServer]:
    """A throwaway PostgreSQL 15 (fsync off) for the whole test session."""
    if not (PG_BIN / "initdb").exists():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL 15 binaries are missing on CI (.ci/run installs them)")
        pytest.skip("PostgreSQL 15 binaries not installed (apt-get install postgresql)")
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    root = Path(tempfile.mkdtemp(prefix="estel-pg-"))
    if as_postgres:
        shutil.chown(root, "postgres", "postgres")
    data, port = root / "data", free_port()

    def pg(*args: str) -> None:
        subprocess.run([*as_postgres, *args], check=True, capture_output=True, timeout=60)

    pg(str(PG_BIN / "initdb"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync",
       "-D", str(data))
    options = (f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
               " -c synchronous_commit=off -c full_page_writes=off")
    pg(str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-o", options,
       "start")
    try:
        yield PgServer(port)
    finally:
        subprocess.run([*as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(data), "-m",
                        "immediate", "stop"], capture_output=True, timeout=60, check=False)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_dsn(postgres: PgServer) -> str:
    """A database with the auth stub and every migration applied, in order."""
    import psycopg

    with psycopg.connect(postgres.dsn(), autocommit=True) as conn:
        conn.execute("create database estel")
    dsn = postgres.dsn("estel")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(AUTH_STUB.read_text())
        for migration in MIGRATIONS:
            conn.execute(migration.read_text())
        conn.execute("insert into auth.users (id, email) values (%s, 'a@example.com'),"
                     " (%s, 'b@example.com')", [USER_A, USER_B])
    return dsn


@pytest.fixture
def pg(pg_dsn: str) -> Iterator[Any]:
    """A superuser connection to the migrated database; the table starts empty."""
    import psycopg

    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        conn.execute("truncate public.interview_sessions")
        yield conn


def as_role(conn: Any, role: str, sub: str | None = None) -> None:
    """Impersonate an API role inside the current transaction, as PostgREST does."""
    claims = {"role": role, **({"sub": sub} if sub else {})}
    conn.execute(f"set local role {role}")
    conn.execute("select set_config('request.jwt.claims', %s, true)", [json.dumps(claims)])


# -- PostgREST stand-in -----------------------------------------------------------------------

def jwt(role: str, sub: str | None = None) -> str:
    """An unsigned JWT like Supabase's keys (the stand-in reads its claims, as PostgREST would)."""
    def part(data: dict[str, Any]) -> str:
        raw = json.dumps(data, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    claims = {"role": role, **({"sub": sub} if sub else {})}
    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(claims)}.signature"


SERVICE_KEY = jwt("service_role")


@pytest.fixture(scope="session")
def make_jwt() -> Callable[..., str]:
    return jwt


def _load_fake_postgrest() -> Any:
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("estel_tests_fake_postgrest", FAKE_POSTGREST)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def fake_postgrest(pg: Any, pg_dsn: str) -> Iterator[Any]:
    """The PostgREST stand-in on 127.0.0.1 (a free port), storing into the migrated table."""
    server = _load_fake_postgrest().FakePostgrest(pg_dsn).start()
    try:
        yield server
    finally:
        server.stop()


JWT_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long"  # the project's JWT secret


@pytest.fixture
def supabase_project(pg: Any, pg_dsn: str) -> Iterator[Any]:
    """A Supabase project on loopback: the PostgREST stand-in checking HS256 signatures with
    JWT_SECRET, and Supabase Auth (tests/support/fake_gotrue.py) on the same port."""
    from fake_gotrue import GoTrue

    server = _load_fake_postgrest().FakePostgrest(
        pg_dsn, jwt_secret=JWT_SECRET, gotrue=GoTrue(pg_dsn, JWT_SECRET)).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def supabase_store(fake_postgrest: Any, tmp_path: Path) -> Iterator[Any]:
    """A SupabaseStore (service role key) on the stand-in, with its outbox in tmp_path."""
    from estel.store.sqlite import SQLiteStore
    from estel.store.supabase import SupabaseStore

    store = SupabaseStore(fake_postgrest.url, SERVICE_KEY, timeout=3.0,
                          outbox=SQLiteStore(tmp_path / "outbox.db"))
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def postgres_store(pg: Any, postgres: PgServer, tmp_path: Path) -> Iterator[Any]:
    """A PostgresStore on the migrated database (empty table), its outbox in tmp_path."""
    from estel.store.postgres import PostgresStore
    from estel.store.sqlite import SQLiteStore

    store = PostgresStore(postgres.url(), timeout=2, outbox=SQLiteStore(tmp_path / "outbox.db"))
    try:
        yield store
    finally:
        store.close()
