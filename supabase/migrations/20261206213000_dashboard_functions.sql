-- Dashboard aggregates computed where the data lives.
--
-- Every figure of the Dashboard page is one function here, taking the page's filters
-- (estel/store/base.py SessionFilters) as parameters: null means "no filter on that column", an
-- empty array matches nothing (as the SQLite path does). They return a few hundred rows at most
-- (the sessions table is paged), so a million sessions never leave the database.
--
-- All are `security invoker`: they run with the caller's rights, so the table's RLS policies
-- still apply (a signed-in user aggregates only their own rows; the service role, all rows).
-- The SQLite fast path (estel/dashboard/query.py + analytics.py) computes the same numbers; the
-- shared tests in tests/store/test_dashboard_parity.py hold them equal.

-- The filtered rows. A single-SELECT `language sql` set-returning function that is stable,
-- security invoker and has no SET clause is inlined by the planner into the query that calls
-- it, so the filters reach the indexes below and only the columns used are read. Hence no
-- `set search_path` here (it would prevent inlining): every name is schema-qualified instead.
create or replace function public.dashboard_sessions(
  p_since timestamptz default null,
  p_until timestamptz default null,
  p_target_roles text[] default null,
  p_experience_levels text[] default null,
  p_difficulties text[] default null,
  p_brains text[] default null,
  p_models text[] default null,
  p_prompt_versions text[] default null,
  p_statuses text[] default null
) returns setof public.interview_sessions
language sql stable security invoker
as $$
  select s.* from public.interview_sessions s
  where (p_since is null or s.created_at >= p_since)
    and (p_until is null or s.created_at < p_until)
    and (p_target_roles is null or s.target_role = any (p_target_roles))
    and (p_experience_levels is null or s.experience_level = any (p_experience_levels))
    and (p_difficulties is null or s.difficulty = any (p_difficulties))
    and (p_brains is null or s.brain = any (p_brains))
    and (p_models is null or s.model = any (p_models))
    and (p_prompt_versions is null or s.prompt_version = any (p_prompt_versions))
    and (p_statuses is null or s.status = any (p_statuses))
$$;

