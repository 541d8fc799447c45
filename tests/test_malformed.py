"""The corpus of malformed inputs: each gets one clear warning naming file, line, column and field.

Every case is built for real on top of the `library` fixture (a person `trotsky`, a term
`faction` and a text `new-course` of three paragraphs with a heading `the-party`).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

import pytest

from conftest import checked_problems

TEXT = """\
---
{fields}
---
{body}
"""
GOOD_TEXT = "title: A text\nyear: 1923\nsummary: A summary.\nrights: public-domain"


def text(fields: str = GOOD_TEXT, body: str = "A paragraph.") -> str:
    return TEXT.format(fields=fields, body=body)


@dataclass
class Case:
    name: str
    path: str
    source: str | bytes
    expected: str
    """The warning's start: `path:line:column: message`; the hint may follow."""


CASES = [
    # Front matter: structure and YAML.
    Case("missing required field", "readings/t.md", text("year: 1923\nsummary: S.\nrights: public-domain"),
         "readings/t.md:1:1: missing required field 'title'"),
    Case("missing several fields", "readings/t.md", text("title: T"),
         "readings/t.md:1:1: missing required field 'rights'"),
    Case("list where a string belongs", "readings/t.md", text(GOOD_TEXT.replace("title: A text", "title: [A, B]")),
         "readings/t.md:2:8: 'title': expected string, found a list"),
    Case("word where a year belongs", "readings/t.md", text(GOOD_TEXT.replace("1923", '"nineteen"')),
         "readings/t.md:3:7: 'year': expected integer, unable to parse string as an integer"),
    Case("year as a float", "readings/t.md", text(GOOD_TEXT.replace("1923", "1923.5")),
         "readings/t.md:3:7: 'year': input should be a valid integer, got a number with a fractional part"),
    Case("unknown field with a likely typo", "readings/t.md", text(GOOD_TEXT + "\nsumary: x"),
         "readings/t.md:6:1: unknown field 'sumary' in a text: did you mean 'summary'?"),
    Case("unknown field without a near name", "readings/t.md", text(GOOD_TEXT + "\nflavour: x"),
         "readings/t.md:6:1: unknown field 'flavour' in a text: the fields a text takes are: title,"),
    Case("duplicate key", "readings/t.md", text(GOOD_TEXT + "\nyear: 1924"),
         "readings/t.md:6:1: duplicate field 'year': it is already set on line 3"),
    Case("title: no", "readings/t.md", text(GOOD_TEXT.replace("title: A text", "title: no")),
         "readings/t.md:2:8: 'no' means true/false to some YAML readers and text to others"),
    Case("title: NO", "content/people/p.md", "---\ntitle: NO\nsummary: S.\n---\nBio.\n",
         "content/people/p.md:2:8: 'NO' means true/false"),
    Case("impossible date", "readings/t.md", text(GOOD_TEXT + "\npublished: 2024-13-45"),
         "readings/t.md:6:12: '2024-13-45' is not a real date"),
    Case("date where a string is meant", "readings/t.md", text(GOOD_TEXT.replace("title: A text", "title: 1917-10-25")),
         "readings/t.md:2:8: 'title': expected string, found a date"),
    Case("number where a string is meant", "content/glossary/g.md", "---\ntitle: 1984\nshort: S.\n---\nLong.\n",
         "content/glossary/g.md:2:8: 'title': expected string, found a number (1984): YAML read the unquoted 1984 as a number; quote it"),
    Case("base-60 number", "readings/t.md", text(GOOD_TEXT + "\nrights_note: 12:30"),
         "readings/t.md:6:14: '12:30' would be read as a number in base 60"),
    Case("unquoted colon", "readings/t.md", text(GOOD_TEXT.replace("title: A text", "title: Part one: the crisis")),
         "readings/t.md:2:16: a value contains an unquoted colon: put the whole value in quotes"),
    Case("tab indentation", "readings/t.md", text(GOOD_TEXT + "\nsource:\n\ttitle: x"),
         "readings/t.md:7:1: a tab character in the front matter"),
    Case("byte-order mark", "readings/t.md", b"\xef\xbb\xbf" + text().encode(),
         "readings/t.md:1:1: the file starts with a UTF-8 byte-order mark"),
    Case("not UTF-8", "readings/t.md", text(body="Caf\xe9 society.").encode("latin-1"),
         "readings/t.md:7:4: the file is not valid UTF-8: byte 0xe9"),
    Case("front matter never closed", "readings/t.md", "---\ntitle: T\nyear: 1923\n\nThe text.\n",
         "readings/t.md:1:1: the front matter is never closed"),
    Case("front matter is a list", "readings/t.md", "---\n- title\n---\nText.\n",
         "readings/t.md:2:1: the front matter must be a list of 'field: value' lines"),
    Case("bad indentation", "readings/t.md", text(GOOD_TEXT + "\nsource:\n  title: x\n url: y"),
         "readings/t.md:8:"),
    Case("alias bomb", "readings/t.md", text(GOOD_TEXT + "\ntopics: &a [x]\nrights_note: *a"),
         "readings/t.md:6:9: anchors and aliases (& and *) are not allowed"),
    Case("nested field missing", "content/curricula/c.md",
         "---\ntitle: C\nsummary: S.\nsessions:\n  - readings: [{text: new-course}]\n    questions: [Why?]\n---\nIntro.\n",
         "content/curricula/c.md:5:5: missing required field 'sessions[0].title'"),
    Case("value not allowed", "readings/t.md", text(GOOD_TEXT + "\nkind: pamflet"),
         "readings/t.md:6:7: 'kind': 'pamflet' is not one of"),
    Case("rights not allowed", "readings/t.md", text(GOOD_TEXT.replace("public-domain", "public domain")),
         "readings/t.md:5:9: 'rights': 'public domain' is not one of"),
    Case("date without leading zeros", "readings/t.md", text(GOOD_TEXT + "\npublished: 1923-1-5"),
         "readings/t.md:6:12: 'published': expected date"),
    Case("empty reference", "content/about.md", "See [[ ]].\n",
         "content/about.md:1:5: unknown reference ''"),
    Case("id that is not a slug", "readings/t.md", text(GOOD_TEXT + "\nauthors: [Leon Trotsky]"),
         "readings/t.md:6:11: 'authors[0]': 'Leon Trotsky' is not in the expected form"),
    Case("url without scheme", "readings/t.md", text(GOOD_TEXT + "\nfull_text_url: example.org/text"),
         "readings/t.md:6:16: 'full_text_url': 'example.org/text' is not in the expected form"),
    Case("died before born", "content/people/p.md", "---\ntitle: P\nsummary: S.\nborn: 1900\ndied: 1890\n---\nBio.\n",
         "content/people/p.md:2:1: died (1890) is before born (1900)"),
    Case("empty sessions", "content/curricula/c.md", "---\ntitle: C\nsummary: S.\nsessions: []\n---\nIntro.\n",
         "content/curricula/c.md:4:11: 'sessions': list should have at least 1 item"),
    Case("reading neither library nor external", "content/curricula/c.md",
         "---\ntitle: C\nsummary: S.\nsessions:\n  - title: One\n    readings: [{pages: 3}]\n    questions: [Why?]\n---\nIntro.\n",
         "content/curricula/c.md:6:16: 'sessions[0].readings[0]': a reading needs either 'text'"),
    Case("backwards range", "content/curricula/c.md",
         "---\ntitle: C\nsummary: S.\nsessions:\n  - title: One\n    readings: [{text: new-course, paragraphs: 3-1}]\n    questions: [Why?]\n---\nIntro.\n",
         "content/curricula/c.md:6:47: 'sessions[0].readings[0].paragraphs': the range 3-1 runs backwards"),
    Case("debate piece with one claim missing", "content/debates/d.md",
         "---\ntitle: D\nquestion: Q?\npieces:\n  - text: new-course\n    position: P.\n  - text: new-course\n    position: P.\n    claims: [C]\n---\nFraming.\n",
         "content/debates/d.md:5:5: missing required field 'pieces[0].claims'"),
    Case("page with unknown field", "content/about.md", "---\ntitel: About\n---\nText.\n",
         "content/about.md:2:1: unknown field 'titel' in a page: did you mean 'title'?"),
    # References and the archive as a whole.
    Case("unknown reference in a body", "content/about.md", "Read [[new-curse]] first.\n",
         "content/about.md:1:6: unknown reference 'new-curse': did you mean 'new-course'?"),
    Case("unknown paragraph", "content/about.md", "---\ntitle: About\n---\nRead [[new-course#p12]].\n",
         "content/about.md:4:6: 'new-course' has no paragraph 12: it has 3 paragraphs, numbered 1 to 3 on its page: give numbers in that range"),
    Case("unknown heading", "content/about.md", "See [[new-course#the-partey]].\n",
         "content/about.md:1:5: 'new-course' has no heading or paragraph '#the-partey': did you mean 'the-party'?"),
    Case("wrong kind prefix", "content/about.md", "See [[person:new-course]].\n",
         "content/about.md:1:5: 'new-course' is a text, not a person: write text:new-course"),
    Case("unknown person", "content/about.md", "See [[person:rosa-luxemburg]].\n",
         "content/about.md:1:5: unknown reference 'person:rosa-luxemburg': add content/people/rosa-luxemburg.md "
         "(`archive new person rosa-luxemburg`)"),
    Case("unknown author far from any person", "readings/t.md", text(GOOD_TEXT + "\nauthors: [luxemburg]"),
         "readings/t.md:6:11: unknown reference 'luxemburg': add content/people/luxemburg.md (`archive new person luxemburg`)"),
    Case("paragraph of a text of one paragraph", "content/about.md", "See [[t#p2]].\n",
         "content/about.md:1:5: 't' has no paragraph 2: it has 1 paragraph, numbered 1: point at paragraph 1, or at the text itself"),
    Case("unknown kind prefix", "content/about.md", "See [[peson:trotsky]].\n",
         "content/about.md:1:5: unknown kind 'peson' in reference 'peson:trotsky': did you mean 'person'?"),
    Case("unknown author", "readings/t.md", text(GOOD_TEXT + "\nauthors: [trotksy]"),
         "readings/t.md:6:11: unknown reference 'trotksy': did you mean 'trotsky'?"),
    Case("author is not a person", "readings/t.md", text(GOOD_TEXT + "\nauthors: [faction]"),
         "readings/t.md:6:11: 'faction' is a term, but a person belongs here"),
    Case("related term is a text", "content/glossary/g.md", "---\ntitle: G\nshort: S.\nrelated: [new-course]\n---\nLong.\n",
         "content/glossary/g.md:4:11: 'new-course' is a text, but a term belongs here"),
    Case("curriculum range past the end", "content/curricula/c.md",
         "---\ntitle: C\nsummary: S.\nsessions:\n  - title: One\n    readings:\n      - text: new-course\n        paragraphs: 2-40\n    questions: [Why?]\n---\nIntro.\n",
         "content/curricula/c.md:8:21: 'new-course' has no paragraphs 2-40: it has 3 paragraphs"),
    Case("curriculum reading unknown", "content/curricula/c.md",
         "---\ntitle: C\nsummary: S.\nsessions:\n  - title: One\n    readings: [{text: old-course}]\n    questions: [Why?]\n---\nIntro.\n",
         "content/curricula/c.md:6:23: unknown reference 'old-course'"),
    Case("id used twice", "readings/more/new-course.md", text(),
         "readings/new-course.md:1:1: the id 'new-course' is already used by readings/more/new-course.md"),
    Case("person and text share an id", "content/people/new-course.md", "---\ntitle: P\nsummary: S.\n---\nBio.\n",
         "readings/new-course.md:1:1: the id 'new-course' is already used by content/people/new-course.md"),
    Case("two files, one URL", "content/about/index.md", "About.\n",
         "content/about/index.md:1:1: this page would have the same URL '/about/' as content/about.md"),
    Case("empty text", "readings/t.md", text(body=""),
         "readings/t.md:7:1: the text is empty"),
    Case("text of only a heading", "readings/t.md", text(body="## Nothing below"),
         "readings/t.md:7:1: the text is empty"),
    Case("part_of cycle", "readings/t.md", text(GOOD_TEXT + "\npart_of: t"),
         "readings/t.md:6:10: a circle of texts that are part of each other: t -> t"),
    Case("file name that is not an id", "readings/New Course.md", text(),
         "readings/New Course.md:1:1: the file name 'New Course' is not a valid id: ids are lowercase letters, digits and hyphens: rename it to 'new-course.md'"),
    Case("reply dated before what it answers", "readings/t.md", text(GOOD_TEXT.replace("1923", "1920") + "\nresponds_to: [new-course]"),
         "readings/t.md:6:15: this text (1920) is dated before 'new-course' (1923), which it responds to"),
    Case("a .markdown file is a text too", "readings/t.markdown", text(GOOD_TEXT.replace("title: A text", "titl: A text")),
         "readings/t.markdown:2:1: unknown field 'titl' in a text: did you mean 'title'?"),
    Case("link to a debate's external piece", "content/about.md", "See [[a-letter]].\n",
         "content/about.md:1:5: 'a-letter' is an external piece of the debate 'd', which has no page of its own: "
         "link the debate instead: [[debate:d]]"),
    Case("responds_to unknown", "readings/t.md", text(GOOD_TEXT + "\nresponds_to: [new-course#p9]"),
         "readings/t.md:6:15: 'new-course' has no paragraph 9"),
    # Characters that hide, named with their code point and place.
    Case("NUL in a body", "readings/t.md", text(body="A \x00 paragraph."),
         "readings/t.md:7:3: a control character, U+0000 NULL, at column 3"),
    Case("bell written as a YAML escape", "readings/t.md", text(GOOD_TEXT.replace("title: A text", 'title: "A\\x07 text"')),
         "readings/t.md:2:8: 'title' contains U+0007 BELL at character 2 of its value"),
    Case("right-to-left override in a title", "content/people/p.md", "---\ntitle: \"Leon \u202eykstort\"\nsummary: S.\n---\nBio.\n",
         "content/people/p.md:2:8: 'title' contains U+202E RIGHT-TO-LEFT OVERRIDE at character 6"),
    Case("right-to-left override in a body", "readings/t.md", text(body="A line.\n\nThe \u202eeman gniht.\n"),
         "readings/t.md:9:5: U+202E RIGHT-TO-LEFT OVERRIDE at column 5 makes what follows read in another order"),
    Case("zero-width joiner in a front-matter id", "readings/t.md", text(GOOD_TEXT + "\nauthors: [trot\u200dsky]"),
         "readings/t.md:6:11: 'authors[0]' contains U+200D ZERO WIDTH JOINER at character 5"),
    Case("zero-width joiner in a reference", "content/about.md", "See [[new-c\u200dourse]].\n",
         "content/about.md:1:5: the reference 'new-c\u200dourse' contains U+200D ZERO WIDTH JOINER at column 12"),
    Case("Cyrillic letter in a reference", "content/about.md", "See [[new-\u0441ourse]].\n",
         "content/about.md:1:5: the reference 'new-\u0441ourse' contains U+0441 CYRILLIC SMALL LETTER ES at column 11"),
    Case("invisible character in an annotation phrase", "readings/notes/context/new-course.md",
         '---\nauthor: A\ndate: 2026-01-01\n---\n## p1 "The\u200b first"\nNote.\n',
         "readings/notes/context/new-course.md:5:11: the phrase contains U+200B ZERO WIDTH SPACE at column 11"),
    Case("CR-only line endings", "readings/t.md", text().replace("\n", "\r").encode(),
         "readings/t.md:1:1: the file has CR-only line endings; they were read as newlines"),
    Case("mixed line endings", "readings/t.md", text().replace("\n", "\r", 2).encode(),
         "readings/t.md:1:1: the file has mixed line endings"),
    # Values that used to crash the build.
    Case("template that does not exist", "content/about.md", "---\ntitle: A\ntemplate: missing.html\n---\nText.\n",
         "content/about.md:3:11: the template 'missing.html' does not exist"),
    Case("the archive's text template on a page", "content/about.md", "---\ntitle: A\ntemplate: archive/text.html\n---\nText.\n",
         "content/about.md:3:11: the template 'archive/text.html' is one of the archive's own"),
    Case("a list nested 1,000 deep on one line", "content/about.md", "- " * 1000 + "deep\n",
         "content/about.md:1:1: lists or quotes nested 1000 deep"),
    Case("quotes and lists mixed on one line", "readings/t.md", text(body="> - " * 40 + "deep"),
         "readings/t.md:7:1: lists or quotes nested 80 deep"),
    Case("200,000 footnotes", "readings/t.md",
         text(body="".join(f"W[^{n}].\n\n" for n in range(200_000)) + "".join(f"[^{n}]: N.\n\n" for n in range(200_000))),
         "readings/t.md:7:1: 400,000 footnote markers and notes"),
    # Messages that must not mislead.
    Case("paragraph of a text without paragraphs", "content/about.md", "See [[e#p1]].\n",
         "content/about.md:1:5: 'e' has no paragraph 1: it has no numbered paragraphs"),
    Case("paragraph written with leading zeros", "content/about.md", "See [[new-course#p002]].\n",
         "content/about.md:1:5: '#p002' is written with leading zeros: paragraph anchors have none: write #p2"),
    Case("paragraph with leading zeros past the end", "content/about.md", "See [[new-course#p007]].\n",
         "content/about.md:1:5: 'new-course' has no paragraph 7 (written '#p007'): it has 3 paragraphs"),
    # Remote images: reported, never silently broken.
    Case("remote image in Markdown", "content/about.md", "![a chart](https://images.example/chart.png)\n",
         "content/about.md:1:1: an image from another host (https://images.example/chart.png) would not load"),
    Case("remote image in HTML", "content/about.md", "Text.\n\n<img src=\"//images.example/chart.png\" alt=\"c\">\n",
         "content/about.md:3:1: an image from another host (//images.example/chart.png) would not load"),
]

