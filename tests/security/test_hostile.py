"""The hostile corpus: every input a hostile pull request could send, neutralized and reported.

One archive holds all of them, each in a file of its own, and is built once. For every case
the build must report a problem naming that file, and no page of the site may contain the
canary anywhere it could run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from conftest import Archive as TinyArchive
from conftest import archive_problems, checked_problems

from .canary import executable_canaries

X = "alert('CANARY')"


@dataclass(frozen=True)
class Hostile:
    name: str
    path: str
    source: str
    reported: str
    """A fragment of the problem the build must report for this file."""


def page(body: str) -> str:
    return f"---\ntitle: A page\n---\n\n{body}\n"


def text(field: str) -> str:
    return f"---\ntitle: A text\nyear: 2001\nsummary: S.\nrights: public-domain\n{field}\n---\n\nThe text.\n"


REMOVED = "removed"
FRONT = "HTML in a front-matter field"

BODY_PAYLOADS = [
    ("script tag", f"<script>{X}</script>", "<script>"),
    ("script with src", "<script src=\"https://evil.example/CANARY.js\"></script>", "<script>"),
    ("script in a paragraph", f"Text <script>{X}</script> more.", "<script>"),
    ("img onerror", f"<img src=x onerror=\"{X}\">", "onerror"),
    ("inline img onerror", f"Look <img src=x onerror=\"{X}\"> here.", "onerror"),
    ("svg onload", f"<svg onload=\"{X}\"></svg>", "<svg>"),
    ("iframe", "<iframe src=\"https://evil.example/CANARY\"></iframe>", "<iframe>"),
    ("iframe srcdoc", f"<iframe srcdoc=\"<script>{X}</script>\"></iframe>", "<iframe>"),
    ("object", "<object data=\"https://evil.example/CANARY.swf\"></object>", "<object>"),
    ("embed", "<embed src=\"https://evil.example/CANARY.swf\">", "<embed>"),
    ("style block", "<style>body{background:url(CANARY)}</style>", "<style>"),
    ("style attribute", "<p style=\"background:url(CANARY)\">styled</p>", "style"),
    ("base href", "<base href=\"https://evil.example/CANARY/\">", "<base>"),
    ("meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/CANARY\">", "<meta>"),
    ("link import", "<link rel=\"import\" href=\"https://evil.example/CANARY\">", "<link>"),
    ("form javascript action", f"<form action=\"javascript:{X}\"><button>go</button></form>", "<form>"),
    ("input autofocus onfocus", f"<input autofocus onfocus=\"{X}\">", "onfocus"),
    ("details ontoggle", f"<details open ontoggle=\"{X}\"><summary>s</summary></details>", "ontoggle"),
    ("video onerror", f"<video src=x onerror=\"{X}\"></video>", "<video>"),
    ("audio onerror", f"<audio src=x onerror=\"{X}\"></audio>", "<audio>"),
    ("body onload", f"<body onload=\"{X}\">", "<body>"),
    ("marquee onstart", f"<marquee onstart=\"{X}\">m</marquee>", "<marquee>"),
    ("math href", f"<math href=\"javascript:{X}\"><mi>x</mi></math>", "<math>"),
    ("template", f"<template><script>{X}</script></template>", "<template>"),
    ("noscript", f"<noscript><p title=\"</noscript><img src=x onerror={X}>\"></noscript>", "<noscript>"),
    ("anchor onclick", f"<a href=\"#\" onclick=\"{X}\">click</a>", "onclick"),
    ("anchor javascript href", f"<a href=\"javascript:{X}\">click</a>", "unsafe address"),
    ("anchor javascript with tab", f"<a href=\"java&#x09;script:{X}\">click</a>", "unsafe address"),
    ("anchor entity-encoded scheme", f"<a href=\"&#106;avascript:{X}\">click</a>", "unsafe address"),
    ("anchor data href", "<a href=\"data:text/html,<script>CANARY</script>\">click</a>", "unsafe address"),
    ("anchor vbscript", "<a href=\"vbscript:msgbox('CANARY')\">click</a>", "unsafe address"),
    ("div onmouseover", f"<div onmouseover=\"{X}\">hover</div>", "onmouseover"),
    ("span onpointerenter", f"<span onpointerenter=\"{X}\">s</span>", "onpointerenter"),
    ("uppercase ONCLICK", f"<b ONCLICK=\"{X}\">b</b>", "onclick"),
    ("markdown javascript link", f"[click](javascript:{X})", "unsafe address"),
    ("markdown JAVASCRIPT link", f"[click](JAVASCRIPT:{X})", "unsafe address"),
    ("markdown data link", "[click](data:text/html;base64,Q0FOQVJZ)", "unsafe address"),
    ("markdown reference link", f"[click][bad]\n\n[bad]: javascript:{X}", "unsafe address"),
    ("markdown javascript image", f"![pic](javascript:{X})", "unsafe address"),
    ("markdown data image", "![pic](data:image/svg+xml;base64,Q0FOQVJZ)", "unsafe address"),
    ("attribute list onclick", f"A paragraph.\n{{: onclick=\"{X}\" }}", "onclick"),
    ("attribute list style", "A paragraph.\n{: style=\"background:url(CANARY)\" }", "style"),
    ("attribute list javascript href", f"[link](https://example.org){{: href=\"javascript:{X}\" }}", "unsafe address"),
    ("markdown in html onclick", f"<div markdown=\"1\" onclick=\"{X}\">*inside*</div>", "onclick"),
    ("heading with script", f"## Heading <script>{X}</script>", "<script>"),
    ("heading with img onerror", f"## Heading <img src=x onerror=\"{X}\">", "onerror"),
    ("table cell onclick", f"| a |\n|---|\n| <td onclick=\"{X}\">x</td> |", "onclick"),
    ("footnote with script", f"Text[^1].\n\n[^1]: Note <script>{X}</script>", "<script>"),
    ("html comment hiding script", f"<!-- --><script>{X}</script><!-- -->", "<script>"),
]

FRONT_PAYLOADS = [
    ("text title with script", "readings/h-title-script.md", text("").replace("title: A text", f"title: \"<script>{X}</script>\""), FRONT),
    ("text title with img onerror", "readings/h-title-img.md", text("").replace("title: A text", f"title: \"<img src=x onerror={X}>\""), FRONT),
    ("text summary with html", "readings/h-summary.md", text("").replace("summary: S.", f"summary: \"<svg onload={X}>\""), FRONT),
    ("text rights note with html", "readings/h-rights.md", text(f"rights_note: \"<a href=javascript:{X}>x</a>\""), FRONT),
    ("text source url javascript", "readings/h-source.md", text(f"source: {{title: S, url: \"javascript:{X}\"}}"), "'source.url'"),
    ("text full text url data", "readings/h-fulltext.md", text("full_text_url: \"data:text/html,CANARY\""), "'full_text_url'"),
    ("person title with script", "content/people/h-person.md", f"---\ntitle: \"<script>{X}</script>\"\nsummary: S.\n---\nBio.\n", FRONT),
    ("term short breaking out of a tooltip", "content/glossary/h-term.md", f"---\ntitle: T\nshort: \"\\\"><script>{X}</script>\"\n---\nLong.\n", FRONT),
    ("page title with img", "content/h-page-title.md", f"---\ntitle: \"<img src=x onerror={X}>\"\n---\nBody.\n", FRONT),
    ("curriculum question with script", "content/curricula/h-curriculum.md",
     f"---\ntitle: C\nsummary: S.\nsessions:\n  - title: One\n    readings: [{{text: h-title-script}}]\n    questions: [\"<script>{X}</script>\"]\n---\nIntro.\n", FRONT),
    ("debate claim with html", "content/debates/h-debate.md",
     f"---\ntitle: D\nquestion: Q?\npieces:\n  - text: h-title-script\n    position: \"<img src=x onerror={X}>\"\n    claims: [C]\n"
     f"  - text: h-title-img\n    position: P.\n    claims: [\"<script>{X}</script>\"]\n---\nFraming.\n", FRONT),
    ("notes author with html", "readings/notes/context/h-title-img.md",
     f"---\nauthor: \"<script>{X}</script>\"\ndate: 2026-01-01\n---\n## p1 \"The text\"\nNote.\n", FRONT),
    ("notes body with script", "readings/notes/discussion/h-title-img.md",
     f"---\nauthor: A\ndate: 2026-01-01\n---\n## p1 \"The text\"\n<script>{X}</script>\n", "<script>"),
    ("cross-reference label with html", "content/h-label.md", page(f"[[h-title-img|<img src=x onerror={X}>]]"), "HTML in a reference"),
    ("path traversal in notes text", "readings/notes/context/h-traversal.md",
     "---\nauthor: A\ndate: 2026-01-01\ntext: ../../etc/passwd\n---\n## p1 \"x\"\nNote.\n", "'text'"),
    ("path traversal in a reference", "content/h-traversal-ref.md", page("[[../../etc/passwd]]"), "unknown reference"),
    ("yaml alias bomb", "readings/h-bomb.md",
     "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\nText.\n",
     "anchors and aliases"),
    ("yaml nested too deep", "readings/h-deep-yaml.md", "---\nsource: " + "{a: " * 30 + "x" + "}" * 30 + "\n---\nText.\n", "nested deeper"),
    ("ten thousand brackets", "content/h-brackets.md", page("[" * 10_000), "square brackets"),
    ("list nested 300 deep", "content/h-nested.md", page("\n".join("    " * level + "- item" for level in range(300))), "nested"),
    ("quotes nested 300 deep", "content/h-quotes.md", page(">" * 300 + " deep"), "nested"),
]

CASES = [Hostile(name, f"content/h/{index:02d}.md", page(body), expected)
         for index, (name, body, expected) in enumerate(BODY_PAYLOADS)]
CASES += [Hostile(name, path, source, expected) for name, path, source, expected in FRONT_PAYLOADS]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[TinyArchive, list[str], set[str]]:
    """The hostile archive, built once without --strict so that every problem is reported."""
    import logging

    archive = TinyArchive(tmp_path_factory.mktemp("hostile"))
    for case in CASES:
        archive.write(case.path, case.source)
    archive.write_bytes("content/h-huge.md", b"---\ntitle: Huge\n---\n" + b"word " * (2_200_000))
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.md").write_text("---\ntitle: Secret CANARY\n---\nThe server's secrets.\n")
    (outside / "secret.png").write_bytes(b"\x89PNG CANARY")
    os.symlink(outside / "secret.md", archive.root / "readings" / "h-link.md")
    os.symlink(outside / "secret.png", archive.root / "readings" / "h-link.png")
    os.symlink(outside / "secret.png", archive.root / "content" / "h-link.png")
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        archive.build(strict=False)
    finally:
        logger.removeHandler(handler)
    return archive, [record.getMessage().removeprefix("archive: ") for record in records], archive_problems(records)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_hostile_input_is_reported_with_its_file(hostile, case):
    _, warnings, _ = hostile
    mine = [warning for warning in warnings if warning.startswith(case.path + ":")]
    assert any(case.reported in warning for warning in mine), "\n".join(mine) or "nothing reported"


@pytest.mark.parametrize(("name", "path"), [
    ("file over the size limit", "content/h-huge.md"),
    ("markdown symlink out of the repository", "readings/h-link.md"),
    ("image symlink out of the readings", "readings/h-link.png"),
    ("image symlink out of the docs", "content/h-link.png"),
])
def test_files_that_would_leak_or_exhaust_are_refused(hostile, name, path):
    archive, warnings, _ = hostile
    assert any(warning.startswith(path + ":") for warning in warnings), name
    assert not (archive.site / path.removeprefix("content/")).exists()
    assert not any("secrets" in page.read_text(errors="replace") for page in archive.site.rglob("*.html"))


def test_no_page_of_the_hostile_site_contains_a_runnable_canary(hostile):
    archive, _, _ = hostile
    assert executable_canaries(archive.site) == {}
    assert len(list(archive.site.rglob("*.html"))) > len(CASES)


def test_archive_check_reports_what_the_build_reported(hostile):
    archive, _, problems = hostile
    assert len(problems) >= len(CASES)
    assert checked_problems(archive.root) == problems


def test_the_corpus_is_large_enough():
    assert len(CASES) + 4 >= 60
