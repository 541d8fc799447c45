"""Every page of an archive rendered as the build renders it, for the problems only: the check without a site.

A build finds some problems only while it renders pages: an annotation whose phrase is not in its paragraph, a
reference to a paragraph or heading that does not exist, HTML the sanitizer removes. `rendering_problems` runs each
document that becomes a page through the same pipeline (`ArchiveExtensions` and `markdown_for`), so that
`archive check` reports what a strict build fails on. Only the link check of the built HTML needs a built site.

Each body is read once. The check loads the archive with a `PageReader`, which parses every body with a page
converter of its own (its preprocessors and block parser, which are the site's extensions only, as the catalog's
reader has them) and reads the outline from that tree; the render then goes on from the same tree with the same
converter, through its tree processors and postprocessors. What the check does not need is left out: the HTML is never
serialized (the postprocessors, the sanitizer's audit of raw HTML among them, run on the stash alone), and the two
tree processors that only polish the HTML's text for output are skipped.

    extensions = ArchiveExtensions(words_per_minute=site.words_per_minute)
    reader = PageReader(site, extensions)
    archive = Archive.load(root, site.layout, reader)
    problems = rendering_problems(archive, site, extensions, reader)
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown

from ..model.archive import Archive
from ..model.document import Document, Kind
from ..model.outline import Outline
from ..model.problem import Problem
from ..model.site import Site
from .pipeline import ArchiveExtensions, markdown_for
from .reading import reader_for

__all__ = ["PageReader", "numbering_problem", "page_documents", "rendering_problems"]


_UNSEEN = ("prettify", "unescape")
"""Python-Markdown's tree processors that change nothing any problem is found in: the first only adds line breaks
between elements, the second turns escaped characters back after the sanitizer (the last to find problems) ran."""


class PageReader:
    """The check's `Reader`: each body parsed by a page converter of its own, kept for its render to go on from.

    A converter costs under a millisecond to build, much less than parsing a page again. Bodies are kept by their
    text, each parse used once; a body with no kept parse (blank, or read elsewhere) is rendered from the start.
    """

    def __init__(self, site: Site, extensions: ArchiveExtensions) -> None:
        self._site = site
        self._extensions = extensions
        self._segmenter = reader_for(site)
        """The catalog's own reader: it reads the outline, and parses footnote definitions apart from the page."""
        self._kept: dict[str, list[tuple[markdown.Markdown, etree.Element]]] = {}

    def outline(self, source: str) -> Outline:
        md = markdown_for(self._site, self._extensions)
        root, outline = self._segmenter.read(md, source)
        if source.strip():  # Python-Markdown renders a blank body as nothing, running no tree processor.
            self._kept.setdefault(source, []).append((md, root))
        return outline

    def render(self, body: str) -> None:
        """Finish rendering `body` for its problems: from its kept parse, else from the start; no HTML is made."""
        kept = self._kept.get(body)
        if not kept:
            md = markdown_for(self._site, self._extensions)
            md.convert(body)
            return
        md, root = kept.pop(0)
        unseen = {md.treeprocessors[name] for name in _UNSEEN if name in md.treeprocessors}
        for treeprocessor in md.treeprocessors:  # As `Markdown.convert` runs them, minus what no problem depends on.
            if treeprocessor in unseen:
                continue
            replaced = treeprocessor.run(root)
            if replaced is not None:
                root = replaced
        for postprocessor in md.postprocessors:
            postprocessor.run("")

    def clear(self) -> None:
        """Let go of every parse not rendered (notes files, a second source for one page)."""
        self._kept.clear()


def page_documents(archive: Archive) -> list[Document]:
    """The documents the build renders as pages, one per page address; notes are rendered inside their texts."""
    by_uri: dict[str, Document] = {}
    for document in archive.documents:
        if document.kind is not Kind.NOTES:
            by_uri.setdefault(document.uri, document)  # Of two sources for one page, the first is built.
    return list(by_uri.values())


def rendering_problems(archive: Archive, site: Site, extensions: ArchiveExtensions | None = None,
                       reader: PageReader | None = None) -> list[Problem]:
    """What rendering every page finds, in the order a build finds it: from the parses `reader` kept when it loaded
    the archive (with `extensions`), or else from the start."""
    extensions = extensions or ArchiveExtensions(words_per_minute=site.words_per_minute)
    extensions.bind(archive)
    reader = reader or PageReader(site, extensions)
    problems: list[Problem] = []
    for document in page_documents(archive):
        with extensions.rendering(document):
            reader.render(document.body)
        problems += extensions.take_problems()
        mismatch = numbering_problem(document, extensions.paragraphs.numbered)
        if mismatch is not None:
            problems.append(mismatch)
    reader.clear()
    return problems


def numbering_problem(document: Document, numbered: int) -> Problem | None:
    """A text whose page numbers other paragraphs than the catalog counted: a bug, never the contributor's."""
    expected = len(document.outline.paragraphs)
    if document.kind is not Kind.TEXT or numbered == expected:
        return None
    return Problem(document.path, document.front.body_line, 1,
                   f"the page numbers {numbered} paragraph{'s' if numbered != 1 else ''} but the archive counted "
                   f"{expected}", "please report this with the text attached")
