"""The offline copy: the built site as one zip that a reader unpacks and opens from the file system.

A web server answers a folder's address (`readings/draper-micro-sect/`) with the folder's `index.html`; a browser
reading files shows the folder instead. So every page of the copy has each link, script, stylesheet, form and
refresh that points at a folder of the site rewritten to point at that folder's `index.html`, and the rest of the
site goes in as it is. Rewriting the built pages costs a fraction of a second build with `use_directory_urls: false`
(which would still leave the links the archive's own templates write to folders), and it sees every link a reader
can follow, whoever wrote it. The links that scripts make (search results, the boxes of a debate map) need nothing
here: under file:// those scripts open a folder's `index.html` themselves.

The zip is the same bytes for the same site: its entries are in name order, dated with the sources' date, with
fixed permissions and compression.
"""

from __future__ import annotations

import datetime
import html
import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit, urlunsplit

from .linkcheck import ATTRIBUTE, OPAQUE, TAG, opening_tag

__all__ = ["OFFLINE_URI", "FOLDER", "write_offline_copy", "write_preview_note", "offline_copy", "for_files", "rewrite",
           "site_files", "page_folders", "published_copy"]

OFFLINE_URI = "archive-offline.zip"
"""Where the copy is published, at the site's root."""
FOLDER = "archive-offline"
"""The folder the zip unpacks into: a reader opens `archive-offline/index.html`."""
LEFT_OUT = frozenset({OFFLINE_URI, "404.html"})
"""Not in the copy: the copy itself, and the page a server shows for a missing address, which files never need."""
STORED = frozenset({".epub", ".gz", ".zip", ".png", ".jpg", ".jpeg", ".webp", ".woff2"})
"""Files already compressed: stored as they are, since deflating them again only costs time."""

DEFLATE_LEVEL = 1
"""zlib's fastest level: at 500 texts the copy takes about 1.9 s less CPU than at the default level 6 (28% of it)
for 27.4 MiB instead of 25.4. A reader downloads the copy once; every build makes it."""

_URL_ATTRIBUTES = frozenset({"href", "src", "action"})
_REFRESH = re.compile(r"^(\s*\d+\s*;\s*url\s*=\s*)(.*)$", re.IGNORECASE | re.DOTALL)
_EARLIEST = (1980, 1, 1, 0, 0, 0)
"""The first moment a zip can record."""


Rewritten = Callable[[str, frozenset[str]], "bytes | None"]
"""A page of the site already rewritten for the copy, by its name and the folders it was rewritten against."""


def write_offline_copy(site: Path, *, when: datetime.datetime, site_url: str | None = None,
                       rewritten: Rewritten | None = None) -> Path:
    """Write the offline copy of the built site in `site` to `site/archive-offline.zip` and return its path.

    `rewritten(name, folders)` gives a page of the site already rewritten for files against those folders (see
    `rewrite`), or None for a page to read and rewrite here."""
    target = site / OFFLINE_URI
    with target.open("wb") as file:  # Page by page into the file (left out of itself): never the whole zip in memory.
        _zip(site, file, when=when, site_url=site_url, rewritten=rewritten)
    return target


PREVIEW_NOTE = """\
This is the live preview of the archive (`mkdocs serve`), which leaves the offline copy out to keep each rebuild
fast. `mkdocs build` writes the real copy here: the whole site, readable from the files.
"""


def write_preview_note(site: Path) -> Path:
    """Write, where the copy goes, a zip holding only a note that the live preview does not make the copy."""
    target = site / OFFLINE_URI
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo(f"{FOLDER}/README.txt", _EARLIEST), PREVIEW_NOTE)
    target.write_bytes(buffer.getvalue())
    return target


def offline_copy(site: Path, *, when: datetime.datetime, site_url: str | None = None) -> bytes:
    """The zip of the built site in `site`, its pages rewritten to work from files; `when` dates every entry.

    A link to the copy itself goes, in the copy, to the published site's copy when `site_url` is known (the newest
    one); without an address it stays as it is, the one link of the copy that leads out of it.
    """
    buffer = io.BytesIO()
    _zip(site, buffer, when=when, site_url=site_url)
    return buffer.getvalue()


def site_files(site: Path) -> tuple[list[str], frozenset[str]]:
    """The files of the built site that go into the copy, in name order, and the folders that hold an `index.html`
    (whose links `for_files` rewrites)."""
    names = sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    names = [name for name in names if name not in LEFT_OUT]
    return names, page_folders(names)


def page_folders(names: Iterable[str]) -> frozenset[str]:
    """The folders that hold an `index.html`, of the files `names` of a site (the root is `.`)."""
    return frozenset(posixpath.dirname(name) or "." for name in names if posixpath.basename(name) == "index.html")


