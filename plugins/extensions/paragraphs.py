"""A Python-Markdown extension that numbers the paragraphs of a text.

It marks the same top-level blocks the core counts (see `core.paragraph`): each gets an
`id` of `p<number>` for links and citations, and a `data-paragraph` attribute the theme
shows as the visible number. It records how many it numbered, so that a builder can
check the page against the core's count and report any disagreement.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ..core.paragraph import is_numbered

__all__ = ["ParagraphsExtension", "makeExtension"]


class ParagraphsExtension(Extension):
    """Numbers top-level paragraphs, block quotes, lists and tables.

    Example:
        ```python
        markdown.markdown(text, extensions=[ParagraphsExtension(enabled=True)])
        ```
    """

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"enabled": [True, "Number this document's paragraphs; a builder turns it off for non-texts."]}
        super().__init__(**kwargs)
        self.numbered = 0

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
        for element in root:
            if is_numbered(element):
                self.extension.numbered += 1
                number = str(self.extension.numbered)
                element.set("id", f"p{number}")
                element.set("data-paragraph", number)
                element.set("class", " ".join(filter(None, [element.get("class"), "archive-paragraph"])))


def makeExtension(**kwargs: Any) -> ParagraphsExtension:
    return ParagraphsExtension(**kwargs)
