"""The demo archive: it builds strictly, it is big enough to use, and it quotes only what the seeds say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from study_archive import Archive, load
from study_archive.model.document import Kind

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def demo() -> Archive:
    return load(ROOT)


def test_the_demo_builds_strictly_with_no_warning(tmp_path, logs):
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True))
    assert logs.warnings == []
    page = (tmp_path / "site" / "readings" / "trotsky-new-course" / "index.html").read_text(encoding="utf-8")
    # The page is the archive's reading guide: its commentary is not cited as Trotsky's.
    assert 'data-cite="The archive&#39;s editors, reading guide to Leon Trotsky, The New Course (1923), ' in page
    assert '<meta name="citation_author" content="The archive&#39;s editors">' in page
    assert "Trotsky, Leon" not in page


def test_every_demo_page_declares_whose_words_it_holds(demo):
    for text in demo.of_kind(Kind.TEXT):
        assert "holds" in text.front.data, f"{text.path}: say 'holds: guide', 'excerpt' or 'full'"


def test_the_demo_has_what_a_reading_group_needs(demo):
    assert not demo.problems
    assert len(demo.of_kind(Kind.TEXT)) >= 8
    assert len(demo.of_kind(Kind.PERSON)) >= 6
    assert len(demo.of_kind(Kind.TERM)) >= 12
    assert any(len(curriculum.meta.sessions) >= 5 for curriculum in demo.of_kind(Kind.CURRICULUM))
    assert sum(len(debate.meta.pieces) >= 3 for debate in demo.of_kind(Kind.DEBATE)) >= 2
    authors = {author for text in demo.of_kind(Kind.TEXT) for author in text.meta.authors}
    assert {"trotsky", "draper", "myasnikov"} <= authors


def _normalize(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


def _quotations(markdown: str) -> list[str]:
    """The block quotes of a body, without their attribution lines."""
    quotes, current = [], []
    for line in markdown.split("\n") + [""]:
        if line.startswith(">"):
            content = line.lstrip("> ").strip()
            if content and not content.startswith("—"):
                current.append(content)
        elif current:
            quotes.append(" ".join(current))
            current = []
    return quotes


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed essays are not beside the repository")
def test_every_quotation_is_verbatim_from_a_seed_and_short(demo):
    seeds = _normalize(" ".join(path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt")))
    quotes = [(document.path, quote) for document in demo.documents for quote in _quotations(document.body)]
    assert quotes
    for path, quote in quotes:
        plain = _normalize(re.sub(r"[*_]", "", re.sub(r"\[\[[^\]|]*\|?([^\]]*)\]\]", r"\1", quote)))
        assert plain.strip('"') in seeds, f"{path}: not found in the seeds: {quote}"
        assert len(re.findall(r"[.!?](?:\s|$)", plain)) <= 3, f"{path}: more than three sentences: {quote}"
