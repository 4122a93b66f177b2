"""Resuming from a row: the turns rebuilt from a saved interview equal the engine's own."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest

from estel.errors import BadInput
from estel.store.base import TurnWrite
from estel.store.records import abandoned_record, advanced_record, new_record, state_digest
from estel.store.replay import turns_from_record
from estel.store.sqlite import SQLiteStore


def saved(tmp_path: Path, turns: list) -> tuple[SQLiteStore, str]:
    store = SQLiteStore(tmp_path / "estel.db")
    record = new_record(turns[0])
    store.save_turns([TurnWrite(record, None)])
    for before, turn in itertools.pairwise(turns):
        record = advanced_record(store.get(record.id), turn)
        store.save_turns([TurnWrite(record, state_digest(before.state))])
    return store, record.id


@pytest.mark.parametrize("given", [1, 3, 5])
def test_turns_of_a_half_done_interview_are_rebuilt_exactly(tmp_path: Path, given: int,
                                                            interview: Callable[..., list]
                                                            ) -> None:
    turns = interview(questions=5)[:given]
    store, session = saved(tmp_path, turns)
    rebuilt = turns_from_record(store.get(session))
    assert [t.state for t in rebuilt] == [t.state for t in turns]
    assert [t.assessment for t in rebuilt] == [t.assessment for t in turns]
    assert rebuilt[-1].response == turns[-1].response  # the open question, hint and all
    for mine, theirs in zip(rebuilt[:-1], turns[:-1], strict=True):
        payload = theirs.response.payload.model_copy(update={"helper_hint": None})
        assert mine.response.payload == payload  # a past question's hint is not kept


def test_a_finished_interview_rebuilds_to_its_feedback(tmp_path: Path,
                                                       interview: Callable[..., list]) -> None:
    turns = interview(questions=3)
    store, session = saved(tmp_path, turns)
    rebuilt = turns_from_record(store.get(session))
    assert rebuilt[-1].response == turns[-1].response
    assert rebuilt[-1].finished


def test_a_row_whose_scores_do_not_add_up_is_refused(tmp_path: Path,
                                                     interview: Callable[..., list]) -> None:
    turns = interview(questions=4)[:3]
    store, session = saved(tmp_path, turns)
    row = store.get(session)
    edited = row.model_copy(update={"transcript": [
        row.transcript[0].model_copy(update={"content": 10.0}), *row.transcript[1:]]})
    with pytest.raises(BadInput, match="cannot be resumed"):
        turns_from_record(edited)


def test_an_abandoned_interview_is_not_resumed(tmp_path: Path,
                                               interview: Callable[..., list]) -> None:
    store, session = saved(tmp_path, interview(questions=4)[:2])
    with pytest.raises(BadInput, match="abandoned"):
        turns_from_record(abandoned_record(store.get(session)))
