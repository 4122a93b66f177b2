"""Fuzz: thousands of random requests; handle_request never raises and always returns a valid
envelope. Random JSON, random request-shaped objects, mutations of real requests and states,
and raw text/bytes.
"""

from __future__ import annotations

import copy
import json
import math
import random
from functools import cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from estel import session
from estel.brains.scripted import ScriptedBrain
from estel.contract import EstelInterviewEnvelope, InterviewMeta, InterviewSessionState
from estel.engine import Engine
from estel.handler import handle_request


def fuzz(max_examples: int) -> settings:
    return settings(max_examples=max_examples, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


scalars = (
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30)
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=8,
)
INTERESTING = [
    0, -1, 1, 8, 20, 21, 8.5, True, False, None, "", " ", "8", "x" * 8001, [], {},
    float("nan"), float("inf"), 1e308, "interview_session", "chat", "wrap_up", "medium",
    "standard", "q1", "q0", {"surprise": 1}, "\ud800",
]
mutation_values = st.sampled_from(INTERESTING) | json_values


def assert_valid_envelope(result: Any, data_before: str, data: Any) -> None:
    """The never-raises contract: a dict that is exactly one of the seed's envelopes."""
    assert isinstance(result, dict)
    envelope = EstelInterviewEnvelope.model_validate(result)
    json.dumps(result, ensure_ascii=False, allow_nan=False).encode("utf-8")
    assert envelope.to_wire() == result
    if envelope.status == "error":
        assert set(result) == {"brain", "mode", "status", "message"}
        assert 0 < len(result["message"]) <= 200
    else:
        assert envelope.payload is not None
        state = envelope.payload.session_state
        session.check_state(state, state.meta)  # what we hand back is always resumable
    assert repr(data) == data_before  # the caller's data is never modified


def run(data: Any) -> None:
    before = repr(data)
    result = handle_request(data, Engine(ScriptedBrain()))
    assert_valid_envelope(result, before, data)


@fuzz(800)
@given(json_values)
def test_random_json_values(data):
    run(data)


meta_like = st.fixed_dictionaries({
    "target_role": st.sampled_from(["Business Analyst", "", "x" * 200]) | json_values,
    "experience_level": st.sampled_from(["0-2 years", " "]) | json_values,
    "difficulty": st.sampled_from(["easy", "standard", "hard", "medium"]) | json_values,
    "questions_target": st.integers(min_value=-2, max_value=23) | json_values,
})
request_like = st.fixed_dictionaries(
    {
        "message": st.text(max_size=40) | json_values,
        "language": st.sampled_from(["en", "fr", ""]) | json_values,
        "context": st.fixed_dictionaries({
            "context": st.sampled_from(["interview_session", "chat", "resume_review"])
            | json_values,
            "meta": meta_like | json_values,
            "session_state": st.none() | json_values,
        }),
    },
    optional={"extra": json_values},
)


@fuzz(300)
@given(request_like)
def test_random_request_shaped_objects(data):
    run(data)


@cache
def valid_requests() -> tuple[str, ...]:
    """Real requests (JSON) from interviews of several lengths, every turn, plus a finished one."""
    found = []
    for total in (1, 2, 3, 8, 20):
        engine = Engine(ScriptedBrain())
        meta = {"target_role": "Data Scientist", "experience_level": "3-5 years",
                "difficulty": "hard", "questions_target": total}
        state = None
        for number in range(total + 1):
            request = {"message": f"Answer {number}." if state else "", "language": "en",
                       "context": {"context": "interview_session", "meta": meta,
                                   "session_state": state}}
            found.append(json.dumps(request))
            envelope = handle_request(request, engine)
            assert envelope["status"] == "success", envelope
            state = envelope["payload"]["session_state"]
        found.append(json.dumps({"message": "Again.", "language": "en", "context": {
            "context": "interview_session", "meta": meta, "session_state": state}}))
    return tuple(found)


