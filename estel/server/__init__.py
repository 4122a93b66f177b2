"""`python -m estel serve`: the seed's edge-function contract over HTTP (FastAPI on uvicorn).

FastAPI is imported only when an app is built, so other CLI commands stay quick to start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from estel.server.cli import register
from estel.server.warmup import warm

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["app_factory", "create_app", "register", "warm"]


def create_app(settings: Any = None, engine: Any = None, store: Any = None) -> FastAPI:
    """The ASGI app; see estel.server.app.create_app."""
    from estel.server.app import create_app as build

    return build(settings=settings, engine=engine, store=store)


def app_factory() -> FastAPI:
    """uvicorn's factory (`estel.server:app_factory`): settings from the environment; the app's
    lifespan warms the worker (`warm`) before it accepts a connection."""
    return create_app()
