"""A plain page of the site, such as the home page: no archive semantics, only layout."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import FrontMatterModel, Line

__all__ = ["PageMeta"]


class PageMeta(FrontMatterModel):
    """Front matter of any other page in `content/`.

    Example:
        ```yaml
        title: About this archive
        hide: [navigation]
        ```
    """

    title: Line | None = Field(None, description="The page title; defaults to its first heading.")
    description: Line | None = Field(None, description="A summary for search engines and link previews.")
    hide: list[Literal["navigation", "toc", "footer", "path", "feedback"]] = Field(
        [], description="Parts of the layout to hide on this page, e.g. `[navigation]`."
    )
    template: Line | None = Field(None, description="A template in `overrides/` to render it with.")
