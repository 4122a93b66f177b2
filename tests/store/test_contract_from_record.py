"""A completed stored session gives back the contract's final turn, as the engine sent it.

The one documented difference: the envelope's `message` (the final turn's warnings, e.g. an
unsupported language or a fallback) is not stored, so the rebuilt envelope has none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from estel.brains.offline.brain import OfflineBrain
from estel.contract import EstelInterviewEnvelope, InterviewMeta, success_envelope
from estel.engine import Engine
from estel.errors import BadInput
from estel.report import record_session_json, session_json
from estel.store.base import SessionRecord
from estel.store.records import abandoned_record, completed_record, new_record
from estel.store.rows import record_from_json, record_from_row, row_from_record
from estel.store.sqlite import SQLiteStore
from estel.store.stored_turn import contract_response_from_record


def _stored(path: Path, record: SessionRecord) -> SessionRecord:
    store = SQLiteStore(path)
    store.create(record)
    store.complete(record)
    got = store.get(record.id)
    assert got is not None
    return got


@pytest.mark.parametrize("questions", [1, 2, 8, 20])
def test_a_stored_scripted_session_rebuilds_the_engines_final_response(
    interview: Any, tmp_path: Path, questions: int
) -> None:
    turns = interview(questions=questions)
    record = completed_record(new_record(turns[0]), turns)
    stored = _stored(tmp_path / "s.db", record)
    assert contract_response_from_record(stored) == turns[-1].response
    # and through the PostgREST row shape (what SupabaseStore reads back)
    assert contract_response_from_record(record_from_row(row_from_record(record))) \
        == turns[-1].response


def test_a_stored_offline_session_downloads_the_same_json_as_the_interview_page(
    tmp_path: Path,
) -> None:
    meta = InterviewMeta(target_role="Data Analyst", experience_level="mid", difficulty="hard",
                         questions_target=5)
    engine = Engine(OfflineBrain())
    turns = [engine.start(meta)]
    while not turns[-1].finished:
        turns.append(engine.answer(turns[-1].state, "I cut a report from 2 days to 2 hours "
                                                    "by rewriting it in SQL, um, maybe."))
    stored = _stored(tmp_path / "s.db", completed_record(new_record(turns[0]), turns))
    assert record_session_json(stored) == session_json(turns[-1])
    envelope = EstelInterviewEnvelope.model_validate_json(record_session_json(stored))
    assert envelope.payload == turns[-1].response
    assert envelope == success_envelope(turns[-1].response)


def test_the_final_warning_is_the_one_thing_not_rebuilt(interview: Any) -> None:
    meta = InterviewMeta(target_role="QA", experience_level="mid", difficulty="easy",
                         questions_target=2)
    engine = Engine(OfflineBrain())
    turns = [engine.start(meta, language="fr")]
    while not turns[-1].finished:
        turns.append(engine.answer(turns[-1].state, "I test things.", language="fr"))
    assert turns[-1].warnings  # language 'fr' is not supported: the live envelope says so
    record = completed_record(new_record(turns[0], language="fr"), turns)
    rebuilt = EstelInterviewEnvelope.model_validate_json(record_session_json(record))
    live = turns[-1].envelope()
    assert live.message is not None
    assert rebuilt.message is None
    assert rebuilt == live.model_copy(update={"message": None})


def test_only_a_completed_session_has_a_final_response(interview: Any) -> None:
    turns = interview(questions=3)
    opened = new_record(turns[0])
    with pytest.raises(BadInput, match="completed"):
        contract_response_from_record(opened)
    with pytest.raises(BadInput, match="completed"):
        contract_response_from_record(abandoned_record(opened))


def _tampered(record: SessionRecord, **changes: Any) -> SessionRecord:
    return record_from_json(SessionRecord.model_validate(
        {**record.model_dump(), **changes}).model_dump_json())


def test_a_stored_row_that_breaks_the_contract_is_refused_with_a_reason(interview: Any) -> None:
    turns = interview(questions=3)
    record = completed_record(new_record(turns[0]), turns)
    with pytest.raises(BadInput, match="transcript"):
        contract_response_from_record(_tampered(record, transcript=record.transcript[:2]))
    with pytest.raises(BadInput, match="difficulty"):
        contract_response_from_record(_tampered(record, difficulty="extreme"))
    with pytest.raises(BadInput, match="score"):
        contract_response_from_record(_tampered(record, content_score=None))
    unanswered = [record.transcript[0].model_copy(update={"answer": None}),
                  *record.transcript[1:]]
    with pytest.raises(BadInput):
        contract_response_from_record(_tampered(record, transcript=unanswered))
