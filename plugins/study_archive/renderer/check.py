"""Every page of an archive rendered as the build renders it, for the problems only: the check without a site.

A build finds some problems only while it renders pages: an annotation whose phrase is not in its paragraph, a
reference to a paragraph or heading that does not exist, HTML the sanitizer removes. `rendering_problems` runs each
document that becomes a page through the same pipeline (`ArchiveExtensions` and `markdown_for`), so that
`archive check` reports what a strict build fails on. Only the link check of the built HTML needs a built site.
"""

from __future__ import annotations

from ..model.archive import Archive
from ..model.document import Document, Kind
from ..model.problem import Problem
from ..model.site import Site
from .pipeline import ArchiveExtensions, markdown_for

__all__ = ["numbering_problem", "page_documents", "rendering_problems"]


def page_documents(archive: Archive) -> list[Document]:
    """The documents the build renders as pages, one per page address; notes are rendered inside their texts."""
    by_uri: dict[str, Document] = {}
    for document in archive.documents:
        if document.kind is not Kind.NOTES:
            by_uri.setdefault(document.uri, document)  # Of two sources for one page, the first is built.
    return list(by_uri.values())


def rendering_problems(archive: Archive, site: Site) -> list[Problem]:
    """What rendering every page finds, in the order a build finds it."""
    extensions = ArchiveExtensions(archive, words_per_minute=site.words_per_minute)
    md = markdown_for(site, extensions)
    problems: list[Problem] = []
    for document in page_documents(archive):
        md.reset()
        with extensions.rendering(document):
            md.convert(document.body)
        problems += extensions.take_problems()
        mismatch = numbering_problem(document, extensions.paragraphs.numbered)
        if mismatch is not None:
            problems.append(mismatch)
    return problems


def numbering_problem(document: Document, numbered: int) -> Problem | None:
    """A text whose page numbers other paragraphs than the catalog counted: a bug, never the contributor's."""
    expected = len(document.outline.paragraphs)
    if document.kind is not Kind.TEXT or numbered == expected:
        return None
    return Problem(document.path, document.front.body_line, 1,
                   f"the page numbers {numbered} paragraph{'s' if numbered != 1 else ''} but the archive counted "
                   f"{expected}", "please report this with the text attached")
