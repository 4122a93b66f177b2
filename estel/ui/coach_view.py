"""Coach mode on screen: the setup toggle and the per-answer panel (data: `estel.coach`).

The panel shows one answer's scores, what it covered and missed from the rubric, red flags,
delivery insights and what a strong answer covers. The interview page shows the latest answer's
panel right under the chat; the report shows every answer's inside its transcript entry.
"""

from __future__ import annotations

import streamlit as st

from estel.analysis.delivery import Delivery
from estel.analysis.wording import counted
from estel.coach import CoachCard, StrongAnswer, delivery_lines, strong_lines
from estel.contract import Phase
from estel.ui.components import prose

COACH_TOGGLE_KEY = "setup_coach"
COACH_PREFILL_KEY = "estel_coach_prefill"  # the last interview's choice, after a Restart
COACH_HELP = ("Right after each answer, see its scores, what it covered and missed, delivery "
              "insights and what a strong answer covers. Off for a realistic interview.")


def coach_toggle() -> None:
    """The setup's toggle; its value is read when the interview starts.

    Kept in a plain key too: Streamlit drops a widget's state once a page without it runs, and
    the toggle starts from the kept value when the setup is drawn again.
    """
    on = st.toggle("Coach mode", value=bool(st.session_state.get(COACH_PREFILL_KEY, False)),
                   key=COACH_TOGGLE_KEY, help=COACH_HELP)
    st.session_state[COACH_PREFILL_KEY] = bool(on)


def coach_chosen() -> bool:
    """Whether the setup asked for coach mode (remembered for the next setup)."""
    chosen = bool(st.session_state.get(COACH_TOGGLE_KEY, False))
    st.session_state[COACH_PREFILL_KEY] = chosen
    return chosen


def latest_panel(card: CoachCard) -> None:
    """The panel for the answer just given, under the chat."""
    with st.container(border=True, key=f"coach_q{card.number}"):
        st.markdown(f":material/sports: **Coach · your answer to Q{card.number}** "
                    f"· {card.overall:.1f}/10")
        card_body(card)


def card_body(card: CoachCard) -> None:
    """Scores, verdicts, delivery and the strong answer of one card (no frame)."""
    st.markdown(
        f":blue-badge[Communication {card.communication:.1f}] "
        f":green-badge[Content {card.content:.1f}] "
        f":orange-badge[Confidence {card.confidence:.1f}]"
    )
    if card.note:
        st.caption(prose(card.note))
    _verdicts(card)
    st.markdown(delivery_markdown(card.delivery, card.phase))
    if card.strong is not None:
        with st.expander("What a strong answer covers", icon=":material/star:"):
            st.markdown(strong_markdown(card.strong))


def _verdicts(card: CoachCard) -> None:
    if not (card.covered or card.missed or card.red_flags):
        return
    left, right = st.columns(2)
    left.markdown(":material/check_circle: **Covered**\n\n" + _list(card.covered))
    right.markdown(":material/radio_button_unchecked: **Missed**\n\n" + _list(card.missed))
    if card.red_flags:
        st.warning("**Red flags**\n\n" + _list(card.red_flags), icon=":material/flag:")


def _list(items: tuple[str, ...]) -> str:
    return "\n".join(f"- {prose(item)}" for item in items) if items else "_Nothing noted._"


def delivery_markdown(delivery: Delivery, phase: Phase) -> str:
    """Delivery insights as a few markdown lines."""
    title = f":material/record_voice_over: **Delivery** · {counted(delivery.words, 'word')}"
    return "\n".join([title, *delivery_lines(delivery, phase)])


def strong_markdown(strong: StrongAnswer) -> str:
    return prose("\n".join(strong_lines(strong)))
