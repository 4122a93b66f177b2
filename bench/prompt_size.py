"""Prompt and reply size per turn: the OpenAI brain's compact design vs the seed's design.

    python bench/prompt_size.py [--questions 8] [--answer-chars 600]

(a) ours: the system prompt plus the compact turn context (what `build_messages` sends), and the
    expected reply (the turn's reply model as JSON: assessment + question, or + feedback).
(b) the seed's design: the model receives the whole request (meta, session_state with the full
    transcript, the answer) with the system prompt and the response schema, and returns the whole
    InterviewTurnResponse (session_state echoed back, plus the payload).
A scripted interview with realistic text lengths drives the real engine; no model is called.
Tokens are estimated as chars / 4. Goal (issue 3): our reply size is flat across turns; at the
last question's turn the seed's design needs >= 5x more output tokens. The last line prints that
ratio. Prints figures only; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from estel.brains.base import (
    AnswerAssessment,
    BrainTrace,
    FeedbackDraft,
    QuestionDraft,
    TurnContext,
    TurnDraft,
)
from estel.brains.openai.prompt import REPLY_MODELS, build_messages, default_prompt
from estel.contract import InterviewMeta, InterviewRequest, InterviewTurnResponse
from estel.engine import Engine, TurnResult

SENTENCE = ("In my last role I owned the payments API; I profiled the hot path, added a cache "
            "and cut p99 latency from 900 ms to 250 ms, then wrote the runbook. ")


def text_of(chars: int, seed: str) -> str:
    """Deterministic prose of about `chars` characters."""
    body = (seed + " " + SENTENCE * (chars // len(SENTENCE) + 1))[:chars]
    return body.rstrip() + "."


class RealisticBrain:
    """Writes drafts of realistic length and remembers each TurnContext and reply JSON."""

    name = "bench"
    label = "bench"

    def __init__(self) -> None:
        self.turns: list[tuple[TurnContext, str]] = []

    def turn(self, ctx: TurnContext) -> TurnDraft:
        n = ctx.question_number
        assessment = AnswerAssessment(communication=7, content=6.5, confidence=7.5,
                                      note=text_of(180, "Clear structure and a concrete result;"))
        question = QuestionDraft(
            question=text_of(170, f"Question {n}: tell me about a time you"),
            topic=f"Topic number {n}", difficulty="medium",
            helper_hint=text_of(90, "Use STAR and name one number."))
        feedback = FeedbackDraft(
            summary=text_of(420, "You gave clear, specific answers."),
            strengths=[text_of(90, f"Strength {i}") for i in range(3)],
            improvements=[text_of(90, f"Improvement {i}") for i in range(3)],
            skill_gaps=["capacity planning", "stakeholder updates"],
            next_steps=[text_of(80, f"Step {i}") for i in range(3)])
        parts = {"assessment": assessment, "question": question, "feedback": feedback}
        reply = REPLY_MODELS[ctx.kind](**{k: parts[k] for k in REPLY_MODELS[ctx.kind].model_fields})
        self.turns.append((ctx, reply.model_dump_json()))
        return TurnDraft(assessment=getattr(reply, "assessment", None),
                         question=getattr(reply, "question", None),
                         feedback=getattr(reply, "feedback", None),
                         trace=BrainTrace(brain=self.name))


def run_interview(questions: int, answer_chars: int) -> tuple[RealisticBrain, list, list]:
    """Drive the engine; return the brain, the seed-style requests and the responses."""
    meta = InterviewMeta(target_role="Backend Engineer", experience_level="mid",
                         difficulty="standard", questions_target=questions)
    brain = RealisticBrain()
    engine = Engine(brain)
    requests: list[InterviewRequest] = []
    results: list[TurnResult] = []
    state = None
    for turn in range(questions + 1):
        message = "" if state is None else text_of(answer_chars, f"Answer {turn}:")
        request = InterviewRequest.model_validate({
            "message": message, "language": "en",
            "context": {"context": "interview_session", "meta": meta.to_wire(),
                        "session_state": None if state is None else state.to_wire()}})
        result = (engine.start(meta) if state is None else engine.answer(state, message))
        requests.append(request)
        results.append(result)
        state = result.state
    return brain, requests, results


def seed_system_prompt() -> str:
    """Our persona and rules plus the response schema the seed's prompt must enforce."""
    schema = json.dumps(InterviewTurnResponse.model_json_schema(), separators=(",", ":"))
    return default_prompt().text + "\nReturn JSON matching this schema:\n" + schema


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=8)
    parser.add_argument("--answer-chars", type=int, default=600)
    args = parser.parse_args()
    brain, requests, results = run_interview(args.questions, args.answer_chars)
    seed_system = seed_system_prompt()
    print(f"{args.questions}-question interview, answers of {args.answer_chars} chars; "
          "tokens ~ chars/4")
    print(f"{'turn':>4} {'kind':<8} | {'ours prompt':>16} {'ours reply':>14} | "
          f"{'seed prompt':>16} {'seed reply':>14}")
    ratio = 0.0
    for turn, ((ctx, reply), request, result) in enumerate(
            zip(brain.turns, requests, results, strict=True), start=1):
        ours_prompt = sum(len(m["content"]) for m in build_messages(ctx, default_prompt(),
                                                                    "json_schema"))
        seed_prompt = len(seed_system) + len(request.to_json())
        seed_reply = len(result.response.to_json())
        print(f"{turn:>4} {ctx.kind:<8} | {fmt(ours_prompt):>16} {fmt(len(reply)):>14} | "
              f"{fmt(seed_prompt):>16} {fmt(seed_reply):>14}")
        if turn == args.questions:
            ratio = seed_reply / len(reply)
    print(f"turn {args.questions} output tokens, seed design / ours: {ratio:.1f}x")


def fmt(chars: int) -> str:
    return f"{chars:,} (~{chars // 4:,})"


if __name__ == "__main__":
    main()
