"""Apply supabase/migrations/*.sql to a plain PostgreSQL (`python -m estel store migrate`).

The migrations are written for Supabase, which provides the `auth` schema (auth.users,
auth.uid()) and the API roles (anon, authenticated, service_role). On a plain PostgreSQL the
first run creates a minimal stand-in for those (`AUTH_SHIM`, only what is missing), then applies
each migration once, in file-name order, recording it in estel_migrations.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg

MIGRATIONS = Path(__file__).resolve().parents[2] / "supabase" / "migrations"
AUTH_SHIM = """
create schema if not exists auth;
create table if not exists auth.users (id uuid primary key, email text);
create or replace function auth.uid() returns uuid language sql stable as $$
  select coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                  nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')::uuid
$$;
do $$ begin
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit; end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit; end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit; end if;
end $$;
"""


def migration_files() -> list[Path]:
    return sorted(MIGRATIONS.glob("*.sql"))


def migrate(url: str) -> Iterator[tuple[str, bool]]:
    """(file name, applied now) per migration; each runs in its own transaction."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("create table if not exists public.estel_migrations ("
                     " name text primary key, applied_at timestamptz not null default now())")
        if conn.execute("select to_regnamespace('auth') is null").fetchone() == (True,) or \
                conn.execute("select to_regproc('auth.uid') is null").fetchone() == (True,):
            conn.execute(AUTH_SHIM)
        for path in migration_files():
            with conn.transaction():
                done = conn.execute("select 1 from public.estel_migrations where name = %s",
                                    [path.name]).fetchone()
                if not done:
                    conn.execute(path.read_text(encoding="utf-8"))
                    conn.execute("insert into public.estel_migrations (name) values (%s)",
                                 [path.name])
            yield path.name, not done
