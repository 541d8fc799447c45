"""The link check: after a build, every internal link and #fragment in the output must resolve.

Markdown links are checked by the builder as it renders; links that templates, feeds of
data or generated pages make are not. This reads the built HTML itself, so nothing that
reaches a reader escapes it: a link to a missing page or to an id that no page has is a
problem of the page that contains it.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["BrokenLink", "broken_links", "LinkCheck", "TAG", "ATTRIBUTE", "OPAQUE", "opening_tag"]

_LINKING = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src", "source": "src",
            "iframe": "src"}


@dataclass(frozen=True)
class BrokenLink:
    page: str
    """The built page, relative to the site folder."""
    url: str
    reason: str


@dataclass
class _Page:
    """What the check needs of one built page: the ids it has, and the links it makes."""

    ids: set[str]
    urls: list[str]

    @classmethod
    def read(cls, page: str, strings: dict[str, str] | None = None) -> _Page:
        """The page's ids and links, from its tags outside comments, scripts and styles, as a browser reads them;
        each id and link the one in `strings` that is equal to it, if there is one (and it is added there)."""
        ids: set[str] = set()
        urls: list[str] = []
        same = strings.setdefault if strings is not None else lambda value, default: value
        for tag in TAG.finditer(OPAQUE.sub(opening_tag, page)):
            name = tag.group(1).lower()
            values = {key.lower(): html.unescape(double or single or bare)
                      for key, double, single, bare in ATTRIBUTE.findall(tag.group(2) or "")}
            for key in ("id",) + (("name",) if name == "a" else ()):
                if values.get(key):
                    ids.add(same(values[key], values[key]))
            url = values.get(_LINKING.get(name, ""))
            if url and not (name == "link" and values.get("rel") in ("canonical", "alternate")):
                urls.append(same(url, url))
        return cls(ids, urls)


OPAQUE = re.compile(r"<(?:!--.*?-->|(script|style)\b[^>]*>(.*?)</\1\s*>)", re.DOTALL | re.IGNORECASE)
"""Comments, and scripts and styles with their content (`opening_tag` gives back the tag: a script's `src` is a
link). Every alternative begins with `<`, which the expression engine then looks for alone, skipping the text between
tags: written as two alternatives, it tried both at every character of a page, six times slower."""


def opening_tag(opaque: re.Match[str]) -> str:
    """The opening tag of the script or style `OPAQUE` found, or "" for a comment."""
    return opaque.group(0)[:opaque.start(2) - opaque.start()] if opaque.group(1) else ""


TAG = re.compile(r"""<([a-zA-Z][\w:-]*)(\s(?:[^>"']|"[^"]*"|'[^']*')*)?/?>""")
ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")


def broken_links(site: Path, pages: Iterable[str] | None = None,
                 ids: dict[str, set[str]] | None = None) -> list[BrokenLink]:
    """Every link from the given built pages (all HTML pages by default) that leads to nothing.

    `ids` holds the ids of pages the caller knows, by their name in the site (a live preview's pages kept from an
    earlier build, whose output is unchanged): a link into one of them is checked against it without reading the
    page back; the ids of every page read are added to it."""
    return LinkCheck(site, ids).broken(pages)


class LinkCheck:
    """The link check of a site, which may read its pages as they are written (`read`) and checks once the site
    is whole (`broken`); a page it has not read, it reads from the site."""

    def __init__(self, site: Path, ids: dict[str, set[str]] | None = None) -> None:
        self.site = site
        self.known = ids if ids is not None else {}
        """The ids of each page by its name in the site: pages known from elsewhere, and every page read."""
        self.parsed: dict[str, _Page] = {}
        self.strings: dict[str, str] = {}
        """Every id and link read, once: pages share most of them (their paragraphs' ids, the theme's links), and a
        check that reads a whole library holds them all until it checks."""

    def read(self, name: str, page: str) -> None:
        """Read the page `name` of the site, as it is written there."""
        self.parsed[name] = parsed = _Page.read(page, self.strings)
        self.known[name] = parsed.ids

    def forget(self, name: str) -> None:
        """The page `name` is not what was read: read it from the site if it is needed."""
        self.parsed.pop(name, None)
        self.known.pop(name, None)

    def broken(self, pages: Iterable[str] | None = None) -> list[BrokenLink]:
        """Every link from the given pages (all HTML pages of the site by default) that leads to nothing."""
        site = self.site
        names = sorted(pages) if pages is not None else sorted(p.relative_to(site).as_posix()
                                                               for p in site.rglob("*.html"))
        kind = _kinds(site)
        broken = []
        for name in names:
            if name == "404.html":
                continue  # Served at any address, it links from the site root.
            for url in self._page(name).urls:
                reason = _check(name, url, self._page, kind)
                if reason:
                    broken.append(BrokenLink(name, url, reason))
        return broken

    def _page(self, relative: str) -> _Page:
        if relative not in self.parsed:
            if relative in self.known:
                self.parsed[relative] = _Page(self.known[relative], [])
            else:
                self.read(relative, (self.site / relative).read_text(encoding="utf-8", errors="replace"))
        return self.parsed[relative]


def _kinds(site: Path) -> Callable[[str], str | None]:
    """What a path of the built site is, `"file"`, `"folder"` or None, each path asked of the disk once: the pages
    of a site link the same few hundred files (its theme, its sections) tens of thousands of times."""
    root = str(site)
    known: dict[str, str | None] = {}

    def kind(relative: str) -> str | None:
        if relative not in known:
            try:
                mode = os.stat(os.path.join(root, relative)).st_mode
            except OSError:
                mode = 0
            known[relative] = "folder" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else None
        return known[relative]

    return kind


def _check(name: str, url: str, page: Callable[[str], _Page], kind: Callable[[str], str | None]) -> str:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "tel:")):
        return ""
    target = name
    if parts.path:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
        if target.startswith("../"):
            return "it leads outside the site"
        if parts.path.endswith("/") or kind(target) == "folder":
            target = posixpath.join(target, "index.html")
        if kind(target) != "file":
            return f"there is no {target}"
    fragment = unquote(parts.fragment)
    if fragment and target.endswith(".html") and fragment not in page(target).ids:
        return f"{target} has no element with the id '{fragment}'"
    return ""