def published_copy(site_url: str | None) -> str | None:
    """Where the newest copy is online, for the copy's links to itself; None without the site's address."""
    return f"{site_url.rstrip('/')}/{OFFLINE_URI}" if site_url else None


def rewrite(data: bytes, name: str, folders: frozenset[str], published: str | None) -> bytes:
    """The built page `name` as the copy holds it (see `for_files`), bytes in and out: bytes that are not UTF-8
    pass through as they were."""
    page = data.decode("utf-8", errors="surrogateescape")
    return for_files(page, name, folders, published).encode("utf-8", errors="surrogateescape")


def _zip(site: Path, file: BinaryIO, *, when: datetime.datetime, site_url: str | None,
         rewritten: Rewritten | None = None) -> None:
    """Write the offline copy of `site` into `file`, one page read, rewritten and compressed at a time."""
    names, folders = site_files(site)
    published = published_copy(site_url)
    stamp = max(_EARLIEST, when.astimezone(datetime.timezone.utc).timetuple()[:6])
    with zipfile.ZipFile(file, "w") as copy:
        for name in names:
            data = rewritten(name, folders) if rewritten is not None and name.endswith(".html") else None
            if data is None:
                data = (site / name).read_bytes()
                if name.endswith(".html"):
                    data = rewrite(data, name, folders, published)
            entry = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=stamp)
            entry.external_attr = 0o644 << 16
            stored = posixpath.splitext(name)[1].lower() in STORED
            entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            copy.writestr(entry, data, compresslevel=None if stored else DEFLATE_LEVEL)


def for_files(page: str, name: str, folders: Iterable[str], published: str | None = None) -> str:
    """The built page `name` (relative to the site) with every link to a folder in `folders` made a link to its
    `index.html`; `published`, if given, replaces links to the offline copy itself."""
    folders = frozenset(folders)

    def fix(url: str) -> str:
        return _local(url, name, folders, published)

    parts: list[str] = []
    position = 0
    for opaque in OPAQUE.finditer(page):
        parts.append(_tags(page[position:opaque.start()], fix))
        opening = opening_tag(opaque)  # A script's or style's opening tag: its `src` is a link; its content is not.
        parts.append(_tags(opening, fix) + opaque.group(0)[len(opening):] if opening else opaque.group(0))
        position = opaque.end()
    parts.append(_tags(page[position:], fix))
    return "".join(parts)


def _tags(markup: str, fix: Callable[[str], str]) -> str:
    """Every tag of `markup` with its links fixed; the rest of the markup, byte for byte."""

    def tag(match: re.Match[str]) -> str:
        attributes = match.group(2)
        if not attributes or not (_LINKING.search(attributes) or match.group(1).lower() == "meta"):
            return match.group(0)  # Most tags of a page (a paragraph's, a span's) carry no link.
        refresh = match.group(1).lower() == "meta" and re.search(r"http-equiv\s*=\s*[\"']?refresh", attributes, re.I)
        fixed = ATTRIBUTE.sub(lambda found: _attribute(found, fix, bool(refresh)), attributes)
        if fixed == attributes:
            return match.group(0)
        start, end = match.start(2) - match.start(), match.end(2) - match.start()
        return match.group(0)[:start] + fixed + match.group(0)[end:]

    return TAG.sub(tag, markup)


_LINKING = re.compile(r"(?:href|src|action)\s*=", re.IGNORECASE)
"""What a tag with a link to fix holds somewhere (perhaps in another attribute's value: `ATTRIBUTE` decides)."""


def _attribute(found: re.Match[str], fix: Callable[[str], str], refresh: bool) -> str:
    key, double, single, bare = found.groups()
    key = key.lower()
    if key not in _URL_ATTRIBUTES and not (refresh and key == "content"):
        return found.group(0)
    value = html.unescape(double if double is not None else single if single is not None else bare)
    if key == "content":
        match = _REFRESH.match(value)
        fixed = match.group(1) + fix(match.group(2)) if match else value
    else:
        fixed = fix(value)
    if fixed == value:
        return found.group(0)
    return f'{found.group(1)}="{html.escape(fixed, quote=True)}"'


def _local(url: str, page: str, folders: frozenset[str], published: str | None) -> str:
    """`url`, as written on `page`, leading to a file: a folder of the site becomes its `index.html`."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return url  # Another site, a fragment or query of this page, or an address only a server can resolve.
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
    if target == OFFLINE_URI and published:
        return published
    if not (parts.path.endswith("/") or target in folders):
        return url
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit(("", "", path + "index.html", parts.query, parts.fragment))
