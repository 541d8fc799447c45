"""Search on a small fixed archive: the right paragraph first, phrases only where they occur, names through their
aliases, and the same answers on the command line."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from study_archive.adapters import aside
from study_archive.adapters.cli import main
from study_archive.adapters.mkdocs import plugin
from study_archive.outputs import search as search_index
from study_archive.outputs.offline import OFFLINE_URI
from study_archive.outputs.query import PHRASE_IN_PART, Index

from conftest import Archive, without_threads

ROOT = Path(__file__).resolve().parent.parent
VENDORED = ROOT / "plugins" / "study_archive" / "theme" / "assets" / "vendor" / "lunr.min.js"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Built once for the module: every test only reads it."""
    archive = Archive(tmp_path_factory.mktemp("search"))
    """Two authors, one with Latin and Cyrillic aliases, three texts whose paragraphs share words."""
    archive.files("""
        content/people/myasnikov.md
        | ---
        | title: Gavril Myasnikov
        | summary: Metal worker and oppositionist.
        | aliases: [Miasnikov, Гавриил Мясников]
        | ---
        | A biography.
        content/people/draper.md
        | ---
        | title: Hal Draper
        | summary: American socialist.
        | ---
        | A biography.
        content/glossary/micro-sect.md
        | ---
        | title: Micro-sect
        | short: A small group that acts as if it were a party.
        | aliases: [sectlet]
        | ---
        | A definition.
        readings/press-freedom.md
        | ---
        | title: On the freedom of the press
        | authors: [myasnikov]
        | year: 1921
        | kind: letter
        | summary: A demand for free speech.
        | rights: public-domain
        | topics: [free-speech]
        | ---
        | The workers need a press of their own.
        |
        | Freedom of the press for every tendency inside the party, that is the demand.
        |
        | A party that fears its members' words has already lost its nerve.
        |
        | A *bulletin* printed by [the cell](https://example.org/cell) is the **start** of it.
        content/curricula/press-course.md
        | ---
        | title: A course on the press
        | summary: One session on a workers' press.
        | sessions:
        |   - title: A press of their own
        |     readings:
        |       - text: press-freedom
        |     questions:
        |       - "Why would a printing cooperative matter to a tendency?"
        | ---
        | An introduction.
        content/debates/press-debate.md
        | ---
        | title: Who owns the press?
        | question: "Should tendencies print their own papers?"
        | pieces:
        |   - id: first-letter
        |     title: A first letter
        |     author: A reader
        |     date: 2020-01-02
        |     position: Yes, always.
        |     claims: [Pamphleteers outnumber readers.]
        |   - id: second-letter
        |     title: A second letter
        |     author: Another reader
        |     date: 2020-02-03
        |     responds_to: [first-letter]
        |     position: Not always.
        |     claims: [A paper needs readers first.]
        | ---
        | A framing.
        readings/draper-micro-sect.md
        | ---
        | title: The micro-sect
        | authors: [draper]
        | year: 1973
        | kind: essay
        | summary: How small groups imitate parties.
        | rights: copyright-excerpt
        | topics: [sects]
        | ---
        | A sect defends its program with the nerve of a small church.
        |
        | Régis said the defend-it-to-the-end attitude defines the sect; to defend it is easy.
        |
        | The political center is not a party but a journal around which a current forms.
        """)
    archive.build()
    return archive.site


@pytest.fixture
def corpus(site) -> Index:
    return Index(site)


def test_a_known_query_returns_its_paragraph_first(corpus):
    results = corpus.search("political center journal")
    assert (results[0].title, results[0].hits[0].paragraph) == ("The micro-sect", 3)


def test_stemming_finds_other_forms_of_a_word(corpus):
    assert corpus.search("defending")[0].title == "The micro-sect"


def test_a_phrase_matches_only_where_the_phrase_occurs(corpus):
    results = corpus.search('"to defend it"')
    assert [(result.title, [hit.paragraph for hit in result.hits]) for result in results] == [("The micro-sect", [2])]
    assert corpus.search('"defend the nerve"') == []


def test_an_alias_finds_its_persons_texts(corpus):
    for name in ("Miasnikov", "Мясников", "MIASNIKOV"):
        titles = [result.title for result in corpus.search(name)]
        assert titles[:2] == ["On the freedom of the press", "Gavril Myasnikov"] or \
            titles[:2] == ["Gavril Myasnikov", "On the freedom of the press"], name


def test_diacritics_and_case_fold(corpus):
    assert corpus.search("REGIS")[0].hits[0].paragraph == 2
    assert corpus.search("régis")[0].hits[0].paragraph == 2


def test_a_word_being_typed_matches_as_a_prefix(corpus):
    assert corpus.search("journ", typing=True)[0].hits[0].paragraph == 3
    assert corpus.search("journ") == []


def test_a_hit_in_a_curriculum_or_a_debate_lands_on_its_session_or_piece(corpus):
    session = corpus.search("printing cooperative")[0]
    assert (session.title, session.hits[0].anchor, session.hits[0].label) == ("A course on the press", "session-1",
                                                                              "Session 1")
    piece = corpus.search("pamphleteers")[0]
    assert (piece.title, piece.hits[0].anchor, piece.hits[0].label) == ("Who owns the press?", "piece-first-letter",
                                                                        "A first letter")


