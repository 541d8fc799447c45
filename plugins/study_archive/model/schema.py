"""JSON Schemas of the front matter, generated from the same models the validator uses.

They let an editor complete and check front matter as a contributor types; the checked-in
copies under `schemas/` are kept equal to these by a test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .document import Kind

__all__ = ["json_schema", "write_schemas", "stale_schemas"]

BASE_URI = "https://study-archive.invalid/schemas"


def json_schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind's front matter."""
    schema = kind.model.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_URI}/{kind.value}.schema.json",
        **schema,
        "title": f"Front matter of a {kind.value}",
    }


def _render(kind: Kind) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write one `<kind>.schema.json` per kind into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in Kind:
        path = folder / f"{kind.value}.schema.json"
        path.write_text(_render(kind), encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(folder: Path) -> list[Path]:
    """The checked-in schema files that differ from what the models generate."""
    return [
        folder / f"{kind.value}.schema.json"
        for kind in Kind
        if not (folder / f"{kind.value}.schema.json").is_file()
        or (folder / f"{kind.value}.schema.json").read_text(encoding="utf-8") != _render(kind)
    ]