-- Sessions matching the filters (the "N of M sessions" caption and the table's pager).
create or replace function public.dashboard_count(
  p_since timestamptz default null, p_until timestamptz default null,
  p_target_roles text[] default null, p_experience_levels text[] default null,
  p_difficulties text[] default null, p_brains text[] default null,
  p_models text[] default null, p_prompt_versions text[] default null,
  p_statuses text[] default null
) returns bigint
language sql stable security invoker
set search_path = ''
as $$
  select count(*) from public.dashboard_sessions(p_since, p_until, p_target_roles,
    p_experience_levels, p_difficulties, p_brains, p_models, p_prompt_versions, p_statuses)
$$;

-- Headline numbers: sessions, completed (with an overall score), their mean overall and the
-- median completed_at - created_at in seconds, and the first and last matching start times
-- (the charts' time axis).
create or replace function public.dashboard_kpis(
  p_since timestamptz default null, p_until timestamptz default null,
  p_target_roles text[] default null, p_experience_levels text[] default null,
  p_difficulties text[] default null, p_brains text[] default null,
  p_models text[] default null, p_prompt_versions text[] default null,
  p_statuses text[] default null
) returns table (sessions bigint, completed bigint, mean_overall double precision,
                 median_duration_seconds double precision, first_created timestamptz,
                 last_created timestamptz)
language sql stable security invoker
set search_path = ''
as $$
  select count(*),
         count(*) filter (where f.status = 'completed' and f.overall_score is not null),
         avg(f.overall_score::float8)
           filter (where f.status = 'completed' and f.overall_score is not null),
         percentile_cont(0.5) within group (
           order by extract(epoch from f.completed_at - f.created_at)::float8)
           filter (where f.status = 'completed' and f.overall_score is not null),
         min(f.created_at), max(f.created_at)
  from public.dashboard_sessions(p_since, p_until, p_target_roles, p_experience_levels,
    p_difficulties, p_brains, p_models, p_prompt_versions, p_statuses) f
$$;

-- Completed sessions per score bin and dimension. Bins [0, w), [w, 2w) … with the last one
-- including 10; every bin listed, empty ones as 0.
create or replace function public.dashboard_score_histogram(
  p_since timestamptz default null, p_until timestamptz default null,
  p_target_roles text[] default null, p_experience_levels text[] default null,
  p_difficulties text[] default null, p_brains text[] default null,
  p_models text[] default null, p_prompt_versions text[] default null,
  p_statuses text[] default null, p_bin_width double precision default 1
) returns table (dimension text, bin_index integer, bin double precision, sessions bigint)
language sql stable security invoker
set search_path = ''
as $$
  with done as (
    select f.overall_score::float8 as overall, f.communication_score::float8 as communication,
           f.content_score::float8 as content, f.confidence_score::float8 as confidence
    from public.dashboard_sessions(p_since, p_until, p_target_roles, p_experience_levels,
      p_difficulties, p_brains, p_models, p_prompt_versions, p_statuses) f
    where f.status = 'completed' and f.overall_score is not null
  ), bins as (select ceil(10 / p_bin_width)::int as n),
  combos as (  -- one pass over the rows: each combination of the four bins (few groups)
    select least(floor(d.overall / p_bin_width + 1e-9)::int, b.n - 1) as o,
           least(floor(d.communication / p_bin_width + 1e-9)::int, b.n - 1) as cm,
           least(floor(d.content / p_bin_width + 1e-9)::int, b.n - 1) as ct,
           least(floor(d.confidence / p_bin_width + 1e-9)::int, b.n - 1) as cf,
           count(*) as sessions
    from done d cross join bins b
    group by 1, 2, 3, 4
  ), counted as (  -- then unpivoted: small
    select x.ord, x.i, sum(c.sessions)::bigint as sessions
    from combos c cross join lateral (values (1, c.o), (2, c.cm), (3, c.ct), (4, c.cf))
      as x (ord, i)
    where x.i is not null
    group by x.ord, x.i
  )
  select dims.dimension, g.i, round((g.i * p_bin_width)::numeric, 6)::float8,
         coalesce(c.sessions, 0)
  from (values ('overall', 1), ('communication', 2), ('content', 3), ('confidence', 4))
       as dims (dimension, ord)
  cross join generate_series(0, (select n from bins) - 1) as g (i)
  left join counted c on c.ord = dims.ord and c.i = g.i
  order by dims.ord, g.i
$$;

-- The period (day, week starting Monday, month) of a time, as a UTC timestamp without zone.
-- No SET clause: the planner inlines it into the aggregates (a per-row call is ~10x slower).
create or replace function public.dashboard_period(p_time timestamptz, p_freq text)
returns timestamp
language sql immutable
as $$
  select date_trunc(case p_freq when 'D' then 'day' when 'W' then 'week' else 'month' end,
                    p_time at time zone 'UTC')
$$;

-- Every period from p_start (default: the first matching session) to p_end (default: the last).
create or replace function public.dashboard_period_axis(
  p_first timestamptz, p_last timestamptz, p_freq text
) returns table (period timestamp)
language sql immutable
set search_path = ''
as $$
  select generate_series(public.dashboard_period(p_first, p_freq),
                         public.dashboard_period(p_last, p_freq),
                         case p_freq when 'D' then interval '1 day'
                                     when 'W' then interval '1 week' else interval '1 month' end)
  where p_first is not null and p_last is not null
$$;

-- Per period of created_at: completed sessions (with an overall score) and their mean overall
-- (null when none); every period of the axis listed.
create or replace function public.dashboard_overall_trend(
  p_since timestamptz default null, p_until timestamptz default null,
  p_target_roles text[] default null, p_experience_levels text[] default null,
  p_difficulties text[] default null, p_brains text[] default null,
  p_models text[] default null, p_prompt_versions text[] default null,
  p_statuses text[] default null, p_freq text default 'D',
  p_start timestamptz default null, p_end timestamptz default null
) returns table (period timestamp, sessions bigint, mean_overall double precision)
language sql stable security invoker
set search_path = ''
as $$
  with f as (
    select f.created_at, f.status, f.overall_score
    from public.dashboard_sessions(p_since, p_until, p_target_roles, p_experience_levels,
      p_difficulties, p_brains, p_models, p_prompt_versions, p_statuses) f
  ), span as (
    select coalesce(p_start, min(created_at)) as first, coalesce(p_end, max(created_at)) as last
    from f
  ), per as (
    select public.dashboard_period(created_at, p_freq) as period, count(*) as sessions,
           avg(overall_score::float8) as mean_overall
    from f where status = 'completed' and overall_score is not null group by 1
  )
  select a.period, coalesce(per.sessions, 0), per.mean_overall
  from span cross join lateral public.dashboard_period_axis(span.first, span.last, p_freq) a
  left join per on per.period = a.period
  order by a.period
$$;

-- Per period of created_at: sessions started, and how many of those are completed.
create or replace function public.dashboard_activity(
  p_since timestamptz default null, p_until timestamptz default null,
  p_target_roles text[] default null, p_experience_levels text[] default null,
  p_difficulties text[] default null, p_brains text[] default null,
  p_models text[] default null, p_prompt_versions text[] default null,
  p_statuses text[] default null, p_freq text default 'D',
  p_start timestamptz default null, p_end timestamptz default null
) returns table (period timestamp, started bigint, completed bigint)
language sql stable security invoker
set search_path = ''
as $$
  with f as (
    select f.created_at, f.status
    from public.dashboard_sessions(p_since, p_until, p_target_roles, p_experience_levels,
      p_difficulties, p_brains, p_models, p_prompt_versions, p_statuses) f
  ), span as (
    select coalesce(p_start, min(created_at)) as first, coalesce(p_end, max(created_at)) as last
    from f
  ), per as (
    select public.dashboard_period(created_at, p_freq) as period, count(*) as started,
           count(*) filter (where status = 'completed') as completed
    from f group by 1
  )
  select a.period, coalesce(per.started, 0), coalesce(per.completed, 0)
  from span cross join lateral public.dashboard_period_axis(span.first, span.last, p_freq) a
  left join per on per.period = a.period
  order by a.period
$$;

-- Mean scores of the p_top roles with the most completed sessions (ties: by name).
create or replace function public.dashboard_role_profiles(
  p_since timestamptz default null, p_until timestamptz default null,
  p_target_roles text[] default null, p_experience_levels text[] default null,
  p_difficulties text[] default null, p_brains text[] default null,
  p_models text[] default null, p_prompt_versions text[] default null,
  p_statuses text[] default null, p_top integer default 5
) returns table (target_role text, sessions bigint, overall double precision,
                 communication double precision, content double precision,
                 confidence double precision)
language sql stable security invoker
set search_path = ''
as $$
  select f.target_role, count(*), avg(f.overall_score::float8),
         avg(f.communication_score::float8), avg(f.content_score::float8),
         avg(f.confidence_score::float8)
  from public.dashboard_sessions(p_since, p_until, p_target_roles, p_experience_levels,
    p_difficulties, p_brains, p_models, p_prompt_versions, p_statuses) f
  where f.status = 'completed' and f.overall_score is not null
  group by f.target_role
  order by count(*) desc, f.target_role collate "C"
  limit p_top
$$;

-- The most named skill gaps of completed sessions: matched ignoring case and spacing, counted
-- once per session, shown in their most common spelling (ties: alphabetical); share is of all
-- completed sessions.
create or replace function public.dashboard_skill_gaps(
  p_since timestamptz default null, p_until timestamptz default null,
  p_target_roles text[] default null, p_experience_levels text[] default null,
  p_difficulties text[] default null, p_brains text[] default null,
  p_models text[] default null, p_prompt_versions text[] default null,
  p_statuses text[] default null, p_top integer default 12
) returns table (skill_gap text, sessions bigint, share double precision)
language sql stable security invoker
set search_path = ''
as $$
  with done as (
    select f.id, f.skill_gaps
    from public.dashboard_sessions(p_since, p_until, p_target_roles, p_experience_levels,
      p_difficulties, p_brains, p_models, p_prompt_versions, p_statuses) f
    where f.status = 'completed' and f.overall_score is not null
  ), named as (  -- one row per gap named: 1-2 million at a million sessions
    select d.id, g.gap, g.ord
    from done d cross join lateral unnest(d.skill_gaps) with ordinality as g (gap, ord)
  ), spellings as (  -- normalise each distinct text once, not once per session
    select t.gap, t.code, t.spelling, lower(t.spelling) as key
    from (select n.gap, row_number() over (order by n.gap collate "C") as code,
                 regexp_replace(btrim(n.gap, E' \t\n\r\f\v'), '\s+', ' ', 'g') as spelling
          from (select distinct gap from named) n) t
    where t.spelling <> ''
  ), firsts as (  -- each gap once per session: its first spelling there (hashed, no sort)
    select min(n.ord * 4294967296 + s.code) % 4294967296 as code
    from named n join spellings s on s.gap = n.gap
    group by n.id, s.key
  ), used as (
    select s.key, s.spelling, count(*) as used  -- per original text, as the pandas path counts
    from firsts f join spellings s on s.code = f.code
    group by s.key, s.code, s.spelling
  ), ranked as (
    select key, sum(used) over (partition by key) as sessions,
           row_number() over (partition by key order by used desc, spelling collate "C")
             as rank, spelling
    from used
  )
  select r.spelling, r.sessions::bigint,
         r.sessions::float8 / (select count(*) from done)
  from ranked r where r.rank = 1
  order by r.sessions desc, r.spelling collate "C"
  limit p_top
$$;

-- One page of the sessions table, newest first.
create or replace function public.dashboard_table_page(
  p_since timestamptz default null, p_until timestamptz default null,
  p_target_roles text[] default null, p_experience_levels text[] default null,
  p_difficulties text[] default null, p_brains text[] default null,
  p_models text[] default null, p_prompt_versions text[] default null,
  p_statuses text[] default null, p_offset integer default 0, p_limit integer default 100
) returns table (created_at timestamptz, status text, target_role text,
                 experience_level text, difficulty text, overall double precision,
                 communication double precision, content double precision,
                 confidence double precision, duration_min double precision, brain text,
                 model text, prompt_version text, skill_gaps text, questions_target integer,
                 completed_at timestamptz, id uuid)
language sql stable security invoker
set search_path = ''
as $$
  select f.created_at, f.status, f.target_role, f.experience_level, f.difficulty,
         f.overall_score::float8, f.communication_score::float8, f.content_score::float8,
         f.confidence_score::float8,
         -- as numpy rounds: half to even on the float (numeric would round half away)
         round(extract(epoch from f.completed_at - f.created_at)::float8 / 60 * 10) / 10,
         f.brain, f.model, f.prompt_version, array_to_string(f.skill_gaps, '; '),
         f.questions_target::int, f.completed_at, f.id
  from public.dashboard_sessions(p_since, p_until, p_target_roles, p_experience_levels,
    p_difficulties, p_brains, p_models, p_prompt_versions, p_statuses) f
  order by f.created_at desc, f.id desc
  offset greatest(p_offset, 0) limit least(greatest(p_limit, 0), 10000)
$$;

-- What the filter widgets offer: distinct values per column (sorted by code point, as SQLite
-- does) and the time span of every session the caller may see.
create or replace function public.dashboard_filter_options()
returns table (total bigint, first timestamptz, last timestamptz, target_roles text[],
               experience_levels text[], difficulties text[], brains text[], models text[],
               prompt_versions text[])
language sql stable security invoker
set search_path = ''
as $$
  -- one scan, one hashed group per column (grouping sets) instead of six sorted DISTINCTs;
  -- gid is grouping()'s bitmask: 63 = the grand total, 31 = by target_role, and so on
  with v as (
    select s.target_role, s.experience_level, s.difficulty, s.brain, s.model, s.prompt_version,
           grouping(s.target_role, s.experience_level, s.difficulty, s.brain, s.model,
                    s.prompt_version) as gid,
           count(*) as n, min(s.created_at) as first, max(s.created_at) as last
    from public.interview_sessions s
    group by grouping sets ((s.target_role), (s.experience_level), (s.difficulty), (s.brain),
                            (s.model), (s.prompt_version), ())
  )
  select coalesce(sum(n) filter (where gid = 63), 0)::bigint,
         min(first) filter (where gid = 63), max(last) filter (where gid = 63),
         coalesce(array_agg(target_role order by target_role collate "C")
                  filter (where gid = 31), '{}'),
         coalesce(array_agg(experience_level order by experience_level collate "C")
                  filter (where gid = 47), '{}'),
         coalesce(array_agg(difficulty order by difficulty collate "C")
                  filter (where gid = 55), '{}'),
         coalesce(array_agg(brain order by brain collate "C") filter (where gid = 59), '{}'),
         coalesce(array_agg(model order by model collate "C")
                  filter (where gid = 61 and model is not null), '{}'),
         coalesce(array_agg(prompt_version order by prompt_version collate "C")
                  filter (where gid = 62 and prompt_version is not null), '{}')
  from v
$$;

-- Indexes the functions use: the table page (newest first, ties by id) and completed-only
-- scans of the score aggregates; the created_at and role indexes already exist.
create index if not exists interview_sessions_created_at_id_idx
  on public.interview_sessions (created_at desc, id desc);
create index if not exists interview_sessions_completed_created_at_idx
  on public.interview_sessions (created_at)
  include (overall_score, communication_score, content_score, confidence_score, target_role)
  where status = 'completed' and overall_score is not null;

-- Callers: signed-in users (RLS narrows them to their rows) and the service role; not anon.
do $$
declare fn text;
begin
  foreach fn in array array[
    'dashboard_sessions(timestamptz,timestamptz,text[],text[],text[],text[],text[],text[],text[])',
    'dashboard_count(timestamptz,timestamptz,text[],text[],text[],text[],text[],text[],text[])',
    'dashboard_kpis(timestamptz,timestamptz,text[],text[],text[],text[],text[],text[],text[])',
    'dashboard_score_histogram(timestamptz,timestamptz,text[],text[],text[],text[],text[],'
      'text[],text[],double precision)',
    'dashboard_overall_trend(timestamptz,timestamptz,text[],text[],text[],text[],text[],text[],'
      'text[],text,timestamptz,timestamptz)',
    'dashboard_activity(timestamptz,timestamptz,text[],text[],text[],text[],text[],text[],'
      'text[],text,timestamptz,timestamptz)',
    'dashboard_role_profiles(timestamptz,timestamptz,text[],text[],text[],text[],text[],text[],'
      'text[],integer)',
    'dashboard_skill_gaps(timestamptz,timestamptz,text[],text[],text[],text[],text[],text[],'
      'text[],integer)',
    'dashboard_table_page(timestamptz,timestamptz,text[],text[],text[],text[],text[],text[],'
      'text[],integer,integer)',
    'dashboard_filter_options()'
  ] loop
    execute format('revoke all on function public.%s from public, anon', fn);
    execute format('grant execute on function public.%s to authenticated, service_role', fn);
  end loop;
end
$$;
