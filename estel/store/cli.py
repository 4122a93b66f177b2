"""`python -m estel sessions` (list saved interviews) and `python -m estel sync` (flush outbox)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from pydantic import SecretStr

from estel.store.base import SessionFilters, SessionRecord

EXIT_OK, EXIT_PENDING = 0, 1
_NO_URL = SecretStr("")

_TABLE_COLUMNS = (  # header, width, value
    ("created (UTC)", 16, lambda r: r.created_at.strftime("%Y-%m-%d %H:%M")),
    ("status", 11, lambda r: r.status),
    ("role", 24, lambda r: r.target_role),
    ("level", 10, lambda r: r.experience_level),
    ("difficulty", 10, lambda r: r.difficulty),
    ("overall", 7, lambda r: "" if r.overall_score is None else f"{r.overall_score:.1f}"),
    ("brain", 10, lambda r: r.brain),
    ("id", 8, lambda r: r.id[:8]),
)


def register(subparsers: Any) -> None:
    """Add the `sessions` and `sync` commands."""
    sessions = subparsers.add_parser("sessions", help="list saved interview sessions, newest first")
    sessions.add_argument("--limit", type=int, default=20, help="at most N rows (default 20)")
    sessions.add_argument("--json", action="store_true", help="print the rows as JSON")
    sessions.add_argument("--since", type=_when, help="created at or after (ISO date/time, UTC)")
    sessions.add_argument("--until", type=_when, help="created before (ISO date/time, UTC)")
    for flag, help_text in (("--role", "target role"), ("--level", "experience level"),
                            ("--brain", "brain"), ("--model", "model"),
                            ("--prompt-version", "prompt version")):
        sessions.add_argument(flag, action="append", help=f"only this {help_text} (repeatable)")
    sessions.add_argument("--difficulty", action="append", choices=("easy", "standard", "hard"))
    sessions.add_argument("--status", action="append",
                          choices=("in_progress", "completed", "abandoned"))
    sessions.set_defaults(func=cmd_sessions)

    sync = subparsers.add_parser("sync", help="send sessions waiting in the local outbox")
    sync.set_defaults(func=cmd_sync)

    store = subparsers.add_parser("store", help="manage the PostgreSQL database")
    actions = store.add_subparsers(dest="store_action", required=True)
    migrate = actions.add_parser(
        "migrate", help="apply supabase/migrations to ESTEL_DATABASE_URL (skips applied ones)")
    migrate.add_argument("--url", help="postgresql:// URL (default: ESTEL_DATABASE_URL)")
    migrate.set_defaults(func=cmd_migrate)


def cmd_sessions(args: argparse.Namespace) -> int:
    """List sessions as a table, or as JSON rows."""
    from estel.config import load_settings
    from estel.store import open_store
    from estel.store.rows import row_from_record

    store = open_store(load_settings())
    filters = filters_from_args(args)
    with closing_store(store):
        records = store.list(filters, limit=max(0, args.limit))
        total = None if args.json else store.count(filters)
    if args.json:
        json.dump([row_from_record(r) for r in records], sys.stdout, indent=2,
                  ensure_ascii=False)
        sys.stdout.write("\n")
        return EXIT_OK
    print(render_table(records))
    print(f"Showing {len(records)} of {total:,} sessions · {store.description}")
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    """Flush the outbox; exit 1 when rows are still waiting."""
    from estel.config import load_settings
    from estel.store import open_store
    settings = load_settings()
    store = open_store(settings)
    if hasattr(store, "flush_outbox"):  # SupabaseStore, PostgresStore
        with closing_store(store):
            report = store.flush_outbox()
        print(f"Sent {report.sent} waiting session(s) to {store.description}; "
              f"{report.remaining} still waiting.")
        for error in report.errors[:10]:
            print(f"  {error}")
        if report.refused:  # kept aside, not waiting: the interview had ended or moved on
            print(f"Refused {len(report.refused)} queued turn(s): kept in the sync_refused table"
                  f" of {settings.sqlite_path}, not sent.")
            for refusal in report.refused[:10]:
                print(f"  {refusal}")
        return EXIT_PENDING if report.remaining else EXIT_OK
    return _sync_without_supabase(settings.sqlite_path)


def cmd_migrate(args: argparse.Namespace) -> int:
    """Apply the migrations to a plain PostgreSQL; each once, in order."""
    from estel.config import load_settings
    from estel.store.pg_migrate import migrate

    url = args.url or (load_settings().database_url or _NO_URL).get_secret_value()
    if not url:
        print("Set ESTEL_DATABASE_URL (or pass --url postgresql://…).", file=sys.stderr)
        return 2
    for name, applied in migrate(url):
        print(f"{'applied' if applied else 'already applied'}: {name}")
    return EXIT_OK


def _sync_without_supabase(path: str) -> int:
    from pathlib import Path

    from estel.store.outbox import Outbox
    from estel.store.sqlite import SQLiteStore

    waiting = Outbox(SQLiteStore(path)).count() if Path(path).exists() else 0
    if waiting:
        print(f"{waiting} session(s) wait in the local outbox of {path}, but Supabase is not "
              "configured: set SUPABASE_URL and SUPABASE_KEY, then run sync again.")
        return EXIT_PENDING
    print(f"Nothing to sync: sessions are stored in SQLite ({path}).")
    return EXIT_OK


@contextmanager
def closing_store(store: Any) -> Iterator[Any]:
    """Close a store that holds a connection pool (SupabaseStore) when done."""
    try:
        yield store
    finally:
        close = getattr(store, "close", None)
        if callable(close):
            close()


def filters_from_args(args: argparse.Namespace) -> SessionFilters:
    def values(name: str) -> tuple[str, ...] | None:
        given = getattr(args, name)
        return tuple(given) if given else None

    return SessionFilters(
        since=args.since, until=args.until, target_roles=values("role"),
        experience_levels=values("level"), difficulties=values("difficulty"),
        brains=values("brain"), models=values("model"),
        prompt_versions=values("prompt_version"), statuses=values("status"),
    )


def render_table(records: list[SessionRecord]) -> str:
    """Fixed-width text table, one line per session."""
    def cell(text: str, width: int) -> str:
        return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)

    lines = ["  ".join(cell(h, w) for h, w, _ in _TABLE_COLUMNS).rstrip()]
    lines += ["  ".join(cell(str(get(r)), w) for _, w, get in _TABLE_COLUMNS).rstrip()
              for r in records]
    if not records:
        lines.append("(no sessions)")
    return "\n".join(lines)


def _when(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date or date-time: {value!r}") from None
