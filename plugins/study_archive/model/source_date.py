"""The date a build writes into its files: that of the sources, never the clock, so two builds are the same bytes.

Every date the site prints that is not the content's own (an EPUB's modified date, a calendar's DTSTAMP, the
sitemap's dates) is the source date: `SOURCE_DATE_EPOCH` when it is set (the reproducible-builds convention), else
the time of the last commit of the archive's Git checkout, else, outside Git (an unpacked archive), the time the
newest source file (a Markdown file, an image, `mkdocs.yml`) was modified.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

__all__ = ["source_date", "source_epoch"]


FOLDERS = ("content", "readings")


def source_date(root: Path | str, folders: Iterable[str] = FOLDERS) -> datetime.datetime:
    """The source date of the archive in `root` (its sources in `folders`), in UTC, to the second."""
    return datetime.datetime.fromtimestamp(source_epoch(root, folders), datetime.timezone.utc)


def source_epoch(root: Path | str, folders: Iterable[str] = FOLDERS) -> int:
    """The source date as seconds since 1970."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return int(epoch)
    root = Path(root)
    return _last_commit(root) or _newest_source(root, folders)


def _last_commit(root: Path) -> int | None:
    """The committer time of the checkout's last commit, or None outside a Git checkout."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True,
                                timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = result.stdout.strip()
    return int(stamp) if result.returncode == 0 and stamp.isdigit() else None


def _newest_source(root: Path, folders: Iterable[str]) -> int:
    """When the newest source of the archive was modified: `mkdocs.yml` or a file in `folders`, hidden ones aside."""
    paths = [root / "mkdocs.yml"]
    for folder in folders:
        for parent, children, files in os.walk(root / folder):
            children[:] = [name for name in children if not name.startswith(".")]
            paths += [Path(parent, name) for name in files if not name.startswith(".")]
    newest = 0
    for path in paths:
        try:
            newest = max(newest, int(path.stat().st_mtime))
        except OSError:
            continue  # Gone, or a link to nowhere: not a source.
    return newest
