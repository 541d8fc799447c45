"""Excerpts: paragraph ranges of library texts rendered on their own, as XHTML for a reading packet.

A packet carries the assigned paragraphs, not whole pages, and it leaves the site behind:
its markup must be well-formed XML, and a link may only point inside the excerpt or to a
full web address. So a text is rendered with the site's own Markdown extensions and
paragraph numbers, and then the tree is cut to the span and its links settled: references
to the archive become addresses on the published site (or plain words when the site has
no address), and links to footnotes or headings left outside the span are unlinked.
"""

from __future__ import annotations

import html.entities
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from ..renderer.pipeline import ArchiveExtensions, markdown_for
from ..model.archive import Archive
from ..model.curriculum import Span
from ..model.document import Document, page_url
from ..model.problem import Problem
from ..model.site import Site

__all__ = ["Excerpt", "Excerpter", "Notes"]

Notes = Callable[[Document, int], Sequence[str]]
"""Notes on one paragraph of a text, as Markdown, in reading order; a packet prints them as endnotes."""

_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}
_HEADING = re.compile(r"h[1-6]")


@dataclass(frozen=True)
class Excerpt:
    """The XHTML of a span of a text and of the notes on it, each note numbered from 1."""

    html: str
    notes: tuple[str, ...]


class Excerpter:
    """Renders spans of texts with the site's Markdown extensions, numbered as the site numbers them."""

    def __init__(self, archive: Archive, site: Site, notes: Notes | None = None) -> None:
        self.notes = notes
        # The site's pipeline, sanitizer included, without the marks a page adds: notes come as endnotes instead.
        self.extensions = ArchiveExtensions(archive, words_per_minute=site.words_per_minute, marks=False)
        self._prose_extensions = ArchiveExtensions(archive, marks=False)
        self._md, self._cutter = _xhtml(markdown_for(site, self.extensions, output_format="xhtml"), site.url)
        self._prose, _ = _xhtml(markdown_for(Site(), self._prose_extensions, output_format="xhtml"), site.url)

    def excerpt(self, text: Document, span: Span | None) -> Excerpt:
        """The paragraphs of `span` (all of them for None) with their headings, footnotes and notes."""
        self._cutter.span, self._cutter.source, self._cutter.keep_raw = span, text.uri, True
        self._cutter.notes = (lambda number: self.notes(text, number)) if self.notes else None
        with self.extensions.rendering(text):
            # One converter serves every text: reset it, or footnotes and abbreviations of the last carry over.
            body = self._md.reset().convert(text.body)
            if not _well_formed(body):
                self._cutter.keep_raw = False  # Raw HTML that is not XML: leave those blocks out.
                body = self._md.reset().convert(text.body)
        notes = tuple(self.prose(note) for note in self._cutter.found)
        return Excerpt(body, notes)

    def prose(self, source: str) -> str:
        """Markdown that is not a text, such as an introduction or a note, as XHTML."""
        return self._prose.reset().convert(source)

    def take_problems(self) -> list[Problem]:
        """What the sanitizer and the references found in what was rendered since the last call."""
        return self.extensions.take_problems() + self._prose_extensions.take_problems()


def _xhtml(md: markdown.Markdown, site_url: str | None) -> tuple[markdown.Markdown, _Cutter]:
    """The converter made to write XML whose links work outside the site."""
    if "html" in md.inlinePatterns:
        md.inlinePatterns.deregister("html")  # Inline HTML is shown as written: it may not be XML.
    cutter = _Cutter(md, site_url)
    md.treeprocessors.register(cutter, "archive_excerpt", 0.5)  # After inline markup (20), toc (5) and the sanitizer (1).
    md.postprocessors.register(_XmlEntities(md), "archive_xml_entities", 0)
    return md, cutter