def test_a_glossary_alias_finds_its_term(corpus):
    assert corpus.search("sectlet")[0].title == "Micro-sect"


def test_the_command_line_prints_title_paragraph_and_snippet(site, capsys):
    assert main(["search", '"freedom of the press"', "--site", str(site)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "On the freedom of the press (Gavril Myasnikov, 1921, letter) — readings/press-freedom/"
    assert out[2] == "  ¶2: [Freedom] of the [press] for every tendency inside the party, that is the demand."


def test_snippets_read_as_the_page_does_without_markdown_marks(site, capsys):
    assert main(["search", "bulletin", "--site", str(site)]) == 0
    assert "  ¶4: A [bulletin] printed by the cell is the start of it." in capsys.readouterr().out.splitlines()


COUNCILS = """
    readings/councils.md
    | ---
    | title: On workers' councils
    | year: 1920
    | kind: essay
    | summary: Where the soviets came from.
    | rights: public-domain
    | ---
    | Councils, councils, councils meet often. Democracy, democracy needs them.
    |
    | Every factory sent delegates to the district, and there the question of council democracy came up at each
    | meeting, among many others about bread, fuel, the trains, the schools and the hours of work in the shops.
    """
"""Two paragraphs with `council` and `democracy`: the first, short, weighs most for both words but has them apart;
the second, long, has them side by side."""


def test_a_phrase_of_common_words_is_looked_for_where_they_stand_side_by_side(tmp_path, monkeypatch, capsys):
    """A phrase's candidates come from its words' lists, and each list keeps only its best `POSTINGS_PER_TERM`
    records (here one). When every word of a phrase is that common, the phrase is looked for in the records of the
    pair of its words side by side, which the index lists apart; a phrase of one such word (beside stop words) has no
    pair and can be missed, and the reader is told rather than left to believe that the archive does not have it."""
    archive = Archive(tmp_path)
    archive.files(COUNCILS)
    monkeypatch.setattr(search_index, "POSTINGS_PER_TERM", 1)
    archive.build()
    index = Index(archive.site)
    assert [hit.paragraph for hit in index.search('"council democracy"')[0].hits] == [2]
    assert not index.phrase_in_part('"council democracy"')
    assert main(["search", '"council democracy"', "--site", str(archive.site)]) == 0
    assert PHRASE_IN_PART not in capsys.readouterr().err
    assert index.search('"democracy council"') == []  # Both words, never in that order.
    assert not index.phrase_in_part('"democracy council"')
    assert index.search('"of council"') == [] and index.phrase_in_part('"of council"')
    assert main(["search", '"of council"', "--site", str(archive.site)]) == 1
    assert PHRASE_IN_PART in capsys.readouterr().err
    assert not index.phrase_in_part('"question of council"')  # `question` occurs once: its list is whole
    assert [hit.paragraph for hit in index.search('"question of council"')[0].hits] == [2]
    monkeypatch.undo()
    archive.build()
    index = Index(archive.site)
    assert [hit.paragraph for hit in index.search('"of council"')[0].hits] == [2]
    assert not index.phrase_in_part('"of council"')


def _index_of(site: Path) -> dict[str, bytes]:
    folder = site / search_index.FOLDER
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@without_threads
def test_the_index_and_the_copy_written_beside_the_build_are_those_written_in_it(tmp_path, monkeypatch):
    """A build parses half its sources in a forked copy of itself and writes its search index in another while the
    pages render (where it cannot fork, in its own process), and its offline copy in a process of its own as the
    pages are written. Both ways write the same files."""
    archive = Archive(tmp_path)
    archive.files(COUNCILS)
    started = []
    monkeypatch.setattr(plugin, "Aside", lambda *call: started.append(aside.Aside(*call)) or started[-1])
    archive.build()
    assert [job.forked for job in started] == [True, True]
    beside = _index_of(archive.site), (archive.site / OFFLINE_URI).read_bytes()
    monkeypatch.setattr(aside, "_can_fork", lambda: False)
    archive.build()
    assert [job.forked for job in started] == [True] * 2 + [False] * 2
    assert (_index_of(archive.site), (archive.site / OFFLINE_URI).read_bytes()) == beside
    assert "manifest.js" in beside[0] and zipfile.ZipFile(io.BytesIO(beside[1])).testzip() is None


@without_threads
def test_an_index_that_fails_beside_the_build_fails_the_build_with_its_traceback(tmp_path, monkeypatch):
    archive = Archive(tmp_path)
    archive.files(COUNCILS)

    def fails(*arguments):
        raise OSError("No space left on device")

    monkeypatch.setattr(search_index, "write_index", fails)
    with pytest.raises(aside.AsideFailed, match=r"(?s)in fails.*OSError: No space left on device"):
        archive.build()


def test_the_command_line_says_when_there_is_no_index(tmp_path, capsys):
    assert main(["search", "party", "--site", str(tmp_path)]) == 2
    assert "no search index here" in capsys.readouterr().err


def test_the_theme_ships_lunr_as_the_npm_package_has_it():
    installed = ROOT / "node_modules" / "lunr" / "lunr.min.js"
    if not installed.is_file():
        pytest.skip("node_modules is not installed: `npm ci` (scripts/test runs it)")
    assert VENDORED.read_bytes() == installed.read_bytes(), "run scripts/vendor-lunr and commit the copy"
