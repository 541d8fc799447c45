"""The second hostile corpus: front matter that must stay plain text, files that must be pages or problems,
values that must not crash the build, and characters that must not hide.

One archive holds every case, built once without --strict. Each case names the problem the build must report for
its file (or None where the input is valid and must simply come out harmless), and the whole site is then searched
for anything that leads to another host by itself: a meta refresh, a live link made from front matter, a remote
image.
"""

from __future__ import annotations

import html.parser
import logging
import os
import time
from dataclasses import dataclass

import pytest

from conftest import Archive as TinyArchive

OTHER = "other.example"


@dataclass(frozen=True)
class Case:
    name: str
    path: str
    source: str
    reported: str | None
    """A fragment of the problem the build must report for this file; None for valid input."""


def text(fields: str = "", body: str = "The party line.\n\nA second paragraph.") -> str:
    return f"---\ntitle: A text\nyear: 2001\nsummary: S.\nrights: public-domain\n{fields}---\n\n{body}\n"


def page(front: str, body: str = "Body.") -> str:
    return f"---\n{front}---\n\n{body}\n"


REFRESH = f"x\\\" http-equiv=\\\"refresh\\\" content=\\\"0;url=https://{OTHER}/CANARY"
LINK = f"[this](https://{OTHER}/login)"

ESCAPING = [
    # Material prints these from page meta into attributes: each must arrive escaped.
    Case("description with a meta refresh", "content/e/description.md", page(f'title: D\ndescription: "{REFRESH}"\n'), None),
    Case("title with a meta refresh", "content/e/title.md", page(f'title: "{REFRESH}"\n'), None),
    Case("text summary with a quote and refresh", "readings/e-summary.md",
         text().replace("summary: S.", f'summary: "{REFRESH}"'), None),
    # Shown wherever a reference shows a title, and in the notes: text, never a link.
    Case("text title with a Markdown link", "readings/e-title-link.md", text().replace("title: A text", f'title: "{LINK}"'), None),
    Case("person title with a Markdown link", "content/people/e-person.md", page(f'title: "{LINK}"\nsummary: S.\n'), None),
    Case("term title with a Markdown link", "content/glossary/e-term.md", page(f'title: "{LINK} *x*"\nshort: "S {LINK}"\n'), None),
    Case("references showing those titles", "content/e/references.md",
         page("title: R\n", "[[e-title-link]], [[e-title-link#p1]], [[person:e-person]], [[term:e-term]]."), None),
    Case("notes author with a Markdown link", "readings/notes/context/e-title-link.md",
         f'---\nauthor: "{LINK}"\ndate: 2026-01-01\n---\n## p1 "party"\nA note.\n', None),
    Case("layer folder with a Markdown link", f"readings/notes/[x](https:{OTHER})/e-title-link.md",
         '---\nauthor: A\ndate: 2026-01-01\n---\n## p1 "party"\nA note.\n', "is not a valid layer id"),
    Case("curriculum question with a Markdown link", "content/curricula/e-curriculum.md",
         f'---\ntitle: "{LINK}"\nsummary: S.\nsessions:\n  - title: "{LINK}"\n    date: 2026-02-02\n'
         f'    readings: [{{text: e-title-link}}]\n    questions: ["{LINK}"]\n---\nIntro.\n', None),
    Case("debate position with a Markdown link", "content/debates/e-debate.md",
         f'---\ntitle: "{LINK}"\nquestion: "{LINK}"\npieces:\n  - text: e-title-link\n    position: "{LINK}"\n    claims: ["{LINK}"]\n'
         f'  - text: e-summary\n    position: P.\n    claims: [C]\n---\nFraming.\n', None),
]

FILES = [
    # Every file is a page or a problem.
    Case("hidden text", "readings/.draft.md", text(), "not published: '.draft.md' is hidden"),
    Case("hidden page", "content/.notes.md", page("title: N\n"), "not published: '.notes.md' is hidden"),
    Case("upper-case suffix", "readings/shout.MD", text(), "not published: 'shout.MD' looks like a Markdown source"),
    Case("editor backup", "content/about.md~", page("title: B\n"), "rename it to 'about.md'"),
]
SPECIAL_FILES = {
    # Made in the fixture: a pipe, links to nothing, a loop, a folder that contains itself.
    "content/pipe.md": "a named pipe (FIFO)",
    "readings/pipe.md": "a named pipe (FIFO)",
    "content/dangling.md": "this symlink leads to nothing",
    "readings/dangling.png": "this symlink leads to nothing",
    "content/loop.md": "cannot be followed",
    "readings/loop.md": "cannot be followed",
    "content/folder/again": "leads back into a folder that contains it",
}

