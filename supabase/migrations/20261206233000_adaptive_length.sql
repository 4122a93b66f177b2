-- Adaptive length ("Let the interviewer decide", docs/adaptive-length.md).
--
-- An adaptive interview has between min_questions and questions_target questions: the request's
-- optional `context.length` extension sets the minimum on the first turn, and the row keeps it,
-- so later turns use the stored bounds (a client cannot change them mid-interview). Null is the
-- seed's fixed length (exactly questions_target questions). The session's current
-- total_questions is not a column: it is questions_target until the wrap-up is asked, then the
-- number of questions in the transcript (estel/store/base.py: SessionRecord.total_questions).
-- The SQLite mirror is migration 5 in estel/store/sqlite_schema.py.

alter table public.interview_sessions
  add column min_questions smallint
    constraint interview_sessions_min_questions_check
    check (min_questions is null
           or (min_questions between 4 and 20 and min_questions <= questions_target));

comment on column public.interview_sessions.min_questions is
  'Adaptive length: the fewest questions this interview may have (4-20, at most '
  'questions_target, which is then the most); null for the fixed length questions_target.';