def slots(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) inside a JSON document."""
    found: list[tuple[Any, Any]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        pairs = item.items() if isinstance(item, dict) else enumerate(item) \
            if isinstance(item, list) else ()
        for key, child in pairs:
            found.append((item, key))
            stack.append(child)
    return found


def mutate(document: Any, data: st.DataObject) -> None:
    container, key = data.draw(st.sampled_from(slots(document)))
    action = data.draw(st.sampled_from(["set", "set", "delete", "extra", "nudge", "dup"]))
    if action == "set":
        container[key] = data.draw(mutation_values)
    elif action == "delete":
        del container[key]
    elif action == "extra" and isinstance(container, dict):
        container[data.draw(st.text(max_size=10))] = data.draw(mutation_values)
    elif action == "nudge" and isinstance(container[key], int | float):
        value = container[key]
        if not isinstance(value, bool) and math.isfinite(value):
            container[key] = value + data.draw(st.sampled_from([-1, 1, 0.5, -0.05, 10]))
    elif action == "dup" and isinstance(container, list):
        container.append(copy.deepcopy(container[key]))


@fuzz(300)
@given(st.data())
def test_mutations_of_real_requests_and_states(data):
    document = json.loads(data.draw(st.sampled_from(valid_requests())))
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        if slots(document):  # three deletions can empty the top-level object
            mutate(document, data)
    run(document)


def random_json(rng: random.Random, depth: int = 0) -> Any:
    """A random JSON-like value, fast (hypothesis draws dominate the fuzz's time otherwise)."""
    kind = rng.randrange(9 if depth < 3 else 6)
    if kind == 0:
        return rng.choice(INTERESTING)
    if kind == 1:
        return rng.choice([None, True, False])
    if kind == 2:
        return rng.choice([rng.randint(-30, 30), rng.randint(-(2**70), 2**70)])
    if kind == 3:
        return rng.choice([rng.uniform(-20, 20), rng.random() * 10, -0.0, float("-inf")])
    if kind in (4, 5):
        alphabet = "ab q_1 \n\"'{}[]:éß🚀\x00\u200b\ud800"
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(12)))
    if kind == 6:
        return [random_json(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {random_json_key(rng): random_json(rng, depth + 1) for _ in range(rng.randrange(4))}


def random_json_key(rng: random.Random) -> str:
    known = ["message", "language", "context", "meta", "session_state", "transcript", "answer",
             "question_id", "phase", "score_so_far", "questions_target", "x"]
    return rng.choice(known)


def mutate_with(document: Any, rng: random.Random) -> None:
    container, key = rng.choice(slots(document))
    action = rng.choice(["set", "set", "delete", "extra", "nudge", "dup", "swap"])
    if action == "set":
        container[key] = random_json(rng)
    elif action == "delete":
        del container[key]
    elif action == "extra" and isinstance(container, dict):
        container[random_json_key(rng) + rng.choice(["", "_"])] = random_json(rng)
    elif action == "nudge" and isinstance(container[key], int | float):
        value = container[key]
        if not isinstance(value, bool) and math.isfinite(value):
            container[key] = value + rng.choice([-1, 1, 0.5, -0.05, 10, -100])
    elif action == "dup" and isinstance(container, list):
        container.insert(rng.randrange(len(container) + 1), copy.deepcopy(container[key]))
    elif action == "swap" and isinstance(container, list) and len(container) > 1:
        other = rng.randrange(len(container))
        container[key], container[other] = container[other], container[key]


@fuzz(2000)
@given(st.integers(min_value=0, max_value=2**64 - 1))
def test_seeded_mutations_of_real_requests_and_states(seed):
    """Many cheap mutations: the seed reproduces a failure exactly."""
    rng = random.Random(seed)
    document = json.loads(rng.choice(valid_requests()))
    for _ in range(rng.randint(1, 3)):
        if slots(document):
            mutate_with(document, rng)
    run(document)


@fuzz(500)
@given(st.text(max_size=200) | st.binary(max_size=200))
def test_raw_text_and_bytes(data):
    run(data)


@fuzz(200)
@given(st.data())
def test_mutated_requests_as_json_text(data):
    document = json.loads(data.draw(st.sampled_from(valid_requests())))
    mutate(document, data)
    text = json.dumps(document, ensure_ascii=data.draw(st.booleans()))
    run(text)
    run(text.encode("utf-8", "surrogatepass"))


def test_valid_requests_pool_resumes_correctly():
    """The pool really holds working requests (so mutations start from valid ground)."""
    pool = valid_requests()
    assert len(pool) == sum(total + 2 for total in (1, 2, 3, 8, 20))
    statuses = [handle_request(text, Engine(ScriptedBrain()))["status"] for text in pool]
    # every turn works except the resubmitted finished state at the end of each interview
    assert statuses.count("error") == 5
    finished = [json.loads(t) for t, s in zip(pool, statuses, strict=True) if s == "error"]
    for request in finished:
        state = InterviewSessionState.model_validate(request["context"]["session_state"])
        assert session.is_finished(state)
        meta = InterviewMeta.model_validate(request["context"]["meta"])
        session.check_state(state, meta)
