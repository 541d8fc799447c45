"""The HTML policy: which tags, attributes and URLs contributor content may use.

It keeps what an archive needs (emphasis, links, tables, footnotes, abbreviations, images,
details, and the archive's own markup) and nothing that runs code, loads a frame, restyles
the page or redirects its links. The same policy audits content, to report each removal
with its place, and drives the sanitizer that removes it.
"""

from __future__ import annotations

import html
import re

__all__ = ["TAGS", "ATTRIBUTES", "GENERIC_PREFIXES", "URL_ATTRIBUTES", "SCHEMES", "attribute_allowed", "is_remote", "url_allowed"]

TAGS = frozenset({
    "a", "abbr", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre", "q", "rp", "rt",
    "ruby", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
"""Tags contributor content may contain; any other tag is removed (its text stays)."""

REMOVED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math"})
"""Tags removed together with everything inside them."""

ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"id", "class", "title", "lang", "dir", "role", "hidden"}),
    "a": frozenset({"href", "hreflang", "rel"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "td": frozenset({"align", "colspan", "rowspan"}),
    "th": frozenset({"align", "colspan", "rowspan", "scope"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "input": frozenset({"type", "checked", "disabled"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
    "col": frozenset({"span"}),
}
GENERIC_PREFIXES = frozenset({"data-", "aria-"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
SCHEMES = frozenset({"http", "https", "mailto"})
"""URL schemes allowed in links and images; relative URLs are always allowed."""

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def attribute_allowed(tag: str, name: str) -> bool:
    name = name.lower()
    if name.startswith("on") or name in ("style", "srcdoc", "formaction"):
        return False
    return (name in ATTRIBUTES["*"] or name in ATTRIBUTES.get(tag, ())
            or any(name.startswith(prefix) and name != prefix for prefix in GENERIC_PREFIXES))


def url_allowed(value: str) -> bool:
    """Relative URLs and the allowed schemes; `java\\tscript:` and entity tricks are read as browsers read them."""
    plain = _INVISIBLE.sub("", html.unescape(value))
    match = _SCHEME.match(plain)
    return match is None or match.group(1).lower() in SCHEMES


def is_remote(value: str) -> bool:
    """Whether an address loads from another host: `https://…`, `http://…` or protocol-relative `//…`."""
    plain = _INVISIBLE.sub("", html.unescape(value)).lower()
    return plain.startswith(("http:", "https:", "//", "\\\\"))
