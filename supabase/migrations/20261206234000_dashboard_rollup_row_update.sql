-- Dashboard rollups, two refinements of 20261206230000_dashboard_rollups.sql:
--
-- * Updates are counted by a row-level trigger with a WHEN clause instead of the
--   statement-level one: an interview saves its row at every answer (per-turn saving), and
--   those saves change nothing the rollups hold, so the WHEN test (evaluated by the executor,
--   no function call) skips them entirely; the statement trigger ran its plpgsql join on every
--   save. An update that does change a kept column (in progress -> completed, say) adds -old
--   and +new, as before. Inserts (COPY included) and deletes stay set-based per statement.
-- * A covering index for a role filter on the score figures' rows (the histogram, when a role
--   is chosen, reads the scored sessions of that role only).

drop trigger interview_sessions_dashboard_update on public.interview_sessions;

create or replace function public.dashboard_rollup_row_update() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  perform public.dashboard_rollup_apply(array[public.dashboard_delta_of(old, -1),
                                              public.dashboard_delta_of(new, 1)]);
  return null;
end
$$;

revoke all on function public.dashboard_rollup_row_update()
  from public, anon, authenticated, service_role;

-- the columns public.dashboard_delta_of reads (a day's change is a created_at change)
create trigger interview_sessions_dashboard_update
  after update on public.interview_sessions
  for each row
  when ((old.user_id, old.created_at, old.status, old.target_role, old.experience_level,
         old.difficulty, old.brain, old.model, old.prompt_version, old.overall_score,
         old.communication_score, old.content_score, old.confidence_score, old.skill_gaps)
        is distinct from
        (new.user_id, new.created_at, new.status, new.target_role, new.experience_level,
         new.difficulty, new.brain, new.model, new.prompt_version, new.overall_score,
         new.communication_score, new.content_score, new.confidence_score, new.skill_gaps))
  execute function public.dashboard_rollup_row_update();

create index if not exists interview_sessions_scored_role_idx
  on public.interview_sessions (target_role, created_at)
  include (overall_score, communication_score, content_score, confidence_score)
  where status = 'completed' and overall_score is not null;
