"""`archive check` parses each Markdown body once and still finds exactly what a strict build finds."""

from __future__ import annotations

from markdown.blockparser import BlockParser

from conftest import checked_problems

ANNOTATED = """
    readings/essay.md
    | ---
    | title: An essay
    | year: 1924
    | summary: Footnotes, raw HTML and annotations.
    | rights: public-domain
    | ---
    | The first paragraph, on [[new-course#p2]] and [[new-course#p9]][^1].
    |
    | <div onclick="steal()">A second paragraph in raw HTML.</div>
    |
    | A third paragraph, with a term: faction.
    |
    | [^1]: A note on [[nobody]], with <script>alert(1)</script> in it.
    readings/notes/context/essay.md
    | ---
    | author: Tuesday group
    | date: 2026-11-20
    | ---
    |
    | ## p1 "first paragraph"
    |
    | Found.
    |
    | ## p2 "no such phrase"
    |
    | Not found.
    """


def test_the_check_finds_what_the_build_finds_from_one_parse_of_each_body(library, logs, monkeypatch):
    library.files(ANNOTATED)
    library.build(strict=False)
    built = logs.problems

    parsed: list[str] = []
    parse_document = BlockParser.parseDocument

    def counting(self, lines):
        parsed.append("\n".join(lines))
        return parse_document(self, lines)

    monkeypatch.setattr(BlockParser, "parseDocument", counting)
    checked = checked_problems(library.root)

    assert checked == built
    # What only rendering finds is among them: the sanitizer's removals, in the text and in its footnote, and a
    # phrase the page does not have; and what loading finds, from the references of the outline.
    expected = ["readings/essay.md:7:47: 'new-course' has no paragraph 9",
                "readings/essay.md:9:1: removed the attribute onclick=\"steal()\" from a <div>",
                "readings/essay.md:13:1: removed a <script> element",
                "readings/essay.md:13:17: unknown reference 'nobody'",
                "readings/notes/context/essay.md:10:1: the phrase \"no such phrase\" is not in paragraph 2"]
    assert len(checked) == len(expected), checked
    assert all(any(problem.startswith(start) for problem in checked) for start in expected), checked
    markdown_files = sorted(path for path in library.root.rglob("*.md") if "site" not in path.parts)
    assert len(parsed) == len(markdown_files)  # Every body once: none is parsed again to render its page.
