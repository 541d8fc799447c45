"""The archive's theme: Jinja templates for its pages and the stylesheets and scripts they use.

Any builder that renders the archive's pages (MkDocs with Material today) adds `TEMPLATES` to its template folders
and publishes each of `ASSETS` under its URI.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["TEMPLATES", "PAGES", "ASSETS", "VENDOR"]

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
PAGES = HERE / "pages"
"""Pages of the theme the archive replaces (its 404 page): a builder puts this folder before the theme's own, after
the site's overrides. Each file extends `main.html` and fills its blocks, as Material documents, never a copy."""
VENDOR = HERE / "assets" / "vendor"
ASSETS = {f"assets/archive/{path.name}": path for path in sorted((HERE / "assets").iterdir()) if path.is_file()}
"""The archive's own stylesheets and scripts, by the URI they are published at."""
