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
    shards.update(scores, scores.update([record] for record in records))
    return scores, shards


LATIN = tuple(vocabulary("dream", "bcdfgklmnprt", 2) + vocabulary("dre", "bcdfgklmnprt", 2) + ["dre", "drea", "dream"])
CYRILLIC = tuple(vocabulary("мясник", "бвгджзклмн", 2) + ["мясник", "мясо"])
"""Cyrillic words are kept as written, two bytes a letter: the bound is on a file's bytes, not its characters."""


@pytest.mark.parametrize("words", [LATIN, CYRILLIC], ids=["latin", "cyrillic"])
def test_every_shard_is_within_the_bound_and_holds_a_run_of_terms_from_its_key(words):
    scores, shards = shards_of(words)
    built = shards.by_key()
    keys = list(built)
    assert keys == sorted(keys) and len(keys) > 10, "the vocabulary should be cut into many shards"
    assert max(len(key) for key in keys) >= len(words[0]) - 1, "keys as long as it takes to tell terms apart"
    for at, (key, (top, content)) in enumerate(built.items()):
        assert len(content.encode("utf-8")) <= search.SHARD_BYTES, key
        match = query._SCRIPT.match(content)
        held = json.loads(match.group(2))
        assert match.group(1) == shard_name(key)
        assert all(key <= term and (at + 1 == len(keys) or term < keys[at + 1]) for term in held)
        assert top == max(held[term][0] for term in held)
    for term in scores.by_term:
        key = shard_of(keys, term)
        assert f'"{term}":' in built[key][1], f"{term} is not in the shard of {key}"


def test_a_shard_is_keyed_by_the_shortest_prefix_after_the_shard_before():
    assert search._after("dreambz", "dreamcb") == "dreamc"
    assert search._after("drea", "dream") == "dream"  # a term that begins the next one
    assert search._after("пролетари", "пролетариат") == "пролетариа"
    keys = ["dr", "drea", "dreamc", "du"]
    assert shard_of(keys, "dreamb") == "drea" and shard_of(keys, "dreamz") == "dreamc"
    assert shard_of(keys, "dr") == "dr" and shard_of(keys, "dz") is None  # no shard of group dz: no load
    assert shard_of(keys, "aa") is None
    tops = {"dr": 5, "drea": 9, "dreamc": 7, "du": 100}
    assert search.prefix_shards(keys, tops, "drea") == ["drea", "dreamc"]
    assert search.prefix_shards(keys, tops, "dream") == ["drea", "dreamc"]  # dream… begins in drea's run
    assert search.prefix_shards(keys, tops, "dr") == ["drea", "dreamc", "dr"]
    assert search.prefix_shards(keys, tops, "dreamd") == ["dreamc"]


def test_a_key_too_long_for_a_file_name_is_named_by_a_digest():
    long = "а" * 80  # 160 bytes of UTF-8
    assert len(shard_name(long)) < 60 and shard_name(long) != shard_name(long[:-1] + "б")
    assert shard_name("dre") == "s647265"


def written(tmp_path: Path, shards: Shards) -> query.Index:
    """The shards and a manifest as a built site has them, read through the command line's index."""
    folder = tmp_path / search.FOLDER
    folder.mkdir(parents=True)
    built = shards.by_key()
    listed = search.listed_shards({key: top for key, (top, _) in built.items()})
    (folder / "manifest.js").write_text(script("manifest", listed | {"records": RECORDS}), encoding="utf-8")
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


def test_a_short_prefix_stops_loading_shards_once_none_left_can_do_better(tmp_path, monkeypatch):
    scores, shards = shards_of(LATIN)
    monkeypatch.setattr(query, "PREFIX_SHARDS", 10_000)
    index = written(tmp_path, shards)
    spanned = search.prefix_shards(index.keys, index.shards, "dr")
    assert list(index.expansions("dr")) == best(scores, "dr")
    assert 1 < len(index.loaded) < len(spanned)
    assert index.loaded == [shard_name(key) for key in spanned[:len(index.loaded)]]


def test_a_short_prefix_loads_at_most_a_few_shards(tmp_path, monkeypatch):
    scores, shards = shards_of(LATIN)
    monkeypatch.setattr(query, "PREFIX_SHARDS", 1)
    index = written(tmp_path, shards)
    found = index.expansions("dr")
    assert index.loaded == [shard_name(search.prefix_shards(index.keys, index.shards, "dr")[0])]
    # The shard loaded is the one with the most frequent term: that term comes first.
    assert next(iter(found)) == best(scores, "dr")[0]


def test_shards_kept_between_builds_equal_fresh_ones_after_terms_come_and_go():
    """Under `mkdocs serve` only the groups whose terms changed are split again."""
    words = LATIN[::2]
    records = [Record(n, 1, " ".join(word for i, word in enumerate(words) if n >= i % 97)) for n in range(RECORDS)]
    scores, shards = Scores(), Shards()
    shards.update(scores, scores.update([record] for record in records))
    changed = records[:5] + [Record(n, 1, "dreamzz") for n in range(5, RECORDS)]
    shards.update(scores, scores.update([record] for record in changed))
    fresh_scores, fresh = Scores(), Shards()
    fresh.update(fresh_scores, fresh_scores.update([record] for record in changed))
    assert shards.by_key() == fresh.by_key()


def test_the_manifest_lists_the_keys_by_what_each_shares_with_the_one_before():
    """Keys in order, each as the letters it shares with the one before and the rest: read back exactly, with keys
    that begin with digits, run past what one character can say they share, or are Cyrillic."""
    keys = sorted(["1905", "1905a", "19", "dre", "drea", "мясник", "мясо", "x" * 50 + "a", "x" * 50 + "b"])
    tops = {key: number for number, key in enumerate(keys, 1)}
    listed = search.listed_shards(tops)
    assert listed["keys"].startswith("019,205,4a,") and listed["tops"] == list(range(1, len(keys) + 1))
    assert list(search.shards_listed(listed).items()) == list(tops.items())
    assert search.shards_listed(search.listed_shards({})) == {}
