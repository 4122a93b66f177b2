-- Per-turn saving: the interview_sessions row is the interview's trusted copy.
--
-- Every answer updates the in_progress row: the transcript (with each answer's assessment, as
-- before), and these columns. With the transcript and the meta columns they rebuild exactly the
-- session_state the service last sent (estel/store/records.py: stored_response), so the service
-- can resume an interview after a refresh or a restart and refuse a request whose session_state
-- was changed by the client (it must hash to state_digest). The SQLite mirror is migration 4 in
-- estel/store/sqlite_schema.py.

alter table public.interview_sessions
  add column updated_at timestamptz,
  add column score_so_far jsonb
    constraint interview_sessions_score_so_far_check
    check (score_so_far is null or jsonb_typeof(score_so_far) = 'object'),
  add column open_question jsonb
    constraint interview_sessions_open_question_check
    check (open_question is null or jsonb_typeof(open_question) = 'object'),
  add column state_digest text
    constraint interview_sessions_state_digest_check
    check (state_digest is null or state_digest ~ '^[0-9a-f]{64}$');

comment on column public.interview_sessions.updated_at is
  'When the last turn was saved (UTC); null for rows written before per-turn saving.';
comment on column public.interview_sessions.score_so_far is
  'The running scores after the last answer: {communication, content, confidence}.';
comment on column public.interview_sessions.open_question is
  'The question payload waiting for an answer (the contract''s InterviewQuestionPayload); '
  'null once the interview is finished.';
comment on column public.interview_sessions.state_digest is
  'sha256 (hex) of the canonical JSON of the session_state last sent to the client; a request '
  'is accepted only when its session_state has this digest.';

-- a request that names no session is matched to its row by the digest of its state
create index interview_sessions_state_digest_idx
  on public.interview_sessions (state_digest)
  where state_digest is not null;

-- the Interview page's list of unfinished interviews, most recently active first
create index interview_sessions_unfinished_idx
  on public.interview_sessions (user_id, updated_at desc)
  where status = 'in_progress';
