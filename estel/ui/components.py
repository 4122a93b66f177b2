"""Small renderers shared by the pages: badges, question card, answer bubble, progress, scores."""

from __future__ import annotations

import re
from collections.abc import Sequence

import streamlit as st

from estel.contract import InterviewQuestionPayload, MetaDifficulty, SessionScores
from estel.report import PHASE_LABELS
from estel.session import difficulty_move, overall

ESTEL_AVATAR = ":material/support_agent:"
CANDIDATE_AVATAR = ":material/person:"
PHASE_COLOURS = {"intro": "blue", "behavioural": "violet", "technical": "orange",
                 "wrap_up": "green"}
DIFFICULTY_COLOURS = {"easy": "green", "medium": "yellow", "hard": "red"}

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~:$])")


def escape_markdown(text: str) -> str:
    """Show text literally in st.markdown (a candidate's answer is not markup)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def prose(text: str) -> str:
    """Interviewer text for st.markdown: '$100k' stays money, not the start of LaTeX."""
    return text.replace("$", r"\$")


def _badge_text(text: str) -> str:
    # brackets would close the badge early; keep it short and plain
    plain = re.sub(r"[\[\]]", "", text).strip()
    return plain[:60] or "—"


def badges_markdown(phase: str, topic: str, difficulty: str | None) -> str:
    """Phase, topic and difficulty as Streamlit markdown badges on one line."""
    parts = [
        f":{PHASE_COLOURS.get(phase, 'gray')}-badge[{PHASE_LABELS.get(phase, phase)}]",
        f":gray-badge[:material/sell: {_badge_text(topic)}]",
    ]
    if difficulty:
        parts.append(f":{DIFFICULTY_COLOURS.get(difficulty, 'gray')}-badge[{difficulty}]")
    return " ".join(parts)


def question_card(
    payload: InterviewQuestionPayload, *, key: str, chosen: MetaDifficulty | None = None
) -> None:
    """The open question as Estel's chat message: badges, the question, its hint on demand.

    Badges and question are one markdown element (one less to send and draw per turn);
    `key` names the card's container (`.st-key-<key>` in the page). With the candidate's
    `chosen` difficulty, a question the adaptive step moved says why ("harder: ...").
    """
    badges = badges_markdown(payload.phase, payload.topic, payload.difficulty)
    moved = difficulty_move(payload.difficulty, chosen) if chosen and payload.difficulty else None
    if moved:
        badges += f" :gray[{moved}]"
    with st.container(key=key), st.chat_message("assistant", avatar=ESTEL_AVATAR):
        st.markdown(f"{badges}\n\n{prose(payload.question)}")
        if payload.helper_hint:
            with st.expander("Need a hint?", icon=":material/lightbulb:"):
                st.markdown(prose(payload.helper_hint))


def _quoted(text: str) -> str:
    """A candidate's answer as a literal markdown blockquote (blank lines kept inside it)."""
    return "\n".join(f"> {line}" if line.strip() else ">"
                     for line in escape_markdown(text).splitlines())


def exchanges_markdown(exchanges: Sequence[tuple[int, InterviewQuestionPayload, str]]) -> str:
    """Answered questions as one markdown transcript: (number, question payload, answer)."""
    blocks = [
        f"{ESTEL_AVATAR} **Estel · Q{number}** "
        f":{PHASE_COLOURS.get(payload.phase, 'gray')}-badge"
        f"[{PHASE_LABELS.get(payload.phase, payload.phase)}]  \n{prose(payload.question)}"
        f"\n\n{CANDIDATE_AVATAR} **You**\n\n{_quoted(answer)}"
        for number, payload, answer in exchanges
    ]
    return "\n\n---\n\n".join(blocks)


def past_exchanges(exchanges: Sequence[tuple[int, InterviewQuestionPayload, str]]) -> None:
    """The answered part of the chat as one static markdown element, above the open question.

    Every turn redraws the chat, and the browser pays per element (two chat messages per
    exchange cost ~4 ms each turn, growing with the interview); one element keeps it flat.
    """
    if exchanges:
        st.markdown(exchanges_markdown(exchanges))


def progress(question_number: int, total: int, answered: int, phase: str,
             up_to: bool = False, note: str = "") -> None:
    """'Question 3 of 8 · Behavioural' over a bar of answers given; `up_to` (an adaptive
    interview that may still end early) says 'Question 3 of up to 12'; `note` is appended."""
    of = f"up to {total}" if up_to else str(total)
    label = f"Question {question_number} of {of} · {PHASE_LABELS.get(phase, phase)}"
    label += f" · {note}" if note else ""
    st.progress(answered / total if total else 0.0, text=label)


def _delta(now: float, before: float | None) -> str | None:
    if before is None:
        return None
    change = round(now - before, 1)
    return None if change == 0 else f"{change:+.1f}"


def score_row(now: SessionScores, before: SessionScores | None, answered: int) -> None:
    """Running scores after each answer: overall and the three dimensions, with the last change."""
    if answered == 0:
        st.caption("Your running scores appear here after your first answer.")
        return
    first = before is None or answered == 1
    values = [("Overall", overall(now), None if first else overall(before))]
    for name in ("communication", "content", "confidence"):
        previous = None if first else getattr(before, name)
        values.append((name.capitalize(), getattr(now, name), previous))
    for column, (label, value, previous) in zip(st.columns(4), values, strict=True):
        column.metric(label, f"{value:.1f}", _delta(value, previous), border=True,
                      help="Mean of your answers so far, 0-10." if label == "Overall" else None)
