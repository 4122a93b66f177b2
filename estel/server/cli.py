"""The `serve` command: run the HTTP service with uvicorn."""

from __future__ import annotations

import argparse
import copy
import ipaddress
import os
import sys
from typing import Any

FACTORY = "estel.server:app_factory"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `serve` to the CLI."""
    serve = subparsers.add_parser("serve", help="the brain over HTTP: POST /v1/brain")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8787, help="port (default 8787)")
    serve.add_argument("--workers", type=int, default=1,
                       help="uvicorn worker processes (default 1)")
    serve.add_argument("--brain", choices=("auto", "offline", "openai"), default=None,
                       help="which brain answers (default: ESTEL_BRAIN, else auto)")
    serve.add_argument("--no-access-log", action="store_true", help="don't log every request")
    serve.add_argument("--log-level", default="info",
                       choices=("critical", "error", "warning", "info", "debug"))
    serve.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    """Check the settings here (one clear error), then hand over to uvicorn."""
    from estel.brains import make_brain
    from estel.cli import EXIT_OK, UsageError
    from estel.config import load_settings

    if args.workers < 1:
        raise UsageError("--workers must be 1 or more")
    if not 0 < args.port < 65536:
        raise UsageError("--port must be between 1 and 65535")
    if args.brain:
        os.environ["ESTEL_BRAIN"] = args.brain  # worker processes read settings from the env
    settings = load_settings()
    make_brain(settings)  # fail now, not in every worker
    if not settings.api_token and not _is_loopback(args.host):
        print(f"warning: serving on {args.host} without ESTEL_API_TOKEN: anyone who can reach "
              "it can run turns", file=sys.stderr)
    import uvicorn

    uvicorn.run(FACTORY, factory=True, host=args.host, port=args.port, workers=args.workers,
                access_log=not args.no_access_log, log_level=args.log_level,
                log_config=log_config(args.log_level), server_header=False)
    return EXIT_OK


def log_config(level: str) -> dict[str, Any]:
    """uvicorn's own logging config plus the `estel` loggers on its stderr handler and format:
    uvicorn configures only its loggers, so the service's own warnings (a failed save, a brain
    error) went to Python's bare last-resort handler and its info lines nowhere. Applied in
    every worker process, as uvicorn applies its config."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["estel"] = {"handlers": ["default"], "level": level.upper(),
                                  "propagate": False}
    return config


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
