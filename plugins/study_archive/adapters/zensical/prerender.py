"""The archive's page templates rendered in Python, for an engine whose templates see only plain data.

Zensical renders pages with MiniJinja and hands its templates `page.meta` and `config.extra`, never the archive's
Python objects, so the archive's own Jinja templates (`theme/templates/archive/`) are rendered here, before the
build, with the same context the MkDocs adapter gives them. Only three places of a page are left to the engine,
because only it knows them: the page's rendered Markdown, Material's action buttons and its source-file facts. They
come out as markers (`@content`, `@actions`, `@source-file`) between the pieces of finished HTML, and the engine's
page template (`templates/archive/page.html`) puts its own HTML in their place.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import jinja2

from ...model.archive import Archive
from ...model.document import Document, page_url
from ...model.site import Site
from ...outputs import pages as views
from ...outputs.indexes import IndexPage
from ...outputs.sections import Section
from ...theme import TEMPLATES

__all__ = ["Prerendered", "Prerenderer", "relative_url"]

CONTENT, ACTIONS, SOURCE_FILE = "@content", "@actions", "@source-file"
SEARCH_URL = "search/"
"""Where a search form sends its query, as on the MkDocs route."""
_MARK = "\x00archive:{}\x00"
_SPLIT = _MARK.format("head")
_STUBS = {
    # What the archive's templates extend and include from the theme: their blocks, and markers for the rest.
    "main.html": "{% block extrahead %}{% endblock %}" + _SPLIT + "{% block content %}{% endblock %}",
    "partials/actions.html": _MARK.format(ACTIONS),
    "partials/source-file.html": _MARK.format(SOURCE_FILE),
}


@dataclass(frozen=True)
class Prerendered:
    """A page's archive-specific HTML: what goes into its head, and its content as pieces and markers."""

    head: str
    parts: list[str]


@dataclass
class _Page:
    """What the archive's templates read of `page`."""

    title: str
    url: str
    canonical_url: str | None
    content: str
    meta: dict[str, Any] = field(default_factory=dict)


class _Content(str):
    """Stands for the page's HTML, which the engine renders later: a marker that knows whether it has a title.

    The templates ask `"<h1" not in page.content` to decide whether to write the title themselves; the outline
    of the document answers for the Markdown the engine has not rendered yet.
    """

    has_title: bool

    def __new__(cls, has_title: bool) -> _Content:
        content = super().__new__(cls, _MARK.format(CONTENT))
        content.has_title = has_title
        return content

    def __contains__(self, item: object) -> bool:
        return self.has_title if item == "<h1" else super().__contains__(item)


class Prerenderer:
    """Renders the archive's page templates with the context the MkDocs adapter gives them."""

    def __init__(self, archive: Archive, site: Site, config: dict[str, Any]) -> None:
        self.archive, self.site = archive, site
        self.config = config
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader([jinja2.DictLoader(_STUBS), jinja2.FileSystemLoader(str(TEMPLATES))]),
            autoescape=lambda name: bool(name) and name.startswith("archive/"),  # As the MkDocs adapter has it.
        )
        self.env.filters["url"] = _url_filter
        self.env.globals.update(views.TEMPLATE_FUNCTIONS)

    def page(self, uri: str, template: str, title: str, document: Document | None,
             section: Section | None = None, index: IndexPage | None = None) -> Prerendered:
        """The pieces of the page at `uri` (a Markdown path of the docs tree) drawn with `template`."""
        url = page_url(uri)
        has_title = document is not None and any(heading.level == 1 for heading in document.outline.headings)
        page = _Page(title=title, url=url, canonical_url=_canonical(self.site.url, url), content=_Content(has_title))
        html = self.env.get_template(template).render(
            config=self.config, page=page, archive=self.archive, document=document, section=section, index=index,
            search_url=SEARCH_URL, words_per_minute=self.site.words_per_minute, site=self.site)
        head, _, content = html.partition(_SPLIT)
        return Prerendered(head=head.strip(), parts=_parts(content))

    def redirect(self, text: Document, target: str) -> str:
        """The small page at a text's former address that sends readers on."""
        return self.env.get_template("archive/redirect.html").render(config=self.config, text=text, target=target)


def _parts(content: str) -> list[str]:
    """HTML pieces and markers in page order; empty pieces are left out."""
    pieces = content.split("\x00")
    parts = []
    for index, piece in enumerate(pieces):
        if index % 2:
            parts.append(piece.removeprefix("archive:"))
        elif piece.strip():
            parts.append(piece)
    return parts


def _canonical(site_url: str | None, url: str) -> str | None:
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + url


@jinja2.pass_context
def _url_filter(context: jinja2.runtime.Context, value: str) -> str:
    """MkDocs' `url` filter: a site URL made relative to the page being rendered."""
    return relative_url(str(value), context["page"].url)


def relative_url(path: str, page: str) -> str:
    """`path` (a site URL) as a link from the page at site URL `page`, written exactly as MkDocs writes it."""
    path = path or "."
    if urlsplit(path).scheme or urlsplit(path).netloc or path.startswith(("/", "#")):
        return path
    normalized = posixpath.normpath(path) + "/"
    levels = 0
    while normalized.startswith("../", levels * 3):
        levels += 1
    directory, _, name = page.rpartition("/")
    base = _parts_of(directory if "." in name else page)
    target = _parts_of(path)
    common = 0
    for a, b in zip(base, target):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(base) - common) + target[common:]) or "."
    return "../" * levels + relative + ("/" if path.endswith("/") else "")


def _parts_of(path: str) -> list[str]:
    path = posixpath.normpath("/" + path)[1:]
    return path.split("/") if path else []
