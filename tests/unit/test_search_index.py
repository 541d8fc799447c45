"""The search index kept between builds of `mkdocs serve` is, after any edit, exactly the index a fresh build writes."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest

import study_archive
from study_archive.model.archive import Archive
from study_archive.model.site import Site
from study_archive.model.sources import ParsedDocuments
from study_archive.outputs import search
from study_archive.renderer.pipeline import reader_for

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def fresh(root: Path, site_dir: Path) -> dict[str, bytes]:
    search.write_index(study_archive.load(root), Site.load(root), site_dir)
    return files_of(site_dir / search.FOLDER)


def kept(root: Path, site_dir: Path, state: search.Kept) -> dict[str, bytes]:
    search.write_index(study_archive.load(root), Site.load(root), site_dir, kept=state)
    assert (site_dir / search.FOLDER).is_symlink()
    return files_of(site_dir / search.FOLDER)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    generate(root, texts=8, seed=5, words=600)
    return root


def paragraphs_of(path: Path) -> list[str]:
    return [block for block in path.read_text(encoding="utf-8").split("---", 2)[2].split("\n\n")
            if block.strip() and not block.startswith(("#", ">", "-", "|", "```"))]


EDITS = {
    "a word added to a paragraph": lambda text: (paragraphs_of(text)[2], paragraphs_of(text)[2] + " Zyxwordnew"),
    "a paragraph's words replaced": lambda text: (paragraphs_of(text)[1], "Entirely different quokka sentences."),
    "a paragraph removed": lambda text: (paragraphs_of(text)[1] + "\n\n", ""),
    "a paragraph added": lambda text: (paragraphs_of(text)[0], paragraphs_of(text)[0] + "\n\nA new wombat paragraph."),
}


@pytest.mark.parametrize("kind", EDITS)
def test_an_edit_leaves_the_kept_index_equal_to_a_fresh_one(generated, tmp_path, kind):
    state = search.Kept()
    before = kept(generated, tmp_path / "served", state)
    assert before == fresh(generated, tmp_path / "first")
    text = sorted((generated / "readings").glob("*.md"))[2]
    edit(text, *EDITS[kind](text))
    after = kept(generated, tmp_path / "served", state)
    assert after != before
    assert after == fresh(generated, tmp_path / "second")


def test_a_term_that_leaves_the_archive_leaves_the_index(generated, tmp_path):
    state = search.Kept()
    text = sorted((generated / "readings").glob("*.md"))[0]
    first = paragraphs_of(text)[0]
    edit(text, first, first + " Qwertyunique")
    assert "qwertyuniqu" in b"".join(kept(generated, tmp_path / "served", state).values()).decode()
    edit(text, first + " Qwertyunique", first)
    after = kept(generated, tmp_path / "served", state)
    assert "qwertyuniqu" not in b"".join(after.values()).decode()
    assert after == fresh(generated, tmp_path / "fresh")


def test_terms_stem_each_word_once_and_agree_with_term_of():
    """The build looks words up through `Terms`, which must give every word the term `term_of` gives it."""
    from study_archive.outputs.words import Terms, term_of, words

    said = words("The workers' councils, the Councils of Workers: Советы рабочих and a soviet of 1905.")
    terms = Terms()
    assert list(map(terms.__getitem__, said)) == [term_of(word) for word in said]
    assert terms["the"] is None and terms["a"] is None  # Stop words and single letters have no term.
    assert terms["councils"] == "council" and terms["советы"] == "советы"
    assert len(terms) == len(set(said))  # Each distinct word was worked out once.


def by_document(records: list[search.Record]) -> list[list[search.Record]]:
    """Records in order of their entries, as a list for each document, as the index hands them to `Scores`."""
    return [list(own) for _, own in itertools.groupby(records, key=lambda record: record.entry)]


def test_a_term_lists_all_its_records_count_and_its_best_ones_first():
    """A term's list starts with how many records it occurs in, then its best `POSTINGS_PER_TERM` records: highest
    score first, then the earlier record; records that leave the archive leave the list."""
    import json

    from study_archive.outputs.words import term_of

    term = term_of("quokkas")
    records = [search.Record(entry, paragraph, "quokkas " * (1 + entry % 3) + "wombat " * (paragraph % 7))
               for entry in range(40) for paragraph in range(12)]
    scores = search.Scores()
    scores.update(by_document(records))

    def expected(kept: list[search.Record]) -> list[int]:
        ranked = sorted((-search._scored(r.text, r.paragraph)[term], r.entry, r.paragraph) for r in kept)
        best = [number for score, entry, paragraph in ranked[:search.POSTINGS_PER_TERM]
                for number in (entry, paragraph, -score)]
        return [len(kept), *best]

    assert len(records) > search.POSTINGS_PER_TERM
    assert json.loads(scores.listing(term)) == expected(records)
    remaining = [record for record in records if record.entry % 2]
    assert scores.update(by_document(remaining)) >= {term}
    assert json.loads(scores.listing(term)) == expected(remaining)


def test_a_build_s_one_scoring_lists_every_term_as_the_preview_s_scoring_does(monkeypatch):
    """A build names records by number in its postings, and by key again past `MOST_NUMBERED` records: every term's
    list comes out as from the scoring the live preview keeps."""
    records = [search.Record(entry, paragraph, " ".join(["quokkas", "wombat", "numbat"][: 1 + (entry + paragraph) % 3])
                             + " bilby" * (paragraph % 4)) for entry in range(30) for paragraph in range(15)]
    kept = search.Scores()
    kept.update(by_document(records))
    expected = {term: kept.listing(term) for term in kept.by_term}
    for most in (search.MOST_NUMBERED, 7):
        monkeypatch.setattr(search, "MOST_NUMBERED", most)
        built = search.Scores()
        for own in by_document(records):
            built.add(own)
        assert (built.numbered is None) == (most < len(records))
        assert {term: built.listing(term) for term in built.by_term} == expected


def previewed(root: Path, site_dir: Path, state: search.Kept, parsed: ParsedDocuments) -> dict[str, bytes]:
    """The kept index as `mkdocs serve` writes it: the sources parsed through one cache, so that unchanged documents
    come back as the same objects and their entries and records are taken from the last build."""
    site = Site.load(root)
    archive = Archive.load(root, site.layout, reader_for(site), parsed=(parsed, "settings"))
    search.write_index(archive, site, site_dir, kept=state)
    return files_of(site_dir / search.FOLDER)


def edits_elsewhere(root: Path) -> dict[str, tuple[Path, str, str]]:
    """Edits of documents other than a text that change what a text's or a debate's entry shows."""
    person = sorted((root / "content/people").glob("*.md"))[0]
    curriculum = sorted((root / "content/curricula").glob("*.md"))[0]
    debate = sorted((root / "content/debates").glob("*.md"))[0]
    assigned = next(line.split("text:")[1].strip() for line in curriculum.read_text().splitlines() if "text:" in line)
    piece = next(line.split("text:")[1].strip() for line in debate.read_text().splitlines() if "text:" in line)
    return {
        "an author's name": (person, "title: ", "title: Renamed "),
        "an author's aliases": (person, 'aliases: [', 'aliases: ["Zyxalias", '),
        "a curriculum's title": (curriculum, "title: ", "title: Retitled "),
        "a text a curriculum assigns": (root / f"readings/{assigned}.md", "title: ", "title: Assigned "),
        "a debate's piece's text": (root / f"readings/{piece}.md", "title: ", "title: Answered "),
    }


@pytest.mark.parametrize("kind", ["an author's name", "an author's aliases", "a curriculum's title",
                                  "a text a curriculum assigns", "a debate's piece's text"])
def test_an_edit_elsewhere_remakes_every_entry_that_shows_it(generated, tmp_path, kind):
    state, parsed = search.Kept(), ParsedDocuments()
    before = previewed(generated, tmp_path / "served", state, parsed)
    path, old, new = edits_elsewhere(generated)[kind]
    edit(path, old, new)
    after = previewed(generated, tmp_path / "served", state, parsed)
    assert after != before
    assert after == fresh(generated, tmp_path / "second")


def test_the_preview_takes_unchanged_entries_from_the_last_build(generated, tmp_path):
    state, parsed = search.Kept(), ParsedDocuments()
    previewed(generated, tmp_path / "served", state, parsed)
    made = dict(state.made)
    text = sorted((generated / "readings").glob("*.md"))[2]
    edit(text, *EDITS["a word added to a paragraph"](text))
    after = previewed(generated, tmp_path / "served", state, parsed)
    changed = {path for path in made if state.made[path] is not made[path]}
    assert changed == {text.relative_to(generated).as_posix()}
    assert after == fresh(generated, tmp_path / "second")
