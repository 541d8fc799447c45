"""A reader searches the archive in a real browser: a result opens its paragraph, facets narrow the results and
stay in the address, and an offline copy opened from file:// searches the same."""

from __future__ import annotations

import pytest

from study_archive.outputs import search as search_index
from study_archive.outputs.query import PHRASE_IN_PART, Index

from .conftest import search, served

pytestmark = pytest.mark.browser


@pytest.fixture
def texts(library):
    """The library's archive with a second text, of another kind and decade, that shares a word with the first."""
    library.files("""
        content/people/draper.md
        | ---
        | title: Hal Draper
        | summary: American socialist.
        | aliases: [Хэл Дрейпер]
        | ---
        | A biography.
        readings/micro-sect.md
        | ---
        | title: The micro-sect
        | authors: [draper]
        | year: 1973
        | kind: essay
        | summary: How small groups imitate parties.
        | rights: copyright-excerpt
        | topics: [sects]
        | ---
        | A sect is held together by its program.
        |
        | A political center is a journal around which a current of the party forms.
        """)
    return library


def console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_a_result_opens_its_paragraph_highlighted(texts, page):
    texts.build()
    errors = console_errors(page)
    with served(texts.site) as url:
        page.goto(url)
        results = search(page, "journal")
        assert "The micro-sect" in results and "Hal Draper · 1973 · essay" in results and "¶2" in results
        assert page.locator(".archive-search__popup mark").first.inner_text() == "journal"
        page.locator(".archive-hit__link", has_text="¶2").click()
        page.wait_for_url("**/readings/micro-sect/#p2")
        assert page.locator("#p2").evaluate("el => el.matches(':target')")
        assert page.locator("#p2").evaluate("el => getComputedStyle(el).animationName") == "archive-landing"
    assert errors == []


def test_a_word_ending_in_a_vowel_and_y_is_found_as_the_browser_stems_it(texts, page):
    """lunr.js keeps `today` whole where lunr.py made it `todai`: the index stems as the browser does."""
    texts.files("""
        readings/working-day.md
        | ---
        | title: The working day
        | authors: [draper]
        | year: 1980
        | kind: essay
        | summary: On hours of work.
        | rights: copyright-excerpt
        | ---
        | The struggle over the length of the working week goes on today.
        """)
    texts.build()
    with served(texts.site) as url:
        page.goto(url)
        results = search(page, "today")
        assert "The working day" in results and "¶1" in results
        assert page.locator(".archive-search__popup mark").first.inner_text() == "today"


def test_a_result_in_a_curriculum_opens_its_session(texts, page):
    texts.files("""
        content/curricula/press-course.md
        | ---
        | title: A course on the press
        | summary: One session.
        | sessions:
        |   - title: Journals and currents
        |     readings:
        |       - text: micro-sect
        |     questions:
        |       - "Would a printing cooperative hold a current together?"
        | ---
        | An introduction.
        """)
    texts.build()
    with served(texts.site) as url:
        page.goto(url)
        assert "Session 1" in search(page, "cooperative")
        page.locator(".archive-hit__link", has_text="Session 1").click()
        page.wait_for_url("**/curricula/press-course/#session-1")
        assert page.locator("#session-1").evaluate("el => getComputedStyle(el).animationName") == "archive-landing"


def test_a_query_typed_before_the_search_code_arrives_still_finds(texts, page):
    """On a slow connection the first keystrokes can outrun the stemmer's download: the last query still answers."""
    texts.build()
    held = []
    with served(texts.site) as url:
        page.route("**/vendor/lunr.min.js", lambda route: held.append(route))
        page.goto(url)
        box = page.locator("#archive-search-query")
        box.press_sequentially("journal")
        page.wait_for_function("() => true")
        assert len(held) == 1, "the stemmer is asked for once, on focus"
        held[0].continue_()
        page.wait_for_function("() => document.querySelector('.archive-search__popup').dataset.query === 'journal'")
        assert "The micro-sect" in page.inner_text(".archive-search__popup")


def test_hits_in_one_text_are_grouped_under_it(texts, page):
    texts.build()
    with served(texts.site) as url:
        page.goto(url)
        search(page, "paragraph")
        group = page.locator(".archive-search__popup .archive-result").first
        assert group.locator(".archive-result__link").inner_text() == "The New Course"
        assert group.locator(".archive-hit__number").all_inner_texts() == ["¶1", "¶2"]


def test_facets_narrow_the_results_and_live_in_the_address(texts, page):
    texts.build()
    with served(texts.site) as url:
        page.goto(url)
        search(page, "party")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search/?q=party")
        page.wait_for_selector("html[data-archive-results]")
        assert page.inner_text(".archive-results__status") == "3 documents found"
        essay = page.locator("fieldset[data-facet=kind] label", has_text="essay")
        assert essay.inner_text().strip() == "essay (1)"
        essay.click()
        page.wait_for_url("**/search/?q=party&kind=essay")
        page.wait_for_selector("html[data-archive-results='1']")
        assert page.locator(".archive-results__list .archive-result__link").all_inner_texts() == ["The micro-sect"]
        page.reload()
        page.wait_for_selector("html[data-archive-results='1']")
        assert page.locator("fieldset[data-facet=kind] input[value=essay]").is_checked()
        assert [label.strip() for label in page.locator("fieldset[data-facet=decade] label").all_inner_texts()] == ["1970s (1)"]
        page.go_back()
        page.wait_for_selector("html[data-archive-results='3']")
        assert page.locator("#archive-results-query").input_value() == "party"


