-- A small stub of what Supabase provides around a project's migrations, for plain PostgreSQL:
-- the auth schema (auth.users, auth.uid() and auth.role() reading request.jwt.claims like
-- PostgREST sets it), the API roles, and Supabase's default grants on new public tables.
-- service_role is created WITHOUT bypassrls so the migration's policies are what is tested.

create schema auth;

create table auth.users (
  id uuid primary key,
  email text
);

create function auth.uid() returns uuid
language sql stable as $$
  select nullif(current_setting('request.jwt.claims', true)::jsonb ->> 'sub', '')::uuid
$$;

create function auth.role() returns text
language sql stable as $$
  select current_setting('request.jwt.claims', true)::jsonb ->> 'role'
$$;

create role anon nologin noinherit;
create role authenticated nologin noinherit;
create role service_role nologin noinherit;

grant usage on schema public to anon, authenticated, service_role;
grant usage on schema auth to anon, authenticated, service_role;
grant execute on function auth.uid(), auth.role() to anon, authenticated, service_role;
-- auth.users is referenced by the foreign key; the FK check runs as the table owner.

alter default privileges in schema public
  grant all on tables to anon, authenticated, service_role;