# Files some cases need beside the one under test.
COMPANIONS = {
    "paragraph of a text of one paragraph": {"readings/t.md": text()},
    "paragraph of a text without paragraphs": {"readings/e.md": text(body="## Only a heading\n\n```\ncode\n```")},
    "two files, one URL": {"content/about.md": "About.\n"},
    "link to a debate's external piece": {"content/debates/d.md": (
        "---\ntitle: D\nquestion: Q?\npieces:\n  - text: new-course\n    position: P.\n    claims: [C]\n"
        "  - id: a-letter\n    title: A letter\n    author: A reader\n    position: P.\n    claims: [C]\n---\nFraming.\n")},
}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_malformed_input_gets_a_located_warning(library, logs, case):
    for path, source in COMPANIONS.get(case.name, {}).items():
        library.write(path, source)
    if isinstance(case.source, bytes):
        library.write_bytes(case.path, case.source)
    else:
        library.write(case.path, case.source)
    library.build(strict=False)
    assert any(warning.startswith(case.expected) for warning in logs.warnings), "\n".join(logs.warnings)
    assert checked_problems(library.root) == logs.problems  # `archive check` finds what the build found.


def test_every_problem_of_a_build_is_reported_together(library, logs):
    library.files("""
        content/about.md
        | See [[nope-one]] and [[nope-two]].
        readings/t.md
        | ---
        | title: T
        | ---
        | Text.
        """)
    library.build(strict=False)
    hint = ": no document has this id: check its spelling, or add the document (`archive new text {}`, or person, term, curriculum, debate)"
    assert "content/about.md:1:5: unknown reference 'nope-one'" + hint.format("nope-one") in logs.warnings
    assert "content/about.md:1:22: unknown reference 'nope-two'" + hint.format("nope-two") in logs.warnings
    assert sum(warning.startswith("readings/t.md:1:1: missing required field") for warning in logs.warnings) == 2


