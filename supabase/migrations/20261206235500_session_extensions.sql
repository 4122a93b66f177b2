-- What a session keeps of its request's optional `context` extensions (estel/extensions.py):
-- {"profile": {"job_description", "requirements", "resume_items", "resume_text"?, ...}}.
-- The résumé text is there only when the candidate ticked "keep my résumé with my session".
-- Read on every turn of the interview; never part of session_state (the seed's shape).
-- The SQLite mirror is migration 5 in estel/store/sqlite_schema.py.

alter table public.interview_sessions
  add column extensions jsonb
    constraint interview_sessions_extensions_check
    check (extensions is null or jsonb_typeof(extensions) = 'object');

comment on column public.interview_sessions.extensions is
  'What the session keeps of its request''s context extensions, e.g. {"profile": {...}}; '
  'the résumé text only with the candidate''s consent.';
