"""Packaged data: the question bank (questions/) and the eval personas (personas/)."""

from __future__ import annotations

import json
from importlib import resources
from typing import TypeVar

from pydantic import BaseModel

Model = TypeVar("Model", bound=BaseModel)


def load_packaged(folder: str, model: type[Model], name_field: str) -> dict[str, Model]:
    """Every `<name>.json` in estel/data/<folder>, validated; `name_field` must equal <name>."""
    root = resources.files("estel.data").joinpath(folder)
    loaded: dict[str, Model] = {}
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        item = model.model_validate(json.loads(entry.read_text(encoding="utf-8")))
        name = getattr(item, name_field)
        if name != entry.name.removesuffix(".json"):
            raise ValueError(f"{entry.name}: {name_field} '{name}' must match the file name")
        loaded[name] = item
    return loaded
