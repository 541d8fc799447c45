"""Two clean builds of the same sources are byte for byte the same, whatever the machine's settings or the time."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(site: Path, **environment: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1798761600", **environment}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                   cwd=ROOT, env=env, check=True, timeout=300)


def differences(first: Path, second: Path) -> list[str]:
    compared = filecmp.dircmp(first, second)
    found = [f"only in one build: {name}" for name in compared.left_only + compared.right_only]
    found += [name for name in compared.diff_files]
    for name, sub in compared.subdirs.items():
        found += [f"{name}/{item}" for item in differences(first / name, second / name)]
    return found


def test_two_builds_with_different_hash_seeds_zones_and_locales_are_identical(tmp_path):
    build(tmp_path / "one", PYTHONHASHSEED="1", TZ="UTC", LC_ALL="C.UTF-8")
    build(tmp_path / "two", PYTHONHASHSEED="4242", TZ="Pacific/Auckland", LC_ALL="C")
    assert differences(tmp_path / "one", tmp_path / "two") == []
    # The comparison is not vacuous: a whole site was compared, binary files included.
    assert len(list((tmp_path / "one").rglob("*.html"))) > 50
    assert (tmp_path / "one" / "sitemap.xml.gz").is_file()


CURRICULUM = """
    content/curricula/course.md
    | ---
    | title: A course
    | summary: One session.
    | sessions:
    |   - title: The New Course
    |     date: 2027-01-19
    |     readings: [{text: new-course}]
    |     questions: ["What is bureaucratism?"]
    | ---
    | An introduction.
    """


def commit(root: Path, when: str) -> None:
    """Make `root` a Git checkout with one commit of everything in it, dated `when`."""
    git = ["git", "-c", "user.name=A contributor", "-c", "user.email=contributor@example.org"]
    dated = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "An archive"], cwd=root, env=dated, check=True)


def test_two_builds_of_one_commit_are_identical_without_source_date_epoch(library, monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    library.files(CURRICULUM)
    library.write(".gitignore", "site/\n")
    commit(library.root, "2027-01-05T10:20:30+00:00")
    library.build()
    first = tmp_path.parent / f"{tmp_path.name}-first"
    library.site.rename(first)
    time.sleep(1.5)  # The clock moves on; the dates the build writes must not.
    library.build()
    assert differences(first, library.site) == []
    assert "SOURCE_DATE_EPOCH" not in os.environ  # The plugin gave MkDocs the date for its build only.
    # Every date is the commit's, not the clock's.
    assert b"DTSTAMP:20270105T102030Z" in (library.site / "curricula" / "course.ics").read_bytes()
    with zipfile.ZipFile(library.site / "curricula" / "course.epub") as book:
        assert "<meta property=\"dcterms:modified\">2027-01-05T10:20:30Z</meta>" in book.read("EPUB/package.opf").decode()
    stamp = int.from_bytes((library.site / "sitemap.xml.gz").read_bytes()[4:8], "little")  # The gzip header's date.
    assert time.strftime("%Y-%m-%d", time.gmtime(stamp)) == "2027-01-05"


def test_source_date_epoch_still_wins_over_the_commit(library, monkeypatch):
    library.files(CURRICULUM)
    commit(library.root, "2027-01-05T10:20:30+00:00")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01T00:00:00Z
    library.build()
    assert b"DTSTAMP:20270101T000000Z" in (library.site / "curricula" / "course.ics").read_bytes()


def test_an_empty_source_date_epoch_counts_as_unset(library, monkeypatch):
    """CI templates often leave the variable empty: the build takes the commit's date, as without it, and MkDocs
    (which dates the sitemap by it) does not stop on it."""
    library.files(CURRICULUM)
    commit(library.root, "2027-01-05T10:20:30+00:00")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    library.build()
    assert b"DTSTAMP:20270105T102030Z" in (library.site / "curricula" / "course.ics").read_bytes()
    stamp = int.from_bytes((library.site / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert time.strftime("%Y-%m-%d", time.gmtime(stamp)) == "2027-01-05"
    assert os.environ["SOURCE_DATE_EPOCH"] == ""  # Put back as it was.


def test_outside_git_the_date_is_that_of_the_newest_source(library, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    library.files(CURRICULUM)
    for path in library.root.rglob("*"):
        os.utime(path, (1_700_000_000, 1_700_000_000))
    os.utime(library.root / "readings" / "new-course.md", (1_800_000_000, 1_800_000_000))
    library.build()
    assert b"DTSTAMP:20270115T080000Z" in (library.site / "curricula" / "course.ics").read_bytes()
