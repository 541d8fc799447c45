"""A curriculum's reading packet: an EPUB built with the site or on the command line, valid for epubcheck."""

from __future__ import annotations

import datetime
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest

from conftest import without_threads

from study_archive.adapters import aside
from study_archive.adapters.cli import main
from study_archive.adapters.mkdocs import plugin
from study_archive import Site, load
from study_archive.model.curriculum import Syllabus
from study_archive.outputs.excerpt import Excerpter
from study_archive.outputs.packet import write_packet

ROOT = Path(__file__).resolve().parent.parent
EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")

TRICKY = """\
---
title: A tricky text
authors: [trotsky]
year: 1921
summary: Markup a book must survive.
rights: copyright-excerpt
full_text_url: https://example.org/full
---
Paragraph one, left out.

## The middle

Paragraph two has a footnote[^kept] &mdash; and <b>inline tags</b>.

<div>Raw <br> HTML that is not XML.</div>

| a | b |
|---|---|
| 1 | 2 |

![a picture](picture.png) and a link to [[tricky#p5]] outside the span and to [[new-course#p2]].

Paragraph five, left out, with another footnote[^dropped].

[^kept]: The kept footnote.
[^dropped]: The dropped footnote.
"""

COURSE = """\
---
title: Packet course
summary: One session & a packet.
sessions:
  - title: "Tricky markup"
    date: 2027-03-02
    readings:
      - text: tricky
        paragraphs: 2-4
      - text: new-course
        section: the-party
      - title: An essay elsewhere
        author: Someone Else
        url: https://example.org/essay
        pages: 8
    questions: ["Does the markup survive?"]
---
The introduction cites [[new-course#p1]].
"""


@pytest.fixture
def packet_site(library):
    library.write("mkdocs.yml", library.root.joinpath("mkdocs.yml").read_text()
                  .replace("  - toc\n", "  - toc:\n      permalink: true\n") + "site_url: https://groups.example/\n")
    library.write("readings/tricky.md", TRICKY)
    library.write_bytes("readings/picture.png", b"\x89PNG\r\n\x1a\n")  # Only its presence matters to the site.
    library.write("content/curricula/packet-course.md", COURSE)
    return library


