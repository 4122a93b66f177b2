"""How each answer was given, as kept with the session: spoken or typed, the spoken delivery, the
time it took and the answer timer's limit. Pure (pydantic models and the report's wording).

The app measures these (estel/ui/answer_timer.py, estel/ui/voice_input.py); they are optional
keys of each stored transcript entry (estel/store/base.py), never part of `session_state`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from pydantic import BaseModel, ConfigDict, Field

from estel.analysis.lexicon import FILLERS

# A comfortable interview pace in words per minute. The rate is taken over the talking (silence
# before, after and long silences inside a recording left out, estel/voice.speaking_seconds);
# only clearly faster or slower answers get a remark.
PACE_LOW, PACE_HIGH = 110, 170
PACE_AIM = "aim for about 120–160"


class SpokenDelivery(BaseModel):
    """How a spoken answer sounded, from its recording(s) and what the transcription heard."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    words: int = Field(ge=0)  # words the transcription heard
    recording_seconds: float = Field(ge=0)  # how long the recording(s) ran
    # of which talking (None: not measured, e.g. kept before it was; the recording's length)
    speaking_seconds: float | None = Field(default=None, ge=0)
    words_per_minute: float = Field(ge=0)  # over the talking
    fillers: list[str] = []  # each filler heard, in order ('um', 'basically')
    long_pauses: list[float] = []  # seconds of each silence between phrases of 2 s or more

    def then(self, later: SpokenDelivery) -> SpokenDelivery:
        """One answer recorded in two goes: the second added to the first."""
        words, seconds = self.words + later.words, self.recording_seconds + later.recording_seconds
        talking = self.talking + later.talking
        return SpokenDelivery(words=words, recording_seconds=round(seconds, 1),
                              speaking_seconds=round(talking, 2),
                              words_per_minute=rate(words, talking),
                              fillers=[*self.fillers, *later.fillers],
                              long_pauses=[*self.long_pauses, *later.long_pauses])


    @property
    def talking(self) -> float:
        """Seconds the rate is taken over: the talking, else the whole recording."""
        return self.recording_seconds if self.speaking_seconds is None else self.speaking_seconds


