"""A Python-Markdown extension that turns `[[id]]` cross-references into links.

Any Python-Markdown based builder can load it: it needs only an object that resolves
references (the core `Archive`) and, when known, the document being rendered, so that
links come out relative to it. A reference that resolves to nothing is rendered visibly,
never dropped; the core reports it with its file and line.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from ..model.archive import Archive
from ..model.catalog import Miss
from ..model.document import Document, Kind
from ..model.site import Site
from ..model.reference import REFERENCE_PATTERN, parse_reference
from .page import PageExtension
from .reading import reader_for

__all__ = ["ReferencesExtension", "makeExtension", "relative_href"]


class ReferencesExtension(PageExtension):
    """Resolves `[[...]]` against an archive.

    Example:
        ```python
        archive = Archive.load(".", site.layout, reader_for(site))
        markdown.markdown("See [[trotsky-new-course#p4]].", extensions=[ReferencesExtension(archive=archive)])
        ```
    """

    def __init__(self, archive: Archive | None = None, **kwargs: Any) -> None:
        self.config = {"root": [".", "Where to load the archive from when no `archive` is given."]}
        self._archive = archive
        super().__init__(archive, **kwargs)

    @property
    def archive(self) -> Archive:
        """The archive references resolve against, loaded from `root` on first use if not given."""
        if self._archive is None:
            root = Path(self.getConfig("root"))
            site = Site.load(root)
            self._archive = Archive.load(root, site.layout, reader_for(site))
        return self._archive

    @archive.setter
    def archive(self, archive: Archive) -> None:
        self._archive = archive

    def extendMarkdown(self, md: Markdown) -> None:
        # Before links (160) so that `[[a|b]]` is never read as a Markdown link.
        md.inlinePatterns.register(ReferenceProcessor(REFERENCE_PATTERN, self), "archive_references", 175)


class ReferenceProcessor(InlineProcessor):
    """Renders one reference as a link, or as a visibly broken reference."""

    def __init__(self, pattern: str, extension: ReferencesExtension) -> None:
        super().__init__(pattern)
        self.extension = extension

    def handleMatch(self, match, data):  # type: ignore[override]
        reference = parse_reference(match.group(1))
        target = self.extension.archive.resolve(reference)
        if isinstance(target, Miss):
            element = etree.Element("span", {"class": "archive-ref archive-ref--broken", "title": target.message})
            element.text = AtomicString(match.group(0))
            return element, match.start(0), match.end(0)
        document = target.document
        element = etree.Element("a", {
            "href": self._href(document) + (f"#{target.anchor}" if target.anchor else ""),
            "class": f"archive-ref archive-ref--{document.kind.value}",
        })
        if document.kind is Kind.TERM and document.meta is not None:
            element.set("title", document.meta.short)
        # A title or label is plain text: Markdown in it is shown as typed, never made into links or emphasis.
        element.text = AtomicString(reference.label or _label(document, target.anchor))
        return element, match.start(0), match.end(0)

    def _href(self, target: Document) -> str:
        return relative_href(self.extension.current, target)


def relative_href(current: Document | None, target: Document) -> str:
    """A link to the target's source, which the builder turns into its URL: relative to the
    page being rendered, or from the site root when there is none."""
    if current is None:
        return "/" + target.uri
    if current.uri == target.uri:
        return ""
    return posixpath.relpath(target.uri, posixpath.dirname(current.uri) or ".")


def _label(document: Document, anchor: str | None) -> str:
    if anchor is None:
        return document.title
    if anchor[:1] == "p" and anchor[1:].isdigit():
        return f"{document.title}, ¶{anchor[1:]}"
    heading = next((h.title for h in document.outline.headings if h.anchor == anchor), anchor)
    return f"{document.title}: {heading}"


def makeExtension(**kwargs: Any) -> ReferencesExtension:
    return ReferencesExtension(**kwargs)
