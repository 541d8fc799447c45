"""The HTML policy: which tags, attributes and URLs contributor content may use.

It keeps what an archive needs (emphasis, links, tables, footnotes, abbreviations, images,
details, and the archive's own markup), the presentational HTML of real editions that carries
no risk (table layout attributes, `align`, and `style` limited to layout and type: `style.py`),
and nothing that runs code, loads a frame, loads a file through CSS or redirects its links.
The same policy audits content, to report each removal with its place, and drives the
sanitizer that removes it.

Each thing it meets is kept, dropped or refused (`Verdict`). Dropped things are harmless
presentational leftovers the pages do not use (`bgcolor`, `<font>`): they go with a note, and
a strict build passes. Refused things are active (scripts, handlers, frames, forms, objects,
unsafe addresses, CSS that loads anything): each is a problem, and a strict build fails.
"""

from __future__ import annotations

import functools
import html
import re
from enum import Enum

__all__ = ["TAGS", "ATTRIBUTES", "DROPPED_TAGS", "DROPPED_ATTRIBUTES", "GENERIC_PREFIXES", "URL_ATTRIBUTES", "SCHEMES",
           "Verdict", "attribute_allowed", "attribute_verdict", "is_remote", "tag_verdict", "url_allowed"]

TAGS = frozenset({
    "a", "abbr", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre", "q", "rp", "rt",
    "ruby", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
"""Tags contributor content may contain; any other tag is removed (its text stays)."""

DROPPED_TAGS = frozenset({"font", "center", "big", "tt", "strike", "nobr", "acronym"})
"""Presentational tags of old editions: removed with a note, their text kept (`<center>` loses only its centring)."""

REMOVED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math"})
"""Tags removed together with everything inside them."""

ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"id", "class", "title", "lang", "dir", "role", "hidden", "style"}),
    "a": frozenset({"href", "hreflang", "rel"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "align"}),
    # The layout attributes of tables, as real editions write them and GitHub keeps them.
    "table": frozenset({"align", "width", "height", "border", "cellpadding", "cellspacing"}),
    "caption": frozenset({"align"}),
    "colgroup": frozenset({"span", "align", "valign", "width"}),
    "thead": frozenset({"align", "valign"}),
    "tbody": frozenset({"align", "valign"}),
    "tfoot": frozenset({"align", "valign"}),
    "tr": frozenset({"align", "valign", "height"}),
    "td": frozenset({"align", "valign", "width", "height", "colspan", "rowspan"}),
    "th": frozenset({"align", "valign", "width", "height", "colspan", "rowspan", "scope"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "input": frozenset({"type", "checked", "disabled"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
    "col": frozenset({"span", "align", "valign", "width"}),
    "hr": frozenset({"align", "width"}),
    **{tag: frozenset({"align"}) for tag in ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6")},
}
"""Attributes kept, by tag (`*`: on every tag); `style` is kept only as far as `style.read_style` keeps it."""

DROPPED_ATTRIBUTES = frozenset({
    "align", "valign", "width", "height", "border", "cellpadding", "cellspacing", "colspan", "rowspan", "span",
    "bgcolor", "nowrap", "frame", "rules", "summary", "char", "charoff", "axis", "abbr", "headers", "scope",
    "face", "color", "size", "clear", "noshade", "compact", "hspace", "vspace", "name", "target", "tabindex",
    "accesskey", "shape", "coords", "nohref", "xml:lang", "xmlns", "start", "type", "value",
})
"""Attributes that do nothing but present, or nothing at all, where the policy does not keep them (`bgcolor`
anywhere, `width` on a `<span>`): dropped with a note. Any other attribute outside `ATTRIBUTES` is refused."""
GENERIC_PREFIXES = frozenset({"data-", "aria-"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
SCHEMES = frozenset({"http", "https", "mailto"})
"""URL schemes allowed in links and images; relative URLs are always allowed."""

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


class Verdict(Enum):
    """What the policy does with a tag or an attribute."""

    KEEP = "keep"
    DROP = "drop"
    """Removed with a note: harmless, but not something the archive's pages use."""
    REFUSE = "refuse"
    """Removed as a problem: it could run code, load something or lead elsewhere."""


def attribute_allowed(tag: str, name: str) -> bool:
    """Whether `name` may stay on a `<tag>` (a `style` then still passes through `style.read_style`)."""
    name = name.lower()
    if name.startswith("on") or name in ("srcdoc", "formaction"):
        return False
    return (name in ATTRIBUTES["*"] or name in ATTRIBUTES.get(tag, ())
            or any(name.startswith(prefix) and name != prefix for prefix in GENERIC_PREFIXES))


@functools.lru_cache(maxsize=4096)  # A page asks of the same few pairs thousands of times (a numbered paragraph: 3).
def attribute_verdict(tag: str, name: str) -> Verdict:
    """Keep, drop or refuse the attribute `name` of a `<tag>`, whatever its value (addresses and styles are then
    read by `url_allowed` and `style.read_style`)."""
    if attribute_allowed(tag, name):
        return Verdict.KEEP
    return Verdict.DROP if name.lower() in DROPPED_ATTRIBUTES else Verdict.REFUSE


def tag_verdict(tag: str) -> Verdict:
    """Keep, drop (with its text kept) or refuse a `<tag>`."""
    if tag in TAGS:
        return Verdict.KEEP
    return Verdict.DROP if tag in DROPPED_TAGS else Verdict.REFUSE


def url_allowed(value: str) -> bool:
    """Relative URLs and the allowed schemes; `java\\tscript:` and entity tricks are read as browsers read them."""
    plain = _INVISIBLE.sub("", html.unescape(value))
    match = _SCHEME.match(plain)
    return match is None or match.group(1).lower() in SCHEMES


def is_remote(value: str) -> bool:
    """Whether an address loads from another host: `https://…`, `http://…` or protocol-relative `//…`."""
    plain = _INVISIBLE.sub("", html.unescape(value)).lower()
    return plain.startswith(("http:", "https:", "//", "\\\\"))
