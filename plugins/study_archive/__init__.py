"""Study Archive: texts, curricula and debates kept as Markdown, published as a static site.

The package reads as four layers, each using only those below it:

- `model`: the sources, their front matter and kinds, the catalog and its integrity checks, problems;
- `renderer`: the Python-Markdown extensions and the one place a Markdown pipeline is built;
- `outputs`: pages' data, reading packets, calendars, feeds, maps and the passes over built pages;
- `adapters`: the MkDocs plugin and the `archive` command, which translate events and options, nothing more.

`theme` holds the templates and assets the pages are drawn with.
"""

from __future__ import annotations

from pathlib import Path

from .model.archive import Archive
from .model.site import Site
from .renderer.pipeline import reader_for

__all__ = ["Archive", "Site", "load"]


def load(root: Path | str) -> Archive:
    """The archive in `root` as its site sees it: folders and Markdown extensions come from its mkdocs.yml."""
    root = Path(root)
    site = Site.load(root)
    return Archive.load(root, site.layout, reader_for(site))
