"""What versions of a work add to the site: a side-by-side page for each pair of versions that line up.

The page at `readings/<id>/compare/<other>/` shows the paragraphs of one version beside those the
model lines up with them (`study_archive.model.version`). Both texts are rendered by the site's
own pipeline, numbered as their pages number them; the ids of each column are prefixed so that two
texts can share one page, and their links are settled to work from the page's deeper address.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass, replace

from markupsafe import Markup

from ..model.archive import Archive
from ..model.document import Document
from ..model.site import Site
from ..model.version import Pair
from .excerpt import Excerpter

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
    depth = url.strip("/").count("/") + 1
    # Links are settled as for a site at the page's root, written relative to the page: `../../../../readings/x/`.
    excerpter = Excerpter(archive, replace(site, url="../" * depth))
    left, left_notes = _blocks(excerpter, pair.left, "l-")
    right, right_notes = _blocks(excerpter, pair.right, "r-")
    excerpter.take_problems()  # Already reported by the texts' own pages.
    rows = tuple((_column(left, row.left), _column(right, row.right)) for row in pair.rows)
    return SideBySide(pair, rows, (left_notes, right_notes))


def _blocks(excerpter: Excerpter, text: Document, prefix: str) -> tuple[dict[int, list[etree.Element]], Markup]:
    """A text's blocks by the paragraph they belong to (headings go with the paragraph after them), and its notes."""
    body = excerpter.excerpt(text, None).html
    root = etree.fromstring(f"<div>{body}</div>")
    _prefix_ids(root, prefix)
    blocks: dict[int, list[etree.Element]] = {}
    waiting: list[etree.Element] = []
    notes: list[etree.Element] = []
    for element in root:
        if "footnote" in (element.get("class") or "").split():
            notes.append(element)
        elif element.get("data-paragraph") is not None:
            blocks[int(element.get("data-paragraph"))] = [*waiting, element]
            waiting = []
        elif element.tag in _HEADING or not blocks:
            waiting.append(element)
        else:  # An unnumbered block after a paragraph, such as raw HTML: it stays with that paragraph.
            blocks[max(blocks)].append(element)
    return blocks, _html(notes)


def _prefix_ids(root: etree.Element, prefix: str) -> None:
    """Give each id of one column a prefix, and the links inside the column with it, so two texts share a page."""
    for element in root.iter():
        if element.get("id"):
            element.set("id", prefix + element.get("id"))
        if element.tag == "a" and (element.get("href") or "").startswith("#"):
            element.set("href", "#" + prefix + element.get("href")[1:])


def _column(blocks: dict[int, list[etree.Element]], numbers: tuple[int, ...]) -> Column:
    return Column(numbers, _html([element for number in numbers for element in blocks.get(number, [])]))


def _html(elements: list[etree.Element]) -> Markup:
    # The elements come from the site's sanitized pipeline, so their markup is safe to print.
    return Markup("".join(etree.tostring(element, encoding="unicode", method="html") for element in elements))


VERSION_FUNCTIONS = {"side_by_side": side_by_side}
"""For templates: `side_by_side(archive, site, page.url)`."""
