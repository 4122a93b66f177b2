"""The offline brain: the embedded interviewer. No key, no network; same inputs, same turn.

Questions come from the bank (estel/data/questions) for the role's family, by phase and
difficulty, never repeating within a session. A thin answer gets a follow-up that quotes it when
the next question stays in the same phase, never in a wording already used in the session
(`estel.brains.offline.follow_ups`). Scores come from `estel.analysis.answer`; the final feedback
reads every answer's analysis (`offline.feedback`), kept from that answer's own turn when this
process made it (the same pure call, not repeated). Choices that could go several ways (which
question of several) use a hash of the session so far: deterministic, yet varied between sessions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from estel.analysis.answer import AnswerAnalysis, analyse_answer
from estel.analysis.repeat import as_repeat, repeated_from
from estel.brains.base import (
    AnswerAssessment,
    BrainTrace,
    QuestionDraft,
    TurnContext,
    TurnDraft,
)
from estel.brains.offline import hinglish_words
from estel.brains.offline.bank import (
    GENERIC_FAMILY,
    Bank,
    BankQuestion,
    RedFlag,
    RoleFamily,
    TalkingPoint,
    load_bank,
)
from estel.brains.offline.feedback import Answered, build_feedback
from estel.brains.offline.feedback_words import note_in
from estel.brains.offline.follow_ups import QUOTE_TEMPLATES, follow_up_texts, normalised
from estel.brains.offline.hinglish import has_hinglish, missing_warning, templates
from estel.brains.offline.reactions import reaction
from estel.brains.offline.requirement_questions import requirement_of, requirement_points
from estel.brains.offline.roles import NOISE, match_family, normalise_title
from estel.brains.offline.selection import (
    Selection,
    display_role,
    fill_role,
    seed,
    select_question,
)
from estel.contract import QUESTION_DIFFICULTIES, Phase, QuestionDifficulty
from estel.languages import ENGLISH, HINGLISH, Language, effective
from estel.profile import (
    RESUME_HINT,
    RESUME_TOPIC,
    resume_item_for,
    resume_question,
    resume_topic,
)
from estel.session import base_difficulty

PROMPT_VERSION = "offline-v1"
FOLLOW_UP = "Follow-up: "
ROLE_MEMO_SIZE = 256
# answers whose analysis is kept for the final turn: 8 per running interview, ~3 KB each, so
# 128 interviews in flight per process in ~3 MB (past that a final turn analyses afresh)
ANALYSIS_MEMO_SIZE = 1024
MAX_QUESTION = 1000  # QuestionDraft's limit
STRONG, WEAK = 6.5, 4.0  # latest answer's overall (content-weighted) that moves the next question

FOLLOW_UP_POINTS = (
    TalkingPoint(point="The specific steps you took",
                 keywords=("first", "then", "step", "changed", "built", "fixed", "decided",
                           "wrote", "set up", "started")),
    TalkingPoint(point="How you knew it worked",
                 keywords=("measur", "result", "metric", "test", "data", "feedback", "number",
                           "improv", "reduc", "increas")),
    TalkingPoint(point="Your own part in it",
                 keywords=("my role", "i led", "i owned", "responsib", "i decided", "personally",
                           "myself")),
)
FOLLOW_UP_HINT = ("Pick one real example. Say what you did, step by step, and finish with a "
                  "result you can measure.")
LAST_RESORT = ("Question {number}: tell me about another piece of your {role} work you are proud "
               "of: what you did and what came of it.")


class OfflineBrain:
    """Interviewer from the built-in question bank with rule-based scoring."""

    name = "offline"

    def __init__(self, bank: Bank | None = None) -> None:
        self._bank = bank  # loaded on first use: no I/O in __init__
        # per-role memo of the family and its question look-up; pure functions of the role
        self._roles: dict[str, tuple[RoleFamily, dict[str, BankQuestion]]] = {}
        # The final turn analyses every answer of the interview again, with the very inputs
        # each answer's own turn used (a pure function of role, question, topic, answer and
        # phase): 8 analyses, ~45% of this brain's CPU over a whole interview. So each result is
        # kept, bounded, and the final turn finds those its process made. Only the same answer
        # to the same question of the same role is ever reused: the result is the same.
        self._analyse = lru_cache(maxsize=ANALYSIS_MEMO_SIZE)(self._analysis)

    @property
    def label(self) -> str:
        return "Offline interviewer (built-in question bank, rule-based scoring)"

    @property
    def bank(self) -> Bank:
        if self._bank is None:
            self._bank = load_bank()
        return self._bank

    def turn(self, ctx: TurnContext) -> TurnDraft:
        role = display_role(ctx.meta.target_role)
        family, lookup = self._for_role(ctx.meta.target_role)
        language = effective(ctx.language)
        trace = BrainTrace(brain=self.name, prompt_version=PROMPT_VERSION)
        if language == HINGLISH and not has_hinglish(family.family):
            trace.warning = missing_warning(family.label)
        if ctx.kind == "feedback":
            answered = [self._answered(ctx, i) for i in range(len(ctx.history))]
            latest = answered[-1].analysis
            return TurnDraft(assessment=_assessment(latest, language),
                             feedback=build_feedback(role, answered, language), trace=trace)
        latest = None
        if ctx.history:
            latest = self._answered(ctx, len(ctx.history) - 1).analysis
        question = (self._follow_up(ctx, latest, lookup, language)
                    or _on_resume(ctx, latest)
                    or self._from_bank(ctx, family, role, latest, language))
        if latest is not None and not question.topic.startswith(FOLLOW_UP):
            # the interviewer reacts to the answer before asking on (a follow-up already does)
            opener = reaction(latest, seed(ctx, "reaction"), language)
            question = question.model_copy(update={
                "question": f"{opener} {question.question}"[:MAX_QUESTION]})
        return TurnDraft(assessment=_assessment(latest, language) if latest else None,
                         question=question,
                         trace=trace)

    def _for_role(self, target_role: str) -> tuple[RoleFamily, dict[str, BankQuestion]]:
        """The role's family, and its (and generic) questions by normalised text for the role."""
        if target_role not in self._roles:
            if len(self._roles) >= ROLE_MEMO_SIZE:
                self._roles.clear()
            family = match_family(target_role, self.bank)
            role = display_role(target_role)
            families = [family, self.bank.get(GENERIC_FAMILY, family)]
            # a question is recognised in either language (estel.brains.offline.hinglish)
            lookup = {normalised(fill_role(text, role)): q
                      for fam in families for q in fam.questions
                      for text in {q.question, templates(q, HINGLISH)[0]}}
            self._roles[target_role] = (family, lookup)
        return self._roles[target_role]

    def _answered(self, ctx: TurnContext, index: int) -> Answered:
        item = ctx.history[index]
        phase = ctx.plan[index]
        analysis = self._analyse(ctx.meta.target_role, item.question, item.topic,
                                 item.answer or "", phase)
        # a copy of an earlier answer depends on the session, so it stays out of the memo
        copied = repeated_from(item.answer or "", [h.answer or "" for h in ctx.history[:index]])
        if copied is not None:
            analysis = as_repeat(analysis, copied)
        return Answered(number=index + 1, topic=item.topic, phase=phase, analysis=analysis)

    def _analysis(
        self, target_role: str, question: str, topic: str, answer: str, phase: Phase
    ) -> AnswerAnalysis:
        """The analysis of one answer: pure in its arguments (the bank never changes)."""
        family, lookup = self._for_role(target_role)
        asked = bank_question(lookup, question)
        flags: Sequence[RedFlag] = ()
        if asked is not None:
            points: Sequence[TalkingPoint] = asked.talking_points
            flags = asked.red_flags
        elif (term := requirement_of(topic)) is not None:  # on a JD requirement (selection)
            points = requirement_points(term)
        else:  # a follow-up, or a question from another brain: generic relevance only
            # a follow-up or a résumé question asks for steps, a result and one's own part
            points = FOLLOW_UP_POINTS if topic.startswith((FOLLOW_UP, RESUME_TOPIC)) else ()
        # the bank's English text: relevance and wrap-up patterns read the canonical question
        asked_question = (fill_role(asked.question, display_role(target_role))
                          if asked is not None else asked_text(lookup, question))
        return analyse_answer(answer, asked_question, phase=phase,
                              talking_points=points,
                              role_terms=(*family.role_terms, *title_terms(target_role)),
                              topic=topic.removeprefix(FOLLOW_UP), red_flags=flags,
                              shown=question)

    def bank_choice(self, ctx: TurnContext, *, by_topic: bool = False) -> Selection | None:
        """The bank question an opening or question turn draws (a follow-up aside); pure.

        `by_topic`: asked topics count as asked questions too (see select_question), for a
        brain that rewords the question. Its text is in the interview's language (an LLM brain
        asked for Hinglish is given the bank's Hinglish wording when there is one).
        """
        family, _ = self._for_role(ctx.meta.target_role)
        latest = None
        if ctx.history:
            latest = self._answered(ctx, len(ctx.history) - 1).analysis
        skip = frozenset(item.topic for item in ctx.history) if by_topic else frozenset()
        return select_question(ctx, self.bank, family, wanted=next_difficulty(ctx, latest),
                               role=display_role(ctx.meta.target_role), skip_topics=skip,
                               language=effective(ctx.language))

    def _from_bank(
        self, ctx: TurnContext, family: RoleFamily, role: str, latest: AnswerAnalysis | None,
        language: Language = ENGLISH,
    ) -> QuestionDraft:
        wanted = next_difficulty(ctx, latest)
        chosen = select_question(ctx, self.bank, family, wanted=wanted, role=role,
                                 language=language)
        if chosen is None:
            return _last_resort(ctx, role, wanted, language)
        return QuestionDraft(question=chosen.text, topic=chosen.question.topic,
                             difficulty=chosen.difficulty, helper_hint=chosen.helper_hint)

    def _follow_up(
        self,
        ctx: TurnContext,
        latest: AnswerAnalysis | None,
        lookup: dict[str, BankQuestion],
        language: Language = ENGLISH,
    ) -> QuestionDraft | None:
        """A probe of the latest answer when it was thin and the phase continues."""
        previous = ctx.latest
        if (latest is None or previous is None or not latest.is_thin or not latest.words
                or any(flag != "injection" for flag in latest.flags)
                or ctx.phase != ctx.latest_phase or previous.topic.startswith(FOLLOW_UP)
                or ctx.phase not in QUOTE_TEMPLATES):
            return None
        asked = [item.question for item in ctx.history]
        repeats = {normalised(text) for text in asked}
        topic = previous.topic
        for text in follow_up_texts(ctx.phase, latest.fragment, topic, asked,
                                    seed(ctx, "follow-up"), language):
            if normalised(text) not in repeats:
                return QuestionDraft(
                    question=text, topic=(FOLLOW_UP + topic)[:120],
                    difficulty=next_difficulty(ctx, latest),
                    helper_hint=_follow_up_hint(language))
        return None


