"""`archive import`: a saved Marxists Internet Archive page and an Amusewiki `.muse` file become texts of the library
that pass `archive check` and a strict build, with their provenance, footnotes and paragraph numbers.

The two sources are small pages written for these tests in those sites' markup; their words are our own.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import checked_problems
from study_archive.adapters.cli import main

MIA_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="author" content="A. Weber">
<title>A. Weber: On Branch Meetings</title>
<link rel="stylesheet" type="text/css" href="../../../css/works.css">
<link rel="canonical" href="https://www.marxists.org/archive/weber/1921/branch.htm">
<script>document.write("a counter")</script>
</head>
<body>
<p class="toc"><a href="../index.htm">Weber Archive</a> | <a href="../../index.htm">Writers' Index</a></p>
<h2>Ana Weber</h2>
<h1>On Branch Meetings</h1>
<hr class="section">
<p class="information">
<span class="info">Written:</span> March 1921<br>
<span class="info">First Published:</span> 12 April 1921, in a branch bulletin<br>
<span class="info">Source:</span> A bulletin of collected papers, translated from the German<br>
<span class="info">Translated:</span> by Jo Example<br>
<span class="info">Transcription/Markup:</span> A volunteer<br>
<span class="info">Public Domain:</span> Marxists Internet Archive (2024). You may freely copy this work.<br>
<span class="info">Proofed:</span> Another volunteer, 2025
</p>
<hr class="end">
<h3>I. The agenda</h3>
<p>A branch meeting that follows a written agenda ends on time<a href="#n1" name="f1"><sup class="anote">[1]</sup></a>,
and members who arrive late can see what they missed.</p>
<p>The chair reads each item aloud; nobody speaks twice before everyone has spoken once. Write *stars*, [[brackets]]
and <b>bold</b> as you please.</p>
<h3>II. The minutes</h3>
<blockquote><p>Minutes record decisions, not speeches.</p></blockquote>
<p>See the <a href="../1920/rules.htm">rules of 1920</a> and <a href="https://example.org/guide">a guide</a>
<a href="#n2" name="f2"><sup class="anote">[2]</sup></a>.</p>
<ul><li>Read the minutes.</li><li>Vote on them.</li></ul>
<p><img src="../img/bulletin.jpg" alt="The bulletin"></p>
<hr class="end">
<h3>Notes</h3>
<p class="endnote"><a name="n1" href="#f1">[1]</a> The bulletin printed the agenda on its <em>first</em> page.</p>
<p class="endnote"><a name="n2" href="#f2">[2]</a> A later edition added a second guide.</p>
<hr class="end">
<p class="footer"><a href="../index.htm">Weber Internet Archive</a> | <a href="../../index.htm">Writers' Index</a></p>
<p class="updat">Last updated on 1 January 2025</p>
</body>
</html>
"""

CHAPTER_PAGE = """\
<html>
<head><title>Ana Weber: Collected Letters</title>
<link rel="stylesheet" type="text/css" href="../../../css/works.css"></head>
<body>
<h3>Ana Weber</h3>
<h2>Collected Letters</h2>
<h4>Volume 1</h4>
<hr size="1" noshade>
<h1>To the Bulletin's Editors, <span class="small">on Reports</span></h1>
<p>DEAR COMRADES <span class="note">[<a href="#n1" name="f1">[1]</a>]</span>, your reports of the
meetings are too short.</p>
<p>1) Print the motions in full. 2) Print the votes.</p>
<p class="quoteb">A quoted motion, set as the site sets quotations.</p>
<p>With greetings.</p>
<hr>
<h3>Notes</h3>
<p><a href="#f1" name="n1">1.</a> The editors were three volunteers.</p>
<hr>
<h4><a href="index.htm"><em>Collected Letters</em> Index</a></h4>
<h4><a href="../../index.htm">Weber Archive</a> | <a href="../next.htm">Next letter</a></h4>
<p><img src="../../return.jpg" border="1" width="400"></p>
<p>Last updated on: 1.1.2025</p>
</body>
</html>
"""

