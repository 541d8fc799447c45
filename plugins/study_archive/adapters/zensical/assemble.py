"""`archive assemble`: the archive as a complete Zensical project, for an engine that runs no plugin of ours.

What the MkDocs adapter does in the build's events happens here before the build, into a folder:

- `docs/`: every page the MkDocs build has, as Markdown with resolved front matter (title, template, hide): the
  site's pages, the library's texts at `readings/<id>.md`, the section indexes, the pages made from a document's
  data (a curriculum's facilitator view); the site's other files, the redirect pages at texts' former addresses,
  the archive's stylesheets and scripts, and the files built beside the pages (packets, calendars, feeds);
- `overrides/`: the site's theme overrides and the archive's page template for Zensical;
- `mkdocs.yml`: the generated config (see `config.py`);
- `.archive/build.json`: what `archive finish` needs to know of the pages.

What the archive's templates compute is rendered into each page's front matter beforehand (`prerender.py`); the
Markdown bodies are left to Zensical, which renders them with the archive's extensions (`rendering.py`).
"""

from __future__ import annotations

import html
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ...model.archive import Archive
from ...model.document import Kind
from ...model.limits import inside
from ...model.problem import Problem
from ...model.site import Site
from ...model.source_date import source_epoch
from ...model.sources import MARKDOWN_SUFFIXES
from ...outputs import pages as views
from ...outputs.indexes import index_pages
from ...outputs.offline import OFFLINE_URI
from ...outputs.search import RESULTS_PAGE
from ...outputs.sections import SECTIONS
from ...theme import ASSETS
from .config import DOCS, THEME, read_mkdocs_config, write_config, zensical_config
from .prerender import Prerenderer
from .search import results_page, search_label

__all__ = ["Assembly", "assemble", "MANIFEST", "PROBLEMS"]

MANIFEST = Path(".archive") / "build.json"
PROBLEMS = Path(".archive") / "problems"
PAGE_TEMPLATE = Path(__file__).parent / "templates"


@dataclass
class Page:
    """One page of the docs tree: its front matter and body, the source it comes from, whether the nav has it."""

    path: str
    meta: dict[str, Any]
    body: str
    source: str | None
    in_nav: bool


@dataclass
class Assembly:
    """What `assemble` wrote: the project folder, its pages, and the problems found on the way."""

    out: Path
    root: Path
    pages: dict[str, Page] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def config_file(self) -> Path:
        return self.out / "mkdocs.yml"


def assemble(root: Path, out: Path, archive: Archive, site: Site) -> Assembly:
    """Write the Zensical project of the archive in `root` into `out`, replacing an earlier one there."""
    root, out = root.resolve(), out.resolve()
    mkdocs = read_mkdocs_config(root)
    for stale in (out / DOCS, out / THEME, out / ".archive"):
        shutil.rmtree(stale, ignore_errors=True)
    docs = out / DOCS
    docs.mkdir(parents=True)
    assembly = Assembly(out, root, problems=list(archive.problems.sorted()))
    prerenderer = Prerenderer(archive, site, _template_config(mkdocs, site))
    nav = _nav_paths(mkdocs.get("nav"))
    for page in _pages(archive, prerenderer, nav):
        if page.path not in assembly.pages:  # Two sources for one page: the catalog reports it, the first stays.
            assembly.pages[page.path] = page
            _write(docs / page.path, "---\n" + yaml.safe_dump(page.meta, allow_unicode=True, sort_keys=False)
                   + "---\n" + page.body)
    _copy_files(root, site, docs, assembly)
    for text in archive.of_kind(Kind.TEXT):
        for alias in getattr(text.meta, "aliases", None) or []:
            target = docs / site.layout.readings_dir / alias / "index.html"
            if not target.exists():
                _write(target, prerenderer.redirect(text, f"../{text.id}/"))
    for uri, path in ASSETS.items():
        _write(docs / uri, path.read_bytes())
    for uri, content in views.extra_files(archive, site):
        _write(docs / uri, content)
    _write(docs / OFFLINE_URI, b"")  # So that pages may link the offline copy, which `archive finish` writes.
    _theme(root, mkdocs, out / THEME)
    write_config(zensical_config(mkdocs, root=root, problems=out / PROBLEMS), assembly.config_file)
    label = search_label(out / THEME, site.language)
    if label is None:
        assembly.problems.append(_unknown_language(root, site.language))
    _write(out / MANIFEST, json.dumps({
        "root": str(root),
        "site_url": site.url,
        "search_label": label or "Search",
        "source_epoch": source_epoch(root, (archive.layout.content_dir, archive.layout.readings_dir)),
        "pages": {path: {"source": page.source, "in_nav": page.in_nav} for path, page in assembly.pages.items()},
    }, indent=1))
    return assembly


