"""The interviewer's one-sentence reaction to the previous answer, opening the next question.

Drawn from the same analysis as the scores, so it never contradicts them: praise only for an
answer that scored well, "the numbers" only when there were numbers, a missing point only when
it was missing, a wrong claim's correction when one was made, an overclaim ('never had a single
callback') named back as a claim that needs evidence. It quotes the answer only there, the words
the overclaim check matched (never a hedge, a filler or injected text): otherwise it names
rubric points and features.
Which wording is used is the session's seed: varied, yet deterministic.
"""

from __future__ import annotations

from estel.analysis.answer import AnswerAnalysis
from estel.analysis.wording import lower_first, second_person
from estel.brains.offline import hinglish_words
from estel.languages import ENGLISH, HINGLISH, Language

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
REPEATED = (
    "That was the answer you gave earlier, so it tells me nothing new; let's move on.",
    "I've heard that answer already in this interview; let's try a fresh one.",
)
# A good story that answers a different question: said kindly, with what it was and what was asked.
MISSED_ASK = (
    "You told that well ('{told}'), but the question was about {topic}, so that story doesn't "
    "answer what I asked.",
    "That was a clear story ('{told}'), but I was asking about {topic}, and the story is about "
    "something else.",
)
MISSED_ASK_PLAIN = (
    "You told that well, but the question was about {topic}, so that story doesn't answer what "
    "I asked.",
)
INJECTED = "I've set aside the instructions in that answer; only the answer itself counts."
WRONG = (
    "One thing to check from that answer: {correction}.",
    "A correction on that last answer: {correction}.",
)
# An unsupported absolute ('never had a single callback'): the interviewer notices the overclaim.
OVERCLAIM = (
    "That's a big claim ('{claim}'); what you did and how you knew it worked would tell me more.",
    "I'd want evidence behind '{claim}': what did you actually do, and what showed it worked?",
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


# The wordings by name; estel.brains.offline.hinglish_words.REACTIONS mirrors it in Hinglish.
REACTIONS: dict[str, tuple[str, ...]] = {
    "not_an_answer": NOT_AN_ANSWER, "off_topic": OFF_TOPIC, "repeated": REPEATED,
    "injected": (INJECTED,), "missed_ask": MISSED_ASK, "missed_ask_plain": MISSED_ASK_PLAIN,
    "wrong": WRONG, "overclaim": OVERCLAIM,
    "praise_point": PRAISE_POINT, "praise_numbers": PRAISE_NUMBERS,
    "praise_result": PRAISE_RESULT, "praise_plain": PRAISE_PLAIN,
    "missing_point": MISSING_POINT, "named_point": NAMED_POINT,
    "missing_result": MISSING_RESULT, "missing_example": MISSING_EXAMPLE, "brief": BRIEF,
}
Words = dict[str, tuple[str, ...]]


def reaction(a: AnswerAnalysis, seed: int, language: Language = ENGLISH) -> str:
    """One sentence reacting to the answer `a`, for the start of the next question."""
    w = hinglish_words.REACTIONS if language == HINGLISH else REACTIONS
    serious = [flag for flag in a.flags if flag != "injection"]
    if serious or not a.words:
        kind = {"off_topic": "off_topic", "repeat": "repeated"}.get(serious[-1] if serious else "")
        return _pick(w[kind or "not_an_answer"], seed)
    if "injection" in a.flags:
        return w["injected"][0]
    if a.missed_ask:
        kind = "missed_ask" if a.fragment else "missed_ask_plain"
        return _pick(w[kind], seed).format(told=a.fragment, topic=lower_first(a.missed_ask))
    if a.corrections:
        text = _pick(w["wrong"], seed).format(
            correction=lower_first(a.corrections[0].rstrip(".")))
    elif a.absolutes and not a.points_hit:  # an overclaim standing in for the substance
        text = _pick(w["overclaim"], seed).format(claim=a.absolutes[0])
    elif a.overall >= GOOD:
        text = _praise(a, seed, w)
    else:
        text = _missing(a, seed, w)
    return text


def _praise(a: AnswerAnalysis, seed: int, w: Words) -> str:
    if a.points_hit:
        return _pick(w["praise_point"], seed).format(point=_point(a.points_hit[seed % len(
            a.points_hit)]))
    if a.numbers:
        return _pick(w["praise_numbers"], seed)
    if a.has_result and "situation" in a.star:
        return _pick(w["praise_result"], seed)
    return _pick(w["praise_plain"], seed)


def _missing(a: AnswerAnalysis, seed: int, w: Words) -> str:
    if a.words < 25:
        return _pick(w["brief"], seed)
    if a.points_named:
        return _pick(w["named_point"], seed).format(point=_point(a.points_named[0]))
    if a.points_missed:
        return _pick(w["missing_point"], seed).format(point=_point(a.points_missed[0]))
    if "situation" in a.star and not a.has_result:
        return _pick(w["missing_result"], seed)
    return _pick(w["missing_example"], seed)


def _point(point: str) -> str:
    text = lower_first(second_person(point)).rstrip(".")
    if len(text) > POINT_CHARS:
        text = text[:POINT_CHARS].rsplit(" ", 1)[0]
    return text


def _pick(options: tuple[str, ...], seed: int) -> str:
    return options[seed % len(options)]
