"""Shards stay under their bound however many terms share a prefix, and a reader finds a term's shard and the
shards a word being typed spans, from the manifest alone."""

from __future__ import annotations

import functools
import itertools
import json
from pathlib import Path

import pytest

from study_archive.outputs import query, search
from study_archive.outputs.search import Record, Scores, Shards, script, shard_name, shard_of

RECORDS = 320


def vocabulary(stem: str, letters: str, length: int) -> list[str]:
    """Words that all begin with `stem`, then every combination of `length` of `letters`: a prefix shared by
    hundreds of terms, which no split by two or three letters can make small. The letters are consonants that the
    Porter stemmer leaves alone, so each word is its own term."""
    return [stem + "".join(tail) for tail in itertools.product(letters, repeat=length)]


@functools.cache
def shards_of(words: tuple[str, ...]) -> tuple[Scores, Shards]:
    """The shards of records in which word `i` occurs in every record from the `i % 97`-th on: each word in
    hundreds of records, at a frequency that differs from its neighbours'."""
    records = [Record(n, 1, " ".join(word for i, word in enumerate(words) if n >= i % 97)) for n in range(RECORDS)]
    scores, shards = Scores(), Shards()
    shards.update(scores, scores.update(records))
    return scores, shards


LATIN = tuple(vocabulary("dream", "bcdfgklmnprt", 2) + vocabulary("dre", "bcdfgklmnprt", 2) + ["dre", "drea", "dream"])
CYRILLIC = tuple(vocabulary("мясник", "бвгджзклмн", 2) + ["мясник", "мясо"])
"""Cyrillic words are kept as written, two bytes a letter: the bound is on a file's bytes, not its characters."""


@pytest.mark.parametrize("words", [LATIN, CYRILLIC], ids=["latin", "cyrillic"])
def test_every_shard_is_within_the_bound_and_holds_the_terms_of_its_key(words):
    scores, shards = shards_of(words)
    built = shards.by_prefix()
    assert max(len(key) for key in built) >= len(words[0]) - 1, "the vocabulary should force deep splits"
    terms = {key: query._SCRIPT.match(content) for key, (_, content) in built.items()}
    for key, (top, content) in built.items():
        assert len(content.encode("utf-8")) <= search.SHARD_BYTES, key
        held = json.loads(terms[key].group(2))
        assert terms[key].group(1) == shard_name(key)
        assert all(term.startswith(key) for term in held)
        assert top == max(held[term][0] for term in held)
    manifest = {key: top for key, (top, _) in built.items()}
    for term in scores.by_term:
        key = shard_of(manifest, term)
        assert f'"{term}":' in built[key][1], f"{term} is not in the shard of {key}"


def test_a_word_that_is_a_prefix_of_others_keeps_a_shard_of_its_own():
    _, shards = shards_of(LATIN)
    built = shards.by_prefix()
    manifest = {key: top for key, (top, _) in built.items()}
    assert "dre" in built and built["dre"][1].count('":[') == 1  # dre itself, split from drea… and dreb…
    assert shard_of(manifest, "dre") == "dre"
    assert shard_of(manifest, "drezzz") == "dre"  # no such term: its shard is small, and does not have it
    assert shard_of(manifest, "xyz") is None


def written(tmp_path: Path, shards: Shards) -> query.Index:
    """The shards and a manifest as a built site has them, read through the command line's index."""
    folder = tmp_path / search.FOLDER
    folder.mkdir(parents=True)
    built = shards.by_prefix()
    (folder / "manifest.js").write_text(script("manifest", {"shards": {key: top for key, (top, _) in built.items()},
                                                            "records": RECORDS}), encoding="utf-8")
    for key, (_, content) in built.items():
        (folder / f"{shard_name(key)}.js").write_text(content, encoding="utf-8")
    index = query.Index(tmp_path)
    index.loaded = []
    load = index.load
    index.load = lambda name: index.loaded.append(name) or load(name)
    return index


def best(scores: Scores, prefix: str) -> list[str]:
    """The most frequent terms a prefix begins, counted over every term: what expansions must find."""
    found = [term for term in scores.by_term if term.startswith(prefix)]
    return sorted(found, key=lambda term: (-len(scores.by_term[term]), term))[:query.PREFIX_TERMS]


@pytest.mark.parametrize("prefix", ["dr", "dre", "drea", "dream", "dreamb", "dreambc", "drebk", "drez"])
def test_a_word_being_typed_finds_its_most_frequent_terms_across_shards(tmp_path, monkeypatch, prefix):
    scores, shards = shards_of(LATIN)
    monkeypatch.setattr(query, "PREFIX_SHARDS", 10_000)
    index = written(tmp_path, shards)
    assert list(index.expansions(prefix)) == best(scores, prefix)


def test_a_short_prefix_stops_loading_shards_once_none_left_can_do_better(tmp_path):
    scores, shards = shards_of(LATIN)
    index = written(tmp_path, shards)
    spanned = search.prefix_shards(index.shards, "dr")
    assert list(index.expansions("dr")) == best(scores, "dr")
    assert 1 < len(index.loaded) <= query.PREFIX_SHARDS < len(spanned)
    assert index.loaded == [shard_name(key) for key in spanned[:len(index.loaded)]]


def test_a_short_prefix_loads_at_most_a_few_shards(tmp_path, monkeypatch):
    scores, shards = shards_of(LATIN)
    monkeypatch.setattr(query, "PREFIX_SHARDS", 1)
    index = written(tmp_path, shards)
    found = index.expansions("dr")
    assert index.loaded == [shard_name(search.prefix_shards(index.shards, "dr")[0])]
    # The shard loaded is the one with the most frequent term: that term comes first.
    assert next(iter(found)) == best(scores, "dr")[0]


def test_shards_kept_between_builds_equal_fresh_ones_after_terms_come_and_go():
    """Under `mkdocs serve` only the groups whose terms changed are split again."""
    words = LATIN[::2]
    records = [Record(n, 1, " ".join(word for i, word in enumerate(words) if n >= i % 97)) for n in range(RECORDS)]
    scores, shards = Scores(), Shards()
    shards.update(scores, scores.update(records))
    changed = records[:5] + [Record(n, 1, "dreamzz") for n in range(5, RECORDS)]
    shards.update(scores, scores.update(changed))
    fresh_scores, fresh = Scores(), Shards()
    fresh.update(fresh_scores, fresh_scores.update(changed))
    assert shards.by_prefix() == fresh.by_prefix()
