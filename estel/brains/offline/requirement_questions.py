"""A technical question on a JD requirement the question bank has nothing on ("Looker",
"HACCP", "Medidata Rave"): a tool or practice the candidate will use in the job, asked about
plainly (what they did with it, how, a problem, the result), with a rubric of those four points.
Pure; the shared selection (`estel.brains.offline.selection`) asks one when the JD names
something no bank question covers, so both brains ask and grade it alike.

The question is identified by its topic ("Job requirement: Looker"): the offline grader, the
LLM's rubric and the report's skill gaps find the requirement again from it.
"""

from __future__ import annotations

import re

from estel.brains.offline.bank import Band, BankQuestion, TalkingPoint
from estel.contract import QuestionDifficulty
from estel.languages import ENGLISH, HINGLISH, Language

REQUIREMENT_TOPIC = "Job requirement: "
MAX_TOPIC = 80  # BankQuestion.topic

# Templates by how many requirement questions the interview asked before: the first asks for
# a story, the next ones come at it from other sides, so three in a row (a role the bank knows
# nothing of) do not read as one question repeated. "Involved" fits a tool ("Xero"), a practice
# ("code review") and a rule ("AML checks") alike.
_EARLY = (
    "The job description asks for {x}. Tell me about a piece of work that involved {x}: what "
    "you did yourself, how you went about it, one problem along the way, and what came of it. "
    "If {x} is new to you, tell me what you have done that comes closest and how you would get "
    "up to speed.",
    "The job description also names {x}. Where would {x} come into a typical week in this "
    "job, what would you do with it step by step, and what mistakes would you watch out for?",
    "One more from the job description: {x}. What does good work with {x} look like, what goes "
    "wrong when it is handled badly, and how have you dealt with that?",
)
_SENIOR = (
    "The job description names {x}. Tell me about the most demanding piece of work that "
    "involved {x}: what you set up or decided, what you weighed it against, and what came of "
    "it.",
    "The job description also names {x}. If a team you joined or led were weak at {x}, what "
    "would you change first, how would you know it had worked, and what would you leave alone?",
    "One more from the job description: {x}. Where have you seen it go wrong, and what did you "
    "put in place so that it would not happen again?",
)
# The same three sides in Hinglish (romanised, "aap"), for interviews in it.
_EARLY_HI = (
    "Job description mein {x} maanga gaya hai. Koi aisa kaam bataiye jismein {x} aaya ho: aapne "
    "khud kya kiya, kaise kiya, beech mein ek problem kya aayi, aur result kya nikla? Agar {x} "
    "aapke liye naya hai, to bataiye sabse close aapne kya kiya hai aur kaise seekhenge.",
    "Job description mein {x} bhi hai. Is job ke ek typical week mein {x} kahan aayega, aap step "
    "by step kya karenge, aur kin galtiyon se bachenge?",
    "Job description se ek aur cheez: {x}. {x} ke saath achha kaam kaisa dikhta hai, galat "
    "handle ho to kya bigadta hai, aur aapne aisi situation kaise sambhali?",
)
_SENIOR_HI = (
    "Job description mein {x} hai. {x} wala aapka sabse mushkil kaam bataiye: aapne kya set up "
    "ya decide kiya, kin options se compare kiya, aur result kya nikla?",
    "Job description mein {x} bhi hai. Agar aapki team {x} mein kamzor ho, to aap sabse pehle "
    "kya badlenge, kaise pata chalega ki kaam bana, aur kya waise hi chhodenge?",
    "Job description se ek aur cheez: {x}. Aapne ise kahan galat jaate dekha hai, aur dobara na "
    "ho iske liye kya lagaya?",
)
HINT_HI = ("Ek real kaam chuniye. {x} ke saath aapne khud kya kiya, step by step bataiye, aur "
           "ek measurable result ke saath khatam kijiye.")
HINT = ("Pick one real piece of work. Say what you did with {x} yourself, step by step, and "
        "finish with a result you can measure.")


