"""Saving an interview from the app: the row at the start, then after every answer.

With a store that saves turns (`save_turns`: SQLite, Supabase), the row is updated after each
answer before the next question is shown, by compare-and-set on the state it answered, so the
interview can be resumed after a refresh and two tabs cannot both answer one question. If the
opening could not be saved, the interview carries on unsaved (the page says so) and the end is
tried once more with `complete`. A save failure never breaks the page: every path returns a
SaveReceipt whose message the page shows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence

from estel.answer_facts import AnswerFacts
from estel.contract import InterviewSessionState
from estel.engine import TurnResult
from estel.errors import EstelError
from estel.store.base import SaveReceipt, SessionRecord, SessionStore, TurnWrite
from estel.store.records import (
    abandoned_record,
    advanced_record,
    completed_record,
    new_record,
    state_digest,
)

log = logging.getLogger(__name__)

NOT_SAVED = "Not saved"
MOVED_ON = ("This interview moved on in another tab or window, so this answer was not taken. "
            "Reload the page to continue from where it is.")
ANSWER_NOT_SAVED = "Your answer could not be saved, so it was not taken: {reason} Try again."


def saves_turns(store: SessionStore | None) -> bool:
    """The store keeps every turn (the protocol's save_turns; older fakes only create/complete)."""
    return callable(getattr(store, "save_turns", None))


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
    store: SessionStore | None, opening: TurnResult, *, language: str, problem: str | None = None,
    user_id: str | None = None,
) -> tuple[SessionRecord | None, SaveReceipt]:
    """Build the in_progress record from the opening turn (owned by `user_id`, the signed-in
    candidate, if any) and create it in the store."""
    try:
        record = new_record(opening, language=language, user_id=user_id)
    except EstelError as error:
        return None, SaveReceipt(saved=False, location=NOT_SAVED, message=error.message)
    if store is None:
        return record, SaveReceipt(saved=False, location=NOT_SAVED,
                                   message=problem or "No session store is configured.")
    if saves_turns(store):
        return record, _attempt(lambda: store.save_turns([TurnWrite(record, None)])[0],
                                store.description)
    return record, _attempt(lambda: store.create(record), store.description)


def save_answer(
    store: SessionStore | None, record: SessionRecord, answered: InterviewSessionState,
    result: TurnResult, answers: Mapping[int, AnswerFacts] | None = None,
) -> tuple[SessionRecord, SaveReceipt]:
    """The row after one answer (with how it was given: time, limit, spoken delivery), written
    only if the stored row is still at `answered`."""
    try:
        updated = advanced_record(record, result, answers=answers)
    except EstelError as error:
        return record, SaveReceipt(saved=False, location=NOT_SAVED, message=error.message)
    if store is None or not saves_turns(store):
        return record, SaveReceipt(saved=False, location=NOT_SAVED,
                                   message="No session store is configured.")
    write = TurnWrite(updated, state_digest(answered))
    return updated, _attempt(lambda: store.save_turns([write])[0], store.description)


def answer_refusal(receipt: SaveReceipt) -> str:
    """What the page says when an answer's save failed (the answer stays in the box)."""
    if receipt.conflict:
        return MOVED_ON
    return ANSWER_NOT_SAVED.format(reason=receipt.message or "the store refused it.")


def abandon(store: SessionStore | None, record: SessionRecord) -> SaveReceipt:
    """Mark an unfinished interview abandoned (compare-and-set: only if it did not move on)."""
    try:
        done = abandoned_record(record)
    except EstelError as error:
        return SaveReceipt(saved=False, location=NOT_SAVED, message=error.message)
    if store is None:
        return SaveReceipt(saved=False, location=NOT_SAVED, message="No session store.")
    if record.state_digest is None or not saves_turns(store):  # a row from before per-turn
        return _attempt(lambda: store.complete(done), store.description)
    write = TurnWrite(done, record.state_digest)
    return _attempt(lambda: store.save_turns([write])[0], store.description)


def save_end(
    store: SessionStore | None,
    record: SessionRecord | None,
    turns: Sequence[TurnResult],
    *,
    language: str,
    problem: str | None = None,
    answers: Mapping[int, AnswerFacts] | None = None,
    user_id: str | None = None,
) -> tuple[SessionRecord | None, SaveReceipt]:
    """Complete the record with the final feedback (and how each answer was given) and write it
    (built anew if start failed)."""
    try:
        base = record or new_record(turns[0], language=language, user_id=user_id)
        done = completed_record(base, turns, answers=answers)
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
