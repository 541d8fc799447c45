"""The offline copy: a zip of the built site whose every link leads to a file, so that it works unpacked, from the
file system, where no server turns a folder's address into its index.html."""

from __future__ import annotations

import datetime
import io
import posixpath
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from study_archive.outputs.offline import FOLDER, OFFLINE_URI, for_files, offline_copy, write_offline_copy

HOME = """
    content/index.md
    | ---
    | title: Home
    | ---
    | Read [[new-course]] or [[curriculum:course]], or take [the whole archive](archive-offline.zip) with you.
    readings/renamed.md
    | ---
    | title: A renamed text
    | summary: S.
    | rights: public-domain
    | aliases: [old-name]
    | ---
    | Its only paragraph.
    content/curricula/course.md
    | ---
    | title: A course
    | summary: One session.
    | sessions:
    |   - title: The New Course
    |     readings: [{text: new-course, section: the-party}]
    |     questions: ["What is bureaucratism?"]
    | ---
    | An introduction.
    """


class Links(HTMLParser):
    """Every address a browser would follow or load from a page: links, sources, form actions, refreshes."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for key in ("href", "src", "action"):
            if values.get(key):
                self.urls.append(values[key])
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.urls.append((values.get("content") or "").partition("url=")[2])


def unpacked(site: Path, into: Path) -> Path:
    with zipfile.ZipFile(site / OFFLINE_URI) as copy:
        copy.extractall(into)
    return into / FOLDER


def dead_ends(root: Path) -> list[str]:
    """Each link of each page of an unpacked copy that does not open a file, as `page: url`."""
    found = []
    for page in sorted(root.rglob("*.html")):
        name = page.relative_to(root).as_posix()
        links = Links()
        links.feed(page.read_text(encoding="utf-8"))
        for url in links.urls:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
            if not (root / target).is_file():
                found.append(f"{name}: {url}")
    return found


def test_every_link_of_the_offline_copy_opens_a_file(library, tmp_path):
    library.files(HOME)
    library.build()
    root = unpacked(library.site, tmp_path / "unpacked")
    assert (root / "index.html").is_file()
    assert not (root / OFFLINE_URI).exists() and not (root / "404.html").exists()
    # The site's own pages link folders; the copy's link their index.html, and keep the paragraph or section.
    assert 'href="readings/new-course/"' in library.html("index.html")
    home = (root / "index.html").read_text(encoding="utf-8")
    assert 'href="readings/new-course/index.html"' in home
    assert 'action="search/index.html"' in home
    assert 'href="../../readings/new-course/index.html#the-party"' in (
        root / "curricula" / "course" / "index.html").read_text(encoding="utf-8")
    # A former address sends the reader on to the file.
    redirect = (root / "readings" / "old-name" / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../renamed/index.html"' in redirect
    assert '<link rel="canonical" href="../renamed/index.html">' in redirect
    # Without a published address, the copy's link to itself is the only one that leads out of it.
    assert dead_ends(root) == ["index.html: archive-offline.zip"]
    # The copy holds the search index and the theme's files, which the pages load.
    assert list((root / "search").rglob("manifest.js")) and (root / "assets" / "archive" / "search.js").is_file()


def test_with_a_published_address_the_copy_links_the_newest_copy_online(library, tmp_path):
    library.files(HOME)
    library.write("mkdocs.yml", library.root.joinpath("mkdocs.yml").read_text()
                  + "site_url: https://archive.example.org/study/\n")
    library.build()
    root = unpacked(library.site, tmp_path / "unpacked")
    assert 'href="https://archive.example.org/study/archive-offline.zip"' in (root / "index.html").read_text("utf-8")
    assert dead_ends(root) == []


def test_the_copy_is_the_same_bytes_for_the_same_site_dated_by_its_sources(library, tmp_path):
    library.build()
    when = datetime.datetime(2027, 1, 5, 10, 20, 30, tzinfo=datetime.timezone.utc)
    first, second = offline_copy(library.site, when=when), offline_copy(library.site, when=when)
    assert first == second
    (tmp_path / "copy.zip").write_bytes(first)
    with zipfile.ZipFile(tmp_path / "copy.zip") as copy:
        entries = copy.infolist()
        assert [entry.filename for entry in entries] == sorted(entry.filename for entry in entries)
        assert {entry.date_time for entry in entries} == {(2027, 1, 5, 10, 20, 30)}
        assert f"{FOLDER}/readings/new-course/index.html" in copy.namelist()


def test_the_copy_written_into_the_site_is_the_one_made_in_memory_without_itself(library):
    """The build writes the zip page by page into its place in the site; it leaves itself out, as the copy in memory
    does, and is the same bytes."""
    library.files(HOME)
    library.build()
    when = datetime.datetime(2027, 1, 5, 10, 20, 30, tzinfo=datetime.timezone.utc)
    expected = offline_copy(library.site, when=when)
    written = write_offline_copy(library.site, when=when)
    assert written == library.site / OFFLINE_URI
    assert written.read_bytes() == expected
    with zipfile.ZipFile(written) as copy:
        assert f"{FOLDER}/{OFFLINE_URI}" not in copy.namelist()
        assert f"{FOLDER}/index.html" in copy.namelist()


def test_only_links_to_folders_change_and_scripts_keep_their_words():
    page = ('<a href="../">up</a> <a href="x/#p2">x</a> <a href="file.pdf">f</a> <a href="https://a.org/b/">a</a>'
            "<a href='#top'>t</a> <img src=\"y/\" alt=\"\"> <script src=\"x/\">var u = \"x/\";</script>"
            '<!-- <a href="x/"> --><a href="x?q=a&amp;b=c">q</a>')
    assert for_files(page, "readings/index.html", {".", "readings", "readings/x"}) == (
        '<a href="../index.html">up</a> <a href="x/index.html#p2">x</a> <a href="file.pdf">f</a> '
        '<a href="https://a.org/b/">a</a>'
        "<a href='#top'>t</a> <img src=\"y/index.html\" alt=\"\"> <script src=\"x/index.html\">var u = \"x/\";</script>"
        '<!-- <a href="x/"> --><a href="x/index.html?q=a&amp;b=c">q</a>')


def test_the_copy_a_build_makes_page_by_page_is_the_copy_made_from_the_finished_site(library):
    """The build rewrites each page for the copy as MkDocs writes it, beside the build: the zip is the one made
    from the site once it is whole, byte for byte."""
    library.files(HOME)
    library.build()
    with zipfile.ZipFile(library.site / OFFLINE_URI) as copy:
        when = datetime.datetime(*copy.infolist()[0].date_time, tzinfo=datetime.timezone.utc)
    assert (library.site / OFFLINE_URI).read_bytes() == offline_copy(library.site, when=when)


def _written_site(root: Path) -> dict[str, str]:
    pages = {"index.html": '<a href="a">a</a> <a href="b#p2">b</a>',
             "a/index.html": '<p id="p1">A</p><a href="../b/">b</a>',
             "b/index.html": '<p id="p2">B</p><a href="../">home</a>'}
    for name, page in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(page, encoding="utf-8")
    return pages


def test_a_page_changed_after_it_was_handed_over_is_checked_and_copied_as_the_site_holds_it(tmp_path):
    from study_archive.outputs.written import PagesWritten

    pages = _written_site(tmp_path)
    written = PagesWritten(tmp_path, {".", "a", "b"}, None)
    for name, page in pages.items():
        written.take((name, page.encode("utf-8")))
    # Another plugin rewrites a page once the archive has handed it over.
    (tmp_path / "b/index.html").write_text('<p id="p3">B</p><a href="../a/#gone">a</a>', encoding="utf-8")
    when = datetime.datetime(2027, 1, 5, tzinfo=datetime.timezone.utc)
    broken = written.finish(sorted(pages), when)
    assert [(link.page, link.url) for link in broken] == [("b/index.html", "../a/#gone"), ("index.html", "b#p2")]
    made = (tmp_path / OFFLINE_URI).read_bytes()
    (tmp_path / OFFLINE_URI).unlink()
    assert made == offline_copy(tmp_path, when=when)


def test_pages_handed_over_against_other_folders_are_rewritten_from_the_site(tmp_path):
    from study_archive.outputs.written import PagesWritten

    pages = _written_site(tmp_path)
    written = PagesWritten(tmp_path, {"."}, None)  # As if `a` and `b` were not folders of pages.
    for name, page in pages.items():
        written.take((name, page.encode("utf-8")))
    when = datetime.datetime(2027, 1, 5, tzinfo=datetime.timezone.utc)
    assert written.finish(sorted(pages), when) == []
    made = (tmp_path / OFFLINE_URI).read_bytes()
    (tmp_path / OFFLINE_URI).unlink()
    assert made == offline_copy(tmp_path, when=when)
    with zipfile.ZipFile(io.BytesIO(made)) as copy:
        assert copy.read(f"{FOLDER}/index.html").decode() == '<a href="a/index.html">a</a> <a href="b/index.html#p2">b</a>'