def bank_question(lookup: dict[str, BankQuestion], text: str) -> BankQuestion | None:
    """The bank question a transcript question asked, past the reaction sentence it opens with."""
    return lookup.get(normalised(asked_text(lookup, text)))


def asked_text(lookup: dict[str, BankQuestion], text: str) -> str:
    """The question itself: `text` without the reaction it opens with (when it is a bank one)."""
    if normalised(text) in lookup:
        return text
    for match in re.finditer(r"[.!?;]\s+", text):
        if normalised(text[match.end():]) in lookup:
            return text[match.end():]
    return text


def _assessment(analysis: AnswerAnalysis, language: Language = ENGLISH) -> AnswerAssessment:
    """The analysis as the engine and coach mode read it: scores, note (in the interview's
    language), rubric coverage."""
    note = note_in(language, analysis.note, analysis.praise, analysis.advice)
    return AnswerAssessment(communication=analysis.communication, content=analysis.content,
                            confidence=analysis.confidence, note=note[:600],
                            covered=analysis.covered[:12], missed=analysis.points_missed[:12],
                            red_flags=analysis.red_flags[:12])


def _on_resume(ctx: TurnContext, latest: AnswerAnalysis | None) -> QuestionDraft | None:
    """The question about the candidate's résumé, on the turn that asks it (estel/profile)."""
    item = resume_item_for(ctx)
    if item is None:
        return None
    return QuestionDraft(question=resume_question(item)[:MAX_QUESTION], topic=resume_topic(item),
                         difficulty=next_difficulty(ctx, latest), helper_hint=RESUME_HINT)


