"""The SQLite schema as ordered migrations; `PRAGMA user_version` is the number applied.

Migration 1 mirrors supabase/migrations/*_interview_sessions.sql column for column (uuids and
timestamps as ISO text, arrays and the transcript as JSON text, scores as REAL). Add a migration
by appending a tuple of statements; never edit one that has shipped.
"""

from __future__ import annotations

CHANGE_LOG_KEEP = 10_000  # session_changes entries kept (migration 9); changing it needs a new one
_SCORE = "REAL CHECK ({name} BETWEEN 0 AND 10)"

_SESSIONS_TABLE = f"""
CREATE TABLE interview_sessions (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT,
  created_at TEXT NOT NULL,
  completed_at TEXT,
  status TEXT NOT NULL DEFAULT 'in_progress'
    CHECK (status IN ('in_progress', 'completed', 'abandoned')),
  target_role TEXT NOT NULL CHECK (length(target_role) BETWEEN 1 AND 120),
  experience_level TEXT NOT NULL CHECK (length(experience_level) BETWEEN 1 AND 60),
  difficulty TEXT NOT NULL CHECK (difficulty IN ('easy', 'standard', 'hard')),
  questions_target INTEGER NOT NULL CHECK (questions_target BETWEEN 1 AND 20),
  language TEXT NOT NULL DEFAULT 'en',
  brain TEXT NOT NULL,
  model TEXT,
  prompt_version TEXT,
  summary TEXT,
  strengths TEXT NOT NULL DEFAULT '[]' CHECK (json_type(strengths) = 'array'),
  improvements TEXT NOT NULL DEFAULT '[]' CHECK (json_type(improvements) = 'array'),
  skill_gaps TEXT NOT NULL DEFAULT '[]' CHECK (json_type(skill_gaps) = 'array'),
  next_steps TEXT NOT NULL DEFAULT '[]' CHECK (json_type(next_steps) = 'array'),
  communication_score {_SCORE.format(name="communication_score")},
  content_score {_SCORE.format(name="content_score")},
  confidence_score {_SCORE.format(name="confidence_score")},
  overall_score {_SCORE.format(name="overall_score")},
  transcript TEXT NOT NULL DEFAULT '[]' CHECK (json_type(transcript) = 'array'),
  CHECK (status <> 'completed' OR (
    completed_at IS NOT NULL AND summary IS NOT NULL
    AND communication_score IS NOT NULL AND content_score IS NOT NULL
    AND confidence_score IS NOT NULL AND overall_score IS NOT NULL))
)
"""

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: interview_sessions, as in the Supabase migration, and the dashboard's indexes
    (
        _SESSIONS_TABLE,
        # Newest first by created_at, carrying every dashboard filter column: lists and counts
        # are answered from this index alone. Rows are wide (the transcript), so anything that
        # has to read rows to filter them is slow; see bench/store.py.
        "CREATE INDEX interview_sessions_created_at_idx ON interview_sessions (created_at DESC,"
        " target_role, experience_level, difficulty, brain, model, prompt_version, status)",
        "CREATE INDEX interview_sessions_target_role_created_at_idx"
        " ON interview_sessions (target_role, created_at DESC)",
        "CREATE INDEX interview_sessions_user_id_created_at_idx"
        " ON interview_sessions (user_id, created_at DESC)",
    ),
    # 2: rows waiting for Supabase (one per session: the newest write wins)
    (
        """
        CREATE TABLE sync_outbox (
          session_id TEXT PRIMARY KEY NOT NULL,
          op TEXT NOT NULL CHECK (op IN ('create', 'complete')),
          row TEXT NOT NULL CHECK (json_type(row) = 'object'),
          token TEXT NOT NULL,
          queued_at TEXT NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          last_error TEXT
        )
        """,
        "CREATE INDEX sync_outbox_queued_at_idx ON sync_outbox (queued_at)",
    ),
    # 3: every column the dashboard reads (estel/dashboard/query.py), so its bulk read is an
    # index-only scan: the scores sit behind the long texts and usually in an overflow page,
    # which made reading 100k rows touch ~400 MB of pages (about 2x slower)
    (
        "CREATE INDEX interview_sessions_dashboard_idx ON interview_sessions (created_at DESC,"
        " id, completed_at, status, target_role, experience_level, difficulty,"
        " questions_target, brain, model, prompt_version, communication_score, content_score,"
        " confidence_score, overall_score, skill_gaps)",
    ),
    # 4: per-turn saving, as supabase/migrations/20261206203000_per_turn_sessions.sql: the row
    # holds the running scores, the open question and the digest of the state last sent, so it
    # is the interview's trusted copy (resume, and the check of a request's session_state)
    (
        "ALTER TABLE interview_sessions ADD COLUMN updated_at TEXT",
        "ALTER TABLE interview_sessions ADD COLUMN score_so_far TEXT"
        " CHECK (score_so_far IS NULL OR json_type(score_so_far) = 'object')",
        "ALTER TABLE interview_sessions ADD COLUMN open_question TEXT"
        " CHECK (open_question IS NULL OR json_type(open_question) = 'object')",
        "ALTER TABLE interview_sessions ADD COLUMN state_digest TEXT"
        " CHECK (state_digest IS NULL OR length(state_digest) = 64)",
        # a request's state is looked up by its digest when it names no session
        "CREATE INDEX interview_sessions_state_digest_idx ON interview_sessions (state_digest)"
        " WHERE state_digest IS NOT NULL",
        # the Interview page's "Resume ..." list: unfinished sessions, most recently active first
        "CREATE INDEX interview_sessions_unfinished_idx ON interview_sessions (updated_at DESC)"
        " WHERE status = 'in_progress'",
    ),
    # 5: adaptive length, as supabase/migrations/20261206233000_adaptive_length.sql: the
    # interview's minimum, kept from its first turn (null: the fixed length questions_target)
    (
        "ALTER TABLE interview_sessions ADD COLUMN min_questions INTEGER CHECK (min_questions"
        " IS NULL OR (min_questions BETWEEN 4 AND 20 AND min_questions <= questions_target))",
    ),
    # 6: what a session keeps of its request's `context` extensions (estel/extensions.py), as
    # supabase/migrations/20261206235500_session_extensions.sql: {"profile": {...}}
    (
        "ALTER TABLE interview_sessions ADD COLUMN extensions TEXT"
        " CHECK (extensions IS NULL OR json_type(extensions) = 'object')",
    ),
    # 7: one index per dashboard filter column, so the values a filter offers are read by
    # jumping from one distinct value to the next (estel/dashboard/query.filter_options):
    # ~0.4 s of scans at 100k sessions became well under 10 ms. Per-turn saves do not write
    # these columns, so they cost nothing there. (target_role has one since migration 1.)
    tuple(f"CREATE INDEX interview_sessions_{column}_idx ON interview_sessions ({column})"
          for column in ("experience_level", "difficulty", "brain", "model", "prompt_version")),
    # 8: a queued turn keeps its compare-and-set (estel/store/outbox.py): `guard` lists the
    # states the remote row may be in for the replay to land (null: a plain create/complete).
    # A replay the database refuses is kept in sync_refused with the reason, never dropped.
    (
        "ALTER TABLE sync_outbox ADD COLUMN guard TEXT"
        " CHECK (guard IS NULL OR json_type(guard) = 'array')",
        """
        CREATE TABLE sync_refused (
          id INTEGER PRIMARY KEY,
          session_id TEXT NOT NULL,
          row TEXT NOT NULL CHECK (json_type(row) = 'object'),
          queued_at TEXT NOT NULL,
          refused_at TEXT NOT NULL,
          reason TEXT NOT NULL
        )
        """,
    ),
    # 9: which sessions changed, in order (estel/dashboard/incremental.py): the dashboard
    # re-reads only those after a save instead of every session. Triggers log every insert,
    # update and delete, whichever process writes; the newest CHANGE_LOG_KEEP entries are kept
    # (a reader further behind reads whole). AUTOINCREMENT: a seq is never handed out twice.
    (
        "CREATE TABLE session_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
        " session_id TEXT NOT NULL)",
        *(f"""
        CREATE TRIGGER session_changes_{event.lower()} AFTER {event} ON interview_sessions
        BEGIN
          INSERT INTO session_changes (session_id) VALUES ({row}.id);
          DELETE FROM session_changes WHERE seq <= last_insert_rowid() - {CHANGE_LOG_KEEP};
        END
        """ for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD"))),
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)
