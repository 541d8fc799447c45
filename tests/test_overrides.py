"""The demo's overrides add to Material through its blocks and our own partials, never by copying its templates.

A copy of one of Material's templates goes stale with the next Material release (and once made every fresh clone's
tests fail); what Material gives no block for is mended in the built HTML instead (`plugins/study_archive/outputs/theme.py`).
"""

from __future__ import annotations

from pathlib import Path

import material

from study_archive.outputs import theme

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = Path(material.__file__).parent / "templates"

MATERIAL_TOGGLES = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
    '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">\n'
    '    <label class="md-overlay" for="__drawer"></label>'
)


def test_no_override_is_a_copy_of_a_material_template():
    copies = {path.relative_to(ROOT / "overrides").as_posix() for path in (ROOT / "overrides").rglob("*.html")
              if (MATERIAL / path.relative_to(ROOT / "overrides")).is_file()}
    assert copies == set()


def test_the_toggles_take_autocomplete_from_a_form_of_their_own():
    mended = theme.mend(MATERIAL_TOGGLES, search_label="Search", in_navigation=True)
    assert "autocomplete" not in mended.replace('<form id="__toggles" autocomplete="off" hidden></form>', "")
    assert mended.count('form="__toggles"') == 2
    assert mended.index('id="__search"') < mended.index('<form id="__toggles"') < mended.index("md-overlay")


def test_the_search_dialog_is_named_in_the_sites_language():
    dialog = '<div class="md-search" data-md-component="search" role="dialog">'
    assert theme.mend(dialog, search_label="Suche", in_navigation=True) == (
        '<div class="md-search" aria-label="Suche" data-md-component="search" role="dialog">')


def test_the_toc_title_opens_the_navigation_only_where_the_page_is_in_it():
    title = '<label class="md-nav__title" for="__toc">'
    assert theme.mend(title, search_label="Search", in_navigation=True) == title
    assert theme.mend(title, search_label="Search", in_navigation=False) == '<label class="md-nav__title">'


def test_a_built_page_carries_every_mend(library):
    library.write("content/index.md", "---\ntitle: Home\n---\n## Welcome\n\nA page in the navigation.\n")
    library.build()
    page = library.html("readings/new-course/index.html")
    assert 'autocomplete="off" form' not in page and page.count('form="__toggles"') == 2
    assert '<label class="archive-search__label" for="archive-search-query">Search</label>' in page
    assert 'for="__toc"' not in page
    assert '<label class="md-nav__title" for="__toc">' in library.html("index.html")