def _last_resort(
    ctx: TurnContext, role: str, difficulty: QuestionDifficulty, language: Language = ENGLISH
) -> QuestionDraft:
    """Only when the bank has nothing fresh for this phase: a plain, numbered question."""
    text = hinglish_words.LAST_RESORT if language == HINGLISH else LAST_RESORT
    return QuestionDraft(
        question=text.format(number=ctx.question_number, role=role),
        topic="Another example",
        difficulty=difficulty,
        helper_hint=_follow_up_hint(language),
    )


def _follow_up_hint(language: Language) -> str:
    return hinglish_words.FOLLOW_UP_HINT if language == HINGLISH else FOLLOW_UP_HINT


def next_difficulty(ctx: TurnContext, latest: AnswerAnalysis | None) -> QuestionDifficulty:
    """The meta's difficulty, one step up after a strong answer, one down after a weak one."""
    base = QUESTION_DIFFICULTIES.index(base_difficulty(ctx.meta.difficulty))
    step = 0
    if latest is not None:
        step = 1 if latest.overall >= STRONG else -1 if latest.overall <= WEAK else 0
    return QUESTION_DIFFICULTIES[max(0, min(2, base + step))]


@lru_cache(maxsize=ROLE_MEMO_SIZE)
def title_terms(role: str) -> tuple[str, ...]:
    """The role's title words ('nurse', 'chef'): naming one's own work is on-topic in any family."""
    return tuple(w for w in normalise_title(role).split() if len(w) >= 4 and w not in NOISE)