CASES = ESCAPING + FILES


class _Navigation(html.parser.HTMLParser):
    """What in a page leads to another host without the reader choosing it, or is a link made from plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh" and OTHER in values.get("content", ""):
            self.findings.append(f"<meta refresh to {values['content']}>")
        if tag == "meta" and "http-equiv" in values and values.get("name"):
            self.findings.append(f"<meta name={values['name']} with http-equiv>")
        if tag == "a" and OTHER in values.get("href", ""):
            self.findings.append(f"<a href={values['href']}>")
        if tag in ("img", "iframe", "script", "link", "video", "audio", "source") and OTHER in (values.get("src", "") + values.get("href", "")):
            self.findings.append(f"<{tag} from {OTHER}>")


def leads_elsewhere(site) -> dict[str, list[str]]:
    found = {}
    for path in sorted(site.rglob("*.html")):
        scanner = _Navigation()
        scanner.feed(path.read_text(encoding="utf-8"))
        if scanner.findings:
            found[path.relative_to(site).as_posix()] = scanner.findings
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[TinyArchive, list[str], float]:
    archive = TinyArchive(tmp_path_factory.mktemp("plain"))
    for case in CASES:
        archive.write(case.path, case.source)
    for path in SPECIAL_FILES:
        (archive.root / path).parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(archive.root / "content/pipe.md")
    os.mkfifo(archive.root / "readings/pipe.md")
    os.symlink("nowhere.md", archive.root / "content/dangling.md")
    os.symlink("nowhere.png", archive.root / "readings/dangling.png")
    os.symlink("loop.md", archive.root / "content/loop.md")
    os.symlink("loop.md", archive.root / "readings/loop.md")
    archive.write("content/folder/page.md", page("title: In a folder\n"))
    os.symlink("../folder", archive.root / "content/folder/again")
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage().removeprefix("archive: "))  # type: ignore[method-assign]
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    start = time.monotonic()
    try:
        archive.build(strict=False)
    finally:
        logger.removeHandler(handler)
    return archive, records, time.monotonic() - start


@pytest.mark.parametrize("case", [case for case in CASES if case.reported], ids=lambda case: case.name)
def test_each_case_is_reported_with_its_file(built, case):
    _, warnings, _ = built
    mine = [warning for warning in warnings if warning.startswith(case.path.split("/[")[0])]
    assert any(case.reported in warning for warning in mine), "\n".join(warnings) or "nothing reported"


def test_no_page_leads_to_another_host_by_itself_or_through_front_matter(built):
    archive, _, _ = built
    assert leads_elsewhere(archive.site) == {}


def test_front_matter_arrives_in_materials_meta_tags_escaped(built):
    archive, _, _ = built
    page = archive.html("e/description/index.html")
    assert '<meta name="description" content="x&#34; http-equiv=&#34;refresh&#34;' in page
    assert 'content="0;url=' not in page.replace("&#34;", "")


def test_a_title_with_markdown_is_shown_as_typed_wherever_a_reference_shows_it(built):
    archive, _, _ = built
    page = archive.html("e/references/index.html")
    assert f"[this](https://{OTHER}/login), ¶1" in page
    assert f"{LINK} *x*".replace('"', "") in page
    notes = archive.html("readings/e-title-link/index.html")
    assert f"· {LINK}, 2026-01-01" in notes


@pytest.mark.parametrize(("path", "reported"), SPECIAL_FILES.items(), ids=list(SPECIAL_FILES))
def test_pipes_and_broken_links_are_reported_before_mkdocs_reads_them(built, path, reported):
    _, warnings, _ = built
    assert any(warning.startswith(f"{path}:1:1: not published: ") and reported in warning for warning in warnings), \
        "\n".join(warnings)


def test_no_refused_file_is_published_or_copied(built):
    archive, _, _ = built
    published = {path.relative_to(archive.site).as_posix() for path in archive.site.rglob("*")}
    assert not {"readings/shout.MD", "about.md~", "readings/.draft.md", ".notes.md", "dangling.md"} & published
    assert not any(path.startswith(("draft/", "readings/draft/", "folder/again/")) for path in published)
    assert "folder/page/index.html" in published
