"""A tiny archive builds into pages a reader can use."""

from __future__ import annotations

import pytest

from conftest import Abort


def test_texts_get_their_own_pages_outside_the_docs_folder(library, logs):
    library.build()
    html = library.html("readings/new-course/index.html")
    assert "<h1>The New Course</h1>" in html
    assert '<a href="../../people/trotsky/">Leon Trotsky</a>' in html
    assert logs.warnings == []


def test_paragraphs_are_numbered_and_headings_are_not(library):
    library.build()
    html = library.html("readings/new-course/index.html")
    assert '<p class="archive-paragraph" data-paragraph="1" id="p1">The first paragraph.</p>' in html
    assert 'id="p2">The second paragraph.</p>' in html
    assert '<blockquote class="archive-paragraph" data-paragraph="3" id="p3">' in html
    assert 'id="p4"' not in html


def test_references_link_to_documents_paragraphs_and_headings(library):
    library.files("""
        content/about.md
        | See [[new-course]], [[new-course#p2]], [[new-course#the-party]],
        | [[term:faction]] and [[person:trotsky|the author]].
        """)
    library.build()
    html = library.html("about/index.html")
    assert '<a class="archive-ref archive-ref--text" href="../readings/new-course/">The New Course</a>' in html
    assert 'href="../readings/new-course/#p2">The New Course, ¶2</a>' in html
    assert 'href="../readings/new-course/#the-party">The New Course: The party</a>' in html
    assert 'title="An organized group inside a party.">Faction</a>' in html
    assert 'href="../people/trotsky/">the author</a>' in html


def test_references_inside_code_are_left_alone(library, logs):
    library.files("""
        content/about.md
        | Write `[[no-such-text]]` to link a text.
        |
        | ```
        | [[another-missing-one]]
        | ```
        """)
    library.build()
    assert "<code>[[no-such-text]]</code>" in library.html("about/index.html")
    assert logs.warnings == []


def test_section_index_pages_list_every_document(library):
    library.build()
    assert '<a href="new-course/">The New Course</a>' in library.html("readings/index.html")
    assert '<a href="trotsky/"><strong>Leon Trotsky</strong></a>' in library.html("people/index.html")
    assert "An organized group inside a party." in library.html("glossary/index.html")


def test_texts_stay_out_of_the_sidebar(library):
    library.build()
    home = library.html("index.html")
    sidebar = home[home.index('<nav class="md-nav md-nav--primary"'):home.index('class="md-content"')]
    assert 'href="readings/"' in sidebar
    assert 'href="readings/new-course/"' not in sidebar  # The home page's own list of new texts aside.


def test_person_page_lists_their_works(library):
    library.build()
    html = library.html("people/trotsky/index.html")
    assert '<a href="../../readings/new-course/">The New Course</a> (1923)' in html


def test_summary_line_counts_pages_per_kind(library, logs):
    library.build()
    assert "1 text, 1 person, 1 term, 0 curricula, 0 debates, 0 groups, 1 page, 0 annotations in 0 notes files; 0 problems" in logs.infos


def test_strict_build_fails_on_a_problem_and_lax_build_still_renders(library, logs):
    library.files("""
        content/about.md
        | See [[no-such-text]].
        """)
    with pytest.raises(Abort):
        library.build(strict=True)
    library.build(strict=False)
    html = library.html("about/index.html")
    assert '<span class="archive-ref archive-ref--broken" title="unknown reference \'no-such-text\'">[[no-such-text]]</span>' in html


def test_invalid_front_matter_is_never_rendered_into_the_page(library):
    library.files("""
        content/about.md
        | ---
        | title: Part one: the crisis
        | ---
        | The body.
        """)
    library.build(strict=False)
    html = library.html("about/index.html")
    assert "Part one" not in html
    assert "The body." in html


HELD = '''
import json

pages = []


def on_page_markdown(markdown, page, **kwargs):
    pages.append(page)


def on_post_build(config):
    held = {page.file.src_uri: [len(page.markdown or ""), len(page.content or "")] for page in pages}
    with open(config.config_file_path.replace("mkdocs.yml", "held.json"), "w") as file:
        json.dump(held, file)
'''


def test_a_build_lets_each_page_s_markdown_and_html_go_once_the_page_is_written(library):
    """MkDocs would keep every page's source and HTML to the end of the build, so that memory grew with the archive;
    the pages are written whole all the same."""
    import json

    library.write("held.py", HELD)
    library.write("mkdocs.yml", library.root.joinpath("mkdocs.yml").read_text() + "hooks:\n  - held.py\n")
    library.build()
    held = json.loads(library.root.joinpath("held.json").read_text())
    assert "readings/new-course.md" in held and "index.md" in held
    assert {uri: sizes for uri, sizes in held.items() if sizes != [0, 0]} == {}
    html = library.html("readings/new-course/index.html")
    assert 'id="p2">The second paragraph.</p>' in html
