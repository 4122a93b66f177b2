"""One offline interview steered by a job description, turn by turn (tests of JD questions)."""

from __future__ import annotations

from collections.abc import Callable

from estel.brains.offline.brain import OfflineBrain
from estel.contract import InterviewMeta
from estel.engine import Engine
from estel.extensions import ProfileExtension


def play_with_jd(role: str, jd: str, level: str, answer: str | Callable[[int], str],
                 language: str = "en"):
    """(the profile kept from the JD, every question's payload, the final payload); `answer`
    is the same text each turn, or made from the number of questions asked so far."""
    engine = Engine(OfflineBrain())
    meta = InterviewMeta(target_role=role, experience_level=level, difficulty="standard",
                         questions_target=8)
    kept, _ = engine.read_profile(ProfileExtension(job_description=jd), meta)
    result = engine.start(meta, profile=kept, language=language)
    asked = []
    while not result.finished:
        asked.append(result.response.payload)
        text = answer(len(asked)) if callable(answer) else answer
        result = engine.answer(result.state, text, profile=kept, language=language)
    return kept, asked, result.response.payload
