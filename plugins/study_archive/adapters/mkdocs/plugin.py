"""The `archive` MkDocs plugin: a thin adapter between MkDocs and the archive's core.

It loads the catalog once per build, reports its problems through the plugin logger and
counts them itself, so that `mkdocs build --strict` fails on them whatever the log level
(`-q` drops warnings before MkDocs counts them), adds the library and the section index pages
as generated files, and hands documents to the templates. Everything it knows about
texts, people, terms, curricula and debates lives in the layers below.
"""

from __future__ import annotations

import html
import logging
import os
import tempfile
import time
import zlib
from pathlib import Path

from markupsafe import Markup, escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ...model.archive import Archive
from ...model.document import Document, Kind, Layout
from ...model.site import Site
from ...model.source_date import source_date, source_epoch
from ...outputs import pages as views
from ...outputs import search
from ...outputs import theme
from ...outputs.offline import OFFLINE_URI, page_folders, write_preview_note
from ...outputs.csp import with_policy
from ...outputs.indexes import IndexPage, index_pages
from ...outputs.linkcheck import BrokenLink, broken_links
from ...outputs.sections import SECTIONS, Section
from ...outputs.written import PagesWritten
from ...renderer.check import numbering_problem
from ...renderer.pipeline import ArchiveExtensions, reader_for
from ...theme import ASSETS, PAGES, TEMPLATES
from ..aside import Aside, Fed
from . import preview
from .config import ArchiveConfig
from .templates import list_without_hidden_folders, template_problem

__all__ = ["ArchivePlugin"]

log = get_plugin_logger("archive")

HOME_PAGE = "index.md"
"""The home page: the site's own words, with what the archive holds around them."""



