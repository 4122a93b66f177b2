-- Dashboard figures over a million sessions in well under a second: rollups kept by triggers.
--
-- 20261206213000_dashboard_functions.sql computes every figure from the rows; at 1M sessions the
-- unfiltered skill gaps (unnesting every array) and trends took 6-8 s. Here:
--
-- * Four rollup tables, kept exact by statement-level triggers on interview_sessions (insert,
--   update, delete, truncate; one set-based pass per statement, so a COPY of 100k rows is one
--   pass): per UTC day, status and role (counts and score sums), per day and score value (the
--   histogram), per day, role and skill-gap spelling (sessions naming it first), and per filter
--   value combination (the filter widgets).
-- * The figures read the rollups when the filters allow it (`dashboard_by_day`: no level,
--   difficulty, brain, model or prompt-version filter, and the period on whole UTC days, as the
--   page always asks) and the rows otherwise; both answers are the same numbers
--   (tests/store/test_dashboard_rollups.py compares them, and test_dashboard_parity.py both
--   against SQLite).
-- * RLS: every rollup row carries the session's user_id and has the base table's read policies
--   (a signed-in user sums only their own rows; the service role, everyone's; anon nothing).
--   Only the triggers write them (security definer); nobody else has write rights.
-- * The functions are `language sql stable security invoker` with no SET clause, so the planner
--   inlines them into `select * from f(...)`: filter parameters become constants, the unused
--   path is pruned at plan time and the indexes match. Hence no `set search_path`: every name is
--   schema-qualified instead.

-- == rollup tables ==============================================================================

create table public.dashboard_day_totals (
  user_id uuid,  -- the sessions' owner; null for anonymous (service-written) sessions
  day date not null,  -- created_at's UTC day
  status text not null,
  target_role text not null,
  sessions bigint not null,
  scored bigint not null,  -- completed with an overall score (the score figures' rows)
  overall_sum numeric not null,  -- sums over the scored sessions (exact: numeric)
  communication_sum numeric not null,
  content_sum numeric not null,
  confidence_sum numeric not null,
  constraint dashboard_day_totals_key unique nulls not distinct (user_id, day, status, target_role)
);

create table public.dashboard_day_scores (  -- scored sessions per day, dimension and score
  user_id uuid,
  day date not null,
  dimension smallint not null,  -- 1 overall, 2 communication, 3 content, 4 confidence
  score numeric not null,
  sessions bigint not null,
  constraint dashboard_day_scores_key unique nulls not distinct (user_id, day, dimension, score)
);

create table public.dashboard_day_gaps (  -- scored sessions naming a gap (first spelling/session)
  user_id uuid,
  day date not null,
  target_role text not null,
  gap text not null,  -- as written; matched by dashboard_gap_key at query time
  sessions bigint not null,
  constraint dashboard_day_gaps_key unique nulls not distinct (user_id, day, target_role, gap)
);

create table public.dashboard_values (  -- sessions per combination of the filter columns
  user_id uuid,
  target_role text not null,
  experience_level text not null,
  difficulty text not null,
  brain text not null,
  model text,
  prompt_version text,
  sessions bigint not null,
  constraint dashboard_values_key unique nulls not distinct (user_id, target_role,
    experience_level, difficulty, brain, model, prompt_version)
);

comment on table public.dashboard_day_totals is
  'Dashboard rollup (trigger-maintained from interview_sessions): sessions and score sums per '
  'owner, UTC day, status and role.';
comment on table public.dashboard_day_scores is
  'Dashboard rollup: scored sessions per owner, UTC day, score dimension and value.';
comment on table public.dashboard_day_gaps is
  'Dashboard rollup: scored sessions per owner, UTC day, role and skill-gap text (each gap once '
  'per session: its first spelling there).';
comment on table public.dashboard_values is
  'Dashboard rollup: sessions per owner and combination of the filter columns.';

-- the rollup indexes that are not the unique keys: by day first (the period filters)
create index dashboard_day_totals_day_idx on public.dashboard_day_totals (day);
create index dashboard_day_scores_day_idx on public.dashboard_day_scores (day);
create index dashboard_day_gaps_day_idx on public.dashboard_day_gaps (day);

-- the median duration walks this index to its middle instead of sorting every duration
create index interview_sessions_scored_duration_idx on public.interview_sessions
  ((extract(epoch from completed_at - created_at)::float8))
  include (created_at, completed_at, target_role, user_id)
  where status = 'completed' and overall_score is not null;

-- == RLS: read as the base table is read; written only by the triggers =========================

do $$
declare t text;
begin
  foreach t in array array['dashboard_day_totals', 'dashboard_day_scores', 'dashboard_day_gaps',
                           'dashboard_values'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('revoke all on table public.%I from public, anon, authenticated, service_role',
                   t);
    execute format('grant select on table public.%I to authenticated, service_role', t);
    execute format('create policy "Users read their own rollups" on public.%I for select'
                   ' to authenticated using ((select auth.uid()) = user_id)', t);
    execute format('create policy "Service role reads all rollups" on public.%I for select'
                   ' to service_role using (true)', t);
  end loop;
end
$$;

-- == keeping them: one signed delta per changed row ============================================

create type public.dashboard_delta as (
  sign integer, user_id uuid, day date, status text, target_role text, experience_level text,
  difficulty text, brain text, model text, prompt_version text, scored boolean,
  overall numeric, communication numeric, content numeric, confidence numeric,
  skill_gaps text[]
);

-- A gap as shown (trimmed, inner spacing collapsed) and as matched (that, lower-cased).
create or replace function public.dashboard_gap_spelling(p_gap text) returns text
language sql immutable as $$
  select regexp_replace(btrim(p_gap, E' \t\n\r\f\v'), '\s+', ' ', 'g')
$$;

create or replace function public.dashboard_gap_key(p_gap text) returns text
language sql immutable as $$
  select lower(public.dashboard_gap_spelling(p_gap))
$$;

create or replace function public.dashboard_delta_of(p_row public.interview_sessions,
                                                     p_sign integer)
returns public.dashboard_delta
language sql immutable as $$
  select row(p_sign, p_row.user_id, (p_row.created_at at time zone 'UTC')::date, p_row.status,
             p_row.target_role, p_row.experience_level, p_row.difficulty, p_row.brain,
             p_row.model, p_row.prompt_version,
             p_row.status = 'completed' and p_row.overall_score is not null,
             p_row.overall_score, p_row.communication_score, p_row.content_score,
             p_row.confidence_score, p_row.skill_gaps)::public.dashboard_delta
$$;

-- Adds signed deltas to the four rollups: one grouped upsert each.
create or replace function public.dashboard_rollup_apply(p_deltas public.dashboard_delta[])
returns void
language plpgsql
set search_path = ''
as $$
begin
  insert into public.dashboard_day_totals as t (user_id, day, status, target_role, sessions,
    scored, overall_sum, communication_sum, content_sum, confidence_sum)
  select d.user_id, d.day, d.status, d.target_role, sum(d.sign),
         coalesce(sum(d.sign) filter (where d.scored), 0),
         coalesce(sum(d.sign * d.overall) filter (where d.scored), 0),
         coalesce(sum(d.sign * d.communication) filter (where d.scored), 0),
         coalesce(sum(d.sign * d.content) filter (where d.scored), 0),
         coalesce(sum(d.sign * d.confidence) filter (where d.scored), 0)
  from unnest(p_deltas) d
  group by d.user_id, d.day, d.status, d.target_role
  on conflict on constraint dashboard_day_totals_key do update set
    sessions = t.sessions + excluded.sessions, scored = t.scored + excluded.scored,
    overall_sum = t.overall_sum + excluded.overall_sum,
    communication_sum = t.communication_sum + excluded.communication_sum,
    content_sum = t.content_sum + excluded.content_sum,
    confidence_sum = t.confidence_sum + excluded.confidence_sum;

  insert into public.dashboard_day_scores as t (user_id, day, dimension, score, sessions)
  select d.user_id, d.day, x.dimension, x.score, sum(d.sign)
  from unnest(p_deltas) d
  cross join lateral (values (1::smallint, d.overall), (2::smallint, d.communication),
                             (3::smallint, d.content), (4::smallint, d.confidence))
    as x (dimension, score)
  where d.scored and x.score is not null
  group by d.user_id, d.day, x.dimension, x.score
  on conflict on constraint dashboard_day_scores_key do update set
    sessions = t.sessions + excluded.sessions;

  insert into public.dashboard_day_gaps as t (user_id, day, target_role, gap, sessions)
  select d.user_id, d.day, d.target_role, f.gap, sum(d.sign)
  from unnest(p_deltas) d
  cross join lateral (  -- each gap once per session: its first spelling there
    select distinct on (public.dashboard_gap_key(g.gap)) g.gap
    from unnest(d.skill_gaps) with ordinality as g (gap, ord)
    where public.dashboard_gap_spelling(g.gap) <> ''
    order by public.dashboard_gap_key(g.gap), g.ord
  ) f
  where d.scored
  group by d.user_id, d.day, d.target_role, f.gap
  on conflict on constraint dashboard_day_gaps_key do update set
    sessions = t.sessions + excluded.sessions;

  insert into public.dashboard_values as t (user_id, target_role, experience_level, difficulty,
    brain, model, prompt_version, sessions)
  select d.user_id, d.target_role, d.experience_level, d.difficulty, d.brain, d.model,
         d.prompt_version, sum(d.sign)
  from unnest(p_deltas) d
  group by d.user_id, d.target_role, d.experience_level, d.difficulty, d.brain, d.model,
           d.prompt_version
  on conflict on constraint dashboard_values_key do update set
    sessions = t.sessions + excluded.sessions;
end
$$;

-- The statement's changed rows as deltas: inserted +1, deleted -1, updated -1 (old) +1 (new),
-- skipping updates that change nothing the rollups hold (a per-turn save touches none of it).
create or replace function public.dashboard_rollup_trigger() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  deltas public.dashboard_delta[];
begin
  if tg_op = 'INSERT' then
    select array_agg(public.dashboard_delta_of(n, 1)) into deltas from new_rows n;
  elsif tg_op = 'DELETE' then
    select array_agg(public.dashboard_delta_of(o, -1)) into deltas from old_rows o;
  else
    select array_agg(x.delta) into deltas
    from old_rows o full join new_rows n on n.id = o.id
    cross join lateral (values (case when o.id is not null then public.dashboard_delta_of(o, -1) end),
                               (case when n.id is not null then public.dashboard_delta_of(n, 1) end))
      as x (delta)
    where (x.delta).sign is not null
      and public.dashboard_delta_of(o, 1) is distinct from public.dashboard_delta_of(n, 1);
  end if;
  if deltas is not null then
    perform public.dashboard_rollup_apply(deltas);
  end if;
  return null;
end
$$;

create or replace function public.dashboard_rollup_truncate() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  truncate public.dashboard_day_totals, public.dashboard_day_scores, public.dashboard_day_gaps,
           public.dashboard_values;
  return null;
end
$$;

-- Recomputes the rollups from the rows (after this migration, or to check them), a month at a
-- time so no one array holds a whole large table.
create or replace function public.dashboard_rollup_rebuild() returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  month timestamptz;
begin
  truncate public.dashboard_day_totals, public.dashboard_day_scores, public.dashboard_day_gaps,
           public.dashboard_values;
  for month in
    select distinct date_trunc('month', s.created_at at time zone 'UTC') at time zone 'UTC'
    from public.interview_sessions s
  loop
    perform public.dashboard_rollup_apply(array_agg(public.dashboard_delta_of(s, 1)))
    from public.interview_sessions s
    where s.created_at >= month and s.created_at < month + interval '1 month';
  end loop;
end
$$;

create trigger interview_sessions_dashboard_insert
  after insert on public.interview_sessions referencing new table as new_rows
  for each statement execute function public.dashboard_rollup_trigger();
create trigger interview_sessions_dashboard_update
  after update on public.interview_sessions referencing old table as old_rows new table as new_rows
  for each statement execute function public.dashboard_rollup_trigger();
create trigger interview_sessions_dashboard_delete
  after delete on public.interview_sessions referencing old table as old_rows
  for each statement execute function public.dashboard_rollup_trigger();
create trigger interview_sessions_dashboard_truncate
  after truncate on public.interview_sessions
  for each statement execute function public.dashboard_rollup_truncate();

select public.dashboard_rollup_rebuild();

do $$
declare fn text;
begin
  foreach fn in array array['dashboard_rollup_apply(public.dashboard_delta[])',
                            'dashboard_rollup_trigger()', 'dashboard_rollup_truncate()',
                            'dashboard_rollup_rebuild()'] loop
    execute format('revoke all on function public.%s from public, anon, authenticated,'
                   ' service_role', fn);
  end loop;
end
$$;

-- == reading them ===============================================================================

-- True when the rollups answer the filters exactly: no filter on the columns they do not keep,
-- and the period on whole UTC days (null = open). Immutable and inlined: with the filters known
-- at plan time it folds to a constant and the other path is pruned.
create or replace function public.dashboard_by_day(
  p_since timestamptz, p_until timestamptz, p_experience_levels text[], p_difficulties text[],
  p_brains text[], p_models text[], p_prompt_versions text[]
) returns boolean
language sql immutable as $$
  select p_experience_levels is null and p_difficulties is null and p_brains is null
     and p_models is null and p_prompt_versions is null
     and (p_since is null or (p_since at time zone 'UTC')::time = time '00:00')
     and (p_until is null or (p_until at time zone 'UTC')::time = time '00:00')
$$;

-- The day rollup rows of a whole-day period, roles and statuses (the filters it keeps).
create or replace function public.dashboard_days(
  p_since timestamptz, p_until timestamptz, p_target_roles text[], p_statuses text[]
) returns setof public.dashboard_day_totals
language sql stable security invoker as $$
  select t.* from public.dashboard_day_totals t
  where (p_since is null or t.day >= (p_since at time zone 'UTC')::date)
    and (p_until is null or t.day < (p_until at time zone 'UTC')::date)
    and (p_target_roles is null or t.target_role = any (p_target_roles))
    and (p_statuses is null or t.status = any (p_statuses))
$$;

-- The median of completed_at - created_at (seconds) over the n scored sessions matching the
-- filters, as percentile_cont(0.5) computes it, by walking the duration index to the middle.
create or replace function public.dashboard_median_duration(
  p_n bigint, p_since timestamptz, p_until timestamptz, p_target_roles text[],
  p_experience_levels text[], p_difficulties text[], p_brains text[], p_models text[],
  p_prompt_versions text[], p_statuses text[]
) returns table (median double precision)
language sql stable security invoker as $$
  select case when p_n % 2 = 1 then min(m.d) else min(m.d) + (max(m.d) - min(m.d)) * 0.5 end
  from (
    select extract(epoch from f.completed_at - f.created_at)::float8 as d
    from public.dashboard_sessions(p_since, p_until, p_target_roles, p_experience_levels,
      p_difficulties, p_brains, p_models, p_prompt_versions, p_statuses) f
    where f.status = 'completed' and f.overall_score is not null
    order by 1
    offset (greatest(p_n, 1) - 1) / 2 limit 2 - p_n % 2
  ) m
  where p_n > 0
$$;

create or replace function public.dashboard_count(
  p_since timestamptz default null, p_until timestamptz default null,
  p_target_roles text[] default null, p_experience_levels text[] default null,
  p_difficulties text[] default null, p_brains text[] default null,
  p_models text[] default null, p_prompt_versions text[] default null,
  p_statuses text[] default null
) returns bigint
language sql stable security invoker
as $$
  select case
    when public.dashboard_by_day(p_since, p_until, p_experience_levels, p_difficulties,
                                 p_brains, p_models, p_prompt_versions)
    then (select coalesce(sum(t.sessions), 0)::bigint
          from public.dashboard_days(p_since, p_until, p_target_roles, p_statuses) t)
    else (select count(*) from public.dashboard_sessions(p_since, p_until, p_target_roles,
            p_experience_levels, p_difficulties, p_brains, p_models, p_prompt_versions,
            p_statuses))
  end
$$;

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
as $$
  with counted as (
    select coalesce(sum(t.sessions), 0)::bigint as sessions,
           coalesce(sum(t.scored), 0)::bigint as completed,
           (sum(t.overall_sum) / nullif(sum(t.scored), 0))::float8 as mean_overall
    from public.dashboard_days(p_since, p_until, p_target_roles, p_statuses) t
  ), by_day as (
    select c.sessions, c.completed, c.mean_overall,
           (select m.median from public.dashboard_median_duration(c.completed, p_since, p_until,
              p_target_roles, p_experience_levels, p_difficulties, p_brains, p_models,
              p_prompt_versions, p_statuses) m),
           -- min/max per the created_at (or role) index: a few index entries
           (select min(f.created_at) from public.dashboard_sessions(p_since, p_until,
              p_target_roles, p_experience_levels, p_difficulties, p_brains, p_models,
              p_prompt_versions, p_statuses) f),
           (select max(f.created_at) from public.dashboard_sessions(p_since, p_until,
              p_target_roles, p_experience_levels, p_difficulties, p_brains, p_models,
              p_prompt_versions, p_statuses) f)
    from counted c
  ), by_rows as (
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
  )
  select * from by_day
  where public.dashboard_by_day(p_since, p_until, p_experience_levels, p_difficulties, p_brains,
                                p_models, p_prompt_versions)
  union all
  select * from by_rows
  where not public.dashboard_by_day(p_since, p_until, p_experience_levels, p_difficulties,
                                    p_brains, p_models, p_prompt_versions)
$$;

create or replace function public.dashboard_score_histogram(
  p_since timestamptz default null, p_until timestamptz default null,
  p_target_roles text[] default null, p_experience_levels text[] default null,
  p_difficulties text[] default null, p_brains text[] default null,
  p_models text[] default null, p_prompt_versions text[] default null,
  p_statuses text[] default null, p_bin_width double precision default 1
) returns table (dimension text, bin_index integer, bin double precision, sessions bigint)
language sql stable security invoker
as $$
  with bins as (select ceil(10 / p_bin_width)::int as n),
  by_day as (  -- the score rollup keeps no role: used without a role filter
    select s.dimension::int as ord,
           least(floor(s.score::float8 / p_bin_width + 1e-9)::int, b.n - 1) as i,
           sum(s.sessions)::bigint as sessions
    from public.dashboard_day_scores s cross join bins b
    where (p_since is null or s.day >= (p_since at time zone 'UTC')::date)
      and (p_until is null or s.day < (p_until at time zone 'UTC')::date)
      and (p_statuses is null or 'completed' = any (p_statuses))
    group by 1, 2
  ), done as (
    select f.overall_score::float8 as overall, f.communication_score::float8 as communication,
           f.content_score::float8 as content, f.confidence_score::float8 as confidence
    from public.dashboard_sessions(p_since, p_until, p_target_roles, p_experience_levels,
      p_difficulties, p_brains, p_models, p_prompt_versions, p_statuses) f
    where f.status = 'completed' and f.overall_score is not null
  ), combos as (  -- one pass over the rows: each combination of the four bins (few groups)
    select least(floor(d.overall / p_bin_width + 1e-9)::int, b.n - 1) as o,
           least(floor(d.communication / p_bin_width + 1e-9)::int, b.n - 1) as cm,
           least(floor(d.content / p_bin_width + 1e-9)::int, b.n - 1) as ct,
           least(floor(d.confidence / p_bin_width + 1e-9)::int, b.n - 1) as cf,
           count(*) as sessions
    from done d cross join bins b
    group by 1, 2, 3, 4
  ), by_rows as (  -- then unpivoted: small
    select x.ord, x.i, sum(c.sessions)::bigint as sessions
    from combos c cross join lateral (values (1, c.o), (2, c.cm), (3, c.ct), (4, c.cf))
      as x (ord, i)
    where x.i is not null
    group by x.ord, x.i
  ), counted as (
    select * from by_day
    where p_target_roles is null
      and public.dashboard_by_day(p_since, p_until, p_experience_levels, p_difficulties,
                                  p_brains, p_models, p_prompt_versions)
    union all
    select * from by_rows
    where not (p_target_roles is null
               and public.dashboard_by_day(p_since, p_until, p_experience_levels,
                                           p_difficulties, p_brains, p_models, p_prompt_versions))
  )
  select dims.dimension, g.i, round((g.i * p_bin_width)::numeric, 6)::float8,
         coalesce(c.sessions, 0)
  from (values ('overall', 1), ('communication', 2), ('content', 3), ('confidence', 4))
       as dims (dimension, ord)
  cross join generate_series(0, (select n from bins) - 1) as g (i)
  left join counted c on c.ord = dims.ord and c.i = g.i
  order by dims.ord, g.i
$$;

-- Per period: scored sessions and their overall sum, sessions started and completed; from the
-- rollup or the rows. Shared by the trend and the activity figures.
create or replace function public.dashboard_periods(
  p_since timestamptz, p_until timestamptz, p_target_roles text[],
  p_experience_levels text[], p_difficulties text[], p_brains text[], p_models text[],
  p_prompt_versions text[], p_statuses text[], p_freq text
) returns table (period timestamp, scored bigint, overall_mean double precision, started bigint, completed bigint,
                 first timestamptz, last timestamptz)
language sql stable security invoker as $$
  with by_day as (
    select public.dashboard_period(t.day::timestamp at time zone 'UTC', p_freq) as period,
           sum(t.scored)::bigint as scored,
           (sum(t.overall_sum) / nullif(sum(t.scored), 0))::float8 as overall_mean,
           sum(t.sessions)::bigint as started,
           coalesce(sum(t.sessions) filter (where t.status = 'completed'), 0)::bigint
             as completed,
           min(t.day::timestamp at time zone 'UTC') as first,
           max(t.day::timestamp at time zone 'UTC') as last
    from public.dashboard_days(p_since, p_until, p_target_roles, p_statuses) t
    where t.sessions <> 0
    group by 1
  ), by_rows as (
    select public.dashboard_period(f.created_at, p_freq),
           count(*) filter (where f.status = 'completed' and f.overall_score is not null),
           avg(f.overall_score::float8)
             filter (where f.status = 'completed' and f.overall_score is not null),
           count(*), count(*) filter (where f.status = 'completed'),
           min(f.created_at), max(f.created_at)
    from public.dashboard_sessions(p_since, p_until, p_target_roles, p_experience_levels,
      p_difficulties, p_brains, p_models, p_prompt_versions, p_statuses) f
    group by 1
  )
  select * from by_day
  where public.dashboard_by_day(p_since, p_until, p_experience_levels, p_difficulties, p_brains,
                                p_models, p_prompt_versions)
  union all
  select * from by_rows
  where not public.dashboard_by_day(p_since, p_until, p_experience_levels, p_difficulties,
                                    p_brains, p_models, p_prompt_versions)
$$;

create or replace function public.dashboard_overall_trend(
  p_since timestamptz default null, p_until timestamptz default null,
  p_target_roles text[] default null, p_experience_levels text[] default null,
  p_difficulties text[] default null, p_brains text[] default null,
  p_models text[] default null, p_prompt_versions text[] default null,
  p_statuses text[] default null, p_freq text default 'D',
  p_start timestamptz default null, p_end timestamptz default null
) returns table (period timestamp, sessions bigint, mean_overall double precision)
language sql stable security invoker
as $$
  with per as materialized (
    select * from public.dashboard_periods(p_since, p_until, p_target_roles,
      p_experience_levels, p_difficulties, p_brains, p_models, p_prompt_versions, p_statuses,
      p_freq)
  ), span as (
    select coalesce(p_start, min(per.first)) as first, coalesce(p_end, max(per.last)) as last
    from per
  )
  select a.period, coalesce(per.scored, 0), case when per.scored > 0 then per.overall_mean end
  from span cross join lateral public.dashboard_period_axis(span.first, span.last, p_freq) a
  left join per on per.period = a.period
  order by a.period
$$;

create or replace function public.dashboard_activity(
  p_since timestamptz default null, p_until timestamptz default null,
  p_target_roles text[] default null, p_experience_levels text[] default null,
  p_difficulties text[] default null, p_brains text[] default null,
  p_models text[] default null, p_prompt_versions text[] default null,
  p_statuses text[] default null, p_freq text default 'D',
  p_start timestamptz default null, p_end timestamptz default null
) returns table (period timestamp, started bigint, completed bigint)
language sql stable security invoker
as $$
  with per as materialized (
    select * from public.dashboard_periods(p_since, p_until, p_target_roles,
      p_experience_levels, p_difficulties, p_brains, p_models, p_prompt_versions, p_statuses,
      p_freq)
  ), span as (
    select coalesce(p_start, min(per.first)) as first, coalesce(p_end, max(per.last)) as last
    from per
  )
  select a.period, coalesce(per.started, 0), coalesce(per.completed, 0)
  from span cross join lateral public.dashboard_period_axis(span.first, span.last, p_freq) a
  left join per on per.period = a.period
  order by a.period
$$;

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
as $$
  with by_day as (
    select t.target_role, sum(t.scored)::bigint as sessions,
           (sum(t.overall_sum) / sum(t.scored))::float8 as overall,
           (sum(t.communication_sum) / sum(t.scored))::float8 as communication,
           (sum(t.content_sum) / sum(t.scored))::float8 as content,
           (sum(t.confidence_sum) / sum(t.scored))::float8 as confidence
    from public.dashboard_days(p_since, p_until, p_target_roles, p_statuses) t
    where t.scored <> 0
    group by t.target_role
    having sum(t.scored) > 0
  ), by_rows as (
    select f.target_role, count(*), avg(f.overall_score::float8),
           avg(f.communication_score::float8), avg(f.content_score::float8),
           avg(f.confidence_score::float8)
    from public.dashboard_sessions(p_since, p_until, p_target_roles, p_experience_levels,
      p_difficulties, p_brains, p_models, p_prompt_versions, p_statuses) f
    where f.status = 'completed' and f.overall_score is not null
    group by f.target_role
  ), roles as (
    select * from by_day
    where public.dashboard_by_day(p_since, p_until, p_experience_levels, p_difficulties,
                                  p_brains, p_models, p_prompt_versions)
    union all
    select * from by_rows
    where not public.dashboard_by_day(p_since, p_until, p_experience_levels, p_difficulties,
                                      p_brains, p_models, p_prompt_versions)
  )
  select * from roles r order by r.sessions desc, r.target_role collate "C" limit p_top
$$;

create or replace function public.dashboard_skill_gaps(
  p_since timestamptz default null, p_until timestamptz default null,
  p_target_roles text[] default null, p_experience_levels text[] default null,
  p_difficulties text[] default null, p_brains text[] default null,
  p_models text[] default null, p_prompt_versions text[] default null,
  p_statuses text[] default null, p_top integer default 12
) returns table (skill_gap text, sessions bigint, share double precision)
language sql stable security invoker
as $$
  with by_day as (  -- sessions naming each text as their first spelling of its gap
    select g.gap, sum(g.sessions) as used
    from public.dashboard_day_gaps g
    where (p_since is null or g.day >= (p_since at time zone 'UTC')::date)
      and (p_until is null or g.day < (p_until at time zone 'UTC')::date)
      and (p_target_roles is null or g.target_role = any (p_target_roles))
      and (p_statuses is null or 'completed' = any (p_statuses))
    group by g.gap
    having sum(g.sessions) > 0
  ), done as (
    select f.id, f.skill_gaps
    from public.dashboard_sessions(p_since, p_until, p_target_roles, p_experience_levels,
      p_difficulties, p_brains, p_models, p_prompt_versions, p_statuses) f
    where f.status = 'completed' and f.overall_score is not null
      and not public.dashboard_by_day(p_since, p_until, p_experience_levels, p_difficulties,
                                       p_brains, p_models, p_prompt_versions)
  ), firsts as (  -- the same from the rows: each gap once per session, its first spelling
    select distinct on (d.id, public.dashboard_gap_key(g.gap)) g.gap
    from done d cross join lateral unnest(d.skill_gaps) with ordinality as g (gap, ord)
    where public.dashboard_gap_spelling(g.gap) <> ''
    order by d.id, public.dashboard_gap_key(g.gap), g.ord
  ), by_rows as (
    select f.gap, count(*) as used from firsts f group by f.gap
  ), used as (
    select * from by_day
    where public.dashboard_by_day(p_since, p_until, p_experience_levels, p_difficulties,
                                  p_brains, p_models, p_prompt_versions)
    union all
    select * from by_rows
    where not public.dashboard_by_day(p_since, p_until, p_experience_levels, p_difficulties,
                                      p_brains, p_models, p_prompt_versions)
  ), ranked as (
    select public.dashboard_gap_key(u.gap) as key, public.dashboard_gap_spelling(u.gap) as spelling,
           sum(u.used) over (partition by public.dashboard_gap_key(u.gap)) as sessions,
           row_number() over (partition by public.dashboard_gap_key(u.gap)
                              order by u.used desc, public.dashboard_gap_spelling(u.gap) collate "C")
             as rank
    from used u
  ), total as (  -- every scored session, naming gaps or not
    select * from (select sum(t.scored) as completed
                   from public.dashboard_days(p_since, p_until, p_target_roles, p_statuses) t) x
    where public.dashboard_by_day(p_since, p_until, p_experience_levels, p_difficulties,
                                  p_brains, p_models, p_prompt_versions)
    union all
    select * from (select count(*) from done) y
    where not public.dashboard_by_day(p_since, p_until, p_experience_levels, p_difficulties,
                                      p_brains, p_models, p_prompt_versions)
  )
  select r.spelling, r.sessions::bigint, r.sessions::float8 / (select completed from total)
  from ranked r where r.rank = 1
  order by r.sessions desc, r.spelling collate "C"
  limit p_top
$$;

-- One page of the sessions table, newest first (as before; redefined without a SET clause so
-- it is inlined and the filters reach the indexes).
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

-- What the filter widgets offer, from the values rollup (a few hundred rows) and the
-- created_at index (the first and last start).
create or replace function public.dashboard_filter_options()
returns table (total bigint, first timestamptz, last timestamptz, target_roles text[],
               experience_levels text[], difficulties text[], brains text[], models text[],
               prompt_versions text[])
language sql stable security invoker
as $$
  with v as (select * from public.dashboard_values where sessions <> 0)
  select coalesce((select sum(v.sessions) from v), 0)::bigint,
         (select min(s.created_at) from public.interview_sessions s),
         (select max(s.created_at) from public.interview_sessions s),
         array(select v.target_role from v group by 1
               order by v.target_role collate "C"),
         array(select v.experience_level from v group by 1
               order by v.experience_level collate "C"),
         array(select v.difficulty from v group by 1
               order by v.difficulty collate "C"),
         array(select v.brain from v group by 1
               order by v.brain collate "C"),
         array(select v.model from v where v.model is not null group by 1
               order by v.model collate "C"),
         array(select v.prompt_version from v where v.prompt_version is not null
               group by 1
               order by v.prompt_version collate "C")
$$;

-- Callers of the new helpers: as the figures' (signed-in users under RLS, the service role).
do $$
declare fn text;
begin
  foreach fn in array array[
    'dashboard_by_day(timestamptz,timestamptz,text[],text[],text[],text[],text[])',
    'dashboard_days(timestamptz,timestamptz,text[],text[])',
    'dashboard_median_duration(bigint,timestamptz,timestamptz,text[],text[],text[],text[],'
      'text[],text[],text[])',
    'dashboard_periods(timestamptz,timestamptz,text[],text[],text[],text[],text[],text[],'
      'text[],text)',
    'dashboard_gap_spelling(text)', 'dashboard_gap_key(text)',
    'dashboard_delta_of(public.interview_sessions,integer)'
  ] loop
    execute format('revoke all on function public.%s from public, anon', fn);
    execute format('grant execute on function public.%s to authenticated, service_role', fn);
  end loop;
end
$$;