def test_an_offline_copy_searches_from_files(texts, browser):
    texts.write("mkdocs.yml", texts.root.joinpath("mkdocs.yml").read_text() + "use_directory_urls: false\n")
    texts.build(strict=False)  # The archive's own index pages still link folders; search links the files.
    context = browser.new_context()  # The `page` fixture lets only 127.0.0.1 through; here nothing is served.
    page = context.new_page()
    errors = console_errors(page)
    page.goto((texts.site / "index.html").as_uri())
    assert "The micro-sect" in search(page, "Дрейпер")
    page.locator(".archive-hit__link", has_text="The micro-sect. How").click()
    page.wait_for_url("**/readings/micro-sect.html")
    assert "¶2" in search(page, '"political center"')
    page.locator(".archive-hit__link", has_text="¶2").click()
    page.wait_for_url("**/readings/micro-sect.html#p2")
    assert page.locator("#p2").evaluate("el => el.matches(':target')")
    assert errors == []
    context.close()


def test_shards_split_deep_find_the_same_terms_and_prefixes_as_the_command_line(texts, page, monkeypatch):
    """However deep the shards are split, the browser finds a term's shard and the shards of a word being typed
    (Latin and Cyrillic, whose file names are the hex of its UTF-8), and ranks as `archive search` does."""
    texts.files("""
        readings/proletarian-press.md
        | ---
        | title: The proletarian press
        | authors: [draper]
        | year: 1962
        | kind: essay
        | summary: Papers of the proletariat, and their propaganda.
        | rights: copyright-excerpt
        | topics: [sects]
        | ---
        | The proletarian paper was the program's voice; proletarians wrote for it and progress was slow.
        |
        | Propaganda for the proletariat, on property and prolonged strikes: пролетариат, пролетарии, пролетарский.
        |
        | Words too long to name a file by: рентгеноэлектрокардиографический, рентгеноэлектрокардиографического.
        """)
    monkeypatch.setattr(search_index, "SHARD_BYTES", 1)  # Every term in a shard of its own.
    texts.build()
    index = Index(texts.site)
    assert {"proletariat", "пролетарии", "пролетарс"} <= set(index.shards)  # keys as long as it takes
    assert list(index.names) == ["рентгеноэлектрокардиографическо"]  # 62 bytes: named by a digest
    asked = [("journal", False), ("polit", True), ("Дрейпер", False), ("пролетар", True), ("пролетариат", False),
             ('"political center"', False), ("sect program", False), ("pro", True), ("prol", True),
             ('"the proletarian paper"', False), ("рентгеноэлектрокардиографического", False),
             ("рентгеноэлектрокардиографическ", True)]
    errors = console_errors(page)
    with served(texts.site) as url:
        page.goto(url)
        for text, typing in asked:
            found = page.evaluate("async ([text, typing]) => (await ArchiveSearch.query(text, { typing }))"
                                  ".found.map((result) => [result.title, result.hits.map((hit) => hit.label)])",
                                  [text, typing])
            expected = [[result.title, [hit.label.replace("summary", "Summary") for hit in result.hits]]
                        for result in index.search(text, typing)]
            assert found == expected and found, text
    assert errors == []


def test_a_phrase_of_common_words_is_found_through_its_pair_or_said_to_be_looked_for_in_part(texts, page, monkeypatch):
    """When every word of a phrase has more records than its list keeps (here one), the phrase is looked for where
    its words stand side by side, which the index lists apart; a phrase of one such word has no pair, and the field
    and the results page say that it was looked for in part only, as `archive search` does, not a bare "0 found"."""
    texts.files("""
        readings/soviets.md
        | ---
        | title: The year of the committees
        | authors: [draper]
        | year: 1918
        | kind: essay
        | summary: Committees in the factories.
        | rights: copyright-excerpt
        | ---
        | Soviets, soviets, soviets grew everywhere. Power, power came later.
        |
        | In the towns the delegates argued each night over bread, fuel, the trains and the schools, and over
        | what soviet power would mean for the shops, the land and the army once the war was over.
        """)
    monkeypatch.setattr(search_index, "POSTINGS_PER_TERM", 1)
    texts.build()
    index = Index(texts.site)
    assert [hit.paragraph for hit in index.search('"soviet power"')[0].hits] == [2]
    assert index.search('"what soviet"') == [] and index.phrase_in_part('"what soviet"')
    with served(texts.site) as url:
        page.goto(url)
        assert page.evaluate("() => ArchiveSearch.PHRASE_IN_PART") == PHRASE_IN_PART
        shown = search(page, '"soviet power"')
        assert "The year of the committees" in shown and "¶2" in shown and PHRASE_IN_PART not in shown
        assert f"0 documents found. {PHRASE_IN_PART}" in search(page, '"what soviet"')
        page.goto(url + "search/?q=%22soviet%20power%22")
        page.wait_for_selector("html[data-archive-results='1']")
        assert page.inner_text(".archive-results__status") == "1 document found"
        page.goto(url + "search/?q=%22what%20soviet%22")
        page.wait_for_selector("html[data-archive-results='0']")
        assert page.inner_text(".archive-results__status") == f"0 documents found. {PHRASE_IN_PART}"
        page.goto(url + "search/?q=%22the%20towns%22")  # `towns` occurs once: its list is whole
        page.wait_for_selector("html[data-archive-results='1']")
        assert page.inner_text(".archive-results__status") == "1 document found"
