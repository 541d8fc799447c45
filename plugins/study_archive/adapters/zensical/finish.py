"""`archive finish`: after `zensical build`, what the MkDocs adapter does in MkDocs' post-build events.

Each built page gets the theme mends that still apply to Zensical's HTML, the archive's search field in its header
(`search.py`) and its Content-Security-Policy; its
`<title>` is checked to carry no markup (titles are escaped in the front matter `archive assemble` writes, since
Zensical prints them as they are); every internal link and #fragment is checked; and the problems the archive's
extensions found while Zensical rendered each page are collected. All are returned as problems of the source file
they come from, for `archive` to report and fail on: Zensical's own `--strict` sees none of them. The archive's
search index is written beside the pages, before the offline copy zips the site.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ...model.archive import Archive
from ...model.document import Document, page_url
from ...model.problem import Problem
from ...model.site import Site
from ...outputs import search, theme
from ...outputs.csp import with_policy
from ...outputs.linkcheck import broken_links
from ...outputs.offline import OFFLINE_URI, write_offline_copy
from ..aside import Aside
from .assemble import MANIFEST, PROBLEMS
from .config import THEME
from .rendering import problems_file
from .search import SearchBox, drop_engine_index

__all__ = ["Finished", "finish"]

_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


@dataclass(frozen=True)
class _Built:
    """A page of the assembled docs tree, as built."""

    docs_path: str
    html_path: str
    source: str | None
    in_nav: bool


@dataclass
class Finished:
    pages: int
    problems: list[Problem]


def finish(project: Path, site: Path | None, archive: Archive) -> Finished:
    """Finish the site Zensical built from the project `archive assemble` wrote into `project` from `archive`."""
    manifest = json.loads((project / MANIFEST).read_text(encoding="utf-8"))
    site = site or project / "site"
    settings = Site.load(Path(manifest["root"]))  # The site's settings, which the search index reads.
    label = manifest["search_label"]
    box = SearchBox(project / THEME, label)
    pages = [_Built(path, page_url(path) + "index.html", entry["source"], entry["in_nav"])
             for path, entry in manifest["pages"].items()]
    problems: list[Problem] = []
    # The index reads only the archive: it is written on another core while the pages are mended.
    index = Aside(search.write_index, archive, settings, site)
    for page in pages:
        built = site / page.html_path
        if not built.is_file():
            problems.append(Problem(page.source or page.docs_path, 1, 1, f"Zensical wrote no page {page.html_path}",
                                    "check the output of `zensical build`"))
            continue
        built.write_text(_finished(built.read_text(encoding="utf-8"), page.in_nav, label,
                                   box.for_page(page_url(page.docs_path))), encoding="utf-8")
        problems.extend(_title_problems(built.read_text(encoding="utf-8"), page))
    not_found = site / "404.html"
    if not_found.is_file():
        not_found.write_text(_finished(not_found.read_text(encoding="utf-8"), False, label,
                                       box.for_any_address(manifest["site_url"])), encoding="utf-8")
    drop_engine_index(site)
    index.result()  # Before the offline copy, which carries it.
    when = datetime.datetime.fromtimestamp(manifest["source_epoch"], datetime.timezone.utc)
    (site / OFFLINE_URI).touch()  # The home page links the copy: the link check finds it while it is zipped.
    copy = Aside(partial(write_offline_copy, site, when=when, site_url=manifest["site_url"]))
    problems.extend(_link_problems(site, pages, archive))
    copy.result()
    problems.extend(_rendering_problems(project / PROBLEMS, pages))
    return Finished(len(pages), problems)


def _finished(page: str, in_nav: bool, search_label: str, search_box: str) -> str:
    """The page with Material's mends where Zensical writes what they mend, the archive's search field in its
    header, then its policy; once."""
    if '<meta http-equiv="Content-Security-Policy"' in page[:page.find("</head>")]:
        return page  # Finished by an earlier run.
    page = theme.mend(page, search_label=search_label, in_navigation=in_nav, search_box=search_box)
    return with_policy(page)


def _title_problems(page: str, built: _Built) -> list[Problem]:
    title = _TITLE.search(page)
    if title and "<" in title.group(1):
        return [Problem(built.source or built.docs_path, 1, 1, "the page's title reaches the browser as markup",
                        "please report this: titles are escaped before the build")]
    return []


def _link_problems(site: Path, pages: list[_Built], archive: Archive) -> list[Problem]:
    by_html = {page.html_path: page for page in pages if (site / page.html_path).is_file()}
    documents = {document.path: document for document in archive.documents}
    problems = []
    for link in broken_links(site, by_html):
        page = by_html[link.page]
        document = documents.get(page.source or "")
        where = page.source or f"{page.docs_path} (a generated page)"
        line = _line_of(document, link.url) if document is not None else 1
        problems.append(Problem(where, line, 1, f"the link '{link.url}' leads nowhere", link.reason))
    return problems


def _rendering_problems(folder: Path, pages: list[_Built]) -> list[Problem]:
    """What the extensions wrote while Zensical rendered each page: lines of `path:line:column: message`."""
    problems = []
    for page in pages:
        report = problems_file(folder, page.docs_path)
        for line in report.read_text(encoding="utf-8").splitlines() if report.is_file() else []:
            path, row, column, message = (line.split(":", 3) + ["", "", ""])[:4]
            problems.append(Problem(path, int(row) if row.isdigit() else 1, int(column) if column.isdigit() else 1,
                                    message.strip()))
    return problems


def _line_of(document: Document, text: str) -> int:
    """The line of a document where a link first appears, or where its body starts."""
    lines = document.body.split("\n")
    offset = next((number for number, line in enumerate(lines) if text in line), 0)
    return document.front.body_line + offset