def test_a_cycle_is_reported_once(library, logs):
    library.files("""
        readings/a.md
        | ---
        | title: A
        | year: 2001
        | summary: S.
        | rights: public-domain
        | responds_to: [b]
        | ---
        | Text.
        readings/b.md
        | ---
        | title: B
        | year: 2002
        | summary: S.
        | rights: public-domain
        | responds_to: [a]
        | ---
        | Text.
        """)
    library.build(strict=False)
    cycles = [warning for warning in logs.warnings if "circle" in warning]
    assert cycles == ["readings/a.md:6:15: a circle of texts that respond to each other: a -> b -> a: "
                      "remove 'responds_to' from one of them"]


def test_no_traceback_reaches_the_user(library):
    for case in CASES:
        if isinstance(case.source, bytes):
            library.write_bytes(case.path, case.source)
        else:
            library.write(case.path, case.source)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"],
                            cwd=library.root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "Aborted with" in output


def test_a_typo_fixed_in_a_paragraphs_opening_words_keeps_the_manifest(library, logs):
    library.write("readings/t.md", text(body="Teh party's line is clear.\n\nA second paragraph."))
    library.build(strict=False)
    from study_archive.model.archive import Archive
    from study_archive.model.manifest import write_manifest
    from study_archive.model.site import Site
    from study_archive.renderer.pipeline import reader_for
    site = Site.load(library.root)
    write_manifest(Archive.load(library.root, site.layout, reader_for(site)))
    library.write("readings/t.md", text(body="The party’s line is clear.\n\nA second paragraph."))
    logs._caplog.clear()
    library.build(strict=False)
    assert not [warning for warning in logs.warnings if "paragraph numbers" in warning], logs.warnings
    library.write("readings/t.md", text(body="A new first paragraph.\n\nThe party's line is clear.\n\nA second paragraph."))
    logs._caplog.clear()
    library.build(strict=False)
    assert any("the paragraph numbers of 't' changed" in warning for warning in logs.warnings), logs.warnings


