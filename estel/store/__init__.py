"""Where interview sessions are kept: `open_store(settings)` picks the store.

SQLite (`ESTEL_DB_PATH`, default ./estel.db) unless SUPABASE_URL and SUPABASE_KEY are both set;
then Supabase, with the SQLite file as its local outbox. Opening a store does no I/O.
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
]


def open_store(settings: Settings) -> SessionStore:
    """SupabaseStore when Supabase is configured, else SQLiteStore; no I/O happens here."""
    local = SQLiteStore(settings.sqlite_path)
    if not settings.supabase_configured:
        return local
    from estel.store.supabase import SupabaseStore  # imports supabase only when it is used

    return SupabaseStore(settings.supabase_url or "", settings.supabase_key or "",
                         timeout=settings.supabase_timeout, outbox=local)
