"""The archive's theme: Jinja templates for its pages and the stylesheets and scripts they use.

Any builder that renders the archive's pages (MkDocs with Material today) adds `TEMPLATES` to its template folders
and publishes each of `ASSETS` under its URI.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["TEMPLATES", "ASSETS", "VENDOR"]

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
VENDOR = HERE / "assets" / "vendor"
ASSETS = {f"assets/archive/{path.name}": path for path in sorted((HERE / "assets").iterdir()) if path.is_file()}
"""The archive's own stylesheets and scripts, by the URI they are published at."""