def _pages(archive: Archive, prerenderer: Prerenderer, nav: set[str] | None):
    """Every page of the MkDocs build, with the front matter the MkDocs adapter gives it."""
    by_uri = {document.uri: document for document in archive.documents}
    sections = {section.index_uri(archive.layout): section for section in SECTIONS}
    generated = {uri: (title, template, document) for uri, title, template, document in views.generated_pages(archive)}
    uris = [document.uri for document in archive.documents if document.kind is not Kind.NOTES]
    indexes = {index.uri: index for index in index_pages(archive)}
    uris += [uri for uri in [*sections, *indexes, *generated, RESULTS_PAGE] if uri not in by_uri]
    for uri in uris:
        document = by_uri.get(uri)
        section = sections.get(uri)
        meta: dict[str, Any] = {}
        body = document.body if document is not None else ""
        if document is not None:
            meta = dict(document.front.data) if document.front.valid else {}
            meta["title"] = document.title
            if document.kind is not Kind.PAGE:
                meta.setdefault("template", f"archive/{document.kind.value}.html")
            if document.kind is Kind.TEXT:
                meta.setdefault("hide", ["navigation"])  # The margin is for sidenotes, not an empty sidebar.
        if section is not None:
            meta.setdefault("title", section.title)
            meta.setdefault("template", f"archive/{section.template}.html")
            if section.kind is Kind.TEXT:
                meta.setdefault("hide", ["navigation", "toc"])  # As the MkDocs adapter has it.
            body = body if document is not None else f"# {section.title}\n"
        index = indexes.get(uri)
        if index is not None:
            meta.setdefault("title", index.title)
            meta.setdefault("template", index.template)
        if uri == "index.md" and document is not None and document.kind is Kind.PAGE:
            meta.setdefault("template", "archive/home.html")
        if uri == RESULTS_PAGE:
            results_page(meta)
        context = document
        if uri in generated:
            title, template, context = generated[uri]
            meta.update(title=title, template=template)
        in_nav = uri in nav if nav is not None else ((document is None or document.kind is Kind.PAGE)
                                                      and uri not in generated and uri not in indexes
                                                      and uri != RESULTS_PAGE)
        template = meta.get("template")
        if isinstance(template, str) and template.startswith("archive/"):
            drawn = prerenderer.page(uri, template, str(meta["title"]), context, section, index)
            meta["template"] = "archive/page.html"
            meta["archive"] = {"head": drawn.head, "parts": drawn.parts}
        meta["title"] = html.escape(html.unescape(str(meta["title"])))  # Zensical prints titles as they are.
        yield Page(uri, meta, body, document.path if document is not None else None, in_nav)


def _copy_files(root: Path, site: Site, docs: Path, assembly: Assembly) -> None:
    """The site's files that are not Markdown, from the content and readings folders, as MkDocs publishes them."""
    for folder, prefix in ((site.layout.content_dir, ""), (site.layout.readings_dir, site.layout.readings_dir + "/")):
        base = root / folder
        for path in sorted(base.rglob("*")) if base.is_dir() else []:
            relative = path.relative_to(base).as_posix()
            if path.name.endswith(MARKDOWN_SUFFIXES) or any(part.startswith(".") for part in relative.split("/")):
                continue
            if not inside(root, path):
                assembly.problems.append(Problem(f"{folder}/{relative}", 1, 1, "this file is a link to a place "
                                                 "outside the repository", "commit the file itself instead of a "
                                                 "symlink to it"))
            elif path.is_file() and not (docs / prefix / relative).exists():
                _write(docs / prefix / relative, path.read_bytes())


def _theme(root: Path, mkdocs: dict[str, Any], theme: Path) -> None:
    """The site's overrides folder, then the archive's page template for Zensical."""
    settings = mkdocs.get("theme") if isinstance(mkdocs.get("theme"), dict) else {}
    custom = root / settings["custom_dir"] if settings.get("custom_dir") else None
    if custom is not None and custom.is_dir():
        shutil.copytree(custom, theme, symlinks=False, ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(PAGE_TEMPLATE, theme, dirs_exist_ok=True)


def _unknown_language(root: Path, language: str) -> Problem:
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = next((number for number, text in enumerate(lines, 1) if text.strip().startswith("language:")), 1)
    return Problem("mkdocs.yml", line, 1, f"the theme has no translations for the language '{language}'",
                   "set theme.language to a language code the theme knows, such as 'en', 'de' or 'fr'")


def _template_config(mkdocs: dict[str, Any], site: Site) -> dict[str, Any]:
    """What the archive's templates read of `config`, as MkDocs normalizes it."""
    theme = mkdocs.get("theme") if isinstance(mkdocs.get("theme"), dict) else {}
    url = site.url.rstrip("/") + "/" if site.url else None
    return {"site_name": site.name, "site_url": url, "extra": mkdocs.get("extra") or {},
            "theme": {**theme, "language": site.language}}


def _nav_paths(nav: Any) -> set[str] | None:
    """The Markdown paths the configured navigation lists; None when the site lets the engine make it."""
    if not nav:
        return None
    paths: set[str] = set()
    items = list(nav) if isinstance(nav, list) else [nav]
    while items:
        item = items.pop()
        if isinstance(item, str):
            paths.add(item)
        elif isinstance(item, dict):
            items.extend(item.values())
        elif isinstance(item, list):
            items.extend(item)
    return paths


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
