"""A Python-Markdown extension that numbers the paragraphs of a text.

It marks the same top-level blocks the core counts (see `core.paragraph`): each gets an
`id` of `p<number>` for links and citations, and a `data-paragraph` attribute the theme
shows as the visible number. It records how many it numbered, so that a builder can
check the page against the core's count and report any disagreement.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ..core.paragraph import Outline, is_numbered

__all__ = ["ParagraphsExtension", "makeExtension"]


class ParagraphsExtension(Extension):
    """Numbers top-level paragraphs, block quotes, lists and tables.

    Example:
        ```python
        markdown.markdown(text, extensions=[ParagraphsExtension(enabled=True)])
        ```
    """

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "enabled": [True, "Number this document's paragraphs; a builder turns it off for non-texts."],
            "words_per_minute": [230, "Reading speed for the reading time shown on each section heading."],
        }
        super().__init__(**kwargs)
        self.numbered = 0
        self.outline: Outline | None = None
        """The core's outline of the text being rendered: its sections' word counts label the headings."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After the block parser and footnotes (50), before inline patterns (20) change the tree.
        md.treeprocessors.register(ParagraphNumberer(md, self), "archive_paragraphs", 25)


class ParagraphNumberer(Treeprocessor):
    def __init__(self, md: Markdown, extension: ParagraphsExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        self.extension.numbered = 0
        if not self.extension.getConfig("enabled"):
            return
        headings = iter(self.extension.outline.headings if self.extension.outline else ())
        for element in root:
            if re.fullmatch(r"h[1-6]", element.tag) and self.extension.outline is not None:
                heading = next(headings, None)
                if heading is not None:
                    element.set("data-reading-time", self._reading_time(self.extension.outline.section_words(heading)))
            if is_numbered(element):
                self.extension.numbered += 1
                number = str(self.extension.numbered)
                element.set("id", f"p{number}")
                element.set("data-paragraph", number)
                element.set("class", " ".join(filter(None, [element.get("class"), "archive-paragraph"])))


    def _reading_time(self, words: int) -> str:
        minutes = max(1, math.ceil(words / self.extension.getConfig("words_per_minute")))
        return f"{words:,} words · {minutes} min"


def makeExtension(**kwargs: Any) -> ParagraphsExtension:
    return ParagraphsExtension(**kwargs)
