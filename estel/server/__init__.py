"""`python -m estel serve`: the seed's edge-function contract over HTTP (FastAPI on uvicorn).

FastAPI is imported only when an app is built, so other CLI commands stay quick to start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from estel.server.cli import register

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["app_factory", "create_app", "register", "warm"]


def create_app(settings: Any = None, engine: Any = None, store: Any = None) -> FastAPI:
    """The ASGI app; see estel.server.app.create_app."""
    from estel.server.app import create_app as build

    return build(settings=settings, engine=engine, store=store)


def app_factory() -> FastAPI:
    """uvicorn's factory (`estel.server:app_factory`): settings from the environment, and the
    worker warmed before it accepts a connection (see `warm`)."""
    warm()
    return create_app()


def warm() -> None:
    """Load the question bank (both brains use it) now: loaded by the first turn instead, it
    held that turn, and every other one the worker had, for ~2.4 s of CPU."""
    from estel.brains.offline.bank import load_bank

    load_bank()
