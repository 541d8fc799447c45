"""Ways into the library besides search: indexes by author, year, topic and kind, the library's table and feed, the
home page and the 404 page, each built for real from a small archive."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from study_archive import load
from study_archive.model.indexes import authors_index, chronology, dating, family_name, topics_index
import test_debate
from test_debate import ATOM, assert_valid_atom

atom_schema = test_debate.atom_schema
"""RFC 4287's schema, the fixture the debate feeds are checked with."""

ROOT = Path(__file__).resolve().parent.parent

SHELF = """
    content/people/lenin.md
    | ---
    | title: V. I. Lenin
    | summary: Russian revolutionary.
    | ---
    | A biography.
    content/people/myasnikov.md
    | ---
    | title: Gavril Myasnikov
    | summary: Metal worker and oppositionist.
    | ---
    | A biography.
    content/people/draper.md
    | ---
    | title: Hal Draper
    | sort_name: "Draper, Hal"
    | summary: American socialist.
    | ---
    | A biography.
    content/people/van-der-linden.md
    | ---
    | title: Marcel van der Linden
    | sort_name: "Linden, Marcel van der"
    | summary: Historian of labour.
    | ---
    | A biography.
    content/people/iso.md
    | ---
    | title: International Socialist Organization
    | kind: group
    | summary: A US socialist group.
    | ---
    | A note.
    content/curricula/course.md
    | ---
    | title: A course
    | summary: Two sessions.
    | sessions:
    |   - title: Freedom of the press
    |     readings: [{text: letter}]
    |     questions: [Who is right?]
    | ---
    | The course.
    content/debates/press.md
    | ---
    | title: Freedom of the press
    | question: Who may print?
    | pieces:
    |   - text: letter
    |     position: The party decides.
    |     claims: [No press freedom for enemies.]
    |   - text: reply
    |     position: Workers may print.
    |     claims: [Freedom for workers.]
    |   - id: memorandum
    |     title: A memorandum
    |     author: Gavril Myasnikov
    |     position: An earlier demand.
    |     claims: [Print freely.]
    | ---
    | The debate.
    readings/letter.md
    | ---
    | title: Letter to Myasnikov
    | authors: [lenin]
    | year: 1921
    | kind: letter
    | summary: Against press freedom.
    | rights: public-domain
    | topics: [freedom-of-the-press]
    | ---
    | The letter.
    readings/reply.md
    | ---
    | title: Reply to Lenin
    | authors: [myasnikov]
    | year: 1921
    | published: 1921-08-05
    | kind: letter
    | summary: For press freedom.
    | rights: public-domain
    | topics: [freedom-of-the-press, workers-democracy]
    | responds_to: [letter]
    | ---
    | The reply.
    readings/micro-sect.md
    | ---
    | title: The micro-sect
    | authors: [draper]
    | date_note: early 1970s
    | kind: excerpt
    | summary: On sects.
    | rights: copyright-excerpt
    | full_text_url: https://example.org/micro-sect
    | topics: [sects]
    | ---
    | An excerpt.
    readings/history.md
    | ---
    | title: A history of labour
    | authors: [van-der-linden, draper]
    | year: 2008
    | kind: book
    | summary: Workers of the world.
    | rights: copyright-excerpt
    | full_text_url: https://example.org/history
    | ---
    | An excerpt.
    readings/post.md
    | ---
    | title: An unsigned post
    | kind: post
    | summary: No date, no author.
    | rights: public-domain
    | topics: [sects]
    | ---
    | The post.
    readings/statement.md
    | ---
    | title: A statement
    | authors: [iso]
    | year: 2019
    | kind: statement
    | summary: The group dissolves.
    | rights: public-domain
    | topics: [iso]
    | ---
    | The statement.
"""

TEXTS = ["letter", "reply", "micro-sect", "history", "post", "statement"]


@pytest.fixture
def shelf(library):
    library.files(SHELF)
    return library


def links(html: str) -> list[str]:
    """The targets of the page's content links, in order."""
    content = html[html.index('<article'):html.index('</article>')]
    return re.findall(r'<a href="([^"#]*)[^"]*"', content)


def test_family_names_come_from_sort_name_else_the_last_word_and_groups_keep_their_name(shelf):
    archive = load(shelf.root)
    names = {person.id: family_name(person) for person in archive.of_kind("person")}
    assert names == {"lenin": "Lenin", "myasnikov": "Myasnikov", "draper": "Draper", "van-der-linden": "Linden",
                     "iso": "International Socialist Organization", "trotsky": "Trotsky"}


def test_a_text_is_dated_by_its_day_its_year_or_the_year_its_note_names(shelf):
    archive = load(shelf.root)
    dates = {text.id: (dating(text).year, dating(text).label, dating(text).approximate)
             for text in archive.of_kind("text")}
    assert dates["reply"] == (1921, "1921-08-05", False)
    assert dates["letter"] == (1921, "1921", False)
    assert dates["micro-sect"] == (1970, "early 1970s", True)
    assert dates["post"] == (None, "undated", False)


