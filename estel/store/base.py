"""The SessionStore protocol and the record it stores: one row of `interview_sessions`.

The Supabase migration is the schema of record; SessionRecord mirrors its columns one to one.
Mapping between the contract (meta, feedback payload, transcript) and a record lives in
`estel/store/records.py` (turns -> record, with `transcript.py`) and `estel/store/stored_turn.py`
(record -> the contract's turn), the row encodings in `estel/store/rows.py`, nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from estel.answer_facts import AnswerFacts, SpokenDelivery
from estel.contract import InterviewQuestionPayload, SessionScores
from estel.extensions import SessionExtensions
from estel.length import LengthBounds

SessionStatus = Literal["in_progress", "completed", "abandoned"]
# same bounds as the migration's CHECKs, so a bad row is refused before it reaches an outbox
ScoreValue = Annotated[float, Field(ge=0, le=10)]


class TranscriptEntry(BaseModel):
    """One question of a stored session: the contract's item plus how the answer was judged."""

    model_config = ConfigDict(extra="forbid")

    question_id: str
    question: str
    topic: str
    phase: str
    difficulty: str | None = None
    answer: str | None = None
    communication: float | None = None
    content: float | None = None
    confidence: float | None = None
    note: str | None = None
    # seconds from the question being shown to the answer being sent (the app's answer timer);
    # None where nobody timed it (the HTTP service, rows saved before it was kept)
    answer_seconds: float | None = Field(default=None, ge=0)
    # the answer timer's limit when this answer was given; None: no timer (or not known)
    answer_limit_seconds: int | None = Field(default=None, ge=1)
    # the answer was recorded and transcribed: its delivery; None: typed (or not known)
    spoken: SpokenDelivery | None = None

    @property
    def facts(self) -> AnswerFacts:
        """How the answer was given, as the report words it (estel/answer_facts.py)."""
        return AnswerFacts(seconds=self.answer_seconds, limit_seconds=self.answer_limit_seconds,
                           spoken=self.spoken)


class SessionRecord(BaseModel):
    """A row of interview_sessions (same column names as the migration)."""

    model_config = ConfigDict(extra="forbid")

    id: str  # uuid
    user_id: str | None = None
    created_at: datetime
    completed_at: datetime | None = None
    status: SessionStatus = "in_progress"
    target_role: str
    experience_level: str
    difficulty: str
    questions_target: int = Field(ge=1, le=20)
    language: str = "en"
    brain: str
    model: str | None = None
    prompt_version: str | None = None
    summary: str | None = None
    strengths: list[str] = []
    improvements: list[str] = []
    skill_gaps: list[str] = []
    next_steps: list[str] = []
    communication_score: ScoreValue | None = None
    content_score: ScoreValue | None = None
    confidence_score: ScoreValue | None = None
    overall_score: ScoreValue | None = None
    transcript: list[TranscriptEntry] = []
    # Per-turn saving (migration 20261206203000): with the transcript and meta these rebuild the
    # session_state the service last sent, so the stored row is the interview's trusted copy.
    updated_at: datetime | None = None  # when the last turn was saved
    score_so_far: SessionScores | None = None  # the running scores after the last answer
    open_question: InterviewQuestionPayload | None = None  # the question waiting for an answer
    state_digest: str | None = None  # sha256 of that session_state (records.state_digest)
    # Adaptive length (migration 20261206233000): the interview's fewest questions, kept from its
    # first turn; questions_target is then the most. None: the fixed length questions_target.
    min_questions: int | None = Field(default=None, ge=4, le=20)

    @property
    def length_bounds(self) -> LengthBounds | None:
        """The adaptive bounds kept with the session; None for a fixed-length interview."""
        if self.min_questions is None:
            return None
        return LengthBounds(self.min_questions, self.questions_target)

    @property
    def total_questions(self) -> int:
        """The session's total_questions now: questions_target, or, for an adaptive interview
        whose wrap-up is asked (or answered), the number of questions it has."""
        entries = self.transcript
        if self.min_questions is not None and entries and (
                self.status == "completed" or entries[-1].phase == "wrap_up"):
            return len(entries)
        return self.questions_target
    # What the session keeps of its request's `context` extensions (SQLite migration 6 /
    # 20261206235500): the candidate's profile (JD, requirements, résumé items; the résumé text
    # only with consent). Read on every turn; never part of session_state.
    extensions: SessionExtensions | None = None


