"""The archive's paragraph search in a Zensical build, as the MkDocs adapter gives it.

- `archive assemble` adds the results page (`search.md`, drawn with `archive/search.html` and pre-rendered like
  every archive page) and looks up the word the theme uses for "Search" in the site's language;
- the generated config turns Zensical's own search off (`config.py`), so that a reader meets one search, not two;
- `archive finish` writes the term-sharded index under `search/` (`outputs.search.write_index`, the same files as
  the MkDocs build) and puts the archive's field (`archive/partials/search-box.html`) at the end of every page's
  header, leading to the results page by a relative address (from the 404 page, from the site's root), and
  removes the empty `search.json` Zensical writes even with its search off.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import jinja2

from ...outputs.search import SEARCH_LABEL, results_meta
from ...theme import TEMPLATES
from .prerender import SEARCH_URL, relative_url

__all__ = ["SearchBox", "drop_engine_index", "results_page", "search_label"]


def results_page(meta: dict[str, Any]) -> None:
    """Give the results page its title, template and layout, as the MkDocs adapter does in `on_page_markdown`."""
    meta.update(results_meta())


def search_label(theme: Path, language: str) -> str | None:
    """The theme's word for "Search" in the site's language: the label Zensical's own field would have shown;
    None where the theme has no translations for the language.

    Read from the theme's translations (the site's overrides first, then Zensical's templates), as the MkDocs
    adapter reads it from Material's.
    """
    folders = [str(theme), *(str(folder) for folder in _theme_templates())]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folders))
    template = env.from_string(SEARCH_LABEL)
    try:
        return template.render(config={"theme": {"language": language}}).strip()
    except jinja2.TemplateNotFound:
        return None


def _theme_templates() -> list[Path]:
    """Zensical's own templates, or Material's where Zensical is not installed (the translations are the same)."""
    for package in ("zensical", "material"):
        spec = importlib.util.find_spec(package)
        for location in (spec.submodule_search_locations or []) if spec else []:
            if (Path(location) / "templates" / "partials" / "language.html").is_file():
                return [Path(location) / "templates"]
    return []


class SearchBox:
    """The archive's search field for the header, from the template a site may override in its overrides folder."""

    def __init__(self, theme: Path, label: str) -> None:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(theme), str(TEMPLATES)]), autoescape=True)
        self.template = env.get_template("archive/partials/search-box.html")
        self.label = label

    def for_page(self, url: str) -> str:
        """The field on the page at site URL `url`: it leads to the results page by a relative address."""
        return self.template.render(action=relative_url(SEARCH_URL, url), label=self.label)

    def for_any_address(self, site_url: str | None) -> str:
        """The field on a page served at any address (the 404 page): it leads to the results page from the root."""
        return self.template.render(action=(site_url or "/").rstrip("/") + "/" + SEARCH_URL, label=self.label)


def drop_engine_index(site: Path) -> None:
    """Remove the empty whole-page index (`search.json`) Zensical writes even with its search turned off.

    A `search.json` with entries is not Zensical's empty one (a site's own file, or a search left on): it stays.
    """
    path = site / "search.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
    except ValueError:
        return
    if isinstance(data, dict) and set(data) == {"config", "items"} and data["items"] == []:
        path.unlink()
