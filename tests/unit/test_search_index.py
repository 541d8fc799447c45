"""The search index kept between builds of `mkdocs serve` is, after any edit, exactly the index a fresh build writes."""

from __future__ import annotations

import functools
import itertools
import random
import sys
import zlib
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


def test_a_build_s_counting_in_arrays_lists_every_term_and_pair_as_the_preview_s_scoring_does(monkeypatch):
    """A build counts its postings in arrays (`postings.Counted`), the live preview record by record (`Scores`):
    every term's list, which terms are common, and every pair's list come out the same."""
    from study_archive.outputs.postings import Counted

    monkeypatch.setattr(search, "POSTINGS_PER_TERM", 12)
    monkeypatch.setattr(search, "PAIR_ITEMS", 60)
    said = random.Random(3)
    animals = ["quokkas", "wombat", "numbat", "the", "bilby", "of", "dingo", "échidna", "кенгуру", "possum"]
    records = [search.Record(entry, paragraph, " ".join(said.choices(animals, k=said.randint(1, 20))))
               for entry in range(30) for paragraph in range(15)]
    kept = search.Scores()
    kept.update(by_document(records))
    common = kept.common()
    pairs = search.Scores(functools.partial(search._paired, common=common))
    pairs.update(by_document(records))
    built = Counted()
    for own in by_document(records):
        built.add(own)
    built.finish(12)
    assert {term: built.listing(term) for term in built.terms()} == {term: kept.listing(term) for term in kept.by_term}
    built.pair(12)
    assert set(built.common) == common and len(common) >= 3
    files = search.pair_files(len(built.pair_numbers), built.listed_pairs())
    checks = [zlib.crc32(term.encode()) for term in built.common]
    expected = search.PairFiles()
    expected.update(pairs, set(pairs.by_term))
    assert len(pairs.by_term) > 10 and files == len(expected.files) > 1
    assert [search.pair_script(number, parts) for number, parts in
            enumerate(built.pairs_by_file(files, search.PAIR_MIX, checks))] == expected.files


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


PAIRING_EDITS = {
    **EDITS,
    "two new words made common side by side": lambda text: (
        paragraphs_of(text)[0], paragraphs_of(text)[0] + "".join(f"\n\nZyxfirst zyxsecond, {n}." for n in range(6))),
}


@pytest.mark.parametrize("kind", PAIRING_EDITS)
def test_an_edit_leaves_the_kept_pairs_equal_to_a_fresh_build_s(generated, tmp_path, monkeypatch, kind):
    """With lists short enough that common terms make pairs, the kept pairs' files follow every edit, including
    those that change which terms are common."""
    monkeypatch.setattr(search, "POSTINGS_PER_TERM", 4)
    monkeypatch.setattr(search, "PAIR_ITEMS", 40)
    state = search.Kept()
    before = kept(generated, tmp_path / "served", state)
    assert sum(name.startswith("p") for name in before) > 1
    assert before == fresh(generated, tmp_path / "first")
    common = state.common
    text = sorted((generated / "readings").glob("*.md"))[2]
    edit(text, *PAIRING_EDITS[kind](text))
    after = kept(generated, tmp_path / "served", state)
    assert after != before
    assert after == fresh(generated, tmp_path / "second")
    if kind.startswith("two new words"):
        assert state.common > common
        assert any(b'"zyxfirst zyxsecond":[6,' in data for name, data in after.items() if name.startswith("p"))
