"""What a build holds while it runs: bodies let go once their pages are rendered, paragraphs' words packed.

A build of thousands of texts must fit in the memory of a small machine (issue 14); what it lets go must still be
there, whole, for the pages, the side-by-side versions and the messages that read it later.
"""

from __future__ import annotations

import html

from mkdocs.commands.build import build
from mkdocs.config import load_config

from study_archive.model.document import Kind
from study_archive.model.outline import Heading, Outline, Paragraph
from study_archive.renderer.reading import Segmenter

from test_guides import GERMAN, versions


def _build(archive):
    """Build the archive as `mkdocs build` does, and hand back the plugin as the build left it."""
    config = load_config(str(archive.root / "mkdocs.yml"), site_dir=str(archive.site), strict=False)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return config.plugins["archive"]


def test_a_build_lets_bodies_go_and_its_pages_stay_whole(library):
    library.files("""
        readings/long.md
        | ---
        | title: A Long Text
        | year: 1920
        | summary: A text of two paragraphs in several alphabets.
        | rights: public-domain
        | ---
        | Één paragraph with a word from elsewhere: “Коммунист”.
        |
        | ## Ĥeading
        |
        | The last paragraph, after [[new-course#p2]].
        """)
    sources = {path: (library.root / path).read_text(encoding="utf-8").split("---\n", 2)[2]
               for path in ("readings/long.md", "readings/new-course.md", "content/people/trotsky.md")}
    plugin = _build(library)
    documents = {document.path: document for document in plugin.archive.documents}
    for path, body in sources.items():
        document = documents[path]
        assert document.front.body == "", f"{path}: the build still holds the body as a string"
        assert document.body == body  # Read back whole, byte for byte.
    for text in plugin.archive.of_kind(Kind.TEXT):
        assert plugin.files.get_file_from_path(text.uri).content_string == "", f"{text.uri}: its file holds the body"
    page = html.unescape(library.html("readings/long/index.html"))
    assert "Één paragraph with a word from elsewhere: “Коммунист”." in page
    assert 'id="p2"' in page and "The last paragraph, after" in page and "Ĥeading" in page


def test_a_broken_link_in_a_text_names_its_line_once_the_body_is_let_go(library, logs):
    library.files("""
        readings/linked.md
        | ---
        | title: Linked
        | year: 1921
        | summary: A text with a link to nowhere.
        | rights: public-domain
        | ---
        | A first paragraph.
        |
        | Then <a href="../nowhere/">a lost link</a>, on line 9.
        """)
    plugin = _build(library)
    assert next(d for d in plugin.archive.documents if d.path == "readings/linked.md").front.body == ""
    assert ("readings/linked.md:9:1: the link '../nowhere/' leads nowhere: there is no readings/nowhere/index.html"
            in logs.warnings)


def test_versions_side_by_side_read_the_bodies_a_build_has_let_go(archive):
    archive.files(versions(GERMAN))
    plugin = _build(archive)
    assert all(text.front.body == "" for text in plugin.archive.of_kind(Kind.TEXT))
    page = html.unescape(archive.html("readings/original/compare/version-de/index.html"))
    rows = page.split('<div class="archive-compare__row" id="p')[1:]
    assert len(rows) == 3 and "Der zweite Absatz." in rows[1] and "The second paragraph." in rows[1]


def test_an_outline_gives_back_each_paragraphs_words_as_they_were_read():
    outline = Segmenter().outline("Ünïcode and “quotes”.\n\n## A heading\n\nКириллица, then [[person:x|a label]].\n\n"
                                  "> A quotation.\n\n\ud800 alone.\n")
    assert outline.texts() == ["Ünïcode and “quotes”.", "Кириллица, then a label.", "A quotation.", "\ud800 alone."]
    assert [paragraph.number for paragraph in outline.paragraphs] == [1, 2, 3, 4]
    assert outline.paragraphs[1].references == ("x",)
    assert Outline((), ()).texts() == []


def test_an_outline_packs_empty_paragraphs_and_refuses_a_missing_text():
    paragraphs = [Paragraph(1, "p", 0, ""), Paragraph(2, "p", 1, "one")]
    assert Outline.pack(paragraphs, ["", "one"], [Heading(2, "H", "h", 1)]).texts() == ["", "one"]
    try:
        Outline.pack(paragraphs, ["only one"])
    except ValueError as error:
        assert "give one text to each paragraph" in str(error)
    else:
        raise AssertionError("two paragraphs and one text were packed")
