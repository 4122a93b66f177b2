"""Why an adaptive interview ended where it did, in words for the report (pure).

The decision is replayed from what is stored with every answer (its text and its three
scores), with the same rules the engine used (estel/length.py). A brain's proposal to end is not
stored: when the replay finds the scores were not stable at the point the interview ended, the
interviewer's judgement is what ended it (the code only honours a proposal after a full answer
once every phase is covered).
"""

from __future__ import annotations

from collections.abc import Sequence

from estel import length, session
from estel.analysis.wording import counted
from estel.contract import SessionScores


def ending_note(bounds: length.LengthBounds | None,
                answers: Sequence[tuple[str, SessionScores]]) -> str | None:
    """'Ended after 6 of up to 12 questions: …' for a finished adaptive interview; None for a
    fixed-length one. `answers` are every question's answer and scores, in order."""
    if bounds is None or not answers:
        return None
    total, low, high = len(answers), bounds.min_questions, bounds.max_questions
    if low == high:
        return f"{counted(total, 'question')}: the minimum and the maximum were both {high}."
    decisions = list(_decisions(bounds, answers))
    if total < high:
        thin, stable = decisions[-1][1:] if decisions else (False, True)
        why = ("your scores had settled (your last full answer moved your overall score by at "
               f"most {length.STABLE_DELTA}) and every phase was covered" if stable and not thin
               else "the interviewer judged it had enough evidence once every phase was covered")
        return f"Ended after {total} of up to {high} questions: {why}."
    thin_count = sum(1 for _, thin, _ in decisions if thin)
    moving = sum(1 for _, thin, stable in decisions if not thin and not stable)
    reasons = []  # at the points where it could have wrapped up
    if thin_count:
        reasons.append(f"{counted(thin_count, 'answer')} under {length.THIN_ANSWER_WORDS} words")
    if moving:
        reasons.append(f"scores still moving after {counted(moving, 'full answer')}")
    detail = f" ({' and '.join(reasons)} where it could have wrapped up)" if reasons else ""
    return (f"Went on to {total} questions, the most you allowed: the evidence was still thin"
            f"{detail}, so the interviewer kept asking.")


def _decisions(bounds: length.LengthBounds, answers: Sequence[tuple[str, SessionScores]]
               ) -> list[tuple[int, bool, bool]]:
    """(answers so far, thin, stable) at every point where the code decided whether to end."""
    scores, points = session.ZERO_SCORES, []
    for answered, (text, given) in enumerate(answers[:-1], start=1):
        after = session.next_scores(scores, answered - 1, given)
        evidence = length.Evidence(before=scores, after=after, answer_words=len(text.split()))
        if bounds.min_questions <= answered + 1 < bounds.max_questions:
            points.append((answered, length.is_thin(evidence), length.is_stable(evidence)))
        scores = after
    return points
