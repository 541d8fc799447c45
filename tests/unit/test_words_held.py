"""Whose words a page holds, in the model and in citations, without building a site."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from study_archive.model.kinds import TextMeta
from study_archive.outputs.citation import Citation

WORK = dict(authors=("Leon Trotsky",), sort_names=("Trotsky, Leon",), title="The New Course", kind="pamphlet",
            date="1923", publication="", site="R&D archive", url="https://example.org/readings/x/")


def meta(**fields) -> TextMeta:
    return TextMeta(title="The New Course", summary="A summary.", rights="public-domain", **fields)


def test_a_page_holds_the_full_text_unless_it_says_otherwise():
    assert meta().holds == "full"
    assert meta(holds="guide", guide_by=["Ana Ruiz"]).guide_by == ["Ana Ruiz"]
    assert meta(version_of="new-course-ru", paragraph_map={1: 1, "2-3": 2}).paragraph_map == {"1": "1", "2-3": "2"}


@pytest.mark.parametrize("fields, words", [
    ({"guide_by": ["Ana Ruiz"]}, "add 'holds: guide', or remove 'guide_by'"),
    ({"holds": "guide", "version_of": "other"}, "a reading guide is not a version of the work"),
    ({"paragraph_map": {1: 1}}, "add 'version_of', or remove it"),
    ({"version_of": "other", "paragraph_map": {"3-1": 1}}, "runs backwards"),
])
def test_what_cannot_be_held_together_is_refused(fields, words):
    with pytest.raises(ValidationError, match=words):
        meta(**fields)


def test_a_guide_by_three_people_names_them_all_and_escapes_bibtex():
    cite = Citation(**WORK, guide_by=("Ana Ruiz", "Ben Cole", "C. D. Eng"),
                    guide_sort_names=("Ruiz, Ana", "Cole, Ben", "Eng, C. D."))
    assert cite.short(3) == ("Ana Ruiz, Ben Cole and C. D. Eng, reading guide to Leon Trotsky, The New Course (1923), "
                             "R&D archive, ¶3")
    assert cite.chicago() == ("Ruiz, Ana, Ben Cole, and C. D. Eng. “Reading guide to Leon Trotsky, The New Course "
                              "(1923).” R&D archive. https://example.org/readings/x/.")
    assert "publisher = {R\\&D archive}" in cite.bibtex()
    assert ("citation_author", "Eng, C. D.") in cite.meta_tags()


def test_a_held_translation_names_its_translator():
    cite = Citation(**WORK, translator="A. Translator", language="en")
    assert cite.short() == "Leon Trotsky, The New Course (1923), translated by A. Translator"
    assert "Translated by A. Translator." in cite.chicago()
    assert "translator = {A. Translator}" in cite.bibtex() and cite.bibtex().startswith("@book{trotsky1923new,")
    assert ("citation_language", "en") in cite.meta_tags()
