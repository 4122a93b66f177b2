"""The engine: one turn = check the state, ask the brain, assemble the contract response.

`start(meta)` and `answer(state, text)` return a `TurnResult`: the contract response plus what
the UI, the store and the prompt lab want to know about the turn (the assessment of the answer,
timing, which brain, its trace). Failures raise EstelError; the caller's state is never touched.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace

from estel import languages, length, session
from estel.brains.base import (
    AnswerAssessment,
    Brain,
    BrainTrace,
    ProfileReader,
    QuestionDraft,
    TurnContext,
    TurnDraft,
)
from estel.contract import (
    EstelInterviewEnvelope,
    FeedbackScores,
    InterviewFeedbackPayload,
    InterviewMeta,
    InterviewQuestionPayload,
    InterviewSessionState,
    InterviewTurnResponse,
    SessionScores,
    success_envelope,
)
from estel.errors import BadInput, BrainFailure, ContractViolation, EstelError
from estel.extensions import ProfileExtension, SessionProfile

SUPPORTED_LANGUAGES = tuple(languages.ALIASES)  # every spelling estel.languages accepts
GENERIC_BRAIN_FAILURE = "Interview session failed. Please try again."


@dataclass(frozen=True)
class TurnResult:
    """One turn's contract response and what we know about how it was made."""

    response: InterviewTurnResponse
    brain: str  # who answered this turn: the fallback's name when it stood in for the model
    elapsed_ms: float
    assessment: AnswerAssessment | None = None  # of the answer just given; None on turn 1
    trace: BrainTrace | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    configured_brain: str | None = None  # the engine's brain; None when unknown (then = brain)
    bounds: length.LengthBounds | None = None  # adaptive length; None = questions_target fixed
    profile: SessionProfile | None = None  # the candidate's profile the turn was made with

    @property
    def session_brain(self) -> str:
        """The brain the interview runs with, whoever answered this one turn."""
        return self.configured_brain or self.brain

    @property
    def fell_back(self) -> bool:
        """Another brain (ESTEL_FALLBACK's) answered this turn instead of the configured one."""
        return self.brain != self.session_brain

    @property
    def state(self) -> InterviewSessionState:
        return self.response.session_state

    @property
    def finished(self) -> bool:
        return self.response.payload.kind == "feedback"

    def envelope(self) -> EstelInterviewEnvelope:
        message = " ".join(self.warnings) or None
        return success_envelope(self.response, message=message)


