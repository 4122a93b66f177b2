"""A Hinglish interview end to end with the offline brain: through the handler (what the CLI and
HTTP service run), the command line itself, and a family without Hinglish text."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from hinglish_answers import INTERVIEW

from estel.brains.offline.bank import load_bank
from estel.brains.offline.brain import OfflineBrain
from estel.brains.offline.follow_ups import normalised
from estel.brains.offline.hinglish import hinglish_bank
from estel.brains.offline.selection import fill_role
from estel.contract import EstelInterviewEnvelope
from estel.engine import Engine
from estel.handler import handle_request

REPO = Path(__file__).resolve().parents[2]
HINGLISH = re.compile(r"\b(?:aap|aapne|aapka|aapke|kijiye|karta|yeh|ke|ki|mein|hai)\b")
ENGLISH_OPENERS = re.compile(r"\b(?:Thanks|Good|That was|Tell me|Describe|Walk me)\b")


def request(meta: dict[str, Any], language: str, message: str = "",
            state: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"message": message, "language": language,
            "context": {"context": "interview_session", "meta": meta, "session_state": state}}


def interview(role: str, language: str, answers: list[str]) -> list[dict[str, Any]]:
    meta = {"target_role": role, "experience_level": "Mid-level", "difficulty": "standard",
            "questions_target": len(answers)}
    engine = Engine(OfflineBrain())
    envelopes = [handle_request(request(meta, language), engine)]
    for answer in answers:
        state = envelopes[-1]["payload"]["session_state"]
        envelopes.append(handle_request(request(meta, language, answer, state), engine))
    for envelope in envelopes:
        assert envelope["status"] == "success", envelope
        EstelInterviewEnvelope.model_validate(envelope)
    return envelopes


def hinglish_questions(role: str) -> set[str]:
    return {normalised(fill_role(text.question, role)) for family in hinglish_bank().values()
            for text in family.questions.values()}


def test_software_engineer_interview_runs_in_hinglish():
    envelopes = interview("Software Engineer", "Hinglish", INTERVIEW)
    known = hinglish_questions("Software Engineer")
    for envelope in envelopes[:-1]:
        payload = envelope["payload"]["payload"]
        assert "message" not in envelope  # a covered family: nothing to warn about
        text = payload["question"]
        asked = payload["topic"].startswith("Follow-up: ") or any(
            normalised(text).endswith(q) for q in known)
        assert asked, text  # a bank question in Hinglish (after the reaction), or a follow-up
        assert not ENGLISH_OPENERS.search(text), text
        assert text.isascii()
    feedback = envelopes[-1]["payload"]["payload"]
    assert feedback["summary"].startswith("Aapka Software Engineer mock interview")
    for line in feedback["strengths"] + feedback["improvements"] + feedback["next_steps"]:
        assert HINGLISH.search(line), line
        assert not re.search(r"\b(?:tum|tumne|karo|batao)\b", line), line


def test_a_family_without_hinglish_text_says_so_and_falls_back_to_english_questions():
    envelopes = interview("Registered Nurse", "hi-en", INTERVIEW[:3])
    assert "nursing" not in hinglish_bank()
    for envelope in envelopes:
        assert "Hinglish questions are not written yet for Nursing" in envelope["message"]
    nursing = {normalised(fill_role(q.question, "Registered Nurse"))
               for q in load_bank()["nursing"].questions}
    first = envelopes[0]["payload"]["payload"]["question"]
    assert normalised(first) in nursing  # the English bank question
    second = envelopes[1]["payload"]["payload"]["question"]  # opened by a Hinglish reaction
    assert re.match(r"(?:Thank you|Theek hai|Achha|Badhiya|Yeh|Us|Pichhle|Chaliye|Ise|Isme)",
                    second), second
    assert envelopes[-1]["payload"]["payload"]["summary"].startswith("Aapka Registered Nurse")


def test_the_same_answers_score_the_same_whatever_the_interview_language():
    """Scoring reads the answer, not the language of the question it answered."""
    english = interview("Software Engineer", "en", INTERVIEW)[-1]["payload"]["payload"]
    hinglish = interview("Software Engineer", "hinglish", INTERVIEW)[-1]["payload"]["payload"]
    assert english["scores"] == hinglish["scores"]
    assert english["summary"].startswith("Your Software Engineer mock interview")


def test_command_line_turns_in_hinglish():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ESTEL_"))}
    env["ESTEL_BRAIN"] = "offline"
    meta = {"target_role": "Data Scientist", "experience_level": "Junior",
            "difficulty": "standard", "questions_target": 2}
    state = None
    questions = []
    for message in ("", INTERVIEW[0], INTERVIEW[-1]):
        done = subprocess.run([sys.executable, "-m", "estel", "turn"], cwd=REPO, env=env,
                              input=json.dumps(request(meta, "hinglish", message, state)).encode(),
                              capture_output=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        envelope = json.loads(done.stdout)
        assert envelope["status"] == "success"
        state = envelope["payload"]["session_state"]
        questions.append(envelope["payload"]["payload"].get("question", ""))
    assert normalised(questions[0]) in hinglish_questions("Data Scientist")
    assert envelope["payload"]["payload"]["summary"].startswith("Aapka Data Scientist")


def test_coach_notes_are_in_hinglish_too():
    from estel.contract import InterviewMeta

    engine = Engine(OfflineBrain())
    meta = InterviewMeta(target_role="Data Analyst", experience_level="Junior",
                         difficulty="standard", questions_target=3)
    turn = engine.start(meta, language="hinglish")
    turn = engine.answer(turn.state, "Matlab shayad maine kuch dashboards banaye. Pata nahi.",
                         language="hinglish")
    assert turn.assessment is not None
    assert turn.assessment.note.startswith("Bahut chhota:")
    english = engine.answer(engine.start(meta).state, "Matlab shayad maine kuch dashboards "
                            "banaye. Pata nahi.")
    assert english.assessment is not None
    assert english.assessment.note.startswith("Too brief:")
