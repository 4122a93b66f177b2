"""Question selection: band first, then the adjacent band, then generic; never a repeat."""

from __future__ import annotations

from estel.brains.base import TurnContext
from estel.brains.offline.bank import BankQuestion, RoleFamily, TalkingPoint
from estel.brains.offline.selection import fill_role, seed, select_question
from estel.contract import InterviewMeta, InterviewTranscriptItem
from estel.session import ZERO_SCORES, phase_plan

POINTS = (TalkingPoint(point="one point", keywords=("one",)),
          TalkingPoint(point="two point", keywords=("two",)))


def _q(qid: str, bands: tuple[str, ...], difficulty: str = "medium",
       phase: str = "technical") -> BankQuestion:
    return BankQuestion(id=qid, phase=phase, difficulty=difficulty, topic=qid, bands=bands,
                        question=f"Question {qid} for a {{role}}, please explain.",
                        helper_hint="Explain it step by step.", talking_points=POINTS)


def _family(name: str, questions: list[BankQuestion]) -> RoleFamily:
    return RoleFamily(family=name, label=name.title(), titles=(name,), role_terms=("term",),
                      questions=tuple(questions))


ENTRY = [_q(f"e{i}", ("entry",)) for i in range(3)]
MID = [_q("m0", ("mid",))]
SENIOR = [_q(f"s{i}", ("senior",)) for i in range(3)]
GENERIC = [_q("g-entry", ("entry",)), _q("g-senior", ("senior",))]
BANK = {"nursing": _family("nursing", ENTRY + MID + SENIOR), "generic": _family("generic", GENERIC)}


def _ctx(level: str, asked: list[str] = (), difficulty: str = "standard",
         role: str = "Nurse") -> TurnContext:
    meta = InterviewMeta(target_role=role, experience_level=level, difficulty=difficulty,
                         questions_target=8)
    history = tuple(InterviewTranscriptItem(question_id=f"q{n + 1}", question=text, topic="t",
                                            answer="an answer") for n, text in enumerate(asked))
    return TurnContext(kind="question", meta=meta, language="en", plan=phase_plan(8),
                       question_number=6, history=history, score_so_far=ZERO_SCORES)


def _run(level: str, count: int) -> list[str]:
    """Ids of `count` successive selections, each seeing the earlier ones as asked."""
    asked: list[str] = []
    ids: list[str] = []
    for _ in range(count):
        chosen = select_question(_ctx(level, asked), BANK, BANK["nursing"])
        if chosen is None:
            break
        asked.append(chosen.text)
        ids.append(chosen.question.id)
    return ids


def test_the_band_is_used_up_first_then_the_adjacent_band_then_generic():
    ids = _run("Graduate", 10)
    assert set(ids[:3]) == {"e0", "e1", "e2"}
    assert ids[3] == "m0"  # entry's neighbour on its side of the line
    assert ids[4] == "g-entry"  # then the generic family in the band
    assert len(ids) == len(set(ids))  # never a repeat


def test_a_senior_interview_never_sees_entry_questions_while_senior_ones_last():
    assert set(_run("Senior", 3)) == {"s0", "s1", "s2"}


def test_the_same_band_typed_two_ways_selects_the_same_questions():
    assert _run("Junior", 5) == _run("graduate, 1 year", 5)
    assert seed(_ctx("Junior"), "bank") == seed(_ctx("entry level"), "bank")
    assert seed(_ctx("Junior"), "bank") != seed(_ctx("Senior"), "bank")


def test_the_tag_is_the_wanted_difficulty_even_when_a_neighbour_serves():
    bank = {"nursing": _family("nursing", [_q("hard-only", ("mid",), "hard")])}
    chosen = select_question(_ctx("mid", difficulty="easy"), bank, bank["nursing"])
    assert chosen.question.id == "hard-only"
    assert chosen.difficulty == "easy"
    moved = select_question(_ctx("mid"), bank, bank["nursing"], wanted="hard")
    assert moved.difficulty == "hard"


def test_wanted_difficulty_comes_first_within_the_band():
    bank = {"nursing": _family("nursing", [_q("easy", ("mid",), "easy"),
                                           _q("hard", ("mid",), "hard")])}
    assert select_question(_ctx("mid"), bank, bank["nursing"], wanted="hard").question.id == "hard"
    assert select_question(_ctx("mid"), bank, bank["nursing"], wanted="easy").question.id == "easy"


def test_role_is_filled_as_typed_and_exhaustion_returns_none():
    chosen = select_question(_ctx("mid", role="Registered Nurse"), BANK, BANK["nursing"])
    assert "a Registered Nurse" in chosen.text
    every = [fill_role(q.question, "Nurse") for fam in BANK.values() for q in fam.questions]
    assert select_question(_ctx("mid", every), BANK, BANK["nursing"]) is None
