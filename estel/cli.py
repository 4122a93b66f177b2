"""`python -m estel <command>`: the command-line surfaces.

Core commands live here (turn, schema). Other commands live next to what they drive and are
found through COMMAND_MODULES: each such module has `register(subparsers)` which adds its parser
and sets `func`. A module that is not present simply has no command.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

# command modules with a `register(subparsers)` function, in help order
COMMAND_MODULES = (
    "estel.store.cli",  # sessions, sync
    "estel.server",  # serve
    "estel.evals.cli",  # eval
    "estel.demo",  # demo-data
)

EXIT_OK, EXIT_ERROR_ENVELOPE, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad command-line usage: exit 2 with a one-line message."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # exit 2 without argparse's traceback-free but noisy usage
        self.print_usage(sys.stderr)
        raise SystemExit(f"{self.prog}: error: {message}")


def cmd_turn(args: argparse.Namespace) -> int:
    """One turn: request JSON on stdin, envelope JSON on stdout."""
    from estel.brains import make_brain
    from estel.config import load_settings
    from estel.engine import Engine
    from estel.handler import handle_turn

    settings = load_settings()
    brain = make_brain(settings, args.brain)
    raw = sys.stdin.buffer.read()
    envelope, _ = handle_turn(raw, Engine(brain))
    sys.stdout.write(envelope.to_json() + "\n")
    return EXIT_OK if envelope.status == "success" else EXIT_ERROR_ENVELOPE


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of the request (with its optional extensions) and the envelope."""
    from estel.extensions import json_schemas

    schemas = json_schemas()
    if args.which != "all":
        schemas = {k: v for k, v in schemas.items() if k.lower().startswith(args.which)}
    json.dump(schemas, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return EXIT_OK


CORE_COMMANDS = ("turn", "schema")


def build_parser(load_modules: bool = True) -> argparse.ArgumentParser:
    """The CLI parser; `load_modules=False` skips the non-core commands (a faster `turn`)."""
    # `estel` when run through the installed console script, else the module form
    prog = "estel" if Path(sys.argv[0]).name == "estel" else "python -m estel"
    parser = _Parser(prog=prog, description="Estel Interview Studio")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    turn = sub.add_parser("turn", help="one interview turn: request JSON on stdin, envelope out")
    turn.add_argument("--brain", choices=("auto", "offline", "openai"), default=None,
                      help="which brain answers (default: ESTEL_BRAIN, else auto)")
    turn.set_defaults(func=cmd_turn)

    schema = sub.add_parser("schema", help="print the JSON Schema of request and envelope")
    schema.add_argument("which", nargs="?", choices=("all", "interviewrequest", "estel"),
                        default="all", help="all (default), interviewrequest or estel(envelope)")
    schema.set_defaults(func=cmd_schema)

    for module_name in COMMAND_MODULES if load_modules else ():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name and module_name.startswith(error.name):
                continue  # that surface is not built yet
            raise
        module.register(sub)
    return parser


def configure_logging() -> None:
    """Warnings and errors of every command on stderr, one line each, as `LEVEL logger: text`
    (stdout stays the command's output). A program that configured logging keeps its own."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                            format="%(levelname)s %(name)s: %(message)s")


def main(argv: Sequence[str] | None = None) -> int:
    from estel.errors import EstelError

    configure_logging()
    argv = list(sys.argv[1:] if argv is None else argv)
    # `turn` is called once per turn by scripts: don't import the store, server and evals for it.
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    parser = build_parser(load_modules=first not in CORE_COMMANDS)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        if isinstance(exit_.code, str):
            print(exit_.code, file=sys.stderr)
            return EXIT_USAGE
        return int(exit_.code or 0)
    try:
        return int(args.func(args))
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except EstelError as error:  # bad settings and the like: one line, no traceback
        print(f"error: {error.message}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `python -m estel schema | head`: the reader left; not an error
        sys.stderr.close()
        return EXIT_OK