class Engine:
    """Runs turns with one brain. Holds no per-interview state: the state travels with calls."""

    def __init__(self, brain: Brain) -> None:
        self.brain = brain

    def read_profile(
        self, wire: ProfileExtension, meta: InterviewMeta, *, keep_resume: bool = False
    ) -> tuple[SessionProfile, tuple[str, ...]]:
        """The profile an interview keeps, read from `context.profile` (by the brain's model
        when it has one, else by the offline rules), and warnings for the candidate."""
        from estel import profile  # the catalogue loads only for interviews with a profile

        reader = self.brain if isinstance(self.brain, ProfileReader) else None
        return profile.read_profile(wire, meta, reader, keep_resume=keep_resume)

    def start(
        self, meta: InterviewMeta, language: str = "en",
        bounds: length.LengthBounds | None = None, profile: SessionProfile | None = None,
    ) -> TurnResult:
        """The first question. With `bounds` the interview has an adaptive length (the
        maximum must be meta.questions_target); with `profile` it prefers the candidate's JD
        and asks about their résumé."""
        session.check_meta(meta)
        if bounds is not None and bounds.max_questions != meta.questions_target:
            raise BadInput("The maximum number of questions must be meta.questions_target.")
        ctx = TurnContext(
            kind="opening",
            meta=meta,
            language=language,
            plan=length.plan_for(meta.questions_target, bounds),
            question_number=1,
            history=(),
            score_so_far=session.ZERO_SCORES,
            length_range=_range(bounds),
            profile=profile,
        )
        began = time.perf_counter()
        draft = self._ask(ctx)
        question = self._checked_question(draft, ctx)
        state = session.opening_state(meta, question.question, question.topic)
        payload = self._question_payload(state, question)
        response = InterviewTurnResponse(type="interview_turn", session_state=state,
                                         payload=payload)
        return self._result(response, draft, began, language, bounds, profile)

    def answer(
        self,
        state: InterviewSessionState,
        text: str,
        meta: InterviewMeta | None = None,
        language: str = "en",
        bounds: length.LengthBounds | None = None,
        profile: SessionProfile | None = None,
    ) -> TurnResult:
        """The next question or the feedback. With `bounds` (adaptive length) the code decides
        after scoring the answer whether the next question is the wrap-up (estel/length.py)."""
        length.check_any_state(state, meta or state.meta, bounds)
        if session.is_finished(state):
            raise BadInput("This interview is already finished; start a new one.")
        answer = session.check_answer(text)
        history = tuple(session.with_answer(state, answer))
        number = state.question_index
        finishing = number == state.total_questions
        ctx = TurnContext(
            kind="feedback" if finishing else "question",
            meta=state.meta,
            language=language,
            plan=length.plan_for(state.total_questions, bounds),
            question_number=number if finishing else number + 1,
            history=history,
            score_so_far=state.score_so_far,
            length_range=_range(bounds),
            profile=profile,
        )
        began = time.perf_counter()
        draft = self._ask(ctx)
        if draft.assessment is None:
            raise ContractViolation("The interviewer did not assess the answer. Please try again.")
        scores = session.next_scores(state.score_so_far, number - 1, draft.assessment.scores())
        if finishing:
            new_state = session.finished_state(state, answer, scores)
            payload = self._feedback_payload(new_state, draft)
        else:
            total = state.total_questions
            if bounds is not None:
                total, draft = self._decide_length(ctx, draft, answer, scores, bounds)
            question = self._checked_question(draft, ctx)
            new_state = (session.advanced_state(state, answer, scores, question.question,
                                                question.topic) if bounds is None else
                         length.advanced_state(state, answer, scores, question.question,
                                               question.topic, total, bounds))
            payload = self._question_payload(new_state, question)
        response = InterviewTurnResponse(type="interview_turn", session_state=new_state,
                                         payload=payload)
        return self._result(response, draft, began, language, bounds, profile)

    def _decide_length(
        self, ctx: TurnContext, draft: TurnDraft, answer: str, scores: SessionScores,
        bounds: length.LengthBounds,
    ) -> tuple[int, TurnDraft]:
        """The decided total, and the draft whose question fits it: when the code ends early
        the brain drafted a question for going on, so it is asked again for the wrap-up (the
        first assessment stands: one answer, one assessment)."""
        evidence = length.Evidence(before=ctx.score_so_far, after=scores,
                                   answer_words=len(answer.split()),
                                   brain_proposes_end=draft.propose_end)
        total = length.next_total(len(ctx.history), ctx.total_questions, bounds, evidence)
        if total == ctx.total_questions:
            return total, draft
        wrap_ctx = replace(ctx, plan=length.adaptive_plan(total, bounds))
        wrap_draft = self._ask(wrap_ctx)
        return total, replace(wrap_draft, assessment=draft.assessment)

    def _ask(self, ctx: TurnContext) -> TurnDraft:
        try:
            draft = self.brain.turn(ctx)
        except EstelError:
            raise
        except Exception as error:  # a brain's own bug must not crash the caller
            raise BrainFailure(GENERIC_BRAIN_FAILURE) from error
        if not isinstance(draft, TurnDraft):
            raise ContractViolation(GENERIC_BRAIN_FAILURE)
        return draft

    def _checked_question(self, draft: TurnDraft, ctx: TurnContext) -> QuestionDraft:
        question = draft.question
        if question is None:
            raise ContractViolation("The interviewer did not ask a question. Please try again.")
        asked = {_normalised(item.question) for item in ctx.history}
        if _normalised(question.question) in asked:
            raise ContractViolation("The interviewer repeated a question. Please try again.")
        difficulty = session.clamp_difficulty(question.difficulty, ctx.meta.difficulty)
        return question.model_copy(update={"difficulty": difficulty})

    @staticmethod
    def _question_payload(
        state: InterviewSessionState, question: QuestionDraft
    ) -> InterviewQuestionPayload:
        open_item = state.transcript[-1]
        hint = question.helper_hint.strip()
        return InterviewQuestionPayload(
            kind="question",
            end_of_interview=False,
            question_id=open_item.question_id,
            question=open_item.question,
            topic=open_item.topic,
            difficulty=question.difficulty,
            phase=state.phase,
            **({"helper_hint": hint} if hint else {}),
        )

    @staticmethod
    def _feedback_payload(
        state: InterviewSessionState, draft: TurnDraft
    ) -> InterviewFeedbackPayload:
        feedback = draft.feedback
        if feedback is None:
            raise ContractViolation("The interviewer did not give feedback. Please try again.")
        final = state.score_so_far
        return InterviewFeedbackPayload(
            kind="feedback",
            end_of_interview=True,
            summary=feedback.summary,
            strengths=list(feedback.strengths),
            improvements=list(feedback.improvements),
            scores=FeedbackScores(
                communication=final.communication,
                content=final.content,
                confidence=final.confidence,
                overall=session.overall(final),
            ),
            skill_gaps=list(feedback.skill_gaps),
            next_steps=list(feedback.next_steps),
        )

    def _result(
        self, response: InterviewTurnResponse, draft: TurnDraft, began: float, language: str,
        bounds: length.LengthBounds | None,
        profile: SessionProfile | None = None,
    ) -> TurnResult:
        warnings = [w for w in (languages.language_warning(language),) if w]
        if draft.trace is not None and draft.trace.warning:
            warnings.append(draft.trace.warning)
        return TurnResult(
            response=response,
            # a FallbackBrain carries the model's name; its trace names who really answered
            brain=draft.trace.brain if draft.trace is not None else self.brain.name,
            elapsed_ms=(time.perf_counter() - began) * 1000,
            assessment=draft.assessment,
            trace=draft.trace,
            warnings=tuple(warnings),
            configured_brain=self.brain.name,
            bounds=bounds,
            profile=profile,
        )


def _range(bounds: length.LengthBounds | None) -> tuple[int, int] | None:
    return None if bounds is None else (bounds.min_questions, bounds.max_questions)


def _normalised(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