def test_deep_indentation_inside_a_fenced_code_block_is_code(library, logs):
    library.write("readings/t.md", text(body="```\n" + " " * 80 + "indented code\n```\n\nAfter."))
    library.build(strict=False)
    assert not [warning for warning in logs.warnings if "nested" in warning], logs.warnings


def test_composed_and_decomposed_accents_match_one_phrase(library, logs):
    library.write("readings/t.md", text(body="The cafe\u0301 society met."))
    library.write("readings/notes/context/t.md", '---\nauthor: A\ndate: 2026-01-01\n---\n## p1 "caf\u00e9 society"\nNote.\n')
    library.build(strict=False)
    assert not [warning for warning in logs.warnings if warning.startswith("readings/notes/")], logs.warnings
    assert 'class="archive-mark"' in library.html("readings/t/index.html")


def test_remote_images_are_allowed_by_a_setting_that_widens_the_policy(library, logs):
    library.write("mkdocs.yml", library.root.joinpath("mkdocs.yml").read_text().replace("  - archive\n", "  - archive:\n      remote_images: true\n"))
    library.write("content/about.md", "![a chart](https://images.example/chart.png)\n")
    library.build(strict=True)
    page = library.html("about/index.html")
    assert "img-src 'self' data: https:" in page
    assert 'src="https://images.example/chart.png"' in page

