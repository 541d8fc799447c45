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

from markdown import Markdown

from ..model.outline import Outline
from .reading import is_numbered
from .page import PageExtension, PageTreeprocessor
from ..model.problem import counted

__all__ = ["ParagraphsExtension", "makeExtension"]


class ParagraphsExtension(PageExtension):
    """Numbers top-level paragraphs, block quotes, lists and tables.

    Example:
        ```python
        markdown.markdown(text, extensions=[ParagraphsExtension(enabled=True)])
        ```
    """

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "enabled": [True, "Number Markdown that is no document of the archive; a library text always is."],
            "words_per_minute": [230, "Reading speed for the reading time shown on each section heading."],
        }
        super().__init__(**kwargs)
        self.numbered = 0
        """How many paragraphs the last page numbered, for the builder to check against the core."""

    @property
    def numbering(self) -> bool:
        return self.rendering_text or (self.current is None and self.getConfig("enabled"))

    @property
    def outline(self) -> Outline | None:
        """The core's outline of the text being rendered: its sections' word counts label the headings."""
        return self.current.outline if self.rendering_text else None

    def extendMarkdown(self, md: Markdown) -> None:
        # After the block parser and footnotes (50), before inline patterns (20) change the tree.
        md.treeprocessors.register(ParagraphNumberer(md, self), "archive_paragraphs", 25)


class ParagraphNumberer(PageTreeprocessor):
    def run(self, root: etree.Element) -> None:
        self.extension.numbered = 0
        if not self.extension.numbering:
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
        return f"{counted(words, 'word')} · {minutes} min"


def makeExtension(**kwargs: Any) -> ParagraphsExtension:
    return ParagraphsExtension(**kwargs)
