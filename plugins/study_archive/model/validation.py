"""Validation: front matter checked against its kind's model, each error placed and explained."""

from __future__ import annotations

import datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from .frontmatter import FrontMatter, Path, Position
from .problem import Problems, did_you_mean

__all__ = ["validate"]

_TYPE_NAMES = {
    bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "a group of fields",
    datetime.date: "a date", datetime.datetime: "a date and time", type(None): "empty",
}


def validate(model: type[BaseModel], front: FrontMatter, path: str, problems: Problems, kind: str) -> BaseModel | None:
    """The validated model, or None after recording every error with its line."""
    try:
        return model.model_validate(front.data)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            _report(detail, model, front, path, problems, kind)
        return None


def _report(detail: dict[str, Any], model: type[BaseModel], front: FrontMatter, path: str,
            problems: Problems, kind: str) -> None:
    loc: Path = tuple(detail["loc"])
    # Model validators and union members add their own names to the path; drop them.
    loc = tuple(part for part in loc if not (isinstance(part, str) and ("[" in part or part.startswith("function-"))))
    kind_of_error = detail["type"]
    name = _dotted(loc)
    if kind_of_error == "missing":
        where = front.position(loc[:-1]) if len(loc) > 1 else Position(1, 1)
        message, hint = f"missing required field '{name}'", _describe(model, loc)
    elif kind_of_error == "extra_forbidden":
        where = front.position(loc, key=True)
        known = _field_names(model, loc[:-1])
        hint = did_you_mean(str(loc[-1]), known) or f"the fields a {kind} takes are: {', '.join(known)}"
        message = f"unknown field '{name}' in a {kind}"
    else:
        where = front.position(loc)
        message = f"'{name}': {_message(detail)}" if name else _message(detail)
        hint = _hint(detail, front, loc, model)
    problems.add(path, where.line, where.column, message, hint)


def _message(detail: dict[str, Any]) -> str:
    kind_of_error, value = detail["type"], detail.get("input")
    if kind_of_error == "value_error":
        return str(detail["ctx"]["error"])
    if kind_of_error == "literal_error":
        return f"'{value}' is not one of {detail['ctx']['expected']}"
    if kind_of_error == "string_pattern_mismatch":
        return f"'{value}' is not in the expected form"
    if kind_of_error.endswith("_type") or kind_of_error.endswith("_parsing"):
        expected = detail["msg"].removeprefix("Input should be ").removeprefix("a valid ")
        return f"expected {expected}, found {_TYPE_NAMES.get(type(value), type(value).__name__)} ({value!r})"
    return detail["msg"][0].lower() + detail["msg"][1:]


def _hint(detail: dict[str, Any], front: FrontMatter, loc: Path, model: type[BaseModel]) -> str:
    raw = front.plain.get(loc)
    value = detail.get("input")
    if detail["type"] == "string_type" and raw is not None:
        return f"YAML read the unquoted {raw} as {_TYPE_NAMES.get(type(value), 'a value')}; quote it: \"{raw}\""
    if detail["type"] == "string_type" and isinstance(value, list):
        return "write a single line of text, not a list"
    if detail["type"] == "list_type":
        return "write a list: [a, b] or one '- item' per line"
    if detail["type"] == "literal_error":
        options = [option.strip(" '") for option in detail["ctx"]["expected"].replace(" or ", ", ").split(",")]
        return did_you_mean(str(value), options) or _describe(model, loc)
    return _describe(model, loc)


def _describe(model: type[BaseModel], loc: Path) -> str:
    """The field's own description, which says what it holds and gives an example."""
    field = _field(model, loc)
    return field.description if field is not None and field.description else ""


def _field(model: type[BaseModel], loc: Path):
    current: Any = model
    field = None
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        field = current.model_fields[part]
        current = _inner_model(field.annotation)
    return field


def _inner_model(annotation: Any) -> Any:
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        for inner in (candidate, *getattr(candidate, "__args__", ())):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None


def _field_names(model: type[BaseModel], loc: Path) -> list[str]:
    current: Any = model if not loc else _inner_model(_field(model, loc).annotation) if _field(model, loc) else None
    return list(current.model_fields) if current is not None else []


def _dotted(loc: Path) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text