MUSE_FILE = """\
#title On Mutual Aid in the Workshop
#subtitle Notes for a study circle
#author Ana Weber
#SORTauthors Weber
#date 1923
#source Retrieved on 3 May 2024 from [[https://example.org/workshop][a study circle's site]]
#lang en
#pubdate 2024-05-03T00:00:00
#topics cooperation, workshops

* The workshop

Workers who *share* tools waste less time than workers who **guard** them[1], and
***everyone*** knows it.

 A quoted paragraph, indented by one space, as Muse writes quotes.

** Rules

 - Return each tool to its place.
 - Mark what is broken.
   - Say who broke it, without blame.

<verse>
The bench is long,
the day is longer;
</verse>

<quote>
Share the bench, share the day.
</quote>

An image [[workshop.png]] stood here, and a =code= word: 3 < 4 & 5 > 2, <script>not code</script>.

; a comment for editors

[1] The circle counted the minutes
for a month.
"""

WEBER = "---\ntitle: Ana Weber\nsummary: A fictional organiser of these tests.\naliases: [A. Weber]\n---\nA life.\n"


@pytest.fixture
def weber(archive):
    """An archive with the person the sources name, and a manifest recording one text already."""
    archive.write("content/people/weber.md", WEBER)
    archive.write("readings/older.md", "---\ntitle: Older\nsummary: S.\nrights: public-domain\n---\n\nOne.\n")
    archive.write("paragraphs.json", json.dumps({"older": ["One."]}))
    return archive


def run(archive, *arguments: str) -> int:
    return main(["import", *arguments, "--root", str(archive.root)])


def test_a_marxists_internet_archive_page_becomes_a_text_that_builds_strictly(weber, capsys):
    source = weber.write("saved/branch.htm", MIA_PAGE)
    assert run(weber, str(source), "--summary", "Why a branch meeting needs an agenda and minutes.") == 0
    report = capsys.readouterr().out
    text = (weber.root / "readings/weber-on-branch-meetings.md").read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    assert front.split("\n")[1:] == [
        'title: "On Branch Meetings"', "authors: [weber]", "year: 1921", "published: 1921-04-12",
        'summary: "Why a branch meeting needs an agenda and minutes."', "language: en", "original_language: de",
        'translator: "Jo Example"',
        'source: {title: "Marxists Internet Archive", url: "https://www.marxists.org/archive/weber/1921/branch.htm"}',
        "rights: public-domain",
        'rights_note: "Public Domain: Marxists Internet Archive (2024). You may freely copy this work."']
    assert "## I. The agenda\n\nA branch meeting that follows a written agenda ends on time[^1], and" in body
    assert r"Write \*stars\*, \[\[brackets\]\] and **bold** as you please." in body
    assert "> Minutes record decisions, not speeches." in body
    assert "See the rules of 1920 and [a guide](https://example.org/guide) [^2]." in body
    assert "[^1]: The bulletin printed the agenda on its *first* page." in body
    assert "Weber Archive" not in body and "Last updated" not in body and "counter" not in body
    assert "<dt>Transcription/Markup</dt><dd>A volunteer</dd>" in body and "<dt>Proofed</dt>" in body
    assert report.split("\n")[:2] == [
        "wrote readings/weber-on-branch-meetings.md: 5 paragraphs, 2 footnotes, from the Marxists Internet Archive",
        "recorded its paragraphs in paragraphs.json"]
    assert "  - the link '../1920/rules.htm' (\"rules of 1920\"): a page of the saved site, kept as plain text" in report
    assert "  - an image (../img/bulletin.jpg): save it beside the text and add it" in report
    manifest = json.loads((weber.root / "paragraphs.json").read_text(encoding="utf-8"))
    assert manifest["older"] == ["One."]  # Left as recorded.
    assert manifest["weber-on-branch-meetings"][0] == "A branch meeting that"
    assert checked_problems(weber.root) == set()
    weber.build(strict=True)
    page = weber.html("readings/weber-on-branch-meetings/index.html")
    assert re.search(r'<ul [^>]*id="p5"', page) and not re.search(r'id="p6"', page)
    assert len(re.findall(r'<li id="fn:\d"', page)) == 2
    assert "<dt>Written</dt><dd>March 1921</dd>" in page