class ArchivePlugin(BasePlugin[ArchiveConfig]):
    """Builds the archive's pages from `docs_dir` and the readings folder."""

    supports_multiple_instances = False
    serving = False
    """Whether `mkdocs serve` runs the plugin: only then are pages kept from one build for the next."""
    dirty = False
    """Whether it runs `mkdocs serve --dirty`: then MkDocs neither empties the site folder nor touches a kept page."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = self.serving and dirty
        if self.dirty:
            preview.quiet_dirty_warning()

    def on_shutdown(self) -> None:
        # MkDocs keeps one instance of a plugin with these two events for the whole process, across configurations:
        # a build made in the same process after `mkdocs serve` ends is an ordinary build again.
        if self.serving:
            preview.COLLECTOR.stop()
            preview.stop_as_before()
        self.serving = self.dirty = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.reported: list[str] = []
        self.kept: dict[str, preview.BuiltPage] = {}
        """The pages of this build that come back as an earlier build left them, by source address."""
        self.shelved: dict[str, bytes] = {}
        """Rendered pages waiting for their templates, their HTML compressed, by source address (see `_shelve`)."""
        self.keys: dict[str, bytes] = {}
        self.search_index: Aside[int] | None = None
        """The search index being written beside the build (not under `mkdocs serve`)."""
        self.finishing: Fed[list[BrokenLink]] | None = None
        """The link check and the offline copy, fed each page as MkDocs writes it (see `outputs/written.py`)."""
        self.making: Aside[None] | None = None
        """The files made beside the pages that are slow to make (`made_later`), being made on another core into
        the folder `making_into` (removed when they are read, when the build fails, or at the latest when the
        process ends, interrupted or not)."""
        self.page_problems: dict[str, list[str]] = {}
        self.current: str | None = None
        self.root = Path(config.config_file_path).parent.resolve()
        self.site_dir = config.site_dir
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
            editors=self.config.editors,
        )
        self.extensions = ArchiveExtensions(words_per_minute=self.config.words_per_minute,
                                            remote_images=self.config.remote_images)
        self._pin_source_date()
        if self.serving:
            preview.COLLECTOR.before_build()
            self.settings = preview.settings_of(self.root, config, self.site)
        for name in _PLAIN_CONFIG:  # Material prints these into attributes unescaped.
            if isinstance(config.get(name), str):
                config[name] = escape(config[name])
        config.markdown_extensions.extend(self.extensions.with_block_queue())  # Each page's converter is built from it.
        config.theme.dirs.append(str(TEMPLATES))  # Last: the site's overrides and the theme win.
        list_without_hidden_folders(config.theme)
        # The theme's pages the archive replaces (the 404 page), before the theme's own and after the site's overrides.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(PAGES))
        config.extra_css[:0] = [uri for uri in ASSETS if uri.endswith(".css")]
        config.extra_javascript[:0] = [uri for uri in ASSETS if uri.endswith(".js")]
        return config

    @event_priority(50)  # Early, so that other plugins see the library and index pages.
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        parsed = (preview.PARSED, self.settings) if self.serving else None
        # A build parses half the sources on the other core; the preview parses only what changed, in process.
        elsewhere = None if self.serving else lambda function: Aside(function).result
        self.archive = Archive.load(self.root, self.layout, reader_for(self.site), parsed=parsed, elsewhere=elsewhere)
        if self.serving:
            self.archive.mentions_found = preview.MENTIONS
        self.extensions.bind(self.archive)
        # Reversed, so that of two sources for one page the first stays, as `_add_readings` keeps it.
        self.by_uri: dict[str, Document] = {document.uri: document for document in reversed(self.archive.documents)}
        self.sections: dict[str, Section] = {}
        for problem in self.archive.problems.sorted():
            self._report(str(problem))
        self.files = files
        self._refuse_outside_files(files, config)
        self._add_readings(files, config)
        self._add_sections(files, config)
        self._add_indexes(files, config)
        self._add_generated_pages(files, config)
        if files.get_file_from_path(search.RESULTS_PAGE) is None:
            files.append(File.generated(config, search.RESULTS_PAGE, content="", inclusion=InclusionLevel.NOT_IN_NAV))
        self.search_url = files.get_file_from_path(search.RESULTS_PAGE).url
        for uri, path in ASSETS.items():
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        self.made: dict[str, str | bytes] = {}
        """The content of each file made beside the pages, by its address in the site."""
        later: list[tuple[File, views.Later]] = []
        for uri, content in views.extra_files(self.archive, self.site, preview.FILES if self.serving else None,
                                              later=not self.serving):
            if callable(content):  # Slow to make: on the other core, while the pages render.
                later.append((self._add_made(files, config, uri, b""), content))
            else:
                self._add_made(files, config, uri, content)
        self.made_later = [file for file, _ in later]
        if later:
            self.making_into = tempfile.TemporaryDirectory(prefix="archive-made-")
            self.making = Aside(_make_all, [make for _, make in later], Path(self.making_into.name))
        # The offline copy is a file of the site, so that pages may link it; its bytes are written after the build.
        files.append(File.generated(config, OFFLINE_URI, content=b""))
        if self.serving:
            self.signatures = preview.Signatures(self.archive, self.settings, self.config.words_per_minute)
        elif not self._will_fail(config):  # Its index would not be wanted.
            # The index needs only the archive as loaded: it is written on another core while the pages render.
            # (The live preview keeps its index between builds, in this process: it is written after the pages.)
            self.search_index = Aside(search.write_index, self.archive, self.site, Path(config.site_dir),
                                      config.use_directory_urls)
        log.info(self.archive.summary())
        return files

    def _refuse_outside_files(self, files: Files, config: MkDocsConfig) -> None:
        """Only files the archive found and accepted reach MkDocs: the rest are reported, and MkDocs would hang on a
        pipe, stop on a broken link, copy a link's target from outside the repository, or walk a loop of links."""
        published = frozenset(self.archive.files.markdown) | frozenset(self.archive.files.assets)
        for file in list(files):
            if file.src_dir == config.docs_dir and f"{self.layout.content_dir}/{file.src_uri}" not in published:
                files.remove(file)

    def _add_readings(self, files: Files, config: MkDocsConfig) -> None:
        for text in self.archive.of_kind(Kind.TEXT):
            if files.get_file_from_path(text.uri) is not None:
                continue  # Two sources for one page: reported by the catalog, and the first one stays.
            file = File.generated(config, text.uri, content=text.body, inclusion=InclusionLevel.NOT_IN_NAV)
            file.edit_uri = text.path
            files.append(file)
        prefix = f"{self.layout.readings_dir}/"
        for uri in self.archive.files.assets:  # Images and other files beside the texts, found by the archive.
            if uri.startswith(prefix):
                files.append(File.generated(config, uri, abs_src_path=str(self.root / uri)))
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

    def _add_indexes(self, files: Files, config: MkDocsConfig) -> None:
        """The library by author, year, topic and kind, and a page per topic; kept out of the nav, linked from the
        library and the home page. A source file at one of their addresses gives the page its words."""
        self.indexes: dict[str, IndexPage] = {}
        for index in index_pages(self.archive):
            self.indexes[index.uri] = index
            if files.get_file_from_path(index.uri) is None:
                files.append(File.generated(config, index.uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))

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
        uri = page.file.src_uri
        self.current = uri
        self.page_problems[uri] = []
        if self.serving and self._keep(page):
            return ""
        document = self.by_uri.get(page.file.src_uri)
        self.extensions.begin(document)
        is_text = document is not None and document.kind is Kind.TEXT
        if document is not None:
            page.meta = dict(document.front.data) if document.front.valid else {}
            page.meta["title"] = document.title
            self._check_template(page, document, config)
            if is_text:
                page.meta.setdefault("hide", ["navigation"])  # The margin is for sidenotes, not an empty sidebar.
        section = self.sections.get(page.file.src_uri)
        if section is not None:
            page.meta.setdefault("title", section.title)
            if section.kind is Kind.TEXT:
                page.meta.setdefault("hide", ["navigation", "toc"])  # The library's table takes the sidebars' width.
        index = self.indexes.get(page.file.src_uri)
        if index is not None:
            page.meta.setdefault("title", index.title)
        if page.file.src_uri == search.RESULTS_PAGE:
            page.meta.update(search.results_meta())
        if page.file.src_uri in self.generated:
            page.meta["title"] = self.generated[page.file.src_uri][0]
        template = self._layout_of(page.file.src_uri)
        if not self._may_choose_template(page.file.src_uri):
            page.meta["template"] = template
        elif template is not None:
            page.meta.setdefault("template", template)  # A template of the page's own, if usable, comes first.
        return markdown

    def _keep(self, page: Page) -> bool:
        """Under `mkdocs serve`, take a page as an earlier build left it when nothing it shows has changed since."""
        kept = self._kept(page.file)
        if kept is None:
            return False
        page.meta = dict(kept.meta, template="archive/cached.html")
        # MkDocs would build a Markdown converter to render the empty source: the page has its body already.
        page.render = lambda config, files: setattr(page, "content", kept.content)
        return True

    def _kept(self, file: File) -> preview.BuiltPage | None:
        """The page of `file` as an earlier build left it, if its key is still the same.

        The key is made of the page's source as MkDocs reads it, before it takes any front matter off: its Markdown
        follows from it, and a document's page is keyed by the hash of the body its document holds."""
        uri = file.src_uri
        document = self.by_uri.get(uri)
        source = document.body if document is not None and file.generated_by is None else file.content_string
        if uri in self.generated:
            document = self.generated[uri][2]
        self.keys[uri] = self.signatures.key(uri, source, document, self._template_of(uri))
        kept = preview.PAGES.get(uri, self.keys[uri])
        if kept is not None:
            self.kept[uri] = kept
            for problem in kept.problems:
                self._report(problem)
        return kept

    def _leave_unchanged_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Under `mkdocs serve --dirty`, leave every page whose key is unchanged as the last build wrote it.

        MkDocs' own `--dirty` rebuilds a page when its source file is newer than its output, which misses every page
        that shows another document's words and rebuilds every generated page. Here a page counts as modified exactly
        when its key changed, and a kept page gets its title, body and anchors back before MkDocs builds the others,
        so that their navigation and links see it whole. MkDocs then neither reads, renders nor writes it again."""
        for file in files.documentation_pages():
            uri = file.src_uri
            kept = self._kept(file) if preview.WRITTEN.holds(config.site_dir, file.dest_uri) else None
            file.is_modified = _modified if kept is None else _unmodified
            if kept is None:
                self.kept.pop(uri, None)
                continue
            page = file.page if file.page is not None else Page(None, file, config)
            page.meta = dict(kept.meta)
            page.markdown = ""  # Read: MkDocs gives a page with no Markdown no title.
            page.content = kept.content
            page.toc = kept.toc
            page.present_anchor_ids = kept.anchors

    def _template_of(self, uri: str) -> str | None:
        """The template the page at `uri` is built with, for its key (None: Material's own).

        A page whose front matter names a template of its own is keyed as showing every source: the build may refuse
        the template and fall back to its layout's (`_check_template`), so neither is sure."""
        document = self.by_uri.get(uri)
        own = self._may_choose_template(uri) and document is not None and (
            document.front.valid and document.front.data.get("template"))
        return f"{own} (its own choice)" if own else self._layout_of(uri)

    def _may_choose_template(self, uri: str) -> bool:
        """Whether the page's front matter may name its template: not where the archive makes the page."""
        return uri not in self.generated and uri != search.RESULTS_PAGE

    def _layout_of(self, uri: str) -> str | None:
        """The template of the page at `uri` by what the page is, unless its front matter names one of its own: a
        generated page's and the search results' always; a document's by its kind; a section's, an index's, the
        home page's. None: Material's own."""
        if uri in self.generated:
            return self.generated[uri][1]
        if uri == search.RESULTS_PAGE:
            return search.RESULTS_TEMPLATE
        document = self.by_uri.get(uri)
        if document is not None and document.kind is not Kind.PAGE:
            return f"archive/{document.kind.value}.html"
        if uri in self.sections:
            return f"archive/{self.sections[uri].template}.html"
        if uri in self.indexes:
            return self.indexes[uri].template
        if uri == HOME_PAGE and document is not None:
            return "archive/home.html"
        return None

    def _check_template(self, page: Page, document: Document, config: MkDocsConfig) -> None:
        """A page's own template that cannot be used is a problem, and the page keeps its default layout."""
        problem = template_problem(document, page.meta.get("template"), config.theme.get_env().get_template)
        if problem is not None:
            del page.meta["template"]
            self._report(str(problem))

    def _on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        kept = self.kept.get(page.file.src_uri)
        if kept is not None:
            self.current = None
            page.toc = kept.toc
            page.present_anchor_ids = kept.anchors
            return kept.content
        for problem in self.extensions.take_problems():
            self._report(str(problem))
        for note in self.extensions.take_notes():  # Harmless HTML dropped: said, never counted as a problem.
            log.info(str(note))
        _escape_titles(page)
        _escape_meta(page)
        document = self.by_uri.get(page.file.src_uri)
        mismatch = document and numbering_problem(document, self.extensions.paragraphs.numbered)
        if mismatch:
            self._report(str(mismatch))
        self.current = None
        # The Markdown is rendered: MkDocs would keep a copy of every page's source to the end of the build. Empty,
        # not None, which would take the page's title away (`Page.title`); the title is in its front matter now.
        page.markdown = ""
        if document is not None and not self.serving:
            self._set_body_aside(page, document)
        return html

    @staticmethod
    def _set_body_aside(page: Page, document: Document) -> None:
        """A build needs a rendered document's body only for a few pages and messages: keep it compressed (see
        `Document.set_body_aside`), and let a text's generated file, which holds the same string, let it go. The
        live preview keeps bodies whole: its keys and its parsed documents read them in every rebuild."""
        document.set_body_aside()
        if page.file.generated_by is not None:
            page.file.content_string = ""

    @event_priority(-100)  # Last, once every other plugin has changed the page's HTML.
    def _shelve(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Keep the page's HTML compressed until its template is rendered.

        MkDocs renders every page's Markdown before the first template, so a build would otherwise hold the HTML of
        the whole archive at once: a quarter of the text compresses it, at a few milliseconds a page. The live
        preview keeps pages as they are, and its kept pages' HTML is shared with its store."""
        if self.serving:
            return html
        self.shelved[page.file.src_uri] = zlib.compress(html.encode("utf-8", errors="surrogatepass"), 1)
        return ""  # Not None, which would leave the page its HTML.

    on_page_content = CombinedEvent(_on_page_content, _shelve)

    @event_priority(100)  # First, so that every other plugin's `on_page_context` sees the page's HTML.
    def _unshelve(self, context, *, page: Page, config: MkDocsConfig, nav):
        shelved = self.shelved.pop(page.file.src_uri, None)
        if shelved is not None:
            page.content = zlib.decompress(shelved).decode("utf-8", errors="surrogatepass")
        return context

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if self.making is not None:  # MkDocs writes the files next: the slow ones are wanted now.
            self.making.result()
            folder = Path(self.making_into.name)
            for number, file in enumerate(self.made_later):
                file.content_bytes = (folder / str(number)).read_bytes()
                self._set_made(file, config, file.content_bytes)
            self._stop_making()
        # Our templates print contributors' words: escape everything they print unless marked safe.
        env.autoescape = _escapes
        if self.serving:
            env.bytecode_cache = preview.TEMPLATES
        self._add_redirects(env, files, config)
        if not self.serving:  # The pages are written next: the check and the copy read them as they come.
            folders = page_folders(file.dest_uri for file in files)
            self.finishing = Fed(PagesWritten(Path(config.site_dir), folders, self.site.url))
        env.globals.update(views.TEMPLATE_FUNCTIONS)
        self.search_label = env.from_string(search.SEARCH_LABEL).render(config=config)
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
                    self._add_made(files, config, uri, html_text)

    def _add_made(self, files: Files, config: MkDocsConfig, uri: str, content: str | bytes) -> File:
        """Add a file made beside the pages; under `--dirty`, MkDocs leaves it alone if the site holds its bytes."""
        file = File.generated(config, uri, content=content)
        self._set_made(file, config, content)
        files.append(file)
        return file

    def _set_made(self, file: File, config: MkDocsConfig, content: str | bytes) -> None:
        """Hold a made file's content; under `--dirty`, MkDocs leaves it alone if the site holds its bytes."""
        self.made[file.dest_uri] = content
        if self.dirty and preview.WRITTEN.holds(config.site_dir, file.dest_uri, content):
            file.is_modified = _unmodified

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        """Remember which pages are in the navigation: only their TOC title opens it."""
        self.nav_uris = {page.file.src_uri for page in nav.pages}
        if self.dirty:
            self._leave_unchanged_pages(files, config)
        return nav

    def _on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        context["archive"] = self.archive
        generated = self.generated.get(page.file.src_uri)
        context["document"] = generated[2] if generated else self.by_uri.get(page.file.src_uri)
        context["section"] = self.sections.get(page.file.src_uri)
        context["index"] = self.indexes.get(page.file.src_uri)
        context["search_url"] = self.search_url
        context["words_per_minute"] = self.config.words_per_minute
        context["site"] = self.site
        kept = self.kept.get(page.file.src_uri)
        if kept is not None:
            context["kept_output"] = Markup(kept.output)
        return context

    on_page_context = CombinedEvent(_unshelve, _on_page_context)

    @event_priority(-100)  # Last, so that the policy covers every script other plugins add.
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        uri = page.file.src_uri
        if uri in self.kept:
            return output
        output = self._finish(output, page, config)
        if uri in self.keys:
            preview.PAGES.put(uri, preview.BuiltPage(self.keys[uri], dict(page.meta), page.content, page.toc,
                                                     set(page.present_anchor_ids or ()), output,
                                                     list(self.page_problems.get(uri, []))))
        # The page is in its template (the last event that reads it, as this one runs last), and MkDocs writes
        # `output`: its HTML body need not stay in memory for the rest of the build.
        page.content = None
        if self.finishing is not None:  # The bytes MkDocs writes.
            self.finishing.send((page.file.dest_uri, output.encode("utf-8", errors="xmlcharrefreplace")))
        return output

    def _finish(self, output: str, page: Page, config: MkDocsConfig) -> str:
        box = self.search_box.render(config=config, action=get_relative_url(self.search_url, page.url),
                                     label=self.search_label)
        output = theme.mend(output, search_label=self.search_label,
                            in_navigation=page.file.src_uri in self.nav_uris, search_box=box)
        return with_policy(output, remote_images=self.config.remote_images)

    def on_template_context(self, context, *, template_name: str, config: MkDocsConfig):
        """The theme's own pages (the 404 page) list the ways into the archive, as the archive has them."""
        context["archive"] = self.archive
        return context

    @event_priority(-100)  # Last, as for pages.
    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The theme's own pages (the 404 page) get the same mends and policy as every other page."""
        if not template_name.endswith(".html"):
            return output
        # Served at any address, the 404 page searches from the site's root, not from beside itself.
        root = (config.site_url or "/").rstrip("/") + "/"
        box = self.search_box.render(config=config, action=root + self.search_url, label=self.search_label)
        return with_policy(theme.mend(output, search_label=self.search_label, in_navigation=False, search_box=box),
                           remote_images=self.config.remote_images)

    @event_priority(-100)  # Last, once every other plugin has written its pages.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the search index and the offline copy, then check that every internal link and #fragment of the
        built pages leads somewhere."""
        if self.serving:
            search.write_index(self.archive, self.site, Path(config.site_dir), config.use_directory_urls,
                               preview.SEARCH)
        elif self.search_index is not None:
            waited = time.perf_counter()
            written = self.search_index.result()
            log.debug(f"search index: {written:,} bytes, written {'beside' if self.search_index.forked else 'in'} "
                      f"the build, {time.perf_counter() - waited:.1f} s waited for after the pages")
        pages = {file.dest_uri: file for file in self.files.documentation_pages()}
        if self.serving:  # Every page is written by now.
            gone = preview.WRITTEN.replace(config.site_dir, {file.dest_uri for file in self.files}, self.made)
            if self.dirty:
                preview.remove_gone(config.site_dir, gone)
        # Before the link check: the home page links the copy. Zipping the whole site again on every save would cost
        # the live preview more than the rest of its rebuild, so there the zip only says how to get the copy.
        if self.serving:
            write_preview_note(Path(config.site_dir))
            preview.write_reload_script(config.site_dir)
        # A kept page's links were checked when it was built, against targets whose anchors are in its key; links
        # into it are checked against the ids its output had then, which it still has.
        ids = {uri: self.kept[file.src_uri].ids for uri, file in pages.items()
               if file.src_uri in self.kept and self.kept[file.src_uri].ids is not None}
        built = [uri for uri, file in pages.items() if file.src_uri not in self.kept]
        if self.finishing is not None:
            # MkDocs has written the copy's file empty already, so the link to it resolves before the zip is there.
            when = None if self._will_fail(config) else source_date(self.root, self._source_folders)
            waited = time.perf_counter()
            broken = self.finishing.result(built, when)
            log.debug(f"link check{'' if when is None else ' and offline copy'}, done beside the build: "
                      f"{time.perf_counter() - waited:.1f} s waited for after the pages")
            self.finishing = None
        else:
            broken = broken_links(Path(config.site_dir), built, ids)
        for link in broken:
            file = pages[link.page]
            document = self.by_uri.get(file.src_uri)
            source = document.path if document else f"{file.src_uri} (a generated page)"
            line = _line_of(document, link.url) if document else 1
            message = f"{source}:{line}:1: the link '{link.url}' leads nowhere: {link.reason}"
            self._report(message)
            if self.serving:
                preview.PAGES.note_link(file.src_uri, message)
        if self.serving:
            for uri in built:
                if uri in ids:
                    preview.PAGES.note_ids(pages[uri].src_uri, ids[uri])
        for kept in self.kept.values():
            for problem in kept.links:
                self._report(problem)
        self._unpin_source_date()
        if self._will_fail(config):  # MkDocs then calls `on_build_error`, which lets go of the build.
            raise Abort(_strict_failure(self.reported, shown=log.isEnabledFor(logging.WARNING)))
        if self.serving:
            self._let_go_of_the_build()

    def _stop_making(self) -> None:
        """Let go of the files that were slow to make, once MkDocs has them (or the build failed)."""
        if self.making is not None:
            self.making_into.cleanup()
            self.making = None

    def _will_fail(self, config: MkDocsConfig) -> bool:
        """Whether the build aborts at its end: strict, with problems reported (its index and offline copy would be
        thrown away)."""
        return bool(config.strict and self.reported)

    def on_build_error(self, *, error: Exception) -> None:
        preview.WRITTEN.forget(self.site_dir)
        if self.serving:
            self._let_go_of_the_build()
        for aside in (self.search_index, self.finishing, self.making):
            if aside is not None:
                aside.cancel()
        self._stop_making()
        self._unpin_source_date()

    def _let_go_of_the_build(self) -> None:
        """Under `mkdocs serve`, once a build is over, let go of what only it needed: MkDocs' files and pages, the
        templates, the catalog with its indexes. The next build would replace them only after its start has frozen
        them out of collection (`preview.Collector`), and their reference cycles would wait for a full collection."""
        for name in ("files", "search_box", "extensions", "archive", "signatures", "indexes", "sections", "made",
                     "shelved"):
            self.__dict__.pop(name, None)
        preview.COLLECTOR.after_build()

    @property
    def _source_folders(self) -> tuple[str, str]:
        return self.layout.content_dir, self.layout.readings_dir

    def _pin_source_date(self) -> None:
        """MkDocs dates the sitemap by `SOURCE_DATE_EPOCH` or the clock: give it the sources' date for this build.

        A variable set to no number (empty, as CI templates often leave it) counts as unset, as in `source_epoch`:
        MkDocs would stop on it with a traceback. Whatever it held is put back after the build."""
        given = os.environ.get("SOURCE_DATE_EPOCH")
        self.pinned = given is None or not given.strip().isdigit()
        self.unpinned_value = given
        if self.pinned:
            os.environ["SOURCE_DATE_EPOCH"] = str(source_epoch(self.root, self._source_folders))

    def _unpin_source_date(self) -> None:
        if getattr(self, "pinned", False):
            if self.unpinned_value is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = self.unpinned_value
            self.pinned = False

    def _report(self, message: str) -> None:
        """Log one of the archive's problems and count it, for a strict build to fail on."""
        self.reported.append(message)
        if self.current is not None:
            self.page_problems.setdefault(self.current, []).append(message)
        log.warning(message)

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        readings = self.root / self.layout.readings_dir
        if readings.is_dir():
            server.watch(str(readings))
        if not self.config.preview_polling and preview.watch_by_notices(server):
            log.debug("Watching for saves through the system's file notices (preview_polling: true to poll)")
        if preview.reload_by_file(server):  # The pages' policy refuses MkDocs' inline reload script.
            preview.write_reload_script(config.site_dir)
        preview.stop_as_interrupted()
        return server


def _make_all(makers: list[views.Later], folder: Path) -> None:
    """Make each file that is slow to make into `folder`, named by its number (on another core, through `Aside`,
    which sends back only what is small: the copy ends as soon as the files are made, not when the build asks)."""
    for number, make in enumerate(makers):
        content = make()
        (folder / str(number)).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def _modified() -> bool:
    return True


def _unmodified() -> bool:
    return False


def _strict_failure(problems: list[str], *, shown: bool) -> str:
    """Why a strict build stops; the problems themselves when the log level hid them."""
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    if shown:
        return f"Aborted with {count} in strict mode: fix the warnings above (`archive check` lists them too)"
    return (f"Aborted with {count} in strict mode (the log level hid them):\n" + "\n".join(problems)
            + "\nFix them, then build again; `archive check` lists them without building.")


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


_PLAIN_CONFIG = ("site_description", "site_author")
"""Settings Material prints as HTML; the archive's own use of `site_name` escapes it where printed."""
_NAMES_NOT_TEXT = {"title", "template", "hide"}
"""Front-matter fields that name templates or layout parts (validated), or are escaped by `_escape_titles`."""


def _escape_meta(page: Page) -> None:
    """Front matter is plain text: Material prints `description`, `author` and others into attributes unescaped.

    Each string is escaped here, at the source, as a `Markup`, so that no template needs to remember to.
    """
    page.meta = {key: value if key in _NAMES_NOT_TEXT else _escaped_value(value) for key, value in page.meta.items()}


def _escaped_value(value):
    if isinstance(value, str) and not isinstance(value, Markup):
        return escape(value)
    if isinstance(value, list):
        return [_escaped_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _escaped_value(item) for key, item in value.items()}
    return value


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
