"""Glossary terms link themselves in texts; term and person pages say where they appear."""

from __future__ import annotations


def test_the_first_mention_of_a_term_in_each_text_is_linked_with_its_definition(library):
    library.files("""
        readings/factions.md
        | ---
        | title: On factions
        | year: 1921
        | summary: S.
        | rights: public-domain
        | ---
        | Every faction needs a program. `faction` in code is left alone.
        |
        | A second Faction mention stays plain.
        """)
    library.build()
    html = library.html("readings/factions/index.html")
    assert ('Every <a class="archive-ref archive-ref--term archive-term" data-term="Faction" '
            'href="../../glossary/faction/" '
            'title="An organized group inside a party.">faction</a> needs a program.') in html
    assert "<code>faction</code>" in html
    assert "A second Faction mention stays plain." in html


def test_a_term_page_lists_the_paragraphs_it_appears_in(library):
    library.files("""
        readings/factions.md
        | ---
        | title: On factions
        | year: 1921
        | summary: S.
        | rights: public-domain
        | ---
        | Factions first.
        |
        | Nothing here.
        |
        | A faction again.
        """)
    library.build()
    html = library.html("glossary/faction/index.html")
    assert '<a href="../../readings/factions/">On factions</a>: <a href="../../readings/factions/#p1">¶1</a>, ' \
           '<a href="../../readings/factions/#p3">¶3</a>' in html


def test_a_person_page_lists_where_they_are_mentioned(library):
    library.files("""
        readings/essay.md
        | ---
        | title: Essay
        | year: 2001
        | summary: S.
        | rights: public-domain
        | ---
        | Nothing.
        |
        | As [[person:trotsky]] argued.
        """)
    library.build()
    html = library.html("people/trotsky/index.html")
    assert '<a href="../../readings/essay/#p2">Essay, ¶2</a> <small>(text)</small>' in html


def test_each_section_heading_carries_its_reading_time(library):
    library.build()
    html = library.html("readings/new-course/index.html")
    assert 'data-reading-time="6 words · 1 min" id="the-party"' in html
