"""Whatever a contributor writes, the parser and validator answer with problems, never with a crash."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, example, given, settings

# Correctness only: a loaded machine must not fail a property test on time (speed is for the benchmarks).
settings.register_profile("archive", deadline=None)
settings.load_profile("archive")
from hypothesis import strategies as st

from study_archive import Archive, load
from study_archive.model.document import Kind
from study_archive.model.frontmatter import Source, parse_front_matter, read_source
from study_archive.model.problem import Problems
from study_archive.model.reference import parse_reference, scan_references
from study_archive.model.validation import validate
from study_archive.renderer.annotations import AnnotationsExtension
from study_archive.renderer.paragraphs import ParagraphsExtension
from study_archive.renderer.references import ReferencesExtension

FIELDS = ["title", "year", "summary", "rights", "authors", "kind", "sessions", "pieces", "short", "published",
          "responds_to", "part_of", "aliases", "source", "text", "paragraphs", "questions", "readings", "titel"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=30), st.dates(datetime.date(1, 1, 1), datetime.date(2100, 1, 1)))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.sampled_from(FIELDS), inner, max_size=4)),
                      max_leaves=12)
front_matter = st.dictionaries(st.sampled_from(FIELDS), values, max_size=8)


@given(st.binary(max_size=400))
def test_any_bytes_are_read_without_a_crash(raw):
    problems = Problems()
    source = read_source("t.md", b"---\n" + raw, problems)
    parse_front_matter(source, problems)


@given(st.text(max_size=400))
def test_any_text_is_parsed_without_a_crash(text):
    problems = Problems()
    front = parse_front_matter(Source("t.md", "---\n" + text + "\n---\nBody"), problems)
    for kind in Kind:
        validate(kind.model, front, "t.md", problems, kind.value)
    assert all(problem.line >= 1 for problem in problems)


@given(front_matter, st.sampled_from(list(Kind)))
def test_any_front_matter_is_validated_with_located_problems(data, kind):
    problems = Problems()
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\nBody\n"
    front = parse_front_matter(Source("t.md", text), problems)
    validate(kind.model, front, "t.md", problems, kind.value)
    lines = text.count("\n") + 1
    assert all(1 <= problem.line <= lines for problem in problems)


@given(st.text(max_size=200))
@example("|\n0")  # A label running over a line break.
def test_any_reference_text_resolves_or_misses(text):
    for reference in [parse_reference(text), *scan_references(text)]:
        ARCHIVE.resolve(reference)


def _library() -> Archive:
    root = Path(tempfile.mkdtemp())
    (root / "readings").mkdir()
    (root / "readings" / "t.md").write_text(
        "---\ntitle: T\nsummary: S.\nrights: public-domain\n---\nOne *two* three.\n\n> Four five.\n\n- six\n- seven\n")
    return load(root)


ARCHIVE = _library()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(-2, 6), st.text(min_size=1, max_size=20).filter(lambda t: '"' not in t and "\n" not in t),
       st.one_of(st.none(), st.integers(0, 4)), st.text(max_size=60))
def test_any_annotation_is_placed_or_reported(paragraph, phrase, occurrence, body):
    root = ARCHIVE.root
    notes = root / "readings" / "notes" / "layer" / "t.md"
    notes.parent.mkdir(parents=True, exist_ok=True)
    which = f" ({occurrence})" if occurrence is not None else ""
    notes.write_text(f"---\nauthor: A\ndate: 2026-01-01\n---\n## p{paragraph} \"{phrase}\"{which}\n{body}\n")
    archive = load(root)
    text = archive.by_id["t"]
    annotations = AnnotationsExtension(archive=archive)
    references = ReferencesExtension(archive=archive)
    annotations.current = references.current = text
    markdown.markdown(text.body, extensions=[references, ParagraphsExtension(), annotations])
    placed = len(archive.annotations.get("t", []))
    assert placed + len(archive.problems) + len(annotations.problems) >= 1
