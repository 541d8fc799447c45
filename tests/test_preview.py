"""Live preview: `mkdocs serve` rebuilds after each edit from what it built before, and no page is left stale."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import MKDOCS_YML, Archive


def rebuild(archive: Archive, command: str = "serve", *, dirty: bool = False):
    """One build as `mkdocs serve` makes it after a save (a fresh configuration each time), or `mkdocs serve
    --dirty` with `dirty`; the plugin it used."""
    config = load_config(str(archive.root / "mkdocs.yml"), site_dir=str(archive.site))
    config.plugins.on_startup(command=command, dirty=dirty)
    try:
        build(config, serve_url="http://127.0.0.1:8000/" if command == "serve" else None, dirty=dirty)
    finally:  # As `mkdocs serve` ends: the plugin instance, which MkDocs keeps for the process, builds plainly again.
        config.plugins.on_shutdown()
    return config.plugins["archive"]


def pages_showing(archive: Archive, words: str) -> set[str]:
    return {path.relative_to(archive.site).as_posix() for path in archive.site.rglob("*.html")
            if words in path.read_text(encoding="utf-8")}


@pytest.fixture
def seminar(library: Archive) -> Archive:
    """The library with a second text, a curriculum assigning the first, and the first mentioning the term."""
    library.files("""
        readings/lessons.md
        | ---
        | title: Lessons of October
        | authors: [trotsky]
        | year: 1924
        | summary: On the defeat in Germany.
        | rights: public-domain
        | ---
        | One paragraph about a faction.
        content/curricula/reading-group.md
        | ---
        | title: Reading group
        | summary: Two sessions.
        | sessions:
        |   - title: Democracy in the party
        |     readings:
        |       - text: new-course
        |     questions:
        |       - "What changed?"
        | ---
        | An introduction.
        """)
    text = library.root / "readings/new-course.md"
    text.write_text(text.read_text().replace("The first paragraph.", "The first paragraph on the faction.")
                    .replace("The second paragraph.", "The second paragraph runs on for many words before its point."))
    return library


def edit(archive: Archive, path: str, old: str, new: str) -> None:
    file = archive.root / path
    source = file.read_text(encoding="utf-8")
    assert old in source
    file.write_text(source.replace(old, new), encoding="utf-8")


# A body edit keeps the pages that do not show the body; an edit of front matter (a name, a title, a reading) may
# show anywhere, so every page is built again.
@pytest.mark.parametrize(("path", "old", "new", "shown_on", "body"), [
    ("readings/new-course.md", "before its point.", "before its revised point.",
     {"readings/new-course/index.html"}, True),
    ("content/people/trotsky.md", "Leon Trotsky", "Lev Davidovich Trotsky",
     {"people/trotsky/index.html", "readings/new-course/index.html", "readings/lessons/index.html"}, False),
    ("content/glossary/faction.md", "A longer definition.", "A definition, revised.",
     {"glossary/faction/index.html"}, True),
    ("content/glossary/faction.md", "An organized group inside a party.", "A group organized within a party.",
     {"glossary/faction/index.html"}, False),
    ("content/curricula/reading-group.md", "Democracy in the party", "Party democracy, revisited",
     {"curricula/reading-group/index.html", "readings/new-course/index.html"}, False),
])
def test_an_edit_shows_on_every_page_that_shows_it(seminar: Archive, path, old, new, shown_on, body) -> None:
    rebuild(seminar)
    before = pages_showing(seminar, old)
    assert shown_on <= before
    first = rebuild(seminar)
    assert first.kept, "an unchanged archive is rebuilt from what the last build left"
    edit(seminar, path, old, new)
    plugin = rebuild(seminar)
    assert pages_showing(seminar, new) >= shown_on
    assert not pages_showing(seminar, old), "no page still shows the old words"
    rebuilt = {uri for uri in plugin.keys if uri not in plugin.kept}
    assert {uri.removesuffix(".md").replace("content/", "") for uri in rebuilt} >= {
        page.removesuffix("/index.html") for page in shown_on}
    if body:
        assert plugin.kept, "the pages that do not show the edited body come from the last build"


def test_a_body_edit_rebuilds_only_the_pages_that_show_the_body(seminar: Archive) -> None:
    rebuild(seminar)
    edit(seminar, "readings/new-course.md", "before its point.", "before its revised point.")
    plugin = rebuild(seminar)
    assert "readings/lessons/index.md" in plugin.kept or "readings/lessons.md" in plugin.kept
    assert "people/trotsky.md" in plugin.kept
    assert not {uri for uri in plugin.kept if "new-course" in uri}
    assert "before its revised point." in seminar.html("readings/new-course/index.html")


def test_a_term_page_lists_a_new_mention(seminar: Archive) -> None:
    rebuild(seminar)
    edit(seminar, "readings/lessons.md", "One paragraph about a faction.", "One paragraph about a party.")
    plugin = rebuild(seminar)
    assert "content/glossary/faction.md" not in plugin.kept and "glossary/faction.md" not in plugin.kept
    assert "Lessons of October" not in seminar.html("glossary/faction/index.html")


def test_the_same_output_from_kept_pages_as_from_a_full_build(seminar: Archive, tmp_path: Path) -> None:
    rebuild(seminar)
    rebuild(seminar)
    kept = {path: path.read_bytes() for path in seminar.site.rglob("*.html")}
    rebuild(seminar, command="build")
    assert kept == {path: path.read_bytes() for path in seminar.site.rglob("*.html")}


def test_mkdocs_build_keeps_nothing(seminar: Archive) -> None:
    rebuild(seminar, command="build")
    plugin = rebuild(seminar, command="build")
    assert not plugin.kept


def test_the_preview_says_how_to_get_the_offline_copy_instead_of_zipping_the_site(seminar):
    import zipfile

    rebuild(seminar)
    with zipfile.ZipFile(seminar.site / "archive-offline.zip") as copy:
        assert copy.namelist() == ["archive-offline/README.txt"]
        assert "mkdocs build" in copy.read("archive-offline/README.txt").decode()
    rebuild(seminar, command="build")
    with zipfile.ZipFile(seminar.site / "archive-offline.zip") as copy:
        assert "archive-offline/readings/new-course/index.html" in copy.namelist()


def test_an_edited_template_is_compiled_again(seminar):
    seminar.write("mkdocs.yml", seminar.root.joinpath("mkdocs.yml").read_text().replace(
        "  font: false\n", "  font: false\n  custom_dir: overrides\n"))
    seminar.write("overrides/main.html", '{% extends "base.html" %}{% block announce %}First notice{% endblock %}')
    rebuild(seminar)
    assert "First notice" in (seminar.site / "index.html").read_text()
    seminar.write("overrides/main.html", '{% extends "base.html" %}{% block announce %}Second notice{% endblock %}')
    rebuild(seminar)
    home = (seminar.site / "index.html").read_text()
    assert "Second notice" in home and "First notice" not in home


@pytest.fixture
def study(seminar: Archive) -> Archive:
    """The seminar with every kind of document a page may show another's words from: a curriculum assigning some
    paragraphs, a debate, a reading group, a layer of notes; reading times counted at 7 words a minute, so that a
    word more or less may or may not change one."""
    seminar.write("mkdocs.yml", seminar.root.joinpath("mkdocs.yml").read_text().replace(
        "  - archive\n", "  - archive:\n      words_per_minute: 7\n"))
    seminar.files("""
        content/curricula/short-course.md
        | ---
        | title: Short course
        | summary: One session on one paragraph.
        | sessions:
        |   - title: The second paragraph
        |     readings:
        |       - text: new-course
        |         paragraphs: "2"
        |     questions:
        |       - "What is its point?"
        | ---
        | A shorter introduction.
        content/debates/factions.md
        | ---
        | title: Factions in the party
        | question: "Should a party allow factions?"
        | pieces:
        |   - text: new-course
        |     position: "Yes, within limits set by the majority."
        |     claims: ["A minority may keep its view."]
        |   - text: lessons
        |     position: "The defeat in Germany shows what a party needs."
        |     claims: ["Leadership decides."]
        | ---
        | Two texts on one question.
        content/groups/tuesday.md
        | ---
        | title: Tuesday group
        | curriculum: reading-group
        | start: 2027-03-02
        | weekday: tuesday
        | time: "19:00"
        | duration: 90
        | timezone: Europe/Berlin
        | place: "Room 2"
        | ---
        | We meet weekly.
        readings/notes/context/new-course.md
        | ---
        | author: The editors
        | date: 2026-11-23
        | ---
        | ## p1 "first paragraph"
        |
        | A note on the opening words.
        """)
    return seminar


def site_pages(archive: Archive) -> dict[str, bytes]:
    """The built pages, and the reading packets, calendars and feeds beside them."""
    return {path.relative_to(archive.site).as_posix(): path.read_bytes() for path in archive.site.rglob("*")
            if path.suffix in (".html", ".epub", ".ics") or path.name == "atom.xml"}


# Each kind of edit, in the rebuild after it: no page differs from the one a full `mkdocs build` makes of the same
# sources. The text has 20 words, 3 minutes at 7 a minute; one more word keeps the minutes, nine more do not (both
# past the paragraph's opening, which other pages show).
EDITS = {
    "text body, reading time kept": ("readings/new-course.md", "before its point.", "before its real point."),
    "text body, reading time changed": ("readings/new-course.md", "point.",
                                        "point, which takes nine more words to make it now."),
    "text heading": ("readings/new-course.md", "## The party", "## The party and its factions"),
    "text front matter": ("readings/new-course.md", "Open letters on party democracy.", "Letters on democracy."),
    "person": ("content/people/trotsky.md", "Leon Trotsky", "Lev Davidovich Trotsky"),
    "term definition": ("content/glossary/faction.md", "An organized group inside a party.", "A group within a party."),
    "term mention": ("readings/lessons.md", "One paragraph about a faction.", "One paragraph about a party."),
    "curriculum": ("content/curricula/reading-group.md", "Democracy in the party", "Party democracy, revisited"),
    "curriculum reading": ("content/curricula/short-course.md", 'paragraphs: "2"', 'paragraphs: "1-2"'),
    "debate": ("content/debates/factions.md", "Yes, within limits set by the majority.", "Yes, always."),
    "group": ("content/groups/tuesday.md", 'place: "Room 2"', 'place: "Hall 5"'),
    "notes": ("readings/notes/context/new-course.md", "A note on the opening words.", "A note, revised."),
}


@pytest.mark.parametrize("dirty", [False, True], ids=["serve", "serve --dirty"])
@pytest.mark.parametrize("kind", EDITS)
def test_after_each_kind_of_edit_no_page_differs_from_a_full_build(study: Archive, kind: str, dirty: bool,
                                                                   monkeypatch) -> None:
    # The sources' date stays, as a Git checkout's last commit does, so that the packets may be kept too.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    path, old, new = EDITS[kind]
    rebuild(study, dirty=dirty)
    edit(study, path, old, new)
    rebuild(study, dirty=dirty)
    previewed = site_pages(study)
    rebuild(study, command="build")
    built = site_pages(study)
    assert sorted(previewed) == sorted(built)
    stale = [page for page in built if previewed[page] != built[page]]
    assert not stale, f"after an edit of {kind}, the preview left these pages stale: {stale}"


def test_a_body_edit_that_keeps_the_reading_time_keeps_the_library(study: Archive) -> None:
    rebuild(study)
    edit(study, *EDITS["text body, reading time kept"])
    plugin = rebuild(study)
    # The library shows the text's reading time, unchanged; the curricula show its words, which changed.
    assert "readings/index.md" in plugin.kept
    assert {"indexes/authors/index.md", "indexes/years/index.md", "debates/factions.md"} <= set(plugin.kept)
    assert not {"curricula/reading-group.md", "curricula/short-course.md", "curricula/index.md",
                "groups/tuesday.md"} & set(plugin.kept)
    assert "21 words" in study.html("curricula/reading-group/index.html")

    edit(study, *EDITS["text body, reading time changed"])
    plugin = rebuild(study)
    assert "readings/index.md" not in plugin.kept
    assert "5 min" in study.html("readings/index.html")


def test_links_into_kept_pages_are_checked_against_the_ids_they_were_built_with(seminar: Archive) -> None:
    rebuild(seminar)
    edit(seminar, "readings/new-course.md", "before its point.",
         "before its point, as [the glossary](../../glossary/#faction) says, and [not](../../glossary/#no-such-term).")
    plugin = rebuild(seminar)
    # The glossary's list is its template's, not its Markdown's: its ids come from what the last build wrote.
    assert "glossary/index.md" in plugin.kept
    assert "faction" in plugin.kept["glossary/index.md"].ids
    broken = [problem for problem in plugin.reported if "leads nowhere" in problem]
    assert broken == ["readings/new-course.md:12:1: the link '../../glossary/#no-such-term' leads nowhere: "
                      "glossary/index.html has no element with the id 'no-such-term'"]


def test_serve_dirty_leaves_kept_pages_untouched_and_writes_the_rest(study: Archive, caplog) -> None:
    rebuild(study, dirty=True)
    lessons, text = study.site / "readings/lessons/index.html", study.site / "readings/new-course/index.html"
    before = {page: (page.stat().st_mtime_ns, page.stat().st_ino) for page in (lessons, text)}
    edit(study, *EDITS["text body, reading time kept"])
    with caplog.at_level("INFO"):
        plugin = rebuild(study, dirty=True)
    assert "readings/lessons.md" in plugin.kept or "readings/lessons/index.md" in plugin.kept
    assert (lessons.stat().st_mtime_ns, lessons.stat().st_ino) == before[lessons], "a kept page is not written again"
    assert "before its real point." in text.read_text()
    # MkDocs' warning that `--dirty` may leave navigation wrong is not the archive's case (the tests above compare
    # every page with a full build's).
    assert not [record for record in caplog.records if "'dirty' build" in record.getMessage()]


def test_serve_dirty_takes_away_the_page_of_a_deleted_text(study: Archive) -> None:
    rebuild(study, dirty=True)
    assert (study.site / "readings/lessons/index.html").is_file()
    (study.root / "readings/lessons.md").unlink()
    edit(study, "content/debates/factions.md", "  - text: lessons\n", "  - title: The lessons\n")
    rebuild(study, dirty=True)
    assert not (study.site / "readings/lessons").exists()
    assert "Lessons of October" not in study.html("index.html")


def test_serve_dirty_writes_a_kept_page_again_when_its_file_is_gone(study: Archive) -> None:
    rebuild(study, dirty=True)
    page = study.site / "people/trotsky/index.html"
    whole = page.read_bytes()
    page.unlink()
    rebuild(study, dirty=True)
    assert page.read_bytes() == whole


class Node:
    """An object in a reference cycle: only the garbage collector can free it."""

    def __init__(self) -> None:
        self.itself = self


def collected_within(alive, seconds: float) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while alive() is not None and time.monotonic() < deadline:
        time.sleep(0.02)
    return alive() is None


def test_a_rebuilds_garbage_is_collected_once_the_preview_is_idle_and_older_garbage_once_it_is_quiet(
        monkeypatch) -> None:
    import gc
    import weakref

    from study_archive.adapters.mkdocs.preview import Collector

    collector = Collector()
    monkeypatch.setattr(collector, "IDLE", 0.05)
    monkeypatch.setattr(collector, "QUIET", 1.0)
    older = Node()
    alive_older = weakref.ref(older)
    try:
        collector.before_build()
        del older
        gc.collect()
        assert alive_older() is not None, "what the rebuild found in memory is out of collection while it runs"
        made = Node()  # Made by the rebuild, and let go of by its end.
        alive_made = weakref.ref(made)
        del made
        collector.after_build()
        assert collected_within(alive_made, 0.9), "what the rebuild left behind goes once the preview is idle"
        assert alive_older() is not None, "what earlier builds left behind waits for a quiet moment"
        assert gc.get_freeze_count() > 0, "and the rest is frozen again for the next rebuild"
        assert collected_within(alive_older, 10), "which comes once no save came for a while"
    finally:
        collector.stop()
    assert gc.get_freeze_count() == 0


def test_every_few_builds_the_idle_collection_is_a_full_one(monkeypatch) -> None:
    import gc
    import weakref

    from study_archive.adapters.mkdocs.preview import Collector

    collector = Collector()
    monkeypatch.setattr(collector, "IDLE", 0.05)
    monkeypatch.setattr(collector, "BUILDS", 2)
    try:
        collector.before_build()
        collector.after_build()
        older = Node()
        alive = weakref.ref(older)
        collector.before_build()
        del older
        gc.collect()
        collector.after_build()  # The second build since a full collection.
        assert collected_within(alive, 10)
    finally:
        collector.stop()


def test_serve_dirty_leaves_unchanged_files_beside_the_pages_as_they_are(study: Archive, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # As a Git checkout's last commit: the packets may stay.
    edit(study, "readings/new-course.md", "year: 1923\n", "year: 1923\naliases: [course-of-1923]\n")
    rebuild(study, dirty=True)
    made = sorted(study.site.rglob("*.epub")) + [study.site / "readings/course-of-1923/index.html"]
    assert all(file.is_file() for file in made)
    before = {file: (file.stat().st_mtime_ns, file.stat().st_ino) for file in made}
    edit(study, "readings/lessons.md", "One paragraph about a faction.", "One paragraph about a faction, still.")
    rebuild(study, dirty=True)
    assert {file: (file.stat().st_mtime_ns, file.stat().st_ino) for file in made} == before


class Served:
    """`mkdocs serve -v` on an archive, in its own process, with its log read as it is written."""

    def __init__(self, archive: Archive, **environment: str) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/"
        self.log = archive.root / "serve.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "-v", "--dirty", "-a", f"127.0.0.1:{port}"],
                cwd=archive.root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **environment}, stdout=log,
                stderr=subprocess.STDOUT)

    def lines(self, words: str) -> int:
        return self.log.read_text(encoding="utf-8", errors="replace").count(words)

    def wait_for(self, words: str, times: int = 1, limit: float = 120) -> None:
        deadline = time.monotonic() + limit
        while self.lines(words) < times:
            assert self.process.poll() is None, self.log.read_text(encoding="utf-8")[-3000:]
            assert time.monotonic() < deadline, f"no {words!r} in the log:\n" + self.log.read_text(encoding="utf-8")
            time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.mark.parametrize("polling", [False, True], ids=["system notices", "preview_polling: true"])
def test_serve_rebuilds_once_per_save_and_never_for_its_own_reading(library: Archive, polling: bool) -> None:
    if polling:
        library.write("mkdocs.yml", MKDOCS_YML.replace("  - archive\n", "  - archive:\n      preview_polling: true\n"))
    served = Served(library)
    try:
        served.wait_for("Serving on")
        assert served.lines("through the system's file notices") == (0 if polling else 1)
        time.sleep(2)  # Long enough for a build's own reading of the library to come back as a change, were it noticed.
        assert served.lines("Detected file changes") == 0
        edit(library, "readings/new-course.md", "The first paragraph.", "The first paragraph, edited.")
        served.wait_for("Reloading browsers")
        with urllib.request.urlopen(served.url + "readings/new-course/", timeout=30) as response:
            assert "The first paragraph, edited." in response.read().decode("utf-8")
        time.sleep(2)
        assert served.lines("Detected file changes") == 1
    finally:
        served.stop()


def test_a_preview_told_to_stop_leaves_no_folder_behind(library: Archive, tmp_path: Path) -> None:
    """Stopped by SIGTERM, as a process manager or an editor stops it, `mkdocs serve` stops as on Ctrl-C: MkDocs'
    temporary site and the archive's kept index are removed, where they were left in the temporary folder."""
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    served = Served(library, TMPDIR=str(temporary))
    try:
        served.wait_for("Serving on")
        with urllib.request.urlopen(served.url + "readings/new-course/", timeout=30) as response:
            assert response.status == 200
        assert sorted(path.name.split("_")[0].split("-")[0] for path in temporary.iterdir()) == ["archive", "mkdocs"]
    finally:
        served.stop()
    assert served.process.returncode == 0, served.log.read_text(encoding="utf-8")[-3000:]
    assert list(temporary.iterdir()) == []
