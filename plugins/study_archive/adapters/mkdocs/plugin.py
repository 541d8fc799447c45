"""The `archive` MkDocs plugin: a thin adapter between MkDocs and the archive's core.

It loads the catalog once per build, reports its problems through the plugin logger (so
that `mkdocs build --strict` fails on them), adds the library and the section index pages
as generated files, and hands documents to the templates. Everything it knows about
texts, people, terms, curricula and debates lives in the layers below.
"""

from __future__ import annotations

import html
from pathlib import Path

from markupsafe import Markup, escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ...model.archive import Archive
from ...model.document import Document, Kind, Layout
from ...model.limits import inside
from ...model.site import Site
from ...model.sources import MARKDOWN_SUFFIXES
from ...outputs import pages as views
from ...outputs import search
from ...outputs import theme
from ...outputs.csp import with_policy
from ...outputs.linkcheck import broken_links
from ...outputs.sections import SECTIONS, Section
from ...renderer.pipeline import ArchiveExtensions, reader_for
from ...theme import ASSETS, TEMPLATES
from .config import ArchiveConfig

__all__ = ["ArchivePlugin"]

log = get_plugin_logger("archive")

SEARCH_PAGE = "search.md"
"""The results page: the header's search field on every page leads here."""



class ArchivePlugin(BasePlugin[ArchiveConfig]):
    """Builds the archive's pages from `docs_dir` and the readings folder."""

    supports_multiple_instances = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).parent.resolve()
        content_dir = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
        self.layout = Layout(content_dir=content_dir, readings_dir=self.config.readings_dir)
        self.site = Site(
            layout=self.layout,
            extensions=tuple(name for name in config.markdown_extensions if isinstance(name, str)),
            configs=dict(config.mdx_configs),
            name=config.site_name,
            url=config.site_url or None,
            language=config.theme.get("language") or "en",
            words_per_minute=self.config.words_per_minute,
        )
        self.extensions = ArchiveExtensions(words_per_minute=self.config.words_per_minute)
        config.markdown_extensions.extend(self.extensions)  # MkDocs builds each page's converter from this list.
        config.theme.dirs.append(str(TEMPLATES))  # Last: the site's overrides and the theme win.
        config.extra_css[:0] = [uri for uri in ASSETS if uri.endswith(".css")]
        config.extra_javascript[:0] = [uri for uri in ASSETS if uri.endswith(".js")]
        return config

    @event_priority(50)  # Early, so that other plugins see the library and index pages.
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.archive = Archive.load(self.root, self.layout, reader_for(self.site))
        self.extensions.bind(self.archive)
        self.by_uri: dict[str, Document] = {document.uri: document for document in self.archive.documents}
        self.sections: dict[str, Section] = {}
        for problem in self.archive.problems.sorted():
            log.warning(str(problem))
        self.files = files
        self._refuse_outside_files(files, config)
        self._add_readings(files, config)
        self._add_sections(files, config)
        self._add_generated_pages(files, config)
        if files.get_file_from_path(SEARCH_PAGE) is None:
            files.append(File.generated(config, SEARCH_PAGE, content="", inclusion=InclusionLevel.NOT_IN_NAV))
        self.search_url = files.get_file_from_path(SEARCH_PAGE).url
        for uri, path in ASSETS.items():
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        for uri, content in views.extra_files(self.archive, self.site):
            files.append(File.generated(config, uri, content=content))
        log.info(self.archive.summary())
        return files

    def _refuse_outside_files(self, files: Files, config: MkDocsConfig) -> None:
        """MkDocs copies whatever a symlink in the docs folder points at; nothing outside the repository may leave."""
        for file in list(files):
            if file.src_dir == config.docs_dir and file.abs_src_path and not inside(self.root, Path(file.abs_src_path)):
                files.remove(file)
                if not file.is_documentation_page():  # Markdown sources are reported by the catalog.
                    log.warning(f"{self.layout.content_dir}/{file.src_uri}:1:1: this file is a link to a place outside "
                                "the repository: commit the file itself instead of a symlink to it")

    def _add_readings(self, files: Files, config: MkDocsConfig) -> None:
        for text in self.archive.of_kind(Kind.TEXT):
            if files.get_file_from_path(text.uri) is not None:
                continue  # Two sources for one page: reported by the catalog, and the first one stays.
            file = File.generated(config, text.uri, content=text.body, inclusion=InclusionLevel.NOT_IN_NAV)
            file.edit_uri = text.path
            files.append(file)
        readings = self.root / self.layout.readings_dir
        for path in sorted(readings.rglob("*")) if readings.is_dir() else []:
            uri = f"{self.layout.readings_dir}/{path.relative_to(readings).as_posix()}"
            if path.name.endswith(MARKDOWN_SUFFIXES) or path.name.startswith(".") or path.is_dir():
                continue
            if not inside(self.root, path):
                log.warning(f"{uri}:1:1: this file is a link to a place outside the repository: "
                            "commit the file itself instead of a symlink to it")
            elif path.is_file():
                files.append(File.generated(config, uri, abs_src_path=str(path)))
        for file in files.documentation_pages():
            document = self.by_uri.get(file.src_uri)
            if document is not None and document.kind is not Kind.PAGE and file.generated_by is None:
                file.inclusion = InclusionLevel.NOT_IN_NAV

    def _add_sections(self, files: Files, config: MkDocsConfig) -> None:
        for section in SECTIONS:
            uri = section.index_uri(self.layout)
            self.sections[uri] = section
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=f"# {section.title}\n"))

    def _add_generated_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Pages made from a document's data, such as a curriculum's facilitator view; kept out of the nav."""
        self.generated = {uri: (title, template, document)
                          for uri, title, template, document in views.generated_pages(self.archive)}
        for uri, (_, _, document) in self.generated.items():
            if files.get_file_from_path(uri) is None:
                file = File.generated(config, uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
                file.edit_uri = document.path
                files.append(file)

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """Give MkDocs the body we parsed, so that it never reads our front matter itself."""
        document = self.by_uri.get(page.file.src_uri)
        return document.body if document is not None and page.file.generated_by is None else None

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        document = self.by_uri.get(page.file.src_uri)
        self.extensions.begin(document)
        is_text = document is not None and document.kind is Kind.TEXT
        if document is not None:
            page.meta = dict(document.front.data) if document.front.valid else {}
            page.meta["title"] = document.title
            if document.kind is not Kind.PAGE:
                page.meta.setdefault("template", f"archive/{document.kind.value}.html")
            if is_text:
                page.meta.setdefault("hide", ["navigation"])  # The margin is for sidenotes, not an empty sidebar.
        section = self.sections.get(page.file.src_uri)
        if section is not None:
            page.meta.setdefault("title", section.title)
            page.meta.setdefault("template", f"archive/{section.template}.html")
        if page.file.src_uri == SEARCH_PAGE:
            page.meta.update(title="Search", template="archive/search.html", hide=["navigation", "toc"])
        if page.file.src_uri in self.generated:
            title, template, _ = self.generated[page.file.src_uri]
            page.meta.update(title=title, template=template)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        for problem in self.extensions.take_problems():
            log.warning(str(problem))
        _escape_titles(page)
        document = self.by_uri.get(page.file.src_uri)
        if document is not None and document.kind is Kind.TEXT:
            expected = len(document.outline.paragraphs)
            if self.extensions.paragraphs.numbered != expected:
                log.warning(f"{document.path}:{document.front.body_line}:1: the page numbers "
                            f"{self.extensions.paragraphs.numbered} paragraphs but the archive counted {expected}: "
                            "please report this with the text attached")
        return html

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # Our templates print contributors' words: escape everything they print unless marked safe.
        env.autoescape = _escapes
        self._add_redirects(env, files, config)
        env.globals.update(views.TEMPLATE_FUNCTIONS)
        self.search_label = env.from_string(
            '{% import "partials/language.html" as lang with context %}{{ lang.t("search") }}').render(config=config)
        self.search_box = env.get_template("archive/partials/search-box.html")
        return env

    def _add_redirects(self, env, files: Files, config: MkDocsConfig) -> None:
        """Each former id of a text keeps its address: a small page there sends readers on."""
        template = env.get_template("archive/redirect.html")
        for text in self.archive.of_kind(Kind.TEXT):
            for alias in getattr(text.meta, "aliases", None) or []:
                uri = f"{self.layout.readings_dir}/{alias}/index.html"
                if files.get_file_from_path(uri) is None:
                    html_text = template.render(config=config, text=text, target=f"../{text.id}/")
                    files.append(File.generated(config, uri, content=html_text))

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        """Remember which pages are in the navigation: only their TOC title opens it."""
        self.nav_uris = {page.file.src_uri for page in nav.pages}
        return nav

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        context["archive"] = self.archive
        generated = self.generated.get(page.file.src_uri)
        context["document"] = generated[2] if generated else self.by_uri.get(page.file.src_uri)
        context["section"] = self.sections.get(page.file.src_uri)
        context["words_per_minute"] = self.config.words_per_minute
        return context

    @event_priority(-100)  # Last, so that the policy covers every script other plugins add.
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        box = self.search_box.render(config=config, action=get_relative_url(self.search_url, page.url),
                                     label=self.search_label)
        output = theme.mend(output, search_label=self.search_label,
                            in_navigation=page.file.src_uri in self.nav_uris, search_box=box)
        return with_policy(output)

    @event_priority(-100)  # Last, as for pages.
    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The theme's own pages (the 404 page) get the same mends and policy as every other page."""
        if not template_name.endswith(".html"):
            return output
        box = self.search_box.render(config=config, action=self.search_url, label=self.search_label)
        return with_policy(theme.mend(output, search_label=self.search_label, in_navigation=False, search_box=box))

    @event_priority(-100)  # Last, once every other plugin has written its pages.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the search index, then check that every internal link and #fragment of the built pages leads somewhere."""
        search.write_index(self.archive, self.site, Path(config.site_dir), config.use_directory_urls)
        pages = {file.dest_uri: file for file in self.files.documentation_pages()}
        for link in broken_links(Path(config.site_dir), pages):
            file = pages[link.page]
            document = self.by_uri.get(file.src_uri)
            source = document.path if document else f"{file.src_uri} (a generated page)"
            line = _line_of(document, link.url) if document else 1
            log.warning(f"{source}:{line}:1: the link '{link.url}' leads nowhere: {link.reason}")

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        readings = self.root / self.layout.readings_dir
        if readings.is_dir():
            server.watch(str(readings))
        return server


def _escape_titles(page: Page) -> None:
    """Titles reach Material's navigation, header, search and tabs unescaped: escape them once, here.

    `Markup` tells Jinja the text is already safe, so autoescaping templates do not escape it twice.
    """
    page.meta["title"] = _escaped(page.title or "")
    items = list(page.toc)
    while items:
        item = items.pop()
        item.title = _escaped(item.title)
        items.extend(item.children)


def _escaped(title: str) -> Markup:
    """Escaped exactly once, whether the title arrives as plain text or already escaped (as the TOC's do)."""
    return title if isinstance(title, Markup) else escape(html.unescape(title))


def _escapes(template_name: str | None) -> bool:
    """Autoescape the archive's own templates; Material's expect not to be."""
    return bool(template_name) and template_name.startswith("archive/")


def _line_of(document: Document, text: str) -> int:
    """The line of a document where a link first appears, or where its body starts."""
    lines = document.body.split("\n")
    offset = next((number for number, line in enumerate(lines) if text in line), 0)
    return document.front.body_line + offset
