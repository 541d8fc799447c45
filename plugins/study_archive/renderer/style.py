"""The `style` attribute's allow-list: layout and type properties whose values load nothing.

Old editions of real books set a title's size or a table's width inline (`style="font-size: 24pt"`). Those
declarations carry no risk and are kept; everything CSS could use to load a file or run code is refused
(`url()`, `image-set()`, `expression()`, `@import`, `behavior`, `-moz-binding`), and any other property is dropped.
The attribute is read with tinycss2, a tokenizer that follows the CSS Syntax specification as browsers do, so that
escapes (`u\\72 l(`), comments and odd spacing are read as a browser reads them; what is kept is written back from
the parsed tokens, so a page never carries CSS text the check did not see.

    >>> verdict = read_style("font-size: 24pt; color: red; background: url(x.png)")
    >>> verdict.kept, verdict.dropped, verdict.refused
    ('font-size: 24pt', ('color',), ('background: url() loads a file or runs code',))
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import tinycss2
from tinycss2 import ast

__all__ = ["PROPERTIES", "StyleVerdict", "read_style"]

PROPERTIES = frozenset({
    # Type.
    "font", "font-size", "font-style", "font-weight", "font-variant", "font-family", "line-height", "letter-spacing",
    "word-spacing", "text-align", "text-indent", "text-transform", "text-decoration", "text-decoration-line",
    "text-decoration-style", "white-space", "vertical-align",
    # Boxes and tables.
    "width", "height", "min-width", "max-width", "min-height", "max-height",
    "margin", "margin-top", "margin-right", "margin-bottom", "margin-left",
    "padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
    "border", "border-top", "border-right", "border-bottom", "border-left", "border-width", "border-style",
    "border-collapse", "border-spacing", "table-layout", "caption-side", "empty-cells", "float", "clear",
    "list-style-type", "list-style-position",
    # Print.
    "page-break-before", "page-break-after", "page-break-inside", "break-before", "break-after", "break-inside",
})
"""Properties a `style` attribute may set. Colours are left out: they would fight the reader's light or dark scheme;
so are position, display and z-index, with which a page could be covered or hidden."""

FUNCTIONS = frozenset({"calc", "min", "max", "clamp", "rgb", "rgba", "hsl", "hsla"})
"""Functions a kept value may use: arithmetic and colours (in a border), which load nothing."""

LOADING_FUNCTIONS = frozenset({
    "url", "src", "image", "image-set", "-webkit-image-set", "cross-fade", "-webkit-cross-fade", "element",
    "-moz-element", "expression", "paint",
})
"""Functions that load a file or run code: a style that uses one is refused, not merely dropped."""

ACTIVE_PROPERTIES = frozenset({"behavior", "-ms-behavior", "-moz-binding", "binding", "filter", "-ms-filter"})
"""Properties that attach code (an HTC behaviour, an XBL binding, an old IE filter that loads images), whatever
their value."""


@dataclass(frozen=True)
class StyleVerdict:
    """What the policy makes of one `style` attribute."""

    kept: str = ""
    """The declarations that stay, written back from their tokens: `font-size: 24pt; text-align: center`."""
    dropped: tuple[str, ...] = ()
    """Names of harmless declarations left out, such as `color`: a note, never a problem."""
    refused: tuple[str, ...] = ()
    """Why the rest was refused, one reason per declaration or rule: `background: url() loads a file or runs code`."""


@functools.lru_cache(maxsize=1024)  # A book repeats a few styles on thousands of cells, and both passes read them.
def read_style(value: str) -> StyleVerdict:
    """Split a `style` attribute into what is kept, what is dropped and what is refused."""
    verdict = _Reading()
    kept = []
    for node in tinycss2.parse_blocks_contents(value, skip_comments=True, skip_whitespace=True):
        if isinstance(node, ast.AtRule):
            verdict.refused.append(f"@{node.lower_at_keyword} has no place in a style attribute")
        elif isinstance(node, ast.QualifiedRule):
            verdict.refused.append("a CSS rule has no place in a style attribute")
        elif isinstance(node, ast.ParseError):
            verdict.dropped.append("CSS that does not parse")
        elif isinstance(node, ast.Declaration):
            declaration = _declaration(node, verdict)
            if declaration:
                kept.append(declaration)
    return StyleVerdict("; ".join(kept), tuple(verdict.dropped), tuple(verdict.refused))


@dataclass
class _Reading:
    """What `read_style` has dropped and refused so far."""

    dropped: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def _declaration(node: ast.Declaration, verdict: _Reading) -> str | None:
    """The declaration written back if it is kept; otherwise None, with the reason recorded."""
    name = node.lower_name
    if name in ACTIVE_PROPERTIES or name.lstrip("-").endswith(("behavior", "binding")):
        verdict.refused.append(f"{name} attaches code to the page")
        return None
    loading, foreign = _functions(node.value)
    if loading:
        verdict.refused.append(f"{name}: {loading} loads a file or runs code")
        return None
    if name not in PROPERTIES or foreign:
        verdict.dropped.append(name if name not in PROPERTIES else f"{name} ({foreign} is not kept)")
        return None
    important = " !important" if node.important else ""
    return f"{name}: {tinycss2.serialize(node.value).strip()}{important}"


def _functions(tokens: list) -> tuple[str, str]:
    """In a declaration's value, the first thing that loads (`url()`), and the first function not allowed."""
    loading = foreign = ""
    for token in tokens:
        if isinstance(token, ast.URLToken) or (isinstance(token, ast.ParseError) and token.kind == "bad-url"):
            loading = loading or "url()"
        elif isinstance(token, ast.FunctionBlock):
            name = token.lower_name
            if name in LOADING_FUNCTIONS or name.endswith("image-set") or name.endswith("url"):
                loading = loading or f"{name}()"
            elif name not in FUNCTIONS:
                foreign = foreign or f"{name}()"
            inner_loading, inner_foreign = _functions(token.arguments)
            loading, foreign = loading or inner_loading, foreign or inner_foreign
        elif isinstance(token, (ast.ParenthesesBlock, ast.SquareBracketsBlock, ast.CurlyBracketsBlock)):
            inner_loading, inner_foreign = _functions(token.content)
            loading, foreign = loading or inner_loading, foreign or inner_foreign
            if not isinstance(token, ast.ParenthesesBlock):  # Grouping, as inside calc(); brackets and braces not.
                foreign = foreign or "a bracketed block"
        elif isinstance(token, (ast.AtKeywordToken, ast.ParseError)):
            foreign = foreign or "an unreadable value"
    return loading, foreign