class _Cutter(Treeprocessor):
    """Keeps the span's blocks, marks notes, and settles links once inline markup is rendered."""

    def __init__(self, md: markdown.Markdown, site_url: str | None) -> None:
        super().__init__(md)
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.span: Span | None = None
        self.source = ""
        """The source path of the text being cut, which its relative links start from."""
        self.keep_raw = True
        self.notes: Callable[[int], Sequence[str]] | None = None
        self.found: list[str] = []

    def run(self, root: etree.Element) -> None:
        self.found = []
        number = 0
        for element in list(root):
            numbered = element.get("data-paragraph") is not None
            number = int(element.get("data-paragraph")) if numbered else number
            if self._keeps(element, number, numbered):
                element.attrib.pop("data-reading-time", None)  # The site's label for a section; a book has none.
                if numbered and self.notes:
                    self._mark_notes(element, self.notes(number))
            else:
                root.remove(element)
        self._trim_footnotes(root)
        ids = {element.get("id") for element in root.iter() if element.get("id")}
        for parent in root.iter():
            for element in list(parent):
                if element.tag == "a" and "headerlink" in (element.get("class") or "").split():
                    parent.remove(element)  # A heading's link to itself means nothing in a book.
                elif element.tag == "a":
                    self._settle(element, ids)
                elif element.tag == "img":
                    element.tag, element.text, element.attrib = "span", element.get("alt", ""), {}

    def _keeps(self, element: etree.Element, number: int, numbered: bool) -> bool:
        if element.tag == "div" and "footnote" in (element.get("class") or "").split():
            return True
        if element.tag == "p" and not numbered and not self.keep_raw:
            return False  # Only a raw HTML block is an unnumbered paragraph.
        if self.span is None:
            return True
        if numbered:
            return self.span.first <= number <= self.span.last
        if _HEADING.fullmatch(element.tag):
            return self.span.first - 1 <= number < self.span.last
        return self.span.first <= number < self.span.last

    def _mark_notes(self, element: etree.Element, notes: Sequence[str]) -> None:
        for note in notes:
            self.found.append(note)
            number = len(self.found)
            target = element
            if element.tag not in ("p", "blockquote"):
                target = next(iter([*element.iter("li"), *element.iter("td")][-1:]), element)
            mark = etree.SubElement(etree.SubElement(target, "sup"), "a", {
                "href": f"#note-{number}", "id": f"noteref-{number}", "epub:type": "noteref", "role": "doc-noteref",
            })
            mark.text = str(number)

    @staticmethod
    def _trim_footnotes(root: etree.Element) -> None:
        """Drop footnotes whose mark lies outside the span, and the footnote block if none is left."""
        marked = {element.get("href", "")[1:] for element in root.iter("a")
                  if "footnote-ref" in (element.get("class") or "").split()}
        for block in [element for element in root if "footnote" in (element.get("class") or "").split()]:
            for items in block.iter("ol"):
                for item in [item for item in items if item.get("id") not in marked]:
                    items.remove(item)
            if not any(True for _ in block.iter("li")):
                root.remove(block)

    def _settle(self, link: etree.Element, ids: set[str | None]) -> None:
        href = link.get("href", "")
        if href.startswith(("http://", "https://", "mailto:")) or link.get("epub:type") == "noteref":
            return
        if href.startswith("#") and href[1:] in ids:
            return
        if self.site_url:
            path, _, fragment = href.partition("#")
            if not path.startswith("/"):  # Relative to the text's source, as the references write it.
                path = posixpath.normpath(posixpath.join(posixpath.dirname(self.source), path or posixpath.basename(self.source)))
            path = path.lstrip("/")
            if path.endswith(".md"):
                path = page_url(path)
            link.set("href", self.site_url + path + (f"#{fragment}" if fragment else ""))
            return
        link.tag = "span"
        link.attrib = {key: value for key, value in link.attrib.items() if key == "class"}


class _XmlEntities(Postprocessor):
    """Named character references are HTML, not XML: write them as the characters they stand for."""

    def run(self, text: str) -> str:
        return _ENTITY.sub(_character, text)


def _character(match: re.Match[str]) -> str:
    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group(0)
    character = html.entities.html5.get(name + ";")
    return f"&#{ord(character)};" if character and len(character) == 1 else match.group(0).replace("&", "&amp;")


def _well_formed(fragment: str) -> bool:
    try:
        etree.fromstring(f"<div>{fragment}</div>")
    except etree.ParseError:
        return False
    return True


def notes_on_paragraph(archive: Archive):
    """A function giving the notes on one paragraph of a text as Markdown, for reading packets."""

    def notes(text: Document, paragraph: int) -> list[str]:
        return [f"*{note.layer_title} ({note.author}), on “{note.phrase}”:* {note.body}"
                for note in archive.annotations.get(text.id, []) if note.paragraph == paragraph]

    return notes
