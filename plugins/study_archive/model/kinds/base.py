"""What every front-matter model shares: strictness, and the small types they are made of."""

from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

__all__ = ["FrontMatterModel", "Slug", "Reference", "Year", "Url", "Line", "Paragraphs"]


class FrontMatterModel(BaseModel):
    """Base of every front-matter schema: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$"),
    Field(description="An id: lowercase letters, digits and single hyphens, e.g. `trotsky-new-course`."),
]
"""The id of a document in the archive, which is also its file name."""

Reference = Annotated[
    str,
    StringConstraints(pattern=r"^(?:[a-z]+:)?[a-z0-9]+(?:-[a-z0-9]+)*(?:#[A-Za-z0-9_-]+)?$"),
    Field(description="The id of a document, optionally with a kind and a fragment: `trotsky-new-course#p4`."),
]
"""A reference to a document from front matter, checked against the catalog after loading."""

Year = Annotated[int, Field(ge=-3000, le=2100, description="A year, e.g. `1923`.")]

Url = Annotated[
    str,
    StringConstraints(pattern=r"^https?://\S+$"),
    Field(description="A web address starting with `https://` or `http://`."),
]

Line = Annotated[str, StringConstraints(min_length=1), Field(description="One line of text.")]


def _check_range(value: str) -> str:
    first, _, last = value.partition("-")
    if not last:
        last = first
    if int(first) > int(last):
        raise ValueError(f"the range {value} runs backwards; write the smaller number first")
    return value


Paragraphs = Annotated[
    str,
    BeforeValidator(lambda value: str(value) if isinstance(value, int) and not isinstance(value, bool) else value),
    StringConstraints(pattern=r"^[1-9][0-9]*(?:-[1-9][0-9]*)?$"),
    AfterValidator(_check_range),
    Field(description="A paragraph number or an inclusive range of them, e.g. `4` or `4-12`."),
]

Date = datetime.date
