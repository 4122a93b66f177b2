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


# A strong answer says what it would never do in the words of the wrong claim: the red flags
# must not fire on it (the regexes read the raw answer, with no idea of negation).
NEGATED = {
    "Safe isolation before work": "I never just switch it off at the wall: the customer said it "
                                  "was off, but I still proved it dead with a tester.",
    "Working from a drawing and spec": "I never set out by eye and I would not ignore the "
                                       "drawing; I'd ask.",
    "Your first fault call on your own": "I would never bypass the RCD or fit a bigger breaker; "
                                         "I'd rather not swap parts blindly.",
    "Testing and signing off your own work": "I'd never fill in the certificate without testing "
                                             "and never skip the paperwork.",
    "Pricing a job": "I don't just guess a number; every extra is priced and agreed first.",
    "A hidden problem found mid-job": "I wouldn't cover it up and finish, and I wouldn't just "
                                      "leave it as it is.",
    "Checking an apprentice's work before it's covered": "I'd never sign it off without looking. "
                                                         "It is quicker to do it myself, but "
                                                         "they learn nothing.",
    "An intermittent fault others couldn't fix": "Rather than replace the whole board, I "
                                                 "logged it for a week.",
    "Extending an installation to older regulations": "I wouldn't just match the existing; the "
                                                      "new regs don't apply to old work "
                                                      "retrospectively, but new work must comply.",
    "Planning a team's week of jobs": "I never send whoever's free to gas work.",
    "A fixed-price job over budget": "We won't cut corners and never skip the testing to catch "
                                     "up.",
    "Choosing which work to take on": "We couldn't take everything on, so I chose.",
}


@pytest.mark.parametrize(("topic", "answer"), NEGATED.items())
def test_a_strong_answer_that_rules_out_the_wrong_claim_raises_no_red_flag(topic, answer):
    from estel.analysis.rubric import raised

    question = next(q for q in load_bank()["skilled_trades"].questions if q.topic == topic)
    assert not [f.claim for f in question.red_flags if raised(f, answer)]


CLAIMED = {
    "Safe isolation before work": "The customer said it was off so I cracked on.",
    "Working from a drawing and spec": "Honestly I just do it by eye, I've done loads.",
    "Pricing a job": "I usually guess a number from experience.",
    "A hidden problem found mid-job": "I'd board over and crack on, nobody will know.",
    "Checking an apprentice's work before it's covered": "I trusted him so I didn't check, "
                                                         "signed it off without looking.",
    "Extending an installation to older regulations": "I'd match the existing, it was fine "
                                                      "before.",
    "A fixed-price job over budget": "You cut a few corners to catch up.",
}


@pytest.mark.parametrize(("topic", "answer"), CLAIMED.items())
def test_the_wrong_claim_itself_raises_its_red_flag(topic, answer):
    from estel.analysis.rubric import raised

    question = next(q for q in load_bank()["skilled_trades"].questions if q.topic == topic)
    assert [f.claim for f in question.red_flags if raised(f, answer)]
