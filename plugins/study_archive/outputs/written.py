"""What the archive makes of its built pages as they are written: the link check reads each one and the offline
copy rewrites it, page by page, while the build renders the next (beside it, through `adapters/aside.Fed`). Once
the site is whole, what is left is to check the links, read the files the pages did not make and zip them all.

Nothing is taken on trust: before the check and the copy use a page as it was handed over, the page in the site
is compared with it, and a page that changed since (another plugin's work after the archive's), or a set of
folders that changed since, is read and rewritten from the site, as if it had not been handed over.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import tempfile
from pathlib import Path

from .linkcheck import BrokenLink, LinkCheck
from .offline import published_copy, rewrite, write_offline_copy

__all__ = ["PagesWritten"]


class PagesWritten:
    """The pages of a site as they are written, each `take`n as `(name, bytes)`, for the link check and the offline
    copy; `finish` checks the links and writes the copy."""

    def __init__(self, site: Path, folders: frozenset[str], site_url: str | None) -> None:
        self.site, self.site_url = site, site_url
        self.published = published_copy(site_url)
        self.folders = frozenset(folders)
        """The folders of the site that hold an `index.html`, as the build will write them."""
        self.check = LinkCheck(site)
        self.taken: dict[str, tuple[bytes, str]] = {}
        """Each page taken, by its name in the site: a digest of its bytes, and the file that holds it rewritten."""
        self._folder: tempfile.TemporaryDirectory | None = None
        """Where the rewritten pages are kept, made where the pages are taken."""
        self._numbers = itertools.count()

    def take(self, item: tuple[str, bytes]) -> None:
        name, data = item
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="archive-offline-")
        kept = Path(self._folder.name) / str(next(self._numbers))
        kept.write_bytes(rewrite(data, name, self.folders, self.published))
        self.taken[name] = (_digest(data), kept.name)
        self.check.read(name, data.decode("utf-8", errors="replace"))

    def finish(self, built: list[str], when: datetime.datetime | None) -> list[BrokenLink]:
        """The broken links of the pages `built`; with `when`, the offline copy is written too, dated so."""
        try:
            for name, (digest, _) in list(self.taken.items()):
                page = self.site / name
                if not page.is_file() or _digest(page.read_bytes()) != digest:
                    self.check.forget(name)
                    del self.taken[name]
            broken = self.check.broken(built)
            if when is not None:
                write_offline_copy(self.site, when=when, site_url=self.site_url, rewritten=self._rewritten)
            return broken
        finally:
            if self._folder is not None:
                self._folder.cleanup()

    def _rewritten(self, name: str, folders: frozenset[str]) -> bytes | None:
        if folders != self.folders or name not in self.taken:
            return None
        return (Path(self._folder.name) / self.taken[name][1]).read_bytes()


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()