def test_a_chapter_page_leaves_its_headings_and_navigation_and_keeps_its_notes(weber, capsys):
    """A chapter of a book: author, book and volume above the title, notes numbered `1.`, links to the index below."""
    source = weber.write("saved/letter.htm", CHAPTER_PAGE)
    assert run(weber, str(source), "--summary", "S.", "--rights", "public-domain", "--id", "letter") == 0
    report = capsys.readouterr().out
    text = (weber.root / "readings/letter.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    assert 'title: "To the Bulletin\'s Editors, on Reports"\nauthors: [weber]\n' in text
    assert body.strip().split("\n\n")[:5] == [
        "DEAR COMRADES [^1], your reports of the meetings are too short.", "1\\) Print the motions in full. 2) Print "
        "the votes.", "> A quoted motion, set as the site sets quotations.", "With greetings.", '<section class="archive-edition">\n<h2>About this edition</h2>\n<dl>\n'
        "<dt>Part of</dt><dd>Collected Letters, Volume 1</dd>\n</dl>\n</section>"]
    assert body.endswith("\n[^1]: The editors were three volunteers.\n")
    assert "Index" not in body and "Next letter" not in body and "Last updated" not in body
    assert "wrote readings/letter.md: 4 paragraphs, 1 footnote" in report and "  - 3 navigation or site blocks" in report
    weber.build(strict=True)


def test_an_amusewiki_muse_file_becomes_a_text_that_builds_strictly(weber, capsys):
    source = weber.write("saved/workshop.muse", MUSE_FILE)
    assert run(weber, str(source), "--summary", "How a workshop shares its tools.", "--rights", "public-domain",
               "--id", "workshop", "--readings", "readings/weber") == 0
    report = capsys.readouterr().out
    text = (weber.root / "readings/weber/workshop.md").read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "On Mutual Aid in the Workshop: Notes for a study circle"\n'
                           'authors: [weber]\nyear: 1923\nsummary: "How a workshop shares its tools."\nlanguage: en\n'
                           'source: {title: "The Anarchist Library"}\nrights: public-domain\n---\n')
    assert ("## The workshop\n\nWorkers who *share* tools waste less time than workers who **guard** them[^1], and "
            "***everyone*** knows it.\n\n> A quoted paragraph, indented by one space, as Muse writes quotes.\n\n"
            "### Rules\n\n- Return each tool to its place.\n- Mark what is broken.\n"
            "    - Say who broke it, without blame.\n\nThe bench is long,  \nthe day is longer;\n\n"
            "> Share the bench, share the day.\n\n") in text
    assert "a `code` word: 3 &lt; 4 &amp; 5 > 2, &lt;script>not code&lt;/script>." in text
    assert "[^1]: The circle counted the minutes for a month." in text
    assert "<dt>Source address</dt><dd>https://example.org/workshop</dd>" in text
    assert report.startswith("wrote readings/weber/workshop.md: 6 paragraphs, 1 footnote, from the Anarchist Library\n")
    for lost in ("the header #topics (cooperation, workshops): the archive has no field for it", "images: left out",
                 "comment lines: left out", "tags the converter does not know"):
        assert lost in report
    assert checked_problems(weber.root) == set()
    weber.build(strict=True)
    page = weber.html("readings/workshop/index.html")
    assert "<strong><em>everyone</em></strong>" in page and "&lt;script&gt;not code&lt;/script&gt;" in page
    assert re.search(r'<p [^>]*id="p4"[^>]*>The bench is long,<br', page)


def test_an_author_who_is_not_a_person_yet_is_named_with_the_command_to_add_one(archive, capsys):
    source = archive.write("branch.htm", MIA_PAGE)
    assert run(archive, str(source), "--summary", "S.") == 0
    report = capsys.readouterr().out
    assert ("no person in the archive is called 'A. Weber': run `archive new person weber --title \"A. Weber\" "
            "--summary \"…\"`, then uncomment `authors: [weber]` in readings/weber-on-branch-meetings.md") in report
    text = (archive.root / "readings/weber-on-branch-meetings.md").read_text(encoding="utf-8")
    assert "\n# authors: [weber]  # A. Weber: add content/people/weber.md first" in text
    assert checked_problems(archive.root) == set()