class AnswerFacts(BaseModel):
    """What the app knows about how one answer was given (each part None when not known)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    seconds: float | None = Field(default=None, ge=0)  # question shown -> answer sent
    limit_seconds: int | None = Field(default=None, ge=1)  # the answer timer's limit, if any
    spoken: SpokenDelivery | None = None  # None: typed (or not known)

    @property
    def over_by(self) -> float | None:
        """Seconds past the limit (0 within it); None without a limit or a time."""
        if self.seconds is None or self.limit_seconds is None:
            return None
        return max(0.0, self.seconds - self.limit_seconds)


def spoken_delivery(text: str, recording_seconds: float, speaking_seconds: float | None = None,
                    long_pauses: Iterable[float] = ()) -> SpokenDelivery:
    """The delivery of a spoken answer from what was heard (`text`) and the recording's timing:
    its words and fillers are counted here, the rate taken over the talking time (the
    recording's length when that is not known)."""
    words = len(text.split())
    fillers = [m.group(0).strip(" ,").lower() for m in FILLERS.finditer(text)]
    return SpokenDelivery(words=words, recording_seconds=round(recording_seconds, 1),
                          speaking_seconds=speaking_seconds,
                          words_per_minute=rate(words, speaking_seconds or recording_seconds),
                          long_pauses=list(long_pauses), fillers=fillers)


def rate(words: int, seconds: float) -> float:
    """Words per minute, whole; 0 for no time."""
    return float(round(words * 60 / seconds)) if seconds > 0 else 0.0


def format_seconds(seconds: float) -> str:
    """'1:05' for 65 seconds."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _counted(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def pace_note(words_per_minute: float) -> str:
    """'' for a comfortable pace, else what to do about it."""
    if words_per_minute and words_per_minute < PACE_LOW:
        return f"slow: {PACE_AIM}"
    if words_per_minute > PACE_HIGH:
        return f"fast: {PACE_AIM}"
    return ""


def filler_counts(fillers: Iterable[str]) -> str:
    """'um ×2, basically': each filler once, most said first; '' for none."""
    counts = Counter(fillers)
    return ", ".join(f"{word} ×{n}" if n > 1 else word
                     for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def fillers_text(fillers: Iterable[str]) -> str:
    """'3 fillers (um ×2, basically)', or 'no fillers'."""
    said = list(fillers)
    if not said:
        return "no fillers"
    return f"{_counted(len(said), 'filler')} ({filler_counts(said)})"


def delivery_text(spoken: SpokenDelivery) -> str:
    """'spoken, 148 words/min, 3 fillers (um ×2, basically), 1 long pause (2.5 s)'."""
    note = pace_note(spoken.words_per_minute)
    parts = [f"spoken, {spoken.words_per_minute:.0f} words/min" + (f" ({note})" if note else ""),
             fillers_text(spoken.fillers)]
    if spoken.long_pauses:
        pauses = ", ".join(f"{p:g} s" for p in spoken.long_pauses)
        parts.append(f"{_counted(len(spoken.long_pauses), 'long pause')} ({pauses})")
    return ", ".join(parts)


def time_text(facts: AnswerFacts) -> str:
    """'2:10 of a 2:00 limit (0:10 over)', '1:40 of a 2:00 limit', '1:40', or ''."""
    if facts.seconds is None:
        return ""
    took = format_seconds(facts.seconds)
    if facts.limit_seconds is None:
        return took
    over = facts.over_by or 0
    # compared as shown (whole seconds): 2:00.4 of a 2:00 limit is not '0:00 over'
    late = f" ({format_seconds(over)} over)" if round(facts.seconds) > facts.limit_seconds else ""
    return f"{took} of a {format_seconds(facts.limit_seconds)} limit{late}"


def facts_line(facts: AnswerFacts, *, any_spoken: bool = True) -> str:
    """How one answer went, for the report: 'spoken, 148 words/min, 3 fillers (um ×2,
    basically); 2:10 of a 2:00 limit (0:10 over)'. `any_spoken` False (nothing in the
    interview was spoken) leaves out 'typed', which would then say nothing."""
    how = delivery_text(facts.spoken) if facts.spoken else ("typed" if any_spoken else "")
    return "; ".join(part for part in (how, time_text(facts)) if part)


def is_over(facts: AnswerFacts) -> bool:
    return facts.limit_seconds is not None and facts.seconds is not None and \
        round(facts.seconds) > facts.limit_seconds


def summary_lines(answers: Mapping[int, AnswerFacts]) -> list[str]:
    """The interview as a whole: 'Time: 9:40 in all, 2 of 5 answers over the 2:00 limit' and
    'Spoken: 3 of 5 answers, 142 words/min on average, 7 fillers (um ×4, …), 1 long pause'."""
    facts = [answers[n] for n in sorted(answers)]
    timed = [f for f in facts if f.seconds is not None]
    lines = []
    if timed:
        line = f"Time: {format_seconds(sum(f.seconds or 0 for f in timed))} in all"
        limits = {f.limit_seconds for f in timed if f.limit_seconds is not None}
        if limits:
            over = sum(1 for f in timed if is_over(f))
            limit = (f"the {format_seconds(limits.pop())} limit" if len(limits) == 1
                     else "their limits")
            line += f", {over} of {_counted(len(timed), 'timed answer')} over {limit}"
        lines.append(line)
    spoken = [f.spoken for f in facts if f.spoken is not None]
    if spoken:
        words = sum(s.words for s in spoken)
        seconds = sum(s.talking for s in spoken)
        pace = rate(words, seconds)
        note = pace_note(pace)
        pauses = sum(len(s.long_pauses) for s in spoken)
        lines.append(
            f"Spoken: {len(spoken)} of {_counted(len(facts), 'answer')}, {pace:.0f} words/min "
            "on average" + (f" ({note})" if note else "")
            + f", {fillers_text(f for s in spoken for f in s.fillers)}"
            + (f", {_counted(pauses, 'long pause')}" if pauses else ""))
    return lines


_WORD = re.compile(r"[\w']+")


def still_spoken(heard: str, sent: str) -> bool:
    """Whether the answer sent is (mostly) what was heard: at least half the heard words are in
    it. An answer the candidate recorded, then deleted and typed anew, counts as typed."""
    heard_words = _WORD.findall(heard.lower())
    if not heard_words:
        return False
    sent_words = set(_WORD.findall(sent.lower()))
    return sum(1 for w in heard_words if w in sent_words) * 2 >= len(heard_words)


def table_rows(answers: Mapping[int, AnswerFacts]) -> list[dict[str, object]]:
    """One row per answer with anything known: its number, the time taken, the limit and how
    far over it (when a timer ran), and how it was given (when any answer was spoken)."""
    facts = {n: f for n, f in sorted(answers.items())
             if f.seconds is not None or f.spoken is not None}
    limited = any(f.limit_seconds is not None for f in facts.values())
    any_spoken = any(f.spoken is not None for f in facts.values())
    rows: list[dict[str, object]] = []
    for number, f in facts.items():
        row: dict[str, object] = {"Question": number, "Time taken": "" if f.seconds is None
                                  else format_seconds(f.seconds)}
        if limited:
            row["Limit"] = format_seconds(f.limit_seconds) if f.limit_seconds else "none"
            row["Over the limit"] = (f"yes, by {format_seconds(f.over_by or 0)}" if is_over(f)
                                     else "no" if f.limit_seconds else "")
        if any_spoken:
            row.update(_delivery_columns(f.spoken))
        rows.append(row)
    return rows


def _delivery_columns(spoken: SpokenDelivery | None) -> dict[str, object]:
    """The table's voice columns: short cells a candidate can scan down (the long wording is
    under each transcript entry)."""
    if spoken is None:
        return {"Given": "typed", "Words/min": "", "Fillers": "", "Long pauses": ""}
    note = pace_note(spoken.words_per_minute).partition(":")[0]  # 'fast', 'slow' or ''
    fillers = spoken.fillers
    return {"Given": "spoken",
            "Words/min": f"{spoken.words_per_minute:.0f}" + (f" ({note})" if note else ""),
            "Fillers": f"{len(fillers)} ({filler_counts(fillers)})" if fillers else "none",
            "Long pauses": ", ".join(f"{p:g} s" for p in spoken.long_pauses) or "none"}
