-- interview_sessions: one row per mock interview, the schema of record.
--
-- Created (status in_progress) when the interview starts, completed with the final feedback,
-- scores, skill gaps and transcript at the end. estel/store/base.py (SessionRecord) and the
-- SQLite mirror in estel/store/sqlite_schema.py have exactly these columns.

create table public.interview_sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid default auth.uid() references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  status text not null default 'in_progress'
    constraint interview_sessions_status_check
    check (status in ('in_progress', 'completed', 'abandoned')),
  target_role text not null
    constraint interview_sessions_target_role_check
    check (char_length(target_role) between 1 and 120),
  experience_level text not null
    constraint interview_sessions_experience_level_check
    check (char_length(experience_level) between 1 and 60),
  difficulty text not null
    constraint interview_sessions_difficulty_check
    check (difficulty in ('easy', 'standard', 'hard')),
  questions_target smallint not null
    constraint interview_sessions_questions_target_check
    check (questions_target between 1 and 20),
  language text not null default 'en',
  brain text not null,
  model text,
  prompt_version text,
  summary text,
  strengths text[] not null default '{}',
  improvements text[] not null default '{}',
  skill_gaps text[] not null default '{}',
  next_steps text[] not null default '{}',
  communication_score numeric
    constraint interview_sessions_communication_score_check
    check (communication_score between 0 and 10),
  content_score numeric
    constraint interview_sessions_content_score_check
    check (content_score between 0 and 10),
  confidence_score numeric
    constraint interview_sessions_confidence_score_check
    check (confidence_score between 0 and 10),
  overall_score numeric
    constraint interview_sessions_overall_score_check
    check (overall_score between 0 and 10),
  transcript jsonb not null default '[]'::jsonb
    constraint interview_sessions_transcript_check
    check (jsonb_typeof(transcript) = 'array'),
  -- a completed row is never half-written: it has its time, summary and every score
  constraint interview_sessions_completed_check check (
    status <> 'completed' or (
      completed_at is not null and summary is not null
      and communication_score is not null and content_score is not null
      and confidence_score is not null and overall_score is not null
    )
  )
);

comment on table public.interview_sessions is
  'One mock interview run by Estel: created when it starts (in_progress), completed with the '
  'final feedback, scores, skill gaps and transcript. Read by the score dashboards.';
comment on column public.interview_sessions.id is
  'Session id (uuid), chosen by the app so a retried write is an idempotent upsert.';
comment on column public.interview_sessions.user_id is
  'Owner (auth.users.id); defaults to auth.uid(); null for anonymous demo sessions.';
comment on column public.interview_sessions.created_at is 'When the interview started (UTC).';
comment on column public.interview_sessions.completed_at is
  'When the final feedback was given (UTC); null while in progress.';
comment on column public.interview_sessions.status is 'in_progress, completed or abandoned.';
comment on column public.interview_sessions.target_role is
  'InterviewMeta.target_role, e.g. Backend Engineer (dashboard filter).';
comment on column public.interview_sessions.experience_level is
  'InterviewMeta.experience_level, e.g. junior, mid, senior.';
comment on column public.interview_sessions.difficulty is
  'InterviewMeta.difficulty: easy, standard or hard.';
comment on column public.interview_sessions.questions_target is
  'InterviewMeta.questions_target: number of questions planned (1-20).';
comment on column public.interview_sessions.language is 'Request language, e.g. en.';
comment on column public.interview_sessions.brain is
  'Which interviewer ran the session: offline, openai, scripted...';
comment on column public.interview_sessions.model is 'LLM model name, when a model was used.';
comment on column public.interview_sessions.prompt_version is
  'Version of the interviewer system prompt (for the prompt lab''s comparisons).';
comment on column public.interview_sessions.summary is 'Final feedback summary.';
comment on column public.interview_sessions.strengths is 'Final feedback: strengths.';
comment on column public.interview_sessions.improvements is 'Final feedback: improvements.';
comment on column public.interview_sessions.skill_gaps is
  'Final feedback: skill gaps, kept for the later skill-gap analysis.';
comment on column public.interview_sessions.next_steps is 'Final feedback: next steps.';
comment on column public.interview_sessions.communication_score is
  'Final communication score, 0-10 (mean of the per-answer scores).';
comment on column public.interview_sessions.content_score is
  'Final content score, 0-10 (mean of the per-answer scores).';
comment on column public.interview_sessions.confidence_score is
  'Final confidence score, 0-10 (mean of the per-answer scores).';
comment on column public.interview_sessions.overall_score is
  'Final overall score, 0-10: mean of the three scores.';
comment on column public.interview_sessions.transcript is
  'JSON array, one object per question: question_id, question, topic, phase, difficulty, '
  'answer, and the per-answer assessment (communication, content, confidence, note).';

-- the dashboards filter on a date range and on the role, newest first
create index interview_sessions_created_at_idx
  on public.interview_sessions (created_at desc);
create index interview_sessions_target_role_created_at_idx
  on public.interview_sessions (target_role, created_at desc);
-- the policies below filter on user_id
create index interview_sessions_user_id_created_at_idx
  on public.interview_sessions (user_id, created_at desc);

alter table public.interview_sessions enable row level security;

-- Least privilege: anonymous clients get nothing; signed-in users reach only their own rows
-- (the policies); the service role (server side: the app, the HTTP service, the dashboards)
-- reads all and writes anonymous demo sessions.
revoke all on table public.interview_sessions from anon;
revoke all on table public.interview_sessions from authenticated;
grant select, insert, update, delete on table public.interview_sessions to authenticated;
grant select, insert, update on table public.interview_sessions to service_role;

create policy "Users read their own sessions"
  on public.interview_sessions for select to authenticated
  using ((select auth.uid()) = user_id);

create policy "Users create their own sessions"
  on public.interview_sessions for insert to authenticated
  with check ((select auth.uid()) = user_id);

create policy "Users update their own sessions"
  on public.interview_sessions for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);

create policy "Users delete their own sessions"
  on public.interview_sessions for delete to authenticated
  using ((select auth.uid()) = user_id);

-- Supabase's service_role bypasses RLS anyway; these state the intent and keep deployments
-- whose service role lacks BYPASSRLS working.
create policy "Service role reads all sessions"
  on public.interview_sessions for select to service_role
  using (true);

create policy "Service role creates sessions"
  on public.interview_sessions for insert to service_role
  with check (true);

create policy "Service role updates sessions"
  on public.interview_sessions for update to service_role
  using (true) with check (true);
