"""A Hinglish interview over HTTP with the offline brain: questions and feedback in Hinglish,
the session saved with its language, every envelope the seed's shape."""

from __future__ import annotations

from hinglish_answers import INTERVIEW

from estel.brains.offline.brain import OfflineBrain
from estel.client import EstelClient


def test_hinglish_interview_over_http_is_saved_with_its_language(
    app_with, serve, memory_store, seed_meta
):
    store = memory_store()
    meta = {**seed_meta, "target_role": "Product Manager", "questions_target": 4}
    with serve(app_with(brain=OfflineBrain(), store=store)) as url, \
            EstelClient(url, timeout=30) as estel:
        envelope = estel.start_interview_session(meta, "Hinglish")
        questions = [envelope.payload.payload.question]
        for answer in INTERVIEW[:4]:
            assert envelope.message is None
            envelope = estel.submit_interview_answer(answer, envelope.payload.session_state,
                                                     meta, "Hinglish")
            questions.append(getattr(envelope.payload.payload, "question", ""))
    assert "aap" in questions[0].lower()
    feedback = envelope.payload.payload
    assert feedback.kind == "feedback"
    assert feedback.summary.startswith("Aapka Product Manager mock interview")
    (record,) = store.completed
    assert record.language == "Hinglish"
