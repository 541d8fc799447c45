"""The checked-in JSON Schemas match the models and accept the demo's own front matter."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from pydantic_core import to_jsonable_python

from study_archive import load
from study_archive.model.schema import stale_schemas

ROOT = Path(__file__).resolve().parents[2]


def test_checked_in_schemas_are_current():
    assert stale_schemas(ROOT / "schemas") == [], "run `.venv/bin/archive schemas` and commit the result"


def test_the_schemas_accept_every_demo_document_and_refuse_a_typo():
    archive = load(ROOT)
    for document in archive.documents:
        schema = json.loads((ROOT / "schemas" / f"{document.kind.value}.schema.json").read_text())
        jsonschema.validate(to_jsonable_python(document.front.data), schema)
    text_schema = json.loads((ROOT / "schemas" / "text.schema.json").read_text())
    errors = list(jsonschema.Draft202012Validator(text_schema).iter_errors({"titel": "x"}))
    assert {error.validator for error in errors} >= {"required", "additionalProperties"}
