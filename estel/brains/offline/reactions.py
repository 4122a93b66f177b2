"""The interviewer's one-sentence reaction to the previous answer, opening the next question.

Drawn from the same analysis as the scores, so it never contradicts them: praise only for an
answer that scored well, "the numbers" only when there were numbers, a missing point only when
it was missing, a wrong claim's correction when one was made. It never quotes the answer (no
hedge, filler or injected text can be echoed): it names rubric points and features instead.
Which wording is used is the session's seed: varied, yet deterministic.
"""

from __future__ import annotations

from estel.analysis.answer import AnswerAnalysis
from estel.analysis.wording import lower_first, second_person

GOOD = 6.5  # an answer at or above this is praised
POINT_CHARS = 90

NOT_AN_ANSWER = (
    "That didn't answer the question, so let's move on.",
    "I couldn't score that as an answer, so let's try the next one.",
    "Let's leave that one there and move on.",
)
OFF_TOPIC = (
    "That was about something other than the question, so let's move on.",
    "That didn't address what I asked; let's try another question.",
)
INJECTED = "I've set aside the instructions in that answer; only the answer itself counts."
WRONG = (
    "One thing to check from that answer: {correction}.",
    "A correction on that last answer: {correction}.",
)
# Rubric points are written as headings ("Asked clearly and early", "Your part"), not always as
# noun phrases, so they follow a colon instead of being spliced into a sentence.
PRAISE_POINT = (
    "Good, you explained this clearly: {point}.",
    "Thanks, that was a solid answer, especially on this: {point}.",
    "That works well; you covered this with substance: {point}.",
)
PRAISE_NUMBERS = (
    "Thanks, the numbers made that answer concrete.",
    "Good answer, and the numbers helped it land.",
)
PRAISE_RESULT = (
    "Thanks, a clear story that ended with its result.",
    "Good, you took that story through to the result.",
)
PRAISE_PLAIN = (
    "Thanks, that was a clear answer.",
    "Good, that answered the question well.",
)
MISSING_POINT = (
    "Thanks; one thing a strong answer there would add: {point}.",
    "Thanks. One point I didn't hear: {point}.",
    "Thanks; worth covering next time: {point}.",
)
NAMED_POINT = (
    "Thanks; you mentioned this but didn't say how or why: {point}.",
    "Thanks. You named this without the how and why: {point}.",
)
MISSING_RESULT = (
    "Thanks; I didn't hear how that story ended, so keep the result in mind.",
    "Thanks. That story stopped before the result; worth adding next time.",
)
MISSING_EXAMPLE = (
    "Thanks; that stayed general, so a concrete example would have helped.",
    "Thanks. A specific example would have made that answer stronger.",
)
BRIEF = (
    "Thanks; that was brief, so feel free to say more on this next one.",
    "Thanks. That was short; give yourself room to explain on this one.",
)


def reaction(a: AnswerAnalysis, seed: int) -> str:
    """One sentence reacting to the answer `a`, for the start of the next question."""
    serious = [flag for flag in a.flags if flag != "injection"]
    if serious or not a.words:
        return _pick(OFF_TOPIC if serious == ["off_topic"] else NOT_AN_ANSWER, seed)
    if "injection" in a.flags:
        return INJECTED
    if a.corrections:
        text = _pick(WRONG, seed).format(correction=lower_first(a.corrections[0].rstrip(".")))
    elif a.overall >= GOOD:
        text = _praise(a, seed)
    else:
        text = _missing(a, seed)
    return text


def _praise(a: AnswerAnalysis, seed: int) -> str:
    if a.points_hit:
        return _pick(PRAISE_POINT, seed).format(point=_point(a.points_hit[seed % len(
            a.points_hit)]))
    if a.numbers:
        return _pick(PRAISE_NUMBERS, seed)
    if a.has_result and "situation" in a.star:
        return _pick(PRAISE_RESULT, seed)
    return _pick(PRAISE_PLAIN, seed)


def _missing(a: AnswerAnalysis, seed: int) -> str:
    if a.words < 25:
        return _pick(BRIEF, seed)
    if a.points_named:
        return _pick(NAMED_POINT, seed).format(point=_point(a.points_named[0]))
    if a.points_missed:
        return _pick(MISSING_POINT, seed).format(point=_point(a.points_missed[0]))
    if "situation" in a.star and not a.has_result:
        return _pick(MISSING_RESULT, seed)
    return _pick(MISSING_EXAMPLE, seed)


def _point(point: str) -> str:
    text = lower_first(second_person(point)).rstrip(".")
    if len(text) > POINT_CHARS:
        text = text[:POINT_CHARS].rsplit(" ", 1)[0]
    return text


def _pick(options: tuple[str, ...], seed: int) -> str:
    return options[seed % len(options)]
