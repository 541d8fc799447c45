"""A person, or a group or publication, that wrote or is discussed in the archive's texts."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from .base import FrontMatterModel, Line, Year

__all__ = ["PersonMeta"]


class PersonMeta(FrontMatterModel):
    """Front matter of a page in `content/people/`.

    Example:
        ```yaml
        title: Hal Draper
        born: 1914
        died: 1990
        summary: American socialist who wrote on the micro-sect and socialism from below.
        ```
    """

    title: Line = Field(description="The name to display, e.g. `Hal Draper`.")
    kind: Literal["person", "group", "publication"] = Field("person", description="Who this is, e.g. `group`.")
    born: Year | None = Field(None, description="Year of birth, or of founding for a group, e.g. `1914`.")
    died: Year | None = Field(None, description="Year of death, or of dissolution, e.g. `1990`.")
    summary: Line = Field(description="One sentence on who they are.")
    aliases: list[Line] = Field([], description="Other names they are known by, e.g. `[Lev Bronstein]`.")
    sort_name: Line | None = Field(None, description="The name as bibliographies sort it, e.g. `Draper, Hal`.")

    @field_validator("sort_name")
    @classmethod
    def _family_name_first(cls, value: str | None, info: ValidationInfo) -> str | None:
        """A person's sort name says where the family name ends: without a comma, indexes would sort by the first
        word ("Hal Draper" under H)."""
        if value and info.data.get("kind", "person") == "person" and " " in value and "," not in value:
            raise ValueError(f"'{value}' does not say where the family name ends, so indexes would sort it under its "
                             "first word; write the family name first, then a comma")
        return value

    @model_validator(mode="after")
    def _died_after_born(self) -> PersonMeta:
        if self.born is not None and self.died is not None and self.died < self.born:
            raise ValueError(f"died ({self.died}) is before born ({self.born}); check both years")
        return self