def epubcheck(*books: Path) -> list[str]:
    """Run epubcheck on each book at once (it takes one file and a few seconds each); return their reports."""
    if EPUBCHECK_JAR.is_file() and shutil.which("java"):
        command = ["java", "-jar", str(EPUBCHECK_JAR)]
    elif shutil.which("epubcheck"):
        command = ["epubcheck"]
    else:
        pytest.fail("Debian's epubcheck is missing: `apt-get install epubcheck` (scripts/test does this)")
    runs = [subprocess.Popen([*command, str(book)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for book in books]
    return [f"exit {run.wait()}\n{run.communicate()[0]}" for run in runs]


def excerpt(book: Path, name: str) -> str:
    with zipfile.ZipFile(book) as epub:
        return epub.read(f"EPUB/{name}").decode("utf-8")


def test_the_site_and_the_command_line_build_packets_that_pass_epubcheck(packet_site, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    packet_site.build()
    built = packet_site.site / "curricula" / "packet-course.epub"
    made = tmp_path / "made.epub"
    assert main(["packet", str(packet_site.root / "content/curricula/packet-course.md"), "-o", str(made),
                 "--root", str(packet_site.root)]) == 0
    assert made.read_bytes() == built.read_bytes()  # Same settings, same build time: the same book.
    demo = tmp_path / "demo.epub"
    assert main(["packet", str(ROOT / "content/curricula/organization-democracy-debate.md"), "-o", str(demo),
                 "--root", str(ROOT)]) == 0
    for report in epubcheck(built, demo):
        assert report.startswith("exit 0\n"), report
        assert "0 fatals / 0 errors / 0 warnings" in report, report


@without_threads
def test_a_build_makes_its_packets_on_another_core_the_same_as_in_its_own_process(packet_site, monkeypatch,
                                                                                   tmp_path):
    """Excerpting the texts is the slow part of the files beside the pages: a build makes the packets in a forked
    copy of itself while the pages render, and where it cannot fork, in its own process, the same book; the folder
    the copy wrote them into is gone once the build has them."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temporary"))
    (tmp_path / "temporary").mkdir()
    started = []
    monkeypatch.setattr(plugin, "Aside", lambda *call: started.append((call[0], aside.Aside(*call))) or started[-1][1])
    packet_site.build()
    book = packet_site.site / "curricula" / "packet-course.epub"
    beside = book.read_bytes()
    assert [job.forked for function, job in started if function is plugin._make_all] == [True]
    monkeypatch.setattr(aside, "_can_fork", lambda: False)
    packet_site.build()
    assert [job.forked for function, job in started if function is plugin._make_all] == [True, False]
    assert book.read_bytes() == beside and zipfile.ZipFile(book).testzip() is None
    assert list((tmp_path / "temporary").iterdir()) == []


def test_the_packet_has_a_cover_the_questions_and_the_assigned_excerpts(packet_site):
    packet_site.build()
    book = packet_site.site / "curricula" / "packet-course.epub"
    with zipfile.ZipFile(book) as epub:
        first = epub.infolist()[0]
        assert (first.filename, first.compress_type, epub.read(first)) == ("mimetype", zipfile.ZIP_STORED,
                                                                           b"application/epub+zip")
        names = epub.namelist()
    assert {"EPUB/cover.xhtml", "EPUB/session-1.xhtml", "EPUB/session-1-1.xhtml", "EPUB/session-1-2.xhtml"} <= set(names)
    assert "EPUB/session-1-3.xhtml" not in names  # The external work has no excerpt.
    cover = excerpt(book, "cover.xhtml")
    assert "Packet course" in cover and "One session &amp; a packet." in cover
    assert '<a class="archive-ref archive-ref--text" href="https://groups.example/readings/new-course/#p1">' in cover
    session = excerpt(book, "session-1.xhtml")
    assert "<li>Does the markup survive?</li>" in session
    assert '<a href="session-1-1.xhtml">A tricky text</a>' in session
    assert "Someone Else · 8 pages" in session and "https://example.org/essay" in session
    tricky = excerpt(book, "session-1-1.xhtml")
    assert 'id="p2"' in tricky and 'id="p4"' in tricky
    assert "Paragraph one" not in tricky and "Paragraph five" not in tricky
    assert '<h2 id="the-middle">The middle</h2>' in tricky  # The heading, without its permalink.
    assert "The kept footnote." in tricky and "The dropped footnote." not in tricky
    # An HTML-only entity is written as XML can read it (the sanitizer writes the character itself).
    assert "&mdash;" not in tricky and ("&#8212;" in tricky or "\u2014 and" in tricky)
    assert "&lt;b&gt;inline tags&lt;/b&gt;" in tricky
    assert "Raw" not in tricky  # A raw HTML block that is not XML is left out.
    assert '<span>a picture</span>' in tricky
    assert 'href="https://groups.example/readings/tricky/#p5">A tricky text, ¶5</a>' in tricky
    assert "Full text: <a href=\"https://example.org/full\">" in tricky
    section = excerpt(book, "session-1-2.xhtml")
    assert "The second paragraph." in section and "The first paragraph." not in section
    assert "“The party”, ¶2–3" in section
    assert 'href="../packet-course.epub" download>Reading packet (EPUB)</a>' in packet_site.html(
        "curricula/packet-course/index.html")


def test_notes_on_paragraphs_become_endnotes_and_the_book_stays_valid(packet_site, tmp_path):
    """The hook annotations plug into: any function giving the notes on one paragraph of a text."""
    catalog = load(packet_site.root)
    syllabus = Syllabus.of(catalog, catalog.by_id["packet-course"], 230)

    def notes(text, paragraph):
        return [f"A note on *{text.id}* ¶{paragraph}, see [[new-course]]."] if paragraph in (2, 3) else []

    excerpter = Excerpter(catalog, Site(extensions=("footnotes", "tables", "toc")), notes=notes)
    book = tmp_path / "notes.epub"
    book.write_bytes(write_packet(catalog, syllabus, excerpter,
                                  modified=datetime.datetime(2027, 1, 1, tzinfo=datetime.timezone.utc)))
    tricky = excerpt(book, "session-1-1.xhtml")
    assert '<a epub:type="noteref" href="#note-1" id="noteref-1" role="doc-noteref">1</a>' in tricky
    assert '<li id="note-1" epub:type="endnote" role="doc-endnote"><p>A note on <em>tricky</em> ¶2' in tricky
    assert '<td>2<sup><a epub:type="noteref" href="#note-2"' in tricky  # Paragraph 3 is the table.
    assert "note-3" not in tricky
    assert '<span class="archive-ref archive-ref--text">The New Course</span>' in tricky  # No site address.
    [report] = epubcheck(book)
    assert report.startswith("exit 0\n") and "0 fatals / 0 errors / 0 warnings" in report, report


def test_the_command_refuses_a_curriculum_with_problems_and_a_file_that_is_not_one(packet_site, tmp_path, capsys):
    broken = COURSE.replace("paragraphs: 2-4", "paragraphs: 2-40")
    packet_site.write("content/curricula/packet-course.md", broken)
    out = tmp_path / "x.epub"
    root = str(packet_site.root)
    assert main(["packet", f"{root}/content/curricula/packet-course.md", "-o", str(out), "--root", root]) == 1
    assert "content/curricula/packet-course.md:9:21: 'tricky' has no paragraphs 2-40" in capsys.readouterr().err
    assert main(["packet", f"{root}/readings/tricky.md", "-o", str(out), "--root", root]) == 2
    assert "not a curriculum" in capsys.readouterr().err
    assert not out.exists()


def test_a_packet_is_sanitized_by_the_pages_policy_even_when_the_build_is_not_strict(packet_site, logs):
    """Whatever the sanitizer removes from a page it removes from the book: strict and not differ only in exit."""
    packet_site.write("readings/tricky.md", TRICKY.replace(
        "<div>Raw <br> HTML that is not XML.</div>", '<p>Raw <script>alert("packet")</script></p>'
    ).replace("and to [[new-course#p2]].", "and to [[new-course#p2]].\n{: onclick=\"alert('attr')\" }"))
    packet_site.build(strict=False)
    warnings = " ".join(logs.warnings)
    assert "script" in warnings and "onclick" in warnings
    page = packet_site.html("readings/tricky/index.html")
    book = packet_site.site / "curricula" / "packet-course.epub"
    with zipfile.ZipFile(book) as epub:
        chapters = "".join(epub.read(name).decode("utf-8") for name in epub.namelist() if name.endswith(".xhtml"))
    for removed in ("alert(", "onerror", "onclick"):
        assert removed not in page
        assert removed not in chapters