@dataclass(frozen=True)
class SessionFilters:
    """The dashboard's filters; None means no filter on that column."""

    since: datetime | None = None  # created_at >= since
    until: datetime | None = None  # created_at < until
    target_roles: tuple[str, ...] | None = None
    experience_levels: tuple[str, ...] | None = None
    difficulties: tuple[str, ...] | None = None
    brains: tuple[str, ...] | None = None
    models: tuple[str, ...] | None = None
    prompt_versions: tuple[str, ...] | None = None
    statuses: tuple[SessionStatus, ...] | None = None


# SessionFilters field -> column, for the `IN (...)` filters: every store and the dashboard's
# filter widgets read this one mapping
FILTER_COLUMNS: dict[str, str] = {
    "target_roles": "target_role",
    "experience_levels": "experience_level",
    "difficulties": "difficulty",
    "brains": "brain",
    "models": "model",
    "prompt_versions": "prompt_version",
    "statuses": "status",
}


@dataclass(frozen=True)
class SaveReceipt:
    """What happened to a write, in words a user can read."""

    saved: bool  # durably kept somewhere (the target store or the local outbox)
    location: str  # "SQLite: ./estel.db", "Supabase: abc.supabase.co", "local outbox: ..."
    pending_sync: bool = False  # kept locally, will be sent when the target is back
    message: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    conflict: bool = False  # not written: the stored row is no longer at the state expected


@dataclass(frozen=True)
class TurnWrite:
    """One turn's row and the state digest the stored row must still have for it to be written
    (None: the row must not exist yet, i.e. the interview's opening)."""

    record: SessionRecord
    expected_digest: str | None

    def fits(self, stored: Mapping[str, Any] | None) -> bool:
        """Whether the stored row (its columns) may take this write: no row yet for an opening;
        else a row still in progress at the expected state. Abandoned and completed rows take
        no turn: an answer sent before Abandon but arriving after it must not reopen the row.
        Every store applies this rule, the SQL ones in their conditional writes."""
        if self.expected_digest is None:
            return stored is None
        return (stored is not None and stored.get("status") == "in_progress"
                and stored.get("state_digest") == self.expected_digest)


@runtime_checkable
class SessionStore(Protocol):
    """Where interview sessions are kept. Implementations do no I/O in __init__."""

    @property
    def description(self) -> str:
        """Where rows go, for people: 'SQLite: ./estel.db' or 'Supabase: <host>'."""
        ...

    def create(self, record: SessionRecord) -> SaveReceipt: ...

    def complete(self, record: SessionRecord) -> SaveReceipt:
        """Write the completed record (status completed); completing twice is idempotent."""
        ...

    def get(self, session_id: str) -> SessionRecord | None: ...

    def list(
        self, filters: SessionFilters | None = None, limit: int = 100, *,
        with_transcript: bool = True,
    ) -> list[SessionRecord]:
        """Newest first. with_transcript=False leaves `transcript` empty: much faster, and all a
        dashboard needs."""
        ...

    def count(self, filters: SessionFilters | None = None) -> int: ...

    def save_turns(self, writes: Sequence[TurnWrite]) -> list[SaveReceipt]:
        """Write each turn's row only if the stored row is still in progress with
        `expected_digest` (a compare-and-set, `TurnWrite.fits`: two answers to one question
        cannot both win, and no answer lands on an abandoned row); a receipt per write, in
        order, `conflict=True` for a row that moved on. Returns once the rows are durably kept."""
        ...

    def find_by_digest(self, digest: str, limit: int = 8) -> list[SessionRecord]:
        """Sessions whose stored state has this digest: in progress first, then oldest first."""
        ...


@runtime_checkable
class BatchCompletion(Protocol):
    """Optional store capability: complete many records at once (SQLite: one transaction).
    The HTTP service's saver uses it when the store has it, else calls complete() per record."""

    def complete_many(self, records: Sequence[SessionRecord]) -> list[SaveReceipt]:
        """A receipt per record, in order; the same guarantees as complete() for each."""
        ...
