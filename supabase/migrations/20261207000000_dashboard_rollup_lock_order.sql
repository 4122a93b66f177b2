-- Dashboard rollups: each upsert takes its rows' locks in key order.
--
-- Two sessions completed at the same time on the same day touch the same rollup rows (the day's
-- totals, score values, gaps). An upsert locks its rows in the order its SELECT yields them;
-- with a hash aggregate that order is not guaranteed to be the same in both transactions, so
-- two of them could each hold a row the other waits for (a deadlock: PostgreSQL aborts one,
-- and that save fails). Sorting each upsert's rows by the rollup's key makes every transaction
-- lock them in one order. Otherwise as in 20261206230000_dashboard_rollups.sql.

-- Adds signed deltas to the four rollups: one grouped upsert each, in key order.
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
  order by d.user_id, d.day, d.status, d.target_role
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
  order by d.user_id, d.day, x.dimension, x.score
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
  order by d.user_id, d.day, d.target_role, f.gap
  on conflict on constraint dashboard_day_gaps_key do update set
    sessions = t.sessions + excluded.sessions;

  insert into public.dashboard_values as t (user_id, target_role, experience_level, difficulty,
    brain, model, prompt_version, sessions)
  select d.user_id, d.target_role, d.experience_level, d.difficulty, d.brain, d.model,
         d.prompt_version, sum(d.sign)
  from unnest(p_deltas) d
  group by d.user_id, d.target_role, d.experience_level, d.difficulty, d.brain, d.model,
           d.prompt_version
  order by d.user_id, d.target_role, d.experience_level, d.difficulty, d.brain, d.model,
           d.prompt_version
  on conflict on constraint dashboard_values_key do update set
    sessions = t.sessions + excluded.sessions;
end
$$;
