"""Adaptive length end to end, over hypothesis-generated interviews: bounds anywhere in 4..20,
answers of any length, any scores and any proposals to end. Whole interviews run through the
request handler (the wire, stateless: the extension on every turn), through the HTTP service's
BrainService on a real SQLite file (the extension only on the first turn, the stored bounds after
that, every turn rebuilt from its row and replayed), and with the offline brain's real scoring.
On every turn the session rules hold: phases in order intro -> behavioural -> technical ->
wrap_up with wrap_up last, question numbers and ids one by one, total_questions within the bounds
and only ever shrinking once to the open wrap-up, and every envelope the seed's shape."""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from estel import length
from estel.brains.base import AnswerAssessment, TurnContext, TurnDraft
from estel.brains.offline.brain import OfflineBrain
from estel.brains.scripted import default_draft
from estel.contract import (
    PHASES,
    EstelInterviewEnvelope,
    InterviewMeta,
    InterviewSessionState,
)
from estel.engine import Engine
from estel.handler import handle_request
from estel.server.service import BrainService
from estel.store.replay import turns_from_record
from estel.store.sqlite import SQLiteStore
from estel.store.stored_turn import stored_response

RUN = settings(max_examples=30, deadline=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
VOCABULARY = ("I", "led", "the", "migration", "measured", "40%", "because", "team", "users",
              "latency", "so", "we", "cut", "costs", "then", "tested", "it", "maybe", "um")
score = st.floats(min_value=0, max_value=10, allow_nan=False).map(lambda v: round(v, 1))
# (communication, content, confidence, the brain proposes to end)
judgement = st.tuples(score, score, score, st.booleans())
words = st.sampled_from(VOCABULARY)
# thin (under THIN_ANSWER_WORDS) and full answers equally often: hypothesis prefers short lists,
# and with only thin answers no interview would ever end early
answer_text = st.one_of(
    st.lists(words, min_size=1, max_size=length.THIN_ANSWER_WORDS - 1),
    st.lists(words, min_size=length.THIN_ANSWER_WORDS, max_size=70)).map(" ".join)


@st.composite
def interviews(draw):
    low = draw(st.integers(min_value=length.MIN_ADAPTIVE_QUESTIONS, max_value=20))
    high = draw(st.integers(min_value=low, max_value=20))
    answers = draw(st.lists(answer_text, min_size=high, max_size=high))
    # judgements that move, or one steady judgement (steady scores are what end an interview)
    judgements = draw(st.one_of(st.lists(judgement, min_size=high, max_size=high),
                                judgement.map(lambda j: [j] * high)))
    return length.LengthBounds(low, high), answers, judgements


class DrawnBrain:
    """Assesses answer k with the k-th drawn judgement (and its proposal to end)."""

    name = "drawn"
    label = "Drawn (tests)"

    def __init__(self, judgements: list[tuple[float, float, float, bool]]) -> None:
        self.judgements = judgements

    def turn(self, ctx: TurnContext) -> TurnDraft:
        answered = len(ctx.history)
        comm, content, conf, proposes = self.judgements[answered - 1] if answered else \
            (0.0, 0.0, 0.0, False)
        draft = default_draft(ctx, AnswerAssessment(communication=comm, content=content,
                                                    confidence=conf, note="drawn"))
        return replace(draft, propose_end=proposes)


def meta_of(bounds: length.LengthBounds) -> dict[str, Any]:
    return {"target_role": "Data Analyst", "experience_level": "mid", "difficulty": "standard",
            "questions_target": bounds.max_questions}


def request(bounds, message: str, state: dict[str, Any] | None, with_extension: bool = True
            ) -> dict[str, Any]:
    context: dict[str, Any] = {"context": "interview_session", "meta": meta_of(bounds),
                               "session_state": state}
    if with_extension:
        context["length"] = {"mode": "adaptive", "min_questions": bounds.min_questions}
    return {"message": message, "language": "en", "context": context}


def assert_session_rules(envelopes: list[dict[str, Any]], bounds: length.LengthBounds) -> None:
    """The books of one whole interview, turn by turn, as a client sees them."""
    meta = InterviewMeta.model_validate(meta_of(bounds))
    totals, phases = [], []
    for number, envelope in enumerate(envelopes, start=1):
        assert envelope["status"] == "success", envelope
        assert EstelInterviewEnvelope.model_validate(envelope).to_wire() == envelope
        state = InterviewSessionState.model_validate(envelope["payload"]["session_state"])
        length.check_adaptive_state(state, meta, bounds)
        payload = envelope["payload"]["payload"]
        totals.append(state.total_questions)
        assert bounds.min_questions <= state.total_questions <= bounds.max_questions
        if payload["kind"] == "question":
            assert state.question_index == number == len(state.transcript)
            assert payload["question_id"] == f"q{number}"
            assert payload["phase"] == state.phase
            phases.append(payload["phase"])
        else:
            assert number == len(envelopes) == state.total_questions + 1
            assert state.question_index == state.total_questions == len(state.transcript)
            assert all(item.answer for item in state.transcript)
    # phases: intro first, then never backwards, one wrap_up and it is last
    order = [PHASES.index(p) for p in phases]
    assert phases[0] == "intro"
    assert order == sorted(order)
    assert phases.count("wrap_up") == 1
    assert phases[-1] == "wrap_up"
    assert set(phases) == set(PHASES)  # every phase covered (min >= 4)
    # total_questions: the maximum until the code decides, then the decided total, for good
    final = totals[-1]
    assert len(phases) == final
    assert all(t in (bounds.max_questions, final) for t in totals)
    assert totals == sorted(totals, reverse=True)
    if final < bounds.max_questions:
        assert totals.index(final) == final - 1  # it shrank when the wrap-up was asked


def play(turn, bounds, answers: list[str], first_only: bool = False) -> list[dict[str, Any]]:
    envelopes = [turn(request(bounds, "", None))]
    while envelopes[-1]["status"] == "success" and \
            envelopes[-1]["payload"]["payload"]["kind"] == "question":
        state = envelopes[-1]["payload"]["session_state"]
        text = answers[state["question_index"] - 1]
        envelopes.append(turn(request(bounds, text, state, with_extension=not first_only)))
    return envelopes


FULL_ANSWER = " ".join(VOCABULARY * 2)  # 38 words: not thin
# both outcomes always among the examples: steady full answers end at the minimum, thin ones
# run to the maximum (the generator makes both too: thin and full answers, steady judgements)
ENDS_EARLY = (length.LengthBounds(5, 12), [FULL_ANSWER] * 12, [(6.0, 6.0, 6.0, False)] * 12)
RUNS_FULL = (length.LengthBounds(4, 9), ["maybe"] * 9, [(6.0, 6.0, 6.0, True)] * 9)


@RUN
@given(interviews())
@example(ENDS_EARLY)
@example(RUNS_FULL)
def test_whole_interviews_over_the_wire_never_break_the_session_rules(case):
    bounds, answers, judgements = case
    engine = Engine(DrawnBrain(judgements))
    envelopes = play(lambda body: handle_request(body, engine), bounds, answers)
    assert_session_rules(envelopes, bounds)
    final = envelopes[-1]["payload"]["session_state"]["total_questions"]
    if case is ENDS_EARLY:
        assert final == 5
    if case is RUNS_FULL:
        assert final == 9


@settings(RUN, max_examples=15)
@given(interviews())
@example(ENDS_EARLY)
@example(RUNS_FULL)
def test_server_kept_interviews_keep_their_bounds_and_replay_exactly(case):
    """The extension only on the first turn; every turn's row rebuilds the state sent, and the
    finished row replays every turn the client saw."""
    bounds, answers, judgements = case
    with tempfile.TemporaryDirectory() as folder:
        store = SQLiteStore(Path(folder) / "estel.db")
        service = BrainService(Engine(DrawnBrain(judgements)), store)
        ids: set[str] = set()

        def turn(body: dict[str, Any]) -> dict[str, Any]:
            outcome = service.turn(json.dumps(body).encode())
            envelope = outcome.envelope.to_wire()
            if outcome.session_id is not None:
                ids.add(outcome.session_id)
                row = store.get(outcome.session_id)
                assert stored_response(row).to_wire() == envelope["payload"]
                assert row.total_questions == envelope["payload"]["session_state"][
                    "total_questions"]
            return envelope

        envelopes = play(turn, bounds, answers, first_only=True)
        assert_session_rules(envelopes, bounds)
        (session_id,) = ids
        row = store.get(session_id)
        assert (row.status, row.min_questions) == ("completed", bounds.min_questions)
        replayed = [without_hint(t.response.to_wire()) for t in turns_from_record(row)]
        assert replayed == [without_hint(e["payload"]) for e in envelopes]
        store.close()


def without_hint(response: dict[str, Any]) -> dict[str, Any]:
    """A past question's helper hint is not stored, so replay does not rebuild it."""
    payload = {k: v for k, v in response["payload"].items() if k != "helper_hint"}
    return response | {"payload": payload}


@settings(RUN, max_examples=8)
@given(interviews())
def test_offline_interviews_with_random_answers_never_break_the_session_rules(case):
    bounds, answers, _ = case
    engine = Engine(OfflineBrain())
    envelopes = play(lambda body: handle_request(body, engine), bounds, answers)
    assert_session_rules(envelopes, bounds)

