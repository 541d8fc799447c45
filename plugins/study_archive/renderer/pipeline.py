"""The one place a Markdown pipeline is built: the site's extensions, then the archive's, always in one order.

Every output renders contributor Markdown through what this module builds: the site's pages (MkDocs builds its own
converter per page from the same list, `ArchiveExtensions` appended to the site's), reading packets, and the block
reader that numbers paragraphs for the catalog. So the sanitizer, the references and the numbering are the same
wherever a text ends up, and the reader sees exactly the blocks the pages show.

    extensions = ArchiveExtensions(archive, words_per_minute=site.words_per_minute)
    md = markdown_for(site, extensions)
    with extensions.rendering(document):
        html = md.convert(document.body)
    problems = extensions.take_problems()
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import markdown
from markdown import Extension

from ..model.archive import Archive
from ..model.document import Document
from ..model.problem import Problem
from ..model.site import Site
from .annotations import AnnotationsExtension
from .blocks import BlocksExtension
from .glossary import GlossaryExtension
from .inline import InlineExtension
from .page import PageExtension
from .paragraphs import ParagraphsExtension
from .reading import reader_for
from .references import ReferencesExtension
from .sanitizer import SanitizerExtension

__all__ = ["ArchiveExtensions", "markdown_for", "reader_for"]


class ArchiveExtensions:
    """The archive's own extensions, in the order they register, driven as one by whatever renders pages.

    The references come first, so that `[[a|b]]` is never read as a Markdown link, and the sanitizer last, so that
    it sees what all the others made. `marks` adds the annotations and the glossary's links, which a page shows and a
    reading packet (with its notes as endnotes of its own) does not. Paragraphs are numbered in library texts only.
    """

    def __init__(self, archive: Archive | None = None, *, words_per_minute: int = 230, marks: bool = True,
                 remote_images: bool = False) -> None:
        self.references = ReferencesExtension(archive=archive)
        self.paragraphs = ParagraphsExtension(archive=archive, enabled=False, words_per_minute=words_per_minute)
        self.marks: list[PageExtension] = [AnnotationsExtension(archive), GlossaryExtension(archive)] if marks else []
        self.sanitizer = SanitizerExtension(archive, remote_images=remote_images)

    def __iter__(self) -> Iterator[PageExtension]:
        return iter([self.references, self.paragraphs, *self.marks, self.sanitizer])

    def with_block_queue(self) -> list[Extension]:
        """The extensions a converter is built with: these, a block parser linear in the text's length and an inline
        pass that skips plain text."""
        return [BlocksExtension(), InlineExtension(), *self]

    def bind(self, archive: Archive) -> None:
        """Resolve against `archive` from now on: a builder calls this once per build."""
        for extension in self:
            extension.archive = archive

    @contextmanager
    def rendering(self, document: Document | None) -> Iterator[None]:
        """Render `document` (None: Markdown that is no document of the archive) inside this block."""
        self.begin(document)
        try:
            yield
        finally:
            self.begin(None)

    def begin(self, document: Document | None) -> None:
        """Render `document` from now on, for builders whose events split a page's rendering in several calls."""
        for extension in self:
            extension.current = document
        self.sanitizer.notes.clear()

    def take_notes(self) -> list[Problem]:
        """The notes rendering made since the last call (harmless HTML the sanitizer dropped), for a builder that
        shows them; a builder that does not call this drops them silently when the next document begins."""
        return self.sanitizer.take_notes()

    def take_problems(self) -> list[Problem]:
        """The problems rendering found since the last call, each once, in the order they were found."""
        problems = [problem for extension in self for problem in extension.problems]
        for extension in self:
            extension.problems.clear()
        return problems


def markdown_for(site: Site, extensions: ArchiveExtensions, *, output_format: str = "html") -> markdown.Markdown:
    """A converter with the site's Markdown extensions and settings, then the archive's."""
    return markdown.Markdown(extensions=[*site.extensions, *extensions.with_block_queue()],
                             extension_configs=dict(site.configs),
                             output_format=output_format)
