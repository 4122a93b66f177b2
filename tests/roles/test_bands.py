"""Experience bands: the level as typed maps to entry/mid/senior/lead; the band drives the
interview, so two spellings of one band give the same interview and the bands differ."""

from __future__ import annotations

import pytest

from estel.brains.offline.brain import OfflineBrain
from estel.contract import InterviewMeta
from estel.engine import Engine
from estel.roles.bands import adjacent_bands, band_for, band_from_level, band_from_title
from estel.roles.context import role_context
from estel.session import difficulty_move


@pytest.mark.parametrize(("level", "band"), [
    ("Graduate", "entry"), ("Junior", "entry"), ("Student or graduate", "entry"),
    ("intern", "entry"), ("0-1 years", "entry"), ("6 months", "entry"),
    ("entry level", "entry"), ("career changer", "entry"),
    ("2 years", "mid"), ("Mid-level", "mid"), ("3-5 years", "mid"), ("Intermediate", "mid"),
    ("I have 3 years", "mid"),
    ("Senior", "senior"), ("Staff", "senior"), ("Principal", "senior"), ("5+ years", "senior"),
    ("12 years", "senior"),
    ("Lead", "lead"), ("Head of", "lead"), ("Manager", "lead"), ("Director", "lead"),
    ("Lead or principal", "lead"), ("VP", "lead"), ("Senior manager", "lead"),
])
def test_levels_map_to_bands(level, band):
    assert band_for(level) == band


def test_a_silent_level_lets_the_title_speak_and_a_stated_level_wins():
    assert band_from_level("Experienced") is None
    assert band_for("Experienced", "Senior Data Scientist") == "senior"
    assert band_for("", "Head of Nursing") == "lead"
    assert band_for("Junior", "Senior Data Scientist") == "entry"
    assert band_for("Experienced", "Data Scientist") == "mid"
    # 'manager' in a title is the job (product manager), not a rank
    assert band_from_title("Product Manager") is None
    assert band_from_title("Software Engineer III") == "senior"


def test_adjacent_bands_stay_on_their_side_of_the_line_first():
    assert adjacent_bands("entry")[0] == "mid"
    assert adjacent_bands("mid")[0] == "entry"
    assert adjacent_bands("senior")[0] == "lead"
    assert adjacent_bands("lead")[0] == "senior"


def _questions(role: str, level: str, total: int = 8) -> list[str]:
    engine = Engine(OfflineBrain())
    result = engine.start(InterviewMeta(target_role=role, experience_level=level,
                                        difficulty="standard", questions_target=total))
    asked = []
    answer = ("I checked the numbers first, then agreed a plan with the team and measured the "
              "result: errors fell by 20% in a month.")
    while not result.finished:
        asked.append(result.response.payload.question)
        result = engine.answer(result.state, answer)
    return asked


def test_the_same_band_typed_two_ways_gives_the_same_interview():
    assert _questions("Registered Nurse", "Junior") == _questions("Registered Nurse",
                                                                  "graduate, 1 year")
    assert _questions("Software Engineer", "Senior") == _questions("Software Engineer",
                                                                   "7 years")


def test_difficulty_moves_are_explained():
    assert difficulty_move("medium", "standard") is None
    assert difficulty_move("hard", "standard") == "harder: your answers are strong"
    assert difficulty_move("easy", "standard").startswith("easier")
    assert difficulty_move("easy", "easy") is None


def test_interviewing_as_names_the_family_the_title_and_the_band(bank):
    meta = InterviewMeta(target_role="Registered Nurse", experience_level="Experienced",
                         difficulty="standard", questions_target=8)
    assert role_context(meta, bank).interviewing_as().startswith(
        "Interviewing as: Nursing — Registered Nurse · mid level")
    senior = meta.model_copy(update={"target_role": "Senior Registered Nurse"})
    assert "senior (from the title)" in role_context(senior, bank).interviewing_as()
    unknown = meta.model_copy(update={"target_role": "Marine Biologist"})
    text = role_context(unknown, bank).interviewing_as()
    assert "Marine Biologist" in text
    assert "No role family" in text


def _opening(role: str, level: str):
    from estel.brains.base import TurnContext
    from estel.session import ZERO_SCORES, phase_plan

    meta = InterviewMeta(target_role=role, experience_level=level, difficulty="standard",
                         questions_target=8)
    return TurnContext(kind="opening", meta=meta, language="en", plan=phase_plan(8),
                       question_number=1, history=(), score_so_far=ZERO_SCORES)


def test_the_openai_prompt_names_the_family_band_and_role_terms(bank):
    from estel.brains.openai.prompt import render_context

    text = render_context(_opening("Registered Nurse", "Senior"))
    assert "Role family: Nursing" in text
    assert "Band: senior" in text
    assert "Role terms" in text
    assert bank["nursing"].role_terms[0] in text.split("Role terms", 1)[1]
    generic = render_context(_opening("Marine Biologist", "Graduate"))
    assert "none in the catalogue matched" in generic
    assert "Band: entry" in generic
