"""The skilled-trades family: electricians, plumbers, welders... are interviewed as trades at
every level (not with an electrical engineer's EMC or PCB questions), and the trades' titles
take nothing from the engineering families beside them."""

from __future__ import annotations

import pytest

from estel.brains.offline.bank import load_bank
from estel.brains.offline.brain import OfflineBrain
from estel.contract import InterviewMeta
from estel.engine import Engine
from estel.roles.titles import resolve_title

ANSWER = ("I isolated the supply, locked it off and proved it dead, then traced the fault to a "
          "damaged joint, replaced it, tested it and wrote it up on the job sheet.")


def interview(role: str, level: str) -> list[tuple[str, str, str]]:
    """(phase, topic, question) of each main question an offline interview asks."""
    engine = Engine(OfflineBrain())
    meta = InterviewMeta(target_role=role, experience_level=level, difficulty="standard",
                         questions_target=8)
    result = engine.start(meta)
    asked = []
    while not result.finished:
        payload = result.response.payload
        asked.append((payload.phase, payload.topic, payload.question))
        result = engine.answer(result.state, ANSWER)
    return [a for a in asked if not a[1].startswith("Follow-up")]


@pytest.mark.parametrize("role", ["Electrician", "Plumber", "Welder Fabricator", "Joiner"])
@pytest.mark.parametrize("level", ["Junior", "Mid-level", "Senior", "Lead"])
def test_a_trade_is_asked_the_trades_questions_at_every_level(role, level):
    trades = load_bank()["skilled_trades"]
    own = {q.topic for q in trades.questions}
    asked = interview(role, level)
    technical = [topic for phase, topic, _ in asked if phase == "technical"]
    assert technical, asked
    assert set(technical) <= own, technical
    text = " ".join(question for *_, question in asked).lower()
    assert not any(word in text for word in ("emc", "pcb", "schematic", "oscilloscope"))


def test_the_levels_ask_different_questions():
    junior = {topic for _, topic, _ in interview("Electrician", "Junior")}
    lead = {topic for _, topic, _ in interview("Electrician", "Lead")}
    assert not junior & lead


@pytest.mark.parametrize(("title", "family"), [
    ("Electrician", "skilled_trades"),
    ("Apprentice Electrician", "skilled_trades"),
    ("Electrical Engineer", "electrical_engineering"),
    ("Electrical Maintenance Engineer", "electrical_engineering"),
    ("HVAC Engineer", "mechanical_engineering"),
    ("Maintenance Engineer", "mechanical_engineering"),
    ("Quality Inspector", "manufacturing"),
    ("Site Manager", "construction_management"),
    ("Elecrtician", "skilled_trades"),  # a typo still finds the trade
])
def test_trade_titles_go_to_the_trades_and_engineering_titles_stay(title, family):
    assert resolve_title(title, load_bank()).family.family == family
