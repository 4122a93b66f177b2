"""A fake OpenAI chat-completions server on 127.0.0.1, shared by the test folders that need one.

The real `openai` client talks to it over HTTP (base_url), so tests exercise the client's own
retries, timeouts and error classes. Each request is answered by the next scripted Step (a JSON
body with a status, a delay, a dropped connection), else by `answer` (override it to route some
requests elsewhere), which replies validly for the interviewer turn the request is for. Every
request (path, headers, body) and every reply's content string is recorded.
"""

from __future__ import annotations

import itertools
import json
import re
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from estel.brains.openai.brain import reset_server_quirks

API_KEY = "sk-test-SECRET-0123456789abcdef"
MODEL = "fake-model"
USAGE = {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}


@dataclass
class Step:
    """One scripted reply: a JSON body with a status, or a dropped connection; maybe delayed."""

    status: int = 200
    body: Any = None
    delay: float = 0.0
    drop: bool = False
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Seen:
    """One recorded request; `seen["messages"]` reads its JSON body."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.body[key]

    @property
    def response_format(self) -> str | None:
        fmt = self.body.get("response_format")
        return fmt.get("type") if isinstance(fmt, dict) else None

    @property
    def user_text(self) -> str:
        return "\n".join(m["content"] for m in self.body["messages"] if m["role"] == "user")

    @property
    def all_text(self) -> str:
        return "\n".join(m["content"] for m in self.body["messages"])


def completion(content: str | None, *, finish_reason: str = "stop", refusal: str | None = None,
               choices: bool = True, usage: dict[str, int] | None = None) -> dict[str, Any]:
    """A chat.completion body with one choice (or none)."""
    message = {"role": "assistant", "content": content, "refusal": refusal}
    return {
        "id": "chatcmpl-test", "object": "chat.completion", "created": 1, "model": MODEL,
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason,
                     "logprobs": None}] if choices else [],
        "usage": usage or USAGE,
    }


def ok(content: Any, **kwargs: Any) -> Step:
    """A 200 reply whose content is `content` (a string as is, anything else as JSON)."""
    text = content if isinstance(content, str) or content is None else json.dumps(content)
    return Step(body=completion(text, **kwargs))


def error(status: int, message: str = "error", code: str | None = None, **kwargs: Any) -> Step:
    """An OpenAI-style error reply."""
    # retry-after-ms keeps the client's own retry backoff short for 429/5xx
    headers = {"retry-after-ms": "5"} if status == 429 or status >= 500 else {}
    body = {"error": {"message": message, "type": "invalid_request_error", "code": code}}
    return Step(status=status, body=body, headers=headers, **kwargs)


def kind_of(seen: Seen) -> str:
    """Which turn a request is for: from the schema name, else from the task line."""
    fmt = seen.body.get("response_format") or {}
    name = (fmt.get("json_schema") or {}).get("name", "")
    if name:
        return {"OpeningReply": "opening", "QuestionReply": "question",
                "AdaptiveQuestionReply": "question",
                "ProfileExtraction": "profile"}.get(name, "feedback")
    task = seen.user_text
    if "final feedback" in task:
        return "feedback"
    return "question" if "assess the answer" in task else "opening"


ASSESSMENT = {"communication": 7, "content": 6.5, "confidence": 8, "note": "Clear and specific."}
FEEDBACK = {"summary": "A solid interview overall.", "strengths": ["Clear stories"],
            "improvements": ["More numbers"], "skill_gaps": ["capacity planning"],
            "next_steps": ["Practise system design"]}


def question(n: int) -> dict[str, Any]:
    return {"question": f"Fake question number {n}: tell me about thing {n}?",
            "topic": f"Topic {n}", "difficulty": "medium", "helper_hint": "Be concrete."}


def assessment(score: float) -> dict[str, Any]:
    """An assessment giving every dimension the same score."""
    return {"communication": score, "content": score, "confidence": score, "note": "Noted."}


# what the fake writes when the request asks for Hinglish (estel.brains.openai.prompt)
HINGLISH_FEEDBACK = {
    "summary": "Overall interview achha raha; aapke examples clear the.",
    "strengths": ["Stories mein numbers the"], "improvements": ["Trade-offs thoda aur samjhaiye"],
    "skill_gaps": ["capacity planning"], "next_steps": ["System design ki practice kijiye"]}


def hinglish_question(n: int) -> dict[str, Any]:
    return {"question": f"Sawaal number {n}: aapne cheez {n} kaise handle ki thi? Thoda detail "
            "mein bataiye.", "topic": f"Topic {n}", "difficulty": "medium",
            "helper_hint": "Ek concrete example dijiye."}


def wants_propose_end(seen: Seen) -> bool:
    """The request is a question turn of an adaptive-length interview (its reply has
    propose_end): from the schema name, else from the shape spelled out in the prompt."""
    fmt = seen.body.get("response_format") or {}
    name = (fmt.get("json_schema") or {}).get("name", "")
    return name == "AdaptiveQuestionReply" or '"propose_end"' in seen.user_text


def _fenced(text: str, tag: str) -> str:
    start, end = text.find(f"<{tag}>"), text.find(f"</{tag}>")
    return text[text.find("\n", start) + 1:end] if 0 <= start < end else ""


def profile_reading(seen: Seen) -> dict[str, Any]:
    """What a model reads from the fenced JD and résumé: the names the JD writes with a capital
    mid-sentence after its title sentence (tools, acronyms), and the résumé's bullet lines that
    open with a past-tense verb, in the second person."""
    text = seen.user_text
    jd = _fenced(text, "job_description").partition(". ")[2]  # past the title sentence
    names = [w.strip(".,;:()") for w in re.findall(r"(?<=[a-z,(] )(\S+)", jd)
             if re.search(r"[A-Z]", w)]
    requirements = list(dict.fromkeys(n for n in names if n not in ("I", "We", "You")))[:15]
    items = []
    for line in _fenced(text, "resume").splitlines():
        words = line.strip(" -•*").split()
        if len(words) >= 4 and words[0].lower().endswith("ed") and len(items) < 3:
            items.append("you " + " ".join([words[0].lower(), *words[1:]]).rstrip("."))
    return {"requirements": requirements, "resume_items": items}


def bank_question(seen: Seen, n: int) -> dict[str, Any]:
    """The question a model that follows the prompt asks: the one it was given to ask."""
    text = seen.user_text
    asked = re.search(r"^  question: (.+)$", text, re.M)
    topic = re.search(r"^  topic: (.+)$", text, re.M)
    if asked is None or topic is None:
        return question(n)
    return {"question": asked.group(1), "topic": topic.group(1)[:120], "difficulty": "medium",
            "helper_hint": "Be concrete."}


def auto_content(seen: Seen, n: int, scored: dict[str, Any] = ASSESSMENT,
                 propose_end: bool = False, follow_bank: bool = False) -> dict[str, Any]:
    """A valid reply for the turn `seen` asks for, with question number `n` (in Hinglish when
    the request asks for it; `follow_bank`: the question the prompt gave to ask, as a model
    following it would)."""
    kind = kind_of(seen)
    if kind == "profile":
        return profile_reading(seen)
    hinglish = "Language: Hinglish" in seen.user_text
    asked = hinglish_question(n) if hinglish else question(n)
    if follow_bank and kind in ("opening", "question"):
        asked = bank_question(seen, n)
    if kind == "opening":
        return {"question": asked}
    if kind == "question":  # in QuestionReply's field order, as a strict schema is written
        reply = {"question": asked, "assessment": scored}
        return reply | {"propose_end": propose_end} if wants_propose_end(seen) else reply
    return {"assessment": scored, "feedback": HINGLISH_FEEDBACK if hinglish else FEEDBACK}


class FakeOpenAI:
    """The scripted server; a context manager that serves while inside `with`."""

    def __init__(self, *, usage: dict[str, int] = USAGE) -> None:
        self.usage = usage  # on the replies it makes up (scripted Steps carry their own)
        self.script: deque[Step] = deque()
        self.requests: list[Seen] = []
        self.replies: list[str] = []  # the content strings sent back, in order
        self.broken_questions = False  # reply garbage to every question turn
        self.follow_bank = False  # ask the question the prompt gives (else "Fake question n")
        self.score_by_marker: dict[str, float] = {}  # last message contains marker -> score
        self.propose_end = False  # what an adaptive interview's question turns propose
        self.audio_requests: list[tuple[str, bytes]] = []
        self.audio_status = 200  # set to an error status to fail every audio request
        # what the fake "hears" in any recording that is not silent
        self.heard = "I led the migration, um, of our billing service and cut latency by half."
        self.chunk_delay = 0.0  # seconds between streamed chunks (a token rate)
        self.chunk_chars = 4  # characters of content per streamed chunk (about one token)
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def env(self, api_key: str = API_KEY) -> dict[str, str]:
        """The environment that points the OpenAI brain at this server."""
        return {"OPENAI_BASE_URL": self.base_url, "OPENAI_API_KEY": api_key,
                "ESTEL_OPENAI_MODEL": MODEL}

    def transcription(self, multipart: bytes) -> dict[str, Any]:
        """A verbose_json reply: `heard` for speech, no text for silence, two timed segments."""
        audio = multipart[multipart.find(b"RIFF"):] if b"RIFF" in multipart else b""
        seconds, loud = wav_facts(audio)
        text = self.heard if loud else ""
        half = text.split(",")
        segments = [] if not text else [
            {"id": 0, "start": 0.0, "end": seconds * 0.3, "text": half[0]},
            {"id": 1, "start": seconds * 0.7, "end": seconds, "text": ",".join(half[1:])}]
        return {"task": "transcribe", "language": "english", "duration": seconds, "text": text,
                "segments": segments}

    def speech(self, body: bytes) -> bytes:
        """audio/speech as a TTS server answers it: the request's `input` really spoken (by
        espeak-ng, in a US English voice at an interviewer's pace), as WAV."""
        from speech import espeak_bytes  # tests/support/speech.py

        return espeak_bytes(str(json.loads(body or b"{}").get("input", "")))

    def add(self, *steps: Step) -> None:
        self.script.extend(steps)

    def step(self, reply: Step | int | str | dict[str, Any]) -> Step:
        """A Step from shorthand: an int is that error status, anything else the content."""
        if isinstance(reply, Step):
            return reply
        if isinstance(reply, int):
            return error(reply, "fake server error")
        return ok(reply, usage=self.usage)

    def answer(self, seen: Seen, number: int) -> Step:
        """The reply when the script is empty: a valid one for the interviewer turn."""
        if self.broken_questions and kind_of(seen) == "question":
            return self.step("this is not JSON")
        text = json.dumps(seen.body["messages"][-1]["content"])
        score = next((s for mark, s in self.score_by_marker.items() if mark in text), None)
        return self.step(auto_content(seen, number, ASSESSMENT if score is None
                                      else assessment(score), self.propose_end,
                                      follow_bank=self.follow_bank))

    def _next(self, seen: Seen) -> Step:
        with self._lock:
            self.requests.append(seen)
            step = self.script.popleft() if self.script else self.answer(seen, next(self._numbers))
            if isinstance(step.body, dict) and step.body.get("choices"):
                self.replies.append(step.body["choices"][0]["message"]["content"])
        return step

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                if "/audio/" in self.path:
                    self._audio(self.rfile.read(length))
                    return
                body = json.loads(self.rfile.read(length) or b"{}")
                seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                step = fake._next(seen)
                if step.delay:
                    time.sleep(step.delay)
                if step.drop:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if body.get("stream") and step.status == 200 and _streamable(step.body):
                    self._stream(step.body, body)
                    return
                raw = step.body if isinstance(step.body, bytes) else json.dumps(step.body).encode()
                try:
                    self.send_response(step.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(raw)))
                    for name, value in step.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(raw)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    self.close_connection = True

            def _audio(self, raw: bytes) -> None:
                """audio/transcriptions (verbose_json of the WAV it got), audio/speech (a WAV)."""
                fake.audio_requests.append((self.path, raw))
                if fake.audio_status != 200:
                    status, reply, kind = fake.audio_status, json.dumps(
                        {"error": {"message": "fake audio failure"}}).encode(), "application/json"
                elif self.path.endswith("/audio/speech"):
                    status, reply, kind = 200, fake.speech(raw), "audio/wav"
                else:
                    status, kind = 200, "application/json"
                    reply = json.dumps(fake.transcription(raw)).encode()
                self.send_response(status)
                self.send_header("content-type", kind)
                self.send_header("content-length", str(len(reply)))
                if status >= 500:
                    self.send_header("retry-after-ms", "5")
                self.end_headers()
                self.wfile.write(reply)

            def _stream(self, reply: dict[str, Any], request: dict[str, Any]) -> None:
                """The completion as server-sent chat.completion.chunk events, one per delay."""
                try:
                    self.send_response(200)
                    self.send_header("content-type", "text/event-stream")
                    self.send_header("transfer-encoding", "chunked")
                    self.end_headers()
                    include_usage = (request.get("stream_options") or {}).get("include_usage")
                    for event in stream_events(reply, fake.chunk_chars, bool(include_usage)):
                        data = f"data: {event}\n\n".encode()
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                        self.wfile.flush()
                        if fake.chunk_delay:
                            time.sleep(fake.chunk_delay)
                    self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                pass

        return Handler