@pytest.mark.parametrize(("name", "content", "arguments", "message"), [
    ("notes.txt", "Some plain notes, in no format the importer knows.\n", [],
     "notes.txt: not a recognised format: give a saved Marxists Internet Archive page (.htm, .html) or an Amusewiki "
     ".muse file"),
    ("untitled.htm", '<html><body><p class="information"><span class="info">Written:</span> 1921</p>'
     "<p>A text.</p></body></html>", [],
     "untitled.htm: no title found: the page has no <h1> (nor <h3 class=\"title\">) and no <title>; add "
     "<h1>The title</h1> before the text in the saved page"),
    ("untitled.muse", "#author Ana Weber\n#date 1921\n\nA text.\n", ["--rights", "public-domain"],
     "untitled.muse: no #title header: add a line '#title The title' at the top of the file"),
    ("plain.muse", "A text with no headers.\n", [],
     "plain.muse: not a Muse file: it does not start with #title or #author headers"),
    ("workshop.muse", MUSE_FILE, [],
     "workshop.muse: no rights found (a .muse file has no rights header): give --rights, one of public-domain,"),
    ("branch.htm", MIA_PAGE, ["--id", "Branch Meetings"],
     "branch.htm: 'Branch Meetings' is not a valid id: ids are lowercase letters, digits and hyphens; try "
     "'branch-meetings'"),
    ("branch.htm", MIA_PAGE, ["--readings", "content"],
     "branch.htm: --readings content is not inside the archive's readings folder (readings/)"),
    ("branch.htm", MIA_PAGE, ["--id", "weber"], "branch.htm: the id 'weber' is already used by content/people/weber.md"),
])
def test_what_cannot_be_imported_is_refused_with_what_to_do(weber, capsys, name, content, arguments, message):
    source = weber.write(f"saved/{name}", content)
    summary = [] if "summary" in message else ["--summary", "S."]
    assert run(weber, str(source), *summary, *arguments) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"archive import: {source.parent}/{message}"), error
    assert sorted(path.name for path in (weber.root / "readings").rglob("*.md")) == ["older.md"]


def test_a_text_that_exists_is_never_overwritten(weber, capsys):
    source = weber.write("saved/branch.htm", MIA_PAGE)
    assert run(weber, str(source), "--summary", "S.") == 0
    written = (weber.root / "readings/weber-on-branch-meetings.md").read_bytes()
    assert run(weber, str(source), "--summary", "Another.") == 2
    assert capsys.readouterr().err == (f"archive import: {source}: readings/weber-on-branch-meetings.md already "
                                       "exists: choose another --id, or delete that file first\n")
    assert (weber.root / "readings/weber-on-branch-meetings.md").read_bytes() == written


def test_without_a_summary_nothing_is_written_outside_a_terminal(weber, capsys):
    source = weber.write("saved/branch.htm", MIA_PAGE)
    assert run(weber, str(source)) == 2
    assert ("a text needs a summary in the archive's words: give --summary \"one or two sentences on what "
            "'On Branch Meetings' argues\", or run `archive import` in a terminal to be asked") in capsys.readouterr().err
    assert not (weber.root / "readings/weber-on-branch-meetings.md").exists()


def test_a_manifest_that_is_not_json_is_refused_before_anything_is_written(weber, capsys):
    weber.write("paragraphs.json", "{not json")
    source = weber.write("saved/branch.htm", MIA_PAGE)
    assert run(weber, str(source), "--summary", "S.") == 2
    assert "paragraphs.json is not valid JSON (" in capsys.readouterr().err
    assert not (weber.root / "readings/weber-on-branch-meetings.md").exists()


def test_a_page_saved_in_windows_1252_keeps_its_letters(weber):
    page = MIA_PAGE.replace("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">",
                            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">")
    page = page.replace("Minutes record decisions", "Minutes record the branch\u2019s d\u00e9cisions")
    source = weber.write_bytes("saved/branch.htm", page.encode("windows-1252"))
    assert run(weber, str(source), "--summary", "S.") == 0
    text = (weber.root / "readings/weber-on-branch-meetings.md").read_text(encoding="utf-8")
    assert "> Minutes record the branch\u2019s d\u00e9cisions, not speeches." in text
