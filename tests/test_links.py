"""After a build, every internal link and #fragment of the site leads somewhere."""

from __future__ import annotations

from pathlib import Path

from study_archive.outputs.linkcheck import BrokenLink, broken_links


def test_links_to_missing_pages_and_ids_are_found(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="p1">x</p><a href="../b/">b</a><a href="#p1">ok</a><a href="#p9">no</a>')
    (tmp_path / "index.html").write_text('<a href="a/#p1">ok</a><a href="a/#p2">no</a><a href="c.html">no</a>'
                                         '<a href="https://example.org/x">external</a><img src="pic.png">')
    assert broken_links(tmp_path) == [
        BrokenLink("a/index.html", "../b/", "there is no b/index.html"),
        BrokenLink("a/index.html", "#p9", "a/index.html has no element with the id 'p9'"),
        BrokenLink("index.html", "a/#p2", "a/index.html has no element with the id 'p2'"),
        BrokenLink("index.html", "c.html", "there is no c.html"),
        BrokenLink("index.html", "pic.png", "there is no pic.png"),
    ]


def test_a_broken_link_in_raw_html_fails_the_strict_build(library, logs):
    library.files("""
        content/about.md
        | ---
        | title: About
        | ---
        | Read <a href="../readings/old-course/">the old course</a> and <a href="#nothing">this</a>.
        """)
    library.build(strict=False)
    assert "content/about.md:4:1: the link '../readings/old-course/' leads nowhere: there is no readings/old-course/index.html" in logs.warnings
    assert "content/about.md:4:1: the link '#nothing' leads nowhere: about/index.html has no element with the id 'nothing'" in logs.warnings


def test_the_demo_archive_has_no_broken_link(library, logs):
    library.build()
    assert not [warning for warning in logs.warnings if "leads nowhere" in warning]
