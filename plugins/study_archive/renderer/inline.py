"""A Python-Markdown extension that lets the inline pass skip text no inline pattern can match.

Python-Markdown tries every inline pattern, one regular expression after another, on every run of text: a plain
paragraph of prose, which most of a long text is, costs some twenty searches that all fail. Each pattern it ships
(and the archive's `[[...]]` references) can only match where one of a few characters stands: a backtick, a
backslash, a bracket, `<`, `&`, `*`, `_`, or two spaces before a line break. A text with none of them comes out
of the pass unchanged, so it is handed back at once.

The shortcut holds only while every registered pattern is one of those known here, by class and expression; a
pattern from any other extension, or one a new Python-Markdown version writes differently, turns it off for the
whole converter, and every text takes the ordinary way. The output is the same either way (a property test
compares them).
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.treeprocessors import InlineProcessor

__all__ = ["InlineExtension", "KNOWN_PATTERNS"]

_TRIGGERS = re.compile(r"[`\\\[<&*_]| {2}\n")
"""Where any known pattern could begin."""

KNOWN_PATTERNS = frozenset({
    ("markdown.inlinepatterns.BacktickInlineProcessor", r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)"),
    ("markdown.inlinepatterns.EscapeInlineProcessor", r"\\(.)"),
    ("markdown.extensions.footnotes.FootnoteInlineProcessor", r"\[\^([^\]]*)\]"),
    ("study_archive.renderer.references.ReferenceProcessor", r"\[\[([^\[\]\n]+?)\]\]"),
    ("markdown.inlinepatterns.ReferenceInlineProcessor", r"(?<!\!)\["),
    ("markdown.inlinepatterns.LinkInlineProcessor", r"(?<!\!)\["),
    ("markdown.inlinepatterns.ImageInlineProcessor", r"\!\["),
    ("markdown.inlinepatterns.ImageReferenceInlineProcessor", r"\!\["),
    ("markdown.inlinepatterns.ShortReferenceInlineProcessor", r"(?<!\!)\["),
    ("markdown.inlinepatterns.ShortImageReferenceInlineProcessor", r"\!\["),
    ("markdown.inlinepatterns.AutolinkInlineProcessor", r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>"),
    ("markdown.inlinepatterns.AutomailInlineProcessor", r"<([^<> !]+@[^@<> ]+)>"),
    ("markdown.inlinepatterns.SubstituteTagInlineProcessor", r"  \n"),
    ("markdown.inlinepatterns.HtmlInlineProcessor", r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)"),
    ("markdown.inlinepatterns.DelimiterProcessor", r"\*|_"),
})
"""The inline patterns whose matches always begin at one of `_TRIGGERS`, by class and expression. Python-Markdown's
raw-HTML pattern is matched by its class and its first character alone (its expression is long): it begins with `<`."""

_HTML = "markdown.inlinepatterns.HtmlInlineProcessor"


def _known(pattern: object) -> bool:
    kind = f"{type(pattern).__module__}.{type(pattern).__qualname__}"
    expression = getattr(getattr(pattern, "compiled_re", None), "pattern", None)
    if kind == _HTML and isinstance(expression, str) and expression.startswith("(<"):
        return True
    return (kind, expression) in KNOWN_PATTERNS


class _Inline(InlineProcessor):
    """The inline pass, handing back at once a text in which no pattern could begin."""

    _shortcut = False

    def run(self, tree, ancestors=None):
        self._shortcut = all(_known(pattern) for pattern in self.inlinePatterns)
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802 (the base's name)
        if patternIndex == 0 and self._shortcut and _TRIGGERS.search(data) is None:
            return data
        return InlineProcessor._InlineProcessor__handleInline(self, data, patternIndex)


class InlineExtension(Extension):
    """Replaces Python-Markdown's inline pass with one that skips text no inline pattern can match."""

    def extendMarkdown(self, md: Markdown) -> None:
        if not hasattr(InlineProcessor, "_InlineProcessor__handleInline"):
            return  # A Python-Markdown whose inline pass is built otherwise: leave it as it is.
        if isinstance(md.treeprocessors["inline"], _Inline):
            return
        md.treeprocessors.register(_Inline(md), "inline", 20)
