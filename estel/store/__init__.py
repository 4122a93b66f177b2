"""Where interview sessions are kept: `open_store(settings)` picks the store.

SQLite (`ESTEL_DB_PATH`, default ./estel.db) unless ESTEL_DATABASE_URL is set (plain
PostgreSQL) or SUPABASE_URL and SUPABASE_KEY are both set (Supabase); those two keep the SQLite
file as their local outbox. `open_user_store` is the Supabase store as a signed-in candidate
(SUPABASE_ANON_KEY and their token). Opening a store does no I/O.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from estel.store.base import (
    SaveReceipt,
    SessionFilters,
    SessionRecord,
    SessionStatus,
    SessionStore,
    TranscriptEntry,
)
from estel.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from estel.config import Settings

__all__ = [
    "SQLiteStore",
    "SaveReceipt",
    "SessionFilters",
    "SessionRecord",
    "SessionStatus",
    "SessionStore",
    "TranscriptEntry",
    "open_store",
    "open_user_store",
]


def open_store(settings: Settings) -> SessionStore:
    """PostgresStore, SupabaseStore or SQLiteStore (in that order); no I/O happens here."""
    local = SQLiteStore(settings.sqlite_path)
    if settings.database_url is not None and settings.database_url.get_secret_value():
        from estel.store.postgres import PostgresStore  # psycopg only when it is used

        return PostgresStore(settings.database_url.get_secret_value(),
                             timeout=settings.supabase_timeout, outbox=local)
    if not settings.supabase_configured:
        return local
    from estel.store.supabase import SupabaseStore  # imports supabase only when it is used

    return SupabaseStore(settings.supabase_url or "", settings.supabase_key or "",
                         timeout=settings.supabase_timeout, outbox=local)


def open_user_store(settings: Settings, access_token: str, user_id: str) -> SessionStore:
    """The Supabase store as a signed-in user: the anon key plus their token, so row-level
    security keeps them to their own rows; the same local outbox file. No I/O happens here."""
    if not settings.sign_in_configured:
        from estel.errors import BadInput

        raise BadInput("Sign-in needs SUPABASE_URL, SUPABASE_KEY and SUPABASE_ANON_KEY.")
    from estel.store.supabase import SupabaseStore

    return SupabaseStore(settings.supabase_url or "", settings.supabase_anon_key or "",
                         timeout=settings.supabase_timeout,
                         outbox=SQLiteStore(settings.sqlite_path),
                         access_token=access_token, owner=user_id)