def test_the_people_index_and_the_authors_index_sort_by_family_name(shelf):
    shelf.build()
    people = links(shelf.html("people/index.html"))
    order = [target.split("/")[0] for target in people if target.count("/") == 1]
    assert list(dict.fromkeys(order)) == ["draper", "iso", "lenin", "van-der-linden", "myasnikov", "trotsky"]
    archive = load(shelf.root)
    assert [author.person.id if author.person else None for author in authors_index(archive)] == [
        "draper", "iso", "lenin", "van-der-linden", "myasnikov", "trotsky", None]
    page = shelf.html("indexes/authors/index.html")
    assert [page.index(f'id="{id}"') for id in ("draper", "iso", "lenin", "van-der-linden", "myasnikov")] == sorted(
        page.index(f'id="{id}"') for id in ("draper", "iso", "lenin", "van-der-linden", "myasnikov"))
    assert page.index('id="author-unknown"') > page.index('id="trotsky"')


def test_every_text_is_on_its_authors_its_years_and_its_topics_pages(shelf):
    shelf.build()
    archive = load(shelf.root)
    by_author = shelf.html("indexes/authors/index.html")
    by_year = shelf.html("indexes/years/index.html")
    for text in archive.of_kind("text"):
        href = f'href="../../readings/{text.id}/"'
        people = archive.authors_of(text)
        sections = by_author.split('class="archive-authors__name"')[1:]
        owners = [section for section in sections if href in section]
        if people:
            assert {f'id="{person.id}"' for person in people} == {
                re.search(r'id="[^"]+"', section).group(0) for section in owners}, text.id
        else:
            assert len(owners) == 1 and 'id="author-unknown"' in owners[0]
        when = dating(text)
        heading = f'<h2 id="year-{when.year}">' if when.year else '<h2 id="undated">'
        after = by_year[by_year.index(heading):]
        assert href in after.split("<h2")[1], text.id
        for topic in text.meta.topics:
            assert f'href="../../../readings/{text.id}/"' in shelf.html(f"indexes/topics/{topic}/index.html")
            assert f'href="../../indexes/topics/{topic}/"' in shelf.html(f"readings/{text.id}/index.html")


def test_the_chronology_places_approximate_dates_marked_and_the_undated_last_with_the_debates_pieces(shelf):
    shelf.build()
    archive = load(shelf.root)
    years = [group.year for group in chronology(archive)]
    assert years == [1921, 1923, 1970, 2008, 2019, None]
    assert [entry.title for entry in chronology(archive)[-1].entries] == ["A memorandum", "An unsigned post"]
    page = shelf.html("indexes/years/index.html")
    assert "early 1970s<span class=\"archive-date__mark\"> (approximate)</span>" in page
    assert 'href="../../debates/press/#piece-memorandum">A memorandum</a>' in page


def test_a_topics_page_lists_its_texts_and_the_curricula_and_debates_that_read_them(shelf):
    shelf.build()
    archive = load(shelf.root)
    press = next(topic for topic in topics_index(archive) if topic.id == "freedom-of-the-press")
    assert [text.id for text in press.texts] == ["letter", "reply"]
    assert [document.id for document in press.curricula] == ["course"]
    assert [document.id for document in press.debates] == ["press"]
    page = shelf.html("indexes/topics/freedom-of-the-press/index.html")
    assert 'href="../../../curricula/course/">A course</a>' in page
    assert 'href="../../../debates/press/">Freedom of the press</a>' in page



def test_a_topic_named_like_a_document_takes_its_title_and_links_it(shelf):
    shelf.build()
    page = shelf.html("indexes/topics/iso/index.html")
    assert "<h1>Topic: International Socialist Organization</h1>" in page
    assert '<p>See also <a href="../../../people/iso/">International Socialist Organization</a>' in page
    text = shelf.html("readings/statement/index.html")
    assert '<a href="../../indexes/topics/iso/">International Socialist Organization</a>' in text


def test_no_index_page_is_empty_and_an_archive_without_texts_has_none(shelf, tmp_path_factory):
    shelf.build()
    pages = sorted((shelf.site / "indexes").rglob("index.html"))
    assert len(pages) == 4 + 1 + 4  # The overview, authors, years, kinds; the topics; a page per topic.
    for path in pages:
        content = path.read_text(encoding="utf-8")
        assert re.search(r'<li>\s*<a href=', content[content.index("</nav>", content.index("archive-ways")):]), path
    empty = shelf.__class__(tmp_path_factory.mktemp("empty"))
    empty.build()
    assert not (empty.site / "indexes").exists()
    assert not (empty.site / "readings" / "atom.xml").exists()


