"""The link check: after a build, every internal link and #fragment in the output must resolve.

Markdown links are checked by the builder as it renders; links that templates, feeds of
data or generated pages make are not. This reads the built HTML itself, so nothing that
reaches a reader escapes it: a link to a missing page or to an id that no page has is a
problem of the page that contains it.
"""

from __future__ import annotations

import html.parser
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["BrokenLink", "broken_links"]

_LINKING = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src"}


@dataclass(frozen=True)
class BrokenLink:
    page: str
    """The built page, relative to the site folder."""
    url: str
    reason: str


class _Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if values.get(name):
                self.ids.add(values[name])
        url = values.get(_LINKING.get(tag, ""))
        if url and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
            self.urls.append(url)

    handle_startendtag = handle_starttag


def broken_links(site: Path, pages: Iterable[str] | None = None) -> list[BrokenLink]:
    """Every link from the given built pages (all HTML pages by default) that leads to nothing."""
    parsed: dict[str, _Page] = {}

    def page(relative: str) -> _Page:
        if relative not in parsed:
            parser = _Page()
            parser.feed((site / relative).read_text(encoding="utf-8", errors="replace"))
            parsed[relative] = parser
        return parsed[relative]

    names = sorted(pages) if pages is not None else sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    broken = []
    for name in names:
        if name == "404.html":
            continue  # Served at any address, it links from the site root.
        for url in page(name).urls:
            reason = _check(site, name, url, page)
            if reason:
                broken.append(BrokenLink(name, url, reason))
    return broken


def _check(site: Path, name: str, url: str, page) -> str:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "tel:")):
        return ""
    target = name
    if parts.path:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
        if target.startswith("../"):
            return "it leads outside the site"
        if (site / target).is_dir() or parts.path.endswith("/"):
            target = posixpath.join(target, "index.html")
        if not (site / target).is_file():
            return f"there is no {target}"
    fragment = unquote(parts.fragment)
    if fragment and target.endswith(".html") and fragment not in page(target).ids:
        return f"{target} has no element with the id '{fragment}'"
    return ""
