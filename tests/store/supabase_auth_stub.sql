-- A small stub of what Supabase provides around a project's migrations, for plain PostgreSQL:
-- the auth schema (auth.users, auth.uid() and auth.role() reading request.jwt.claims like
-- PostgREST sets it), the API roles, and Supabase's default grants on new public tables.
-- service_role is created WITHOUT bypassrls so the migration's policies are what is tested.

create schema if not exists auth;

create table if not exists auth.users (
  id uuid primary key,
  email text
);

-- as Supabase defines them; a custom setting reads as '' once a local value is gone
create or replace function auth.uid() returns uuid
language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'
  )::uuid
$$;

create or replace function auth.role() returns text
language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'
  )::text
$$;

-- roles are cluster-wide: create them once
do $$
begin
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit;
  end if;
end
$$;

grant usage on schema public to anon, authenticated, service_role;
grant usage on schema auth to anon, authenticated, service_role;
grant execute on function auth.uid(), auth.role() to anon, authenticated, service_role;
-- auth.users is referenced by the foreign key; the FK check runs as the table owner.

alter default privileges in schema public
  grant all on tables to anon, authenticated, service_role;
