"""With ESTEL_FALLBACK=offline, each turn says who really answered it; the session row does not lie.

The turn's `brain` is the brain that answered (offline when it stood in for a failed model turn);
the session's `brain` column stays the configured one, and its model and prompt version come from
turns the model itself answered.
"""

from __future__ import annotations

from estel.brains.openai.brain import make_openai_brain
from estel.contract import InterviewMeta
from estel.engine import Engine, TurnResult
from estel.report import ReportView
from estel.store.records import completed_record, new_record, record_from_final_turn

FALLBACK_MARK = "(assessed by the offline fallback)"


def _interview(fake, kit, failing: set[int]) -> list[TurnResult]:
    """An 8-question interview; the model fails (503, no retry) on the turns in `failing`."""
    settings = kit.make_settings(fake.base_url, fallback="offline", openai_max_retries=0)
    engine = Engine(make_openai_brain(settings))
    if 1 in failing:
        fake.add(kit.error(503))
    turns = [engine.start(InterviewMeta(**kit.META))]
    for number in range(2, 10):
        if number in failing:
            fake.add(kit.error(503))
        turns.append(engine.answer(turns[-1].state, f"Answer {number - 1}: I built a queue."))
    assert turns[-1].finished
    return turns


def test_a_fallback_turn_is_accounted_to_the_brain_that_answered_it(fake, kit):
    turns = _interview(fake, kit, failing={2})
    model_turn, fallback_turn = turns[0], turns[1]
    assert (model_turn.brain, model_turn.configured_brain) == ("openai", "openai")
    assert not model_turn.fell_back
    assert fallback_turn.trace is not None
    assert fallback_turn.trace.brain == "offline"
    assert fallback_turn.brain == "offline"  # was "openai": the wrapper's name
    assert fallback_turn.configured_brain == "openai"
    assert fallback_turn.fell_back
    assert [t.brain for t in turns[2:]] == ["openai"] * 7  # the next turns go back to the model


def test_the_session_row_keeps_the_configured_brain_and_the_models_identity(fake, kit):
    # the opening and the feedback turns fall back: neither may name the session's brain/model
    turns = _interview(fake, kit, failing={1, 9})
    assert turns[0].brain == turns[-1].brain == "offline"
    record = completed_record(new_record(turns[0]), turns)
    assert record.brain == "openai"
    assert record.model == "fake-model"
    assert turns[1].trace is not None
    assert record.prompt_version == turns[1].trace.prompt_version == "interviewer-v2"
    # the last answer was judged by the offline brain, the first by the model: the notes say so
    assert record.transcript[-1].note is not None
    assert record.transcript[-1].note.endswith(FALLBACK_MARK)
    assert record.transcript[0].note == kit.ASSESSMENT["note"]
    assert sum(FALLBACK_MARK in (e.note or "") for e in record.transcript) == 1
    # the live report names the same interviewer as the stored session's report
    assert ReportView.from_turns(turns).brain == ReportView.from_record(record).brain
    assert ReportView.from_record(record).brain == "fake-model"


def test_the_http_services_one_turn_save_keeps_the_configured_brain(fake, kit):
    turns = _interview(fake, kit, failing={9})
    record = record_from_final_turn(turns[-1])
    assert record.brain == "openai"
    assert (record.model, record.prompt_version) == (None, None)  # no turn of the model's seen
