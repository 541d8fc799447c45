"""What versions of a work add to the site: a side-by-side page for each pair of versions that line up.

The page at `readings/<id>/compare/<other>/` shows the paragraphs of one version beside those the
model lines up with them (`study_archive.model.version`). Both texts are rendered by the site's
own pipeline, sanitizer and raw HTML included, numbered as their pages number them; the ids of each
column are prefixed so that two texts can share one page, and their links are settled to work from
the page's deeper address.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from ..model.archive import Archive
from ..model.document import Document, page_url
from ..model.site import Site
from ..model.version import Pair
from ..renderer.pipeline import ArchiveExtensions, markdown_for

__all__ = ["VERSION_FUNCTIONS", "Column", "SideBySide", "compare_pages", "side_by_side"]

_HEADING = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass(frozen=True)
class Column:
    """One version's part of a row: its paragraph numbers and their HTML, headings before them included."""

    numbers: tuple[int, ...]
    html: Markup


@dataclass(frozen=True)
class SideBySide:
    """A pair of versions as the side-by-side page shows them, row by row, with each version's footnotes."""

    pair: Pair
    rows: tuple[tuple[Column, Column], ...]
    notes: tuple[Markup, Markup]


def compare_pages(archive: Archive) -> Iterator[tuple[str, str, str, Document]]:
    """The side-by-side page of each pair of versions that line up, as `(uri, title, template, left)`."""
    for pair in archive.versions.pairs.values():
        title = f"{pair.left.title} ({pair.left.meta.language}) beside {pair.right.title} ({pair.right.meta.language})"
        yield pair.uri, title, "archive/compare.html", pair.left


def side_by_side(archive: Archive, site: Site, url: str) -> SideBySide | None:
    """The rows of the side-by-side page published at `url`, or None if no pair is published there."""
    pair = archive.versions.pair_at(url)
    if pair is None:
        return None
    extensions = ArchiveExtensions(archive, words_per_minute=site.words_per_minute, marks=False)
    md = markdown_for(site, extensions)
    columns = _Columns(md, depth=url.strip("/").count("/") + 1)
    md.treeprocessors.register(columns, "archive_compare_columns", 0.5)  # Last: after inline markup and the sanitizer.
    left, left_notes = _blocks(md, extensions, columns, pair.left, "l-")
    right, right_notes = _blocks(md, extensions, columns, pair.right, "r-")
    extensions.take_problems()  # Already reported by the texts' own pages.
    rows = tuple((Column(row.left, _joined(left, row.left)), Column(row.right, _joined(right, row.right)))
                 for row in pair.rows)
    return SideBySide(pair, rows, (left_notes, right_notes))


def _blocks(md: markdown.Markdown, extensions: ArchiveExtensions, columns: _Columns, text: Document,
            prefix: str) -> tuple[dict[int, str], Markup]:
    """A text's HTML by the paragraph each block belongs to (headings go with the paragraph after them), and its
    footnotes."""
    columns.source, columns.prefix = text.uri, prefix
    md.reset()
    with extensions.rendering(text):
        html = md.convert(text.body)
    parts = _SPLIT.split(html)
    blocks = {int(key): part for key, part in zip(parts[1::2], parts[2::2]) if key != "notes"}
    notes = next((part for key, part in zip(parts[1::2], parts[2::2]) if key == "notes"), "")
    return blocks, Markup(notes)


def _joined(blocks: dict[int, str], numbers: tuple[int, ...]) -> Markup:
    # The blocks come from the site's own pipeline, sanitizer included, so their markup is safe to print.
    return Markup("".join(blocks.get(number, "") for number in numbers))


class _Columns(Treeprocessor):
    """Marks where each paragraph's blocks begin, and makes ids and links work in a column of a deeper page."""

    def __init__(self, md: markdown.Markdown, depth: int) -> None:
        super().__init__(md)
        self.up = "../" * depth
        """From the side-by-side page back to the site's root."""
        self.source = ""
        self.prefix = ""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.get("id"):
                element.set("id", self.prefix + element.get("id"))
            if element.tag == "a" and element.get("href"):
                element.set("href", self._settled(element.get("href")))
            if element.tag == "img" and element.get("src"):
                element.set("src", self._settled(element.get("src")))
        children = list(root)
        marks: dict[int, str] = {}
        """Where each part begins, by the index of its first block."""
        number, waiting = 0, None
        for index, element in enumerate(children):
            if "footnote" in (element.get("class") or "").split():
                marks[index] = "notes"
            elif element.get("data-paragraph") is not None:
                number = int(element.get("data-paragraph"))
                marks[index if waiting is None else waiting] = str(number)  # Headings before it go with it.
                waiting = None
            elif (element.tag in _HEADING or number == 0) and waiting is None:
                waiting = index
            # Anything else unnumbered (raw HTML, a rule) stays with the paragraph before it.
        root[:] = [part for index, element in enumerate(children)
                   for part in ([_mark(marks[index])] if index in marks else []) + [element]]

    def _settled(self, href: str) -> str:
        """A link as the column must write it: within the column, or from the site's root down."""
        if href.startswith("#"):
            return "#" + self.prefix + href[1:]
        if urlsplit(href).scheme or href.startswith(("/", "//")):
            return href
        path, _, fragment = href.partition("#")
        # Links in a body are written from its source file, as MkDocs reads them.
        path = posixpath.normpath(posixpath.join(posixpath.dirname(self.source), path or posixpath.basename(self.source)))
        if path.endswith(".md"):
            path = page_url(path)
        return self.up + path + (f"#{fragment}" if fragment else "")


def _mark(key: str) -> etree.Element:
    return etree.Element("archive-part", {"data-key": key})


_SPLIT = re.compile(r'<archive-part data-key="([0-9]+|notes)"></archive-part>')


VERSION_FUNCTIONS = {"side_by_side": side_by_side}
"""For templates: `side_by_side(archive, site, page.url)`."""
