"""Saving an interview from the app: create the row at the start, complete it at the end.

A save failure never loses the interview or breaks the page: every path returns a SaveReceipt
whose message the page shows, and the interview (and its downloads) carry on regardless.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from estel.engine import TurnResult
from estel.errors import EstelError
from estel.store.base import SaveReceipt, SessionRecord, SessionStore
from estel.store.records import completed_record, new_record

log = logging.getLogger(__name__)

NOT_SAVED = "Not saved"


def _attempt(action: Callable[[], SaveReceipt], where: str) -> SaveReceipt:
    try:
        return action()
    except EstelError as error:
        return SaveReceipt(saved=False, location=where, message=error.message)
    except Exception:  # a store's own bug must not cost the candidate the interview
        log.exception("saving the session failed")
        return SaveReceipt(saved=False, location=where,
                           message="The session could not be saved (see the server log).")


def save_start(
    store: SessionStore | None, opening: TurnResult, *, language: str, problem: str | None = None
) -> tuple[SessionRecord | None, SaveReceipt]:
    """Build the in_progress record from the opening turn and create it in the store."""
    try:
        record = new_record(opening, language=language)
    except EstelError as error:
        return None, SaveReceipt(saved=False, location=NOT_SAVED, message=error.message)
    if store is None:
        return record, SaveReceipt(saved=False, location=NOT_SAVED,
                                   message=problem or "No session store is configured.")
    return record, _attempt(lambda: store.create(record), store.description)


def save_end(
    store: SessionStore | None,
    record: SessionRecord | None,
    turns: Sequence[TurnResult],
    *,
    language: str,
    problem: str | None = None,
) -> tuple[SessionRecord | None, SaveReceipt]:
    """Complete the record with the final feedback and write it (built anew if start failed)."""
    try:
        base = record or new_record(turns[0], language=language)
        done = completed_record(base, turns)
    except EstelError as error:
        return record, SaveReceipt(saved=False, location=NOT_SAVED, message=error.message)
    if store is None:
        return done, SaveReceipt(saved=False, location=NOT_SAVED,
                                 message=problem or "No session store is configured.")
    return done, _attempt(lambda: store.complete(done), store.description)


def receipt_text(receipt: SaveReceipt | None) -> str:
    """One line for the page: where the session went, or why it did not."""
    if receipt is None:
        return "Not saved yet."
    if receipt.saved and receipt.pending_sync:
        return f"Kept locally ({receipt.location}); it will sync when the store is back. " + (
            receipt.message or "")
    if receipt.saved:
        return f"Saved to {receipt.location}."
    return f"Not saved: {receipt.message or 'the store refused it.'}"