def requirement_texts(term: str, band: Band, asked_before: int,
                      language: Language = ENGLISH) -> tuple[str, str]:
    """(question, hint) on `term` in the interview's language."""
    hinglish = language == HINGLISH
    senior = band in ("senior", "lead")
    table = (_SENIOR_HI if senior else _EARLY_HI) if hinglish else (
        _SENIOR if senior else _EARLY)
    hint = HINT_HI if hinglish else HINT
    question = table[min(asked_before, len(table) - 1)].format(x=term)
    if not hinglish and plural(term):
        for one, many in _PLURAL:
            question = question.replace(one.format(x=term), many.format(x=term))
    return question, hint.format(x=term)


# the English templates' words about {x} when it names several things ("EICRs", "WCs")
_PLURAL = (("{x} is new", "{x} are new"), ("with it step", "with them step"),
           ("when it is handled", "when they are handled"), ("seen it go", "seen them go"))


def plural(term: str) -> bool:
    """'WCs', 'EICRs', 'EV chargers', 'leaks': several things; 'Kubernetes', 'Postgres',
    'AWS', 'business', 'analysis': one (a capitalised single word is a name)."""
    words = term.split()
    last = words[-1] if words else ""
    if re.search(r"[A-Z0-9]s$", last):
        return True
    if not last.islower() or not last.endswith("s") or last.endswith(("ss", "us", "is")):
        return False
    return len(words) > 1 or term.islower()


def requirement_lead(terms: list[str], language: Language = ENGLISH) -> str:
    """The sentence before a bank question chosen for requirements its words do not name:
    'The job description mentions dbt and Airflow.'"""
    named = " and ".join(terms)
    if language == HINGLISH:
        return f"Job description mein {named} ka zikr hai."
    return f"The job description mentions {named}."


def requirement_topic(term: str) -> str:
    return f"{REQUIREMENT_TOPIC}{term}"[:MAX_TOPIC]


def requirement_of(topic: str) -> str | None:
    """The requirement a requirement question's topic names, else None."""
    return topic.removeprefix(REQUIREMENT_TOPIC) if topic.startswith(REQUIREMENT_TOPIC) else None


def requirement_question(term: str, band: Band, difficulty: QuestionDifficulty,
                         asked_before: int = 0) -> BankQuestion:
    """The question on `term` for an interview of `band`, the `asked_before`+1-th of its kind."""
    text, hint = requirement_texts(term, band, asked_before)
    slug = re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-") or "term"
    return BankQuestion(
        id=f"jd-{slug}-{band}-{asked_before}"[:60].rstrip("-"), phase="technical",
        difficulty=difficulty, topic=requirement_topic(term), question=text,
        helper_hint=hint, talking_points=requirement_points(term),
        bands=(band,))


def requirement_points(term: str) -> tuple[TalkingPoint, ...]:
    """What a good answer on a requirement covers, whatever the requirement."""
    own = tuple(w for w in re.findall(r"[a-z0-9+#]+", term.lower()) if len(w) >= 2) or (
        term.lower(),)
    return (
        TalkingPoint(point=f"A real piece of work with {term}"[:120],
                     keywords=(*own, "project", "when i", "we used", "i used", "built",
                               "set up"),
                     substance=f"names the task and what {term} did in it"[:200]),
        TalkingPoint(point="How you went about it, step by step",
                     keywords=("first", "then", "step", "configur", "set up", "wrote", "built",
                               "checked", "started", "next")),
        TalkingPoint(point="A problem or decision along the way",
                     keywords=("problem", "issue", "decided", "chose", "instead", "trade-off",
                               "because", "mistake", "fix", "risk", "wrong")),
        TalkingPoint(point="The result, and how you knew",
                     keywords=("result", "measur", "metric", "percent", "per cent", "went up",
                               "went down", "rose", "fell", "dropped", "saved", "reduc", "cut",
                               "faster", "improv", "increas", "fewer", "outcome", "feedback")),
    )
