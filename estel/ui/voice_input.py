"""The microphone next to the answer box (issue 15): a recording becomes editable text.

Shown only when a transcription model is configured (ESTEL_TRANSCRIBE_MODEL on an OpenAI or
OpenAI-compatible server). A recording is transcribed once; the transcript is added to the answer
box to check and edit before sending. A problem (silence, too long or large, an unsupported
format, a failing server) is said under the microphone and the typed answer is left as it was.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import streamlit as st

from estel.brains.openai.brain import make_client
from estel.ui import resources, state
from estel.voice import VoiceProblem, speech_stats, transcribe

if TYPE_CHECKING:
    from estel.config import Settings
    from estel.ui.state import InterviewRun

HEARD_KEY = "estel_voice_heard"  # (question number, recording digest, problem or None)


def voice_enabled(settings: Settings) -> bool:
    return settings.transcription_configured


def microphone(run: InterviewRun) -> None:
    """The audio input; call it before the answer box is drawn (it may fill the box)."""
    settings = resources.app_settings().settings
    if not voice_enabled(settings):
        return
    number = run.question_number
    audio = st.audio_input("Or answer by voice", sample_rate=16000, key=f"voice_q{number}",
                           help="Record, then check and edit the transcript in the box before "
                                "sending. Text typed but not yet sent is replaced: record first.")
    if audio is None:
        return
    recording = audio.getvalue()
    digest = hashlib.sha256(recording).hexdigest()
    heard = st.session_state.get(HEARD_KEY)
    if heard is None or heard[:2] != (number, digest):  # a new recording: transcribe it once
        heard = (number, digest, _transcribed_into_box(run, settings, recording))
        st.session_state[HEARD_KEY] = heard
    if heard[2]:
        st.warning(heard[2], icon=":material/mic_off:")


def _transcribed_into_box(run: InterviewRun, settings: Settings, recording: bytes) -> str | None:
    """Add the transcript to the answer box; the problem's message when there is none."""
    try:
        transcript = transcribe(make_client(settings), settings, recording)
    except VoiceProblem as problem:
        return problem.message
    # the box is in a form: text typed but not sent has not reached the server, so the transcript
    # is added to the box's last known text (empty for a new question)
    typed = str(st.session_state.get(state.ANSWER_KEY) or "").strip()
    st.session_state[state.ANSWER_KEY] = f"{typed} {transcript.text}".strip()
    number, stats = run.question_number, speech_stats(transcript)
    heard, earlier = run.heard.get(number, ""), run.spoken.get(number)
    if earlier is not None and heard and heard in typed:  # a second go, added to the first
        run.spoken[number], run.heard[number] = earlier.then(stats), f"{heard} {transcript.text}"
    else:
        run.spoken[number], run.heard[number] = stats, transcript.text
    return None
