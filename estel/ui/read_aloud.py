"""Questions read aloud (issue 15): the browser's own speech synthesis, or the server's voice.

With ESTEL_SPEECH_MODEL set (and an OpenAI key or base URL), the question is spoken by the
server's `audio.speech` and played with `st.audio(autoplay=True)`; otherwise the browser's
`window.speechSynthesis` speaks it (no key, no server). Each question is spoken once.
"""

from __future__ import annotations

import html
import json
import logging
from typing import TYPE_CHECKING

import openai
import streamlit as st
import streamlit.components.v1 as components

from estel.brains.openai.brain import make_client
from estel.ui import resources

if TYPE_CHECKING:
    from estel.config import Settings
    from estel.ui.state import InterviewRun

log = logging.getLogger(__name__)

READ_ALOUD_KEY = "setup_read_aloud"
READ_ALOUD_PREFILL_KEY = "estel_read_aloud_prefill"


def read_aloud_toggle() -> None:
    """The setup's toggle, kept in a plain key for the next setup (like coach mode)."""
    on = st.toggle("Read questions aloud", key=READ_ALOUD_KEY,
                   value=bool(st.session_state.get(READ_ALOUD_PREFILL_KEY, False)),
                   help="Each question is spoken: by your browser's voice, or by the "
                        "server's voice when ESTEL_SPEECH_MODEL is set.")
    st.session_state[READ_ALOUD_PREFILL_KEY] = bool(on)


def read_aloud_chosen() -> bool:
    return bool(st.session_state.get(READ_ALOUD_KEY, False))


def browser_speech_html(text: str, key: str = "") -> str:
    """Speak `text` with the browser's speechSynthesis (the page's, as the frame is same-origin),
    once per `key`: Streamlit re-creates this frame on any rerun of the page (a refused Send, a
    voice recording), and the question must not be read again over the candidate's answer."""
    return f"""<script>
const page = window.parent || window, synth = page.speechSynthesis || window.speechSynthesis;
const said = page.__estelSpoken = page.__estelSpoken || new Set(), key = {json.dumps(key or text)};
if (synth && !said.has(key)) {{
  said.add(key); synth.cancel(); synth.speak(new SpeechSynthesisUtterance({json.dumps(text)}));
}}
</script><span style="font-size:0.8rem">🔊 {html.escape(text[:60])}…</span>"""


def speak_question(run: InterviewRun) -> None:
    """Read the open question aloud when the run asked for it."""
    text = getattr(run.current.response.payload, "question", "")
    if not run.read_aloud or not text or run.finished:
        return
    settings = resources.app_settings().settings
    if settings.speech_configured:
        audio = run.spoken_audio.get(run.question_number)
        if audio is None:
            audio = _server_speech(settings, text)
            if audio is not None:
                run.spoken_audio[run.question_number] = audio
        if audio is not None:
            st.audio(audio, format=audio_format(audio), autoplay=True)
            return
    # once per question of this run (the run object lives as long as the interview on the page;
    # a restarted interview is a new run, so its first question is spoken again)
    components.html(browser_speech_html(text, f"{id(run)}:{run.question_number}:{text}"),
                    height=24)


def audio_format(audio: bytes) -> str:
    """The MIME type of speech audio from its first bytes. OpenAI sends MP3 by default, but an
    OpenAI-compatible server may send WAV, Ogg/Opus, FLAC or AAC; a browser told the wrong type
    may refuse to play it."""
    head = audio[:12]
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head[:4] == b"OggS":
        return "audio/ogg"
    if head[:4] == b"fLaC":
        return "audio/flac"
    if head[:2] in (b"\xff\xf1", b"\xff\xf9"):  # ADTS AAC (checked before MP3's frame sync)
        return "audio/aac"
    return "audio/mpeg"  # ID3-tagged or bare MP3 frames, and the API's default


def _server_speech(settings: Settings, text: str) -> bytes | None:
    try:
        reply = make_client(settings).audio.speech.create(
            model=settings.speech_model or "", voice=settings.speech_voice, input=text)
        return reply.read()
    except openai.OpenAIError as error:  # the browser's voice reads it instead
        log.warning("speech failed: %s", type(error).__name__)
        return None