def test_the_library_table_reads_oldest_first_with_the_undated_last_and_sort_keys_for_each_column(shelf):
    shelf.build()
    page = shelf.html("readings/index.html")
    rows = re.findall(r'<td class="archive-library__title" data-sort="[^"]*"><a href="([^"]+)/"', page)
    assert rows == ["letter", "reply", "new-course", "micro-sect", "history", "statement", "post"]
    assert 'data-sort="Linden, Marcel van der Linden; Draper, Hal Draper; "' in page
    years = re.findall(r'<td class="archive-library__year" data-sort="([^"]*)"', page)
    assert years == ["1921", "1921", "1923", "1970", "2008", "2019", ""]
    assert 'aria-sort="ascending">Year</th>' in page


def test_the_library_feed_is_valid_atom_newest_first_and_linked_from_the_library_and_home(shelf, atom_schema):
    shelf.build()
    feed = assert_valid_atom(shelf.site / "readings/atom.xml", atom_schema)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "A statement", "A history of labour", "The New Course", "Reply to Lenin", "Letter to Myasnikov",
        "The micro-sect", "An unsigned post"]
    assert entries[3].findtext(f"{ATOM}published") == "1921-08-05T00:00:00+00:00"
    assert entries[-1].findtext(f"{ATOM}updated") == "1970-01-01T00:00:00+00:00"  # No date known.
    assert [author.findtext(f"{ATOM}name") for author in entries[1].findall(f"{ATOM}author")] == [
        "Marcel van der Linden", "Hal Draper"]
    assert entries[0].find(f"{ATOM}link").get("href") == "statement/"
    assert '<a href="atom.xml" type="application/atom+xml">Follow new texts</a>' in shelf.html("readings/index.html")
    home = shelf.html("index.html")
    assert 'type="application/atom+xml" title="Library (Atom feed)" href="readings/atom.xml">' in home
    assert '<a href="readings/atom.xml" type="application/atom+xml">Follow additions to the library</a>' in home


def test_the_library_feed_is_the_same_on_every_build(shelf, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    shelf.build()
    first = (shelf.site / "readings/atom.xml").read_bytes()
    shelf.build()
    assert (shelf.site / "readings/atom.xml").read_bytes() == first
    assert b"<updated>2023-11-14T22:13:20+00:00</updated>" in first


def test_no_feed_link_is_taken_for_a_language_version(shelf):
    """Material fetches a sitemap.xml beside every `link[rel=alternate]` (exactly that value): none is written."""
    shelf.build()
    for path in shelf.site.rglob("*.html"):
        assert not re.search(r'<link rel="alternate"', path.read_text(encoding="utf-8")), path


def test_the_home_page_shows_counts_courses_replies_new_texts_and_a_search_box(shelf):
    shelf.build()
    home = shelf.html("index.html")
    assert '<form class="archive-home__search" role="search" action="search/" method="get">' in home
    counts = re.findall(r'<strong>(\d+)</strong> ([a-z ]+)</a>', home)
    assert counts == [("7", "texts"), ("1", "curriculum"), ("1", "debate"), ("1", "glossary term"), ("6", "people")]
    assert '<a href="curricula/course/"><strong>A course</strong></a>' in home
    replies = home[home.index('id="latest-replies"'):home.index('id="newest-texts"')]
    assert '<a href="readings/reply/">Reply to Lenin</a>' in replies
    newest = home[home.index('id="newest-texts"'):]
    assert newest.index("A statement") < newest.index("A history of labour") < newest.index("The New Course")
    assert home.index("<h1>Home</h1>") < home.index("Welcome.")


def test_the_404_page_has_a_search_box_and_the_ways_in(shelf):
    shelf.build()
    page = shelf.html("404.html")
    assert '<form class="archive-home__search" role="search" action="/search/" method="get">' in page
    assert 'class="archive-search" role="search" action="/search/"' in page  # The header's field, from the root.
    for target in ("/readings/", "/indexes/authors/", "/indexes/years/", "/indexes/topics/", "/curricula/",
                   "/debates/", "/glossary/", "/people/"):
        assert f'href="{target}"' in page


def test_the_404_page_fills_materials_block_and_copies_no_template():
    source = (ROOT / "plugins/study_archive/theme/pages/404.html").read_text(encoding="utf-8")
    assert '{% extends "main.html" %}' in source
    outside = re.sub(r"\{#.*?#\}|\{% block content %\}.*?\{% endblock %\}", "", source, flags=re.S)
    assert outside.strip() == '{% extends "main.html" %}'


def test_a_sort_name_without_a_comma_is_refused_where_it_is_written(library, logs):
    library.files("""
        content/people/draper.md
        | ---
        | title: Hal Draper
        | sort_name: Hal Draper
        | summary: American socialist.
        | ---
        | A biography.
        """)
    library.build(strict=False)
    assert [problem for problem in logs.problems if problem.startswith("content/people/draper.md")] == [
        "content/people/draper.md:3:12: 'sort_name': 'Hal Draper' does not say where the family name ends, so indexes "
        "would sort it under its first word; write the family name first, then a comma: The name as bibliographies "
        "sort it, e.g. `Draper, Hal`."]
