"""A Python-Markdown extension that links the first mention of each glossary term in a text.

The core's glossary says which terms a text mentions and in which paragraph first; this
links that mention on the page to the term, with its short definition as a tooltip and its title and
definition in data attributes, from which the theme's script opens a popover on a tap or a key. It never
links inside a link, code, or an annotation's note number.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown

from ..model.archive import Archive
from ..model.document import Document
from .page import PageExtension, PageTreeprocessor
from .references import relative_href
from .textspan import find_phrase, wrap_span

__all__ = ["GlossaryExtension", "makeExtension"]

_SKIPPED = {"a", "code", "pre", "sup"}


class GlossaryExtension(PageExtension):
    """Links first mentions of glossary terms in the text being rendered."""

    def __init__(self, archive: Archive | None = None, **kwargs: Any) -> None:
        self.config = {"enabled": [True, "Link glossary terms; a builder may turn it off."]}
        super().__init__(archive, **kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline patterns (20) and annotation marks (15), so links wrap the final text.
        md.treeprocessors.register(TermLinker(md, self), "archive_glossary", 14)


class TermLinker(PageTreeprocessor):
    def run(self, root: etree.Element) -> None:
        archive, text = self.extension.archive, self.extension.current
        if archive is None or not self.extension.rendering_text or not self.extension.getConfig("enabled"):
            return
        paragraphs = {element.get("id"): element for element in root if element.get("id", "").startswith("p")}
        for mention in archive.glossary.first_mentions_in(text):
            paragraph = paragraphs.get(f"p{mention.paragraph}")
            if paragraph is None:
                continue
            spans = find_phrase(paragraph, mention.written, skip=lambda element: element.tag in _SKIPPED,
                                ignore_case=True, whole_words=True)
            if spans and len(spans[0].pieces) == 1:
                wrap_span(paragraph, spans[0], lambda index: self._link(mention.term, text))

    def _link(self, term: Document, text: Document) -> etree.Element:
        link = etree.Element("a", {"href": relative_href(text, term), "class": "archive-ref archive-ref--term archive-term"})
        link.set("data-term", term.title)
        if term.meta is not None:
            link.set("title", term.meta.short)
        return link


def makeExtension(**kwargs: Any) -> GlossaryExtension:
    return GlossaryExtension(**kwargs)