def wav_facts(audio: bytes) -> tuple[float, bool]:
    """(seconds, whether any sample is louder than near-silence) of a 16-bit WAV; (0, False)."""
    import array
    import io
    import wave

    try:
        with wave.open(io.BytesIO(audio)) as wav:
            seconds = wav.getnframes() / float(wav.getframerate())
            frames = wav.readframes(wav.getnframes())
            width = wav.getsampwidth()
    except (wave.Error, EOFError):
        return 0.0, False
    if width != 2:
        return seconds, True
    samples = array.array("h", frames[: len(frames) // 2 * 2])
    return seconds, any(abs(x) > 500 for x in samples)


def _streamable(body: Any) -> bool:
    return isinstance(body, dict) and body.get("object") == "chat.completion"


def stream_events(reply: dict[str, Any], size: int, include_usage: bool) -> list[str]:
    """A chat.completion body cut into chat.completion.chunk JSON strings, then [DONE]."""
    base = {"id": reply["id"], "object": "chat.completion.chunk", "created": 1,
            "model": reply["model"]}
    events: list[dict[str, Any]] = []
    for choice in reply["choices"]:
        message = choice["message"]
        content, refusal = message.get("content") or "", message.get("refusal")
        deltas: list[dict[str, Any]] = [{"role": "assistant", "content": ""}]
        deltas += [{"content": content[i:i + size]} for i in range(0, len(content), size)]
        if refusal:
            deltas.append({"refusal": refusal})
        for delta in deltas:
            events.append({**base, "choices": [{"index": choice["index"], "delta": delta,
                                                "finish_reason": None}]})
        events.append({**base, "choices": [{"index": choice["index"], "delta": {},
                                            "finish_reason": choice["finish_reason"]}]})
    if include_usage:
        events.append({**base, "choices": [], "usage": reply.get("usage")})
    return [json.dumps(event) for event in events] + ["[DONE]"]


def fast_client(monkeypatch: pytest.MonkeyPatch) -> None:
    """Short client backoff, and no server quirk remembered from an earlier test."""
    # Connection-error retries have no Retry-After header: shorten the client's base backoff.
    monkeypatch.setattr("openai._base_client.INITIAL_RETRY_DELAY", 0.01)
    reset_server_quirks()


