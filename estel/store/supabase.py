"""SupabaseStore: interview_sessions in Supabase through its client, with a local outbox.

Every write is first queued in the local SQLite outbox (durable), then sent as an upsert on
`id`; once Supabase has it, the entry is removed. If Supabase is unreachable, slow, answers 5xx
or refuses the row, the entry stays and the receipt says "saved locally, will sync". The next
successful write and `flush_outbox()` (`python -m estel sync`) send what is waiting. Sending the
same row twice is harmless: `complete` merges on `id`, `create` ignores an existing row. A turn
is one conditional request instead (`_write_turn`), so the database itself refuses an answer to
a question already answered or to an interview no longer in progress. The outbox half is shared
with PostgresStore (`estel.store.remote.OutboxStore`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import httpx
from postgrest import APIError
from postgrest.types import CountMethod, ReturnMethod
from pydantic import SecretStr

from estel.errors import BadInput, StoreFailure
from estel.store.base import FILTER_COLUMNS, SaveReceipt, SessionFilters, SessionRecord, TurnWrite
from estel.store.outbox import OutboxOp
from estel.store.remote import OutboxStore, SyncReport
from estel.store.rows import COLUMNS, iso_utc, record_from_row, row_from_record
from estel.store.sqlite import SQLiteStore

__all__ = ["SupabaseStore", "SyncReport"]

if TYPE_CHECKING:
    from supabase import Client

log = logging.getLogger(__name__)

TABLE = "interview_sessions"
PAGE_ROWS = 1000  # rows per request: Supabase's default PostgREST max-rows (a project that
# lowers max-rows below this would have its pages cut short and read as the end)


class SupabaseStore(OutboxStore):
    """interview_sessions in Supabase; writes that fail wait in `outbox`'s SQLite file."""

    SEND_ERRORS = (httpx.HTTPError, APIError)
    # unreachable, slow, a 5xx or a refused row: the turn waits in the outbox, as every write
    QUEUE_TURN_ERRORS = SEND_ERRORS

    def __init__(
        self,
        url: str,
        key: str | SecretStr,
        timeout: float = 10.0,
        outbox: SQLiteStore | None = None,
        *,
        flush_batch: int = 20,
        access_token: str | None = None,
        owner: str | None = None,
    ) -> None:
        """`key` is the service key, or with `access_token` (a signed-in user's, whose id is
        `owner`) the project's anon key: then every request carries the user's token, so RLS
        reads and writes only their rows, and the outbox holds only theirs."""
        if not re.match(r"^https?://[^/\s]+", url or ""):
            raise BadInput("SUPABASE_URL must be an http(s) URL, e.g. https://abc.supabase.co.")
        self._key = key.get_secret_value() if isinstance(key, SecretStr) else key
        if not self._key:
            raise BadInput("SUPABASE_KEY is empty.")
        self.url = url
        self.timeout = timeout
        if (access_token is None) != (owner is None):
            raise BadInput("A signed-in store needs both the user's token and their id.")
        self._access_token, self.owner = access_token, owner
        super().__init__(outbox, flush_batch, owner)
        self._client: Client | None = None
        self._http: httpx.Client | None = None

    @property
    def description(self) -> str:
        where = f"Supabase: {urlparse(self.url).hostname or self.url}"
        return where if self.owner is None else f"{where} (your account)"

    # -- SessionStore -------------------------------------------------------------------------

    def list(
        self, filters: SessionFilters | None = None, limit: int = 100, *,
        with_transcript: bool = True, account_less: bool = False,
    ) -> list[SessionRecord]:
        """Newest first (rows still in the outbox are not included); `account_less`: only rows
        with no user_id. Paged with `.range()`: PostgREST cuts every answer at its max-rows
        (1,000 on Supabase), so one request for more would silently return fewer."""
        columns = ["*"] if with_transcript else [c for c in COLUMNS if c != "transcript"]
        rows: list[dict[str, Any]] = []
        while len(rows) < limit:
            start, end = len(rows), min(limit, len(rows) + PAGE_ROWS) - 1

            def build(table: Any, start: int = start, end: int = end) -> Any:
                query = _filtered(table.select(*columns), filters)
                if account_less:
                    query = query.is_("user_id", "null")
                return (query.order("created_at", desc=True).order("id", desc=True)
                        .range(start, end))

            page = self._query(build).data
            rows.extend(page)
            if len(page) < end - start + 1:  # the end: PAGE_ROWS ≤ the server's max-rows
                break
        return [record_from_row(row) for row in rows[:limit]]

    dashboard_page_rows = PAGE_ROWS  # SqlQueries pages the table function this many at a time

    def dashboard_call(self, name: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        """A dashboard SQL function through PostgREST (`rpc`), for SqlQueries."""
        try:
            with self._lock:
                if self._client is None:
                    self._client = self._make_client()
                client = self._client
            data = client.rpc(name, dict(params)).execute().data
        except (httpx.HTTPError, APIError) as error:
            raise StoreFailure(f"The dashboard query {name} failed on {self.description}: "
                               f"{_describe(error)}") from error
        return data if isinstance(data, list) else [data]

    def count(self, filters: SessionFilters | None = None) -> int:
        response = self._query(
            lambda t: _filtered(t.select("id", count=CountMethod.exact, head=True), filters)
        )
        return int(response.count or 0)

    # -- the outbox's database ----------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._http is not None:
                self._http.close()
            self._client = self._http = None

    # -- internals ----------------------------------------------------------------------------

    def _save_turn(self, write: TurnWrite) -> SaveReceipt:
        try:
            return super()._save_turn(write)
        except BadInput as error:  # another account's interview
            return SaveReceipt(saved=False, location=self.description, message=error.message)

    def _write_guarded(self, row: dict[str, Any], insert: bool, accept: Sequence[str]) -> bool:
        """PostgREST requests, so the database decides (a direct turn is one request): the
        opening is inserted unless the id exists; an answer is a PATCH filtered on id, the
        accepted digests and `status=eq.in_progress` (TurnWrite.fits). The rows each returns
        say whether it wrote."""
        body = _body(row)
        if insert and self._table().upsert(body, on_conflict="id", ignore_duplicates=True
                                           ).select("id").execute().data:
            return True
        if not accept:
            return False
        query = self._table().update(body).eq("id", row["id"])
        query = (query.eq("state_digest", accept[0]) if len(accept) == 1
                 else query.in_("state_digest", list(accept)))
        return bool(query.eq("status", "in_progress").select("id").execute().data)

    def _row(self, record: SessionRecord) -> dict[str, Any]:
        return self._owned_row(record)

    def _remote_get(self, session_id: str) -> dict[str, Any] | None:
        rows = self._query(lambda t: t.select("*").eq("id", session_id).limit(1)).data
        return rows[0] if rows else None

    def _save(self, op: OutboxOp, record: SessionRecord) -> SaveReceipt:
        try:
            row = self._owned_row(record)
        except BadInput as error:
            return SaveReceipt(saved=False, location=self.description, message=error.message)
        return self._save_row(op, row)

    def _owned_row(self, record: SessionRecord) -> dict[str, Any]:
        """The record's row; a signed-in store's carries its owner (kept in the row, so a later
        sync by the service key, `python -m estel sync`, still stores it under its owner).
        BadInput when the record belongs to another account."""
        row = row_from_record(record)
        if self.owner is not None:
            if row.get("user_id") not in (None, self.owner):
                raise BadInput("This interview belongs to another account.")
            row["user_id"] = self.owner
        return row

    def _remote_by_digest(self, digest: str, limit: int) -> list[dict[str, Any]]:
        return list(self._query(lambda t: t.select("*").eq("state_digest", digest)
                                .order("created_at").limit(limit)).data)

    def _describe(self, error: Exception) -> str:
        return _describe(error)

    def _answered(self, error: Exception) -> bool:
        return isinstance(error, APIError)

    def _send(self, op: OutboxOp, row: dict[str, Any]) -> None:
        self._table().upsert(
            _body(row), on_conflict="id", ignore_duplicates=(op == "create"),
            returning=ReturnMethod.minimal,
        ).execute()

    def _query(self, build: Any) -> Any:
        try:
            return build(self._table()).execute()
        except (httpx.HTTPError, APIError) as error:
            raise StoreFailure(
                f"Could not read sessions from {self.description}: {_describe(error)}"
            ) from error

    def _table(self) -> Any:
        with self._lock:
            if self._client is None:
                self._client = self._make_client()
            return self._client.table(TABLE)

    def _make_client(self) -> Client:
        from supabase import ClientOptions, SupabaseException, create_client

        self._http = httpx.Client(timeout=self.timeout)
        options = ClientOptions(httpx_client=self._http, postgrest_client_retry=False,
                                auto_refresh_token=False, persist_session=False)
        if self._access_token is not None:  # PostgREST runs as the user; the key stays `apikey`
            options.headers["Authorization"] = f"Bearer {self._access_token}"
        try:
            return create_client(self.url, self._key, options=options)
        except SupabaseException as error:
            raise BadInput(f"Invalid Supabase settings: {error.message}") from error


class AccountLessView:
    """The service-key store as a signed-out candidate sees it while sign-in is on: only
    interviews that belong to no account. The app asks for that; the database does not enforce
    it (the service key reads every row), unlike a signed-in user's store."""

    def __init__(self, store: SupabaseStore) -> None:
        self.store = store

    def __getattr__(self, name: str) -> Any:  # writes and the rest: the store's own
        return getattr(self.store, name)

    def list(self, filters: SessionFilters | None = None, limit: int = 100, *,
             with_transcript: bool = True) -> list[SessionRecord]:
        return self.store.list(filters, limit, with_transcript=with_transcript,
                               account_less=True)

    def get(self, session_id: str) -> SessionRecord | None:
        record = self.store.get(session_id)
        return record if record is None or record.user_id is None else None


def _body(row: dict[str, Any]) -> dict[str, Any]:
    """The JSON sent for a row: without user_id the column default (auth.uid()) applies, as
    RLS expects."""
    return {k: v for k, v in row.items() if not (k == "user_id" and v is None)}


def _filtered(query: Any, filters: SessionFilters | None) -> Any:
    if filters is None:
        return query
    if filters.since is not None:
        query = query.gte("created_at", iso_utc(filters.since))
    if filters.until is not None:
        query = query.lt("created_at", iso_utc(filters.until))
    for field_name, column in FILTER_COLUMNS.items():
        values = getattr(filters, field_name)
        if values is not None:
            query = query.in_(column, list(values))
    return query


def _describe(error: Exception) -> str:
    """Short, safe text for a failure (the key is in headers, never in these messages)."""
    if isinstance(error, APIError):
        return f"Supabase refused the request ({error.code or 'error'}): {error.message}"
    if isinstance(error, httpx.TimeoutException):
        return f"Supabase did not answer within the timeout ({type(error).__name__})"
    return f"Supabase is unreachable ({type(error).__name__}: {error})"
