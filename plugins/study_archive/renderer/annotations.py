"""A Python-Markdown extension that renders a text's stand-off annotations.

Each annotated phrase is highlighted and followed by a note number; the notes follow the
text as numbered endnotes, which is how the page reads without JavaScript. The theme's
script turns them into sidenotes on wide screens and popovers on phones. A phrase that
cannot be found, or is ambiguous, becomes a problem naming the notes file and line, and
its note still appears among the endnotes.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.util import AtomicString

from ..model.annotation import Annotation
from ..model.archive import Archive
from ..model.problem import Problem
from .page import PageExtension, PageTreeprocessor
from .textspan import find_phrase, wrap_span

__all__ = ["AnnotationsExtension", "makeExtension"]


class AnnotationsExtension(PageExtension):
    """Highlights annotated phrases and appends the notes of the document being rendered."""

    def __init__(self, archive: Archive | None = None, **kwargs: Any) -> None:
        self.config = {"heading": ["Editorial notes", "The heading of the notes section."]}
        super().__init__(archive, **kwargs)

    def annotations(self) -> list[Annotation]:
        if self.archive is None or not self.rendering_text:
            return []
        return self.archive.annotations.get(self.current.id, [])

    def extendMarkdown(self, md: Markdown) -> None:
        # Notes are appended before the block tree is inline-processed (20), so that their
        # Markdown is rendered like the text's; phrases are marked after it, on the final text.
        md.treeprocessors.register(NotesAppender(md, self), "archive_notes", 26)
        md.treeprocessors.register(PhraseMarker(md, self), "archive_marks", 15)


class NotesAppender(PageTreeprocessor):
    def run(self, root: etree.Element) -> None:
        annotations = self.extension.annotations()
        if not annotations:
            return
        section = etree.SubElement(root, "section", {"class": "archive-notes", "aria-labelledby": "editorial-notes"})
        heading = etree.SubElement(section, "h2", {"id": "editorial-notes"})
        heading.text = self.extension.getConfig("heading")
        notes = etree.SubElement(section, "ol", {"class": "archive-notes__list"})
        for annotation in annotations:
            self._note(notes, annotation)

    def _note(self, notes: etree.Element, annotation: Annotation) -> None:
        item = etree.SubElement(notes, "li", {
            "id": annotation.anchor, "class": "archive-note", "data-layer": annotation.layer,
            "value": str(annotation.number),
        })
        meta = etree.SubElement(item, "p", {"class": "archive-note__meta"})
        place = etree.SubElement(meta, "a", {"href": f"#p{annotation.paragraph}"})
        place.text = f"¶{annotation.paragraph}"
        # Plain text from front matter and folder names: never read as Markdown.
        place.tail = AtomicString(f" · {annotation.layer_title} · {annotation.author}, {annotation.date.isoformat()}")
        body = etree.SubElement(item, "div", {"class": "archive-note__body"})
        self.md.parser.parseChunk(body, annotation.body)
        back = etree.SubElement(item, "a", {
            "class": "archive-note__back", "href": f"#noteref-{annotation.number}", "aria-label": "Back to the text",
        })
        back.text = "↩"


class PhraseMarker(PageTreeprocessor):
    def run(self, root: etree.Element) -> None:
        annotations = self.extension.annotations()
        if not annotations:
            return
        paragraphs = {element.get("id"): element for element in root if element.get("id", "").startswith("p")}
        for annotation in annotations:
            paragraph = paragraphs.get(f"p{annotation.paragraph}")
            if paragraph is None or not self._mark(paragraph, annotation):
                self._point_back_to_paragraph(root, annotation)

    def _point_back_to_paragraph(self, root: etree.Element, annotation: Annotation) -> None:
        """A note whose phrase was not found links back to its paragraph instead."""
        for back in root.iterfind(f".//li[@id='{annotation.anchor}']/a[@class='archive-note__back']"):
            back.set("href", f"#p{annotation.paragraph}")

    def _mark(self, paragraph: etree.Element, annotation: Annotation) -> bool:
        spans = find_phrase(paragraph, annotation.phrase, skip=_is_note_reference)
        occurrence = annotation.occurrence
        if not spans or (occurrence or 1) > len(spans):
            where = f"paragraph {annotation.paragraph}" + (f" ({len(spans)} occurrence{'s' if len(spans) != 1 else ''})" if spans else "")
            self._problem(annotation, f"the phrase \"{annotation.phrase}\" is not in {where} of '{annotation.text}'",
                          "copy the phrase exactly as the page shows it (no Markdown), or fix the paragraph number")
            return False
        if len(spans) > 1 and occurrence is None:
            self._problem(annotation, f"the phrase \"{annotation.phrase}\" occurs {len(spans)} times in paragraph {annotation.paragraph}",
                          f"add which one to the heading, e.g. ## p{annotation.paragraph} \"{annotation.phrase}\" (2)")
            return False
        marks = wrap_span(paragraph, spans[(occurrence or 1) - 1], lambda index: _mark_element(annotation, index))
        self._add_reference(paragraph, marks[-1], annotation)
        return True

    def _add_reference(self, paragraph: etree.Element, last_mark: etree.Element, annotation: Annotation) -> None:
        parent = next(element for element in paragraph.iter() if last_mark in list(element))
        reference = etree.Element("sup", {"class": "archive-noteref", "data-layer": annotation.layer})
        link = etree.SubElement(reference, "a", {
            "href": f"#{annotation.anchor}", "id": f"noteref-{annotation.number}",
            "aria-label": f"{annotation.layer_title} note {annotation.number}",
        })
        link.text = str(annotation.number)
        reference.tail, last_mark.tail = last_mark.tail, None
        parent.insert(list(parent).index(last_mark) + 1, reference)

    def _problem(self, annotation: Annotation, message: str, hint: str) -> None:
        self.extension.problems.append(Problem(annotation.path, annotation.line, 1, message, hint))


def _mark_element(annotation: Annotation, index: int) -> etree.Element:
    attributes = {"class": "archive-mark", "data-layer": annotation.layer, "data-note": str(annotation.number)}
    if index == 0:
        attributes["id"] = f"mark-{annotation.number}"
    return etree.Element("mark", attributes)


def _is_note_reference(element: etree.Element) -> bool:
    """A note's number or a footnote's mark: the reader's phrase runs past them, as the archive's outline does."""
    return element.tag == "sup" and ("archive-noteref" in (element.get("class") or "")
                                     or (element.get("id") or "").startswith("fnref"))


def makeExtension(**kwargs: Any) -> AnnotationsExtension:
    return AnnotationsExtension(**kwargs)
