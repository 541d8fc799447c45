"""An edition read from another archive's file: what both importers make, and the Markdown source written from it.

An importer fills an `Edition` with what its source says (title, author's name, dates, translator, rights, the
provenance lines of its information block), the body as Markdown and the footnotes, and lists in `lost` whatever it
could not carry over. `source_text` then writes the archive's text: front matter with the fields a text has, the
body, an "About this edition" section for the provenance no field holds, and the footnotes.
"""

from __future__ import annotations

import datetime
import html
import json
import re
from dataclasses import dataclass, field

__all__ = ["Edition", "ImportRefusal", "escape_markdown", "first_year", "exact_date", "language_code"]


class ImportRefusal(Exception):
    """Why nothing was written, and what to do instead."""


@dataclass
class Edition:
    """One text as another archive publishes it."""

    origin: str
    """The archive it comes from, as the `source` field names it: `Marxists Internet Archive`."""
    title: str = ""
    authors: list[str] = field(default_factory=list)
    """Authors' names as the source writes them; the importer matches them with the archive's people."""
    year: int | None = None
    published: datetime.date | None = None
    language: str = "en"
    original_language: str | None = None
    translator: str | None = None
    source_url: str | None = None
    rights: str | None = None
    rights_note: str | None = None
    provenance: list[tuple[str, str]] = field(default_factory=list)
    """What the source says of this edition that no field holds: `("Written", "Autumn 1901")`."""
    body: str = ""
    footnotes: list[tuple[str, str]] = field(default_factory=list)
    """Each footnote's label and its text in Markdown, in order."""
    lost: list[str] = field(default_factory=list)
    """What could not be carried over, one line each, for the report."""


def source_text(edition: Edition, authors: list[str], unresolved: dict[str, str], summary: str) -> str:
    """The Markdown source of the text: front matter, body, "About this edition", footnotes."""
    lines = ["---", f"title: {_quoted(edition.title)}"]
    if authors:
        lines.append(f"authors: [{', '.join(authors)}]")
    for name, id in unresolved.items():
        lines.append(f"# authors: [{id}]  # {name}: add content/people/{id}.md first (see the import's report)")
    if edition.year is not None:
        lines.append(f"year: {edition.year}")
    if edition.published is not None:
        lines.append(f"published: {edition.published.isoformat()}")
    lines.append(f"summary: {_quoted(summary)}")
    lines.append(f"language: {edition.language}")
    if edition.original_language and edition.original_language != edition.language:
        lines.append(f"original_language: {edition.original_language}")
    if edition.translator:
        lines.append(f"translator: {_quoted(edition.translator)}")
    source = f"{{title: {_quoted(edition.origin)}" + (f", url: {_quoted(edition.source_url)}}}" if edition.source_url
                                                      else "}")
    lines.append(f"source: {source}")
    lines.append(f"rights: {edition.rights}")
    if edition.rights_note:
        lines.append(f"rights_note: {_quoted(edition.rights_note)}")
    lines += ["---", "", edition.body.strip(), ""]
    if edition.provenance:
        # Raw HTML, which is never numbered nor counted: the paragraph numbers and word counts stay the text's own.
        lines += ['<section class="archive-edition">', "<h2>About this edition</h2>", "<dl>"]
        for label, value in edition.provenance:
            lines.append(f"<dt>{html.escape(label, quote=False)}</dt><dd>{html.escape(value, quote=False)}</dd>")
        lines += ["</dl>", "</section>", ""]
    for label, text in edition.footnotes:
        first, *rest = text.strip().split("\n")
        lines.append(f"[^{label}]: {first}")
        lines += [f"    {line}" if line.strip() else "" for line in rest]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _quoted(value: str) -> str:
    """A YAML double-quoted string on one line, safe for colons, leading symbols and words like `no`."""
    return json.dumps(" ".join(value.split()), ensure_ascii=False)


_LINE_START = re.compile(r"(^|\n)([ \t]*)([#>+\-]|\d+(?=[.)]))")
_RULE = re.compile(r"^([ \t]*)(=+)([ \t]*)$", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """Plain text written so that Python-Markdown shows it as written: no emphasis, link, reference (`[[…]]`),
    attribute list, raw HTML, heading, quote, list marker or table comes from a character of the source's words. A
    pipe is written as its character reference: two lines of pipes alone (`|` over `|`) are a table to the tables
    extension, and `\\|` reads as a pipe only where that extension is on."""
    text = re.sub(r"([\\`*_\[\]{}])", r"\\\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace("|", "&#124;")
    text = _RULE.sub(lambda match: match.group(1) + "&#61;" * len(match.group(2)) + match.group(3), text)
    return _LINE_START.sub(lambda match: match.group(1) + match.group(2) + _escaped_marker(match.group(3)), text)


def _escaped_marker(marker: str) -> str:
    """`#` as `\\#`; a number that could start an ordered list (`1.`) keeps its digits, and its dot is escaped."""
    return marker + "\\" if marker[0].isdigit() else "\\" + marker


_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
_MONTHS = {name: number for number, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"], start=1)}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? ([A-Z][a-z]+),? (\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Z][a-z]+) (\d{1,2})(?:st|nd|rd|th)?, (\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def first_year(text: str) -> int | None:
    """The first four-digit year in `text`: `1902` in "March 1902, in pamphlet form"."""
    match = _YEAR.search(text)
    return int(match.group(1)) if match else None


def exact_date(text: str) -> datetime.date | None:
    """A full date written in `text` ("8 December 1923", "December 8, 1923", "1923-12-08"), if there is one."""
    for pattern, order in ((_ISO, "ymd"), (_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy")):
        match = pattern.search(text)
        if not match:
            continue
        parts = dict(zip(order, match.groups()))
        month = int(parts["m"]) if parts["m"].isdigit() else _MONTHS.get(parts["m"].lower())
        try:
            return datetime.date(int(parts["y"]), month or 0, int(parts["d"]))
        except ValueError:
            continue
    return None


_LANGUAGES = {"russian": "ru", "german": "de", "french": "fr", "italian": "it", "spanish": "es", "polish": "pl",
              "yiddish": "yi", "chinese": "zh", "portuguese": "pt", "dutch": "nl", "greek": "el", "english": "en",
              "ukrainian": "uk", "czech": "cs", "hungarian": "hu", "japanese": "ja", "vietnamese": "vi"}


def language_code(text: str) -> str | None:
    """The code of a language named in `text` ("translated from the Russian" gives `ru`), or of a code itself."""
    words = re.findall(r"[A-Za-z]+", text)
    for word in words:
        if word.lower() in _LANGUAGES:
            return _LANGUAGES[word.lower()]
    code = text.strip().lower().split("-")[0].split("_")[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None
