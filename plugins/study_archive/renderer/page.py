"""What the archive's Markdown extensions share: an archive, the document being rendered, problems.

A builder sets `archive` once per build and `current` before each page, then collects and
clears `problems` after it. Any Python-Markdown based builder can drive them this way.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ..model.archive import Archive
from ..model.document import Document, Kind
from ..model.problem import Problem

__all__ = ["PageExtension", "PageTreeprocessor"]


class PageExtension(Extension):
    """An extension that renders one document of an archive at a time."""

    def __init__(self, archive: Archive | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.archive = archive
        self.current: Document | None = None
        """The document being rendered; None when the text comes from elsewhere."""
        self.problems: list[Problem] = []
        """Problems found while rendering, for the builder to report and clear."""

    @property
    def rendering_text(self) -> bool:
        """Whether the page being rendered is a text of the library."""
        return self.current is not None and self.current.kind is Kind.TEXT


class PageTreeprocessor(Treeprocessor):
    """A tree processor that reads its extension's archive and current document."""

    def __init__(self, md: Markdown, extension: PageExtension) -> None:
        super().__init__(md)
        self.extension = extension
