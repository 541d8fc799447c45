"""Addresses readers have cited keep working: renamed texts redirect, and paragraph numbers never shift silently."""

from __future__ import annotations

from study_archive import load
from study_archive.model.manifest import write_manifest


def test_a_renamed_text_keeps_its_old_address(library, page_of_redirect=None):
    library.files("""
        readings/the-new-course.md
        | ---
        | title: The New Course (1923)
        | year: 1923
        | summary: S.
        | rights: public-domain
        | aliases: [old-course]
        | ---
        | Text.
        """)
    library.build()
    redirect = library.html("readings/old-course/index.html")
    assert '<meta http-equiv="refresh" content="0; url=../the-new-course/">' in redirect
    assert '<link rel="canonical" href="../the-new-course/">' in redirect
    assert "location.replace(document.querySelector('link[rel=canonical]').getAttribute('href') + location.hash)" \
        in redirect
    assert "The New Course (1923)" in redirect


def test_an_alias_cannot_be_a_current_id(library, logs):
    library.files("""
        readings/other.md
        | ---
        | title: Other
        | summary: S.
        | rights: public-domain
        | aliases: [new-course]
        | ---
        | Text.
        """)
    library.build(strict=False)
    assert "readings/other.md:5:11: the alias 'new-course' is the id of readings/new-course.md: " \
           "an alias keeps a former address alive; it cannot be a current one" in logs.warnings


def test_paragraph_numbers_that_shift_fail_until_the_manifest_is_updated(library, logs):
    write_manifest(load(library.root))
    source = (library.root / "readings/new-course.md").read_text()
    library.write("readings/new-course.md", source.replace("The first paragraph.", "An inserted paragraph.\n\nThe first paragraph."))
    library.build(strict=False)
    assert any(warning.startswith("readings/new-course.md:8:1: the paragraph numbers of 'new-course' changed: "
                                  "paragraph 1 began 'The first paragraph.' and now begins 'An inserted paragraph.'")
               for warning in logs.warnings), logs.warnings
    write_manifest(load(library.root))
    logs._caplog.clear()
    library.build()
    assert logs.warnings == []


def test_fixing_a_typo_late_in_a_paragraph_is_not_a_change(library, logs):
    source = (library.root / "readings/new-course.md").read_text()
    library.write("readings/new-course.md", source.replace("The second paragraph.", "The second paragraph has a tpyo."))
    write_manifest(load(library.root))
    library.write("readings/new-course.md", source.replace("The second paragraph.", "The second paragraph has a typo."))
    library.build()
    assert logs.warnings == []


def test_a_text_removed_from_the_library_is_reported(library, logs):
    write_manifest(load(library.root))
    (library.root / "readings/new-course.md").unlink()
    library.build(strict=False)
    assert any(warning.startswith("paragraphs.json:1:1: the text 'new-course' is gone") for warning in logs.warnings)
