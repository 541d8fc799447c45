"""An Amusewiki `.muse` file (the format of the Anarchist Library), read into an `Edition`.

There is no maintained Muse library for Python, so this is a small converter of the markup Amusewiki documents:

- headers at the top, `#title`, `#author`, `#subtitle`, `#date`, `#pubdate`, `#source`, `#lang`, `#notes`; the
  others (`#SORTauthors`, `#topics`, `#cover`, …) are listed in the report;
- headings `*` to `*****`, the shallowest level used becoming `##`;
- paragraphs; a paragraph indented by fewer than six spaces, or inside `<quote>`, is a block quote; `<center>`,
  `<right>` and paragraphs indented further are plain paragraphs (the alignment is reported as lost);
- `*emphasis*`, `**strong**`, `***both***`, `=code=`, `<em>`, `<strong>`, `<code>`, `<sup>`, `<sub>`, `<del>`, `<br>`;
- footnotes: `[1]` in the text and a `[1] note` paragraph at the start of a line; secondary notes `{1}` likewise;
- `<verse>`, and lines that start with `> `: each line kept, with a Markdown line break; indentation inside a
  verse is reported as lost;
- lists: ` - item` and ` 1. item` (nesting by indentation); ` term :: definition` becomes a bold term;
- `<example>` and `{{{ … }}}` as code blocks; `----` as a rule; `[[url][text]]` and `[[url]]` as links;
- tables (`a || b` heading rows, `a | b` rows, `|+ caption +|`) as Markdown tables.

Not carried over, each said in the report: images (`[[image.png]]`), `<literal>` (raw output), comments (`; …`),
anchors (`#anchor` lines), and any tag it does not know, whose text is kept as written.
"""

from __future__ import annotations

import re

from .edition import Edition, ImportRefusal, escape_markdown, exact_date, first_year, language_code

__all__ = ["ORIGIN", "is_muse", "read_muse"]

ORIGIN = "The Anarchist Library"

_HEADER = re.compile(r"^#([A-Za-z]+)(?:[ \t]+(.*))?$")
_HEADING = re.compile(r"^(\*{1,5}) (.+)$")
_NOTE = re.compile(r"^(\[(\d+)\]|\{(\d+)\})[ \t]+(.*)$")
_LIST = re.compile(r"^([ \t]+)(-|\d+\.|[a-zA-Z]\.|[ivxIVX]+\.)[ \t]+(.*)$")
_DEFINITION = re.compile(r"^[ \t]+(.+?) ::[ \t]+(.*)$")
_BLOCKS = ("quote", "center", "right", "verse", "example", "literal", "biblio", "play", "comment")


def is_muse(text: str) -> bool:
    """Whether `text` starts with Muse headers: `#title` (or another `#key value`) lines."""
    lines = [line for line in text.lstrip("\ufeff").split("\n", 20) if line.strip()]
    return bool(lines) and all(_HEADER.match(line) for line in lines[:2]) and any(
        line.lower().startswith(("#title", "#author")) for line in lines[:20])


def read_muse(text: str) -> Edition:
    """The edition a `.muse` file holds; refused when it has no `#title`."""
    edition = Edition(ORIGIN)
    headers, body = _split_headers(text.lstrip("\ufeff").replace("\r\n", "\n"))
    if not headers.get("title"):
        raise ImportRefusal("no #title header: add a line '#title The title' at the top of the file")
    _read_headers(headers, edition)
    if not edition.title:
        raise ImportRefusal("the #title header holds no words: write the title after '#title '")
    blocks = _Blocks(edition)
    edition.body = blocks.convert(body)
    edition.footnotes = blocks.footnotes
    return edition


def _split_headers(text: str) -> tuple[dict[str, str], list[str]]:
    lines = text.split("\n")
    headers: dict[str, str] = {}
    index = 0
    while index < len(lines) and (match := _HEADER.match(lines[index])):
        headers[match.group(1).lower()] = (match.group(2) or "").strip()
        index += 1
    return headers, lines[index:]


def _read_headers(headers: dict[str, str], edition: Edition) -> None:
    edition.title = _plain(headers.pop("title"))
    subtitle = headers.pop("subtitle", "")
    if subtitle:
        edition.title = f"{edition.title}: {_plain(subtitle)}"
    author = headers.pop("author", "")
    edition.authors = [_plain(name) for name in re.split(r"\s*(?:;|,| and | & )\s*", author) if name.strip()]
    headers.pop("sortauthors", None)
    date = headers.pop("date", "")
    pubdate = headers.pop("pubdate", "")
    if date:
        edition.year = first_year(date)
        edition.published = exact_date(date)
        if _plain(date) != str(edition.year):  # A bare year is the year field.
            edition.provenance.append(("Date", _plain(date)))
    if headers.get("lang"):
        edition.language = language_code(headers.pop("lang")) or "en"
    source = headers.pop("source", "")
    if source:
        edition.provenance.append(("Source", _plain(source)))
        url = re.search(r"https?://[^\s\]\[<>\"]+", source)
        if url:
            edition.provenance.append(("Source address", url.group(0).rstrip(".,;)")))
    if pubdate:
        edition.provenance.append(("Published in the Anarchist Library", _plain(pubdate)))
    notes = headers.pop("notes", "")
    if notes:
        edition.provenance.append(("Notes", _plain(notes)))
        match = re.search(r"(?i:translated) (?:from (?:the )?)?([A-Z][a-z]+)(?:\s+by\s+([^.;,]+))?", notes)
        if match:
            edition.original_language = language_code(match.group(1))
            edition.translator = match.group(2).strip() if match.group(2) else None
    for key in sorted(headers):
        if headers[key]:
            edition.lost.append(f"the header #{key} ({headers[key][:40]}): the archive has no field for it")


def _plain(muse: str) -> str:
    """A header's text without Muse markup: for front matter, which is plain text."""
    text = re.sub(r"\[\[([^\]]+)\](?:\[([^\]]+)\])?\]", lambda match: match.group(2) or match.group(1), muse)
    text = re.sub(r"</?[a-z]+>", "", text)
    return " ".join(re.sub(r"(?<![\w*])\*{1,3}(?=\S)(.+?)(?<=\S)\*{1,3}(?![\w*])", r"\1", text).split())


class _Blocks:
    """The body's blocks, converted one at a time, footnotes collected aside."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.footnotes: list[tuple[str, str]] = []
        self.lost: dict[str, int] = {}

    def convert(self, lines: list[str]) -> str:
        levels = sorted({len(match.group(1)) for line in lines if (match := _HEADING.match(line))})
        self.shift = {level: index + 2 for index, level in enumerate(levels)}
        out: list[str] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            if not line.strip():
                index += 1
                continue
            tag = re.match(r"^[ \t]*<(%s)>[ \t]*$" % "|".join(_BLOCKS), line)
            if tag:
                end = self._closing(lines, index + 1, tag.group(1))
                out.append(self._block(tag.group(1), lines[index + 1:end]))
                index = end + 1
                continue
            if line.strip() == "{{{":
                end = next((i for i in range(index + 1, len(lines)) if lines[i].strip() == "}}}"), len(lines))
                out.append(self._block("example", lines[index + 1:end]))
                index = end + 1
                continue
            end = index
            while end < len(lines) and lines[end].strip() and not (end > index and _starts_block(lines[end])):
                end += 1
            out.append(self._paragraph(lines[index:end]))
            index = end
        for what, count in self.lost.items():
            self.edition.lost.append(f"{what}{f' ({count} times)' if count > 1 else ''}: left out")
        return "\n\n".join(block for block in out if block.strip())

    def _closing(self, lines: list[str], start: int, tag: str) -> int:
        return next((i for i in range(start, len(lines)) if lines[i].strip() == f"</{tag}>"), len(lines))

    def _lose(self, what: str) -> None:
        self.lost[what] = self.lost.get(what, 0) + 1

    def _block(self, tag: str, lines: list[str]) -> str:
        if tag == "example":
            return "```\n" + "\n".join(lines) + "\n```"
        if tag in ("literal", "comment"):
            self._lose(f"a <{tag}> block")
            return ""
        if tag == "verse":
            stanzas = "\n".join(lines).strip("\n").split("\n\n")
            if any(line.startswith((" ", "\t")) for line in lines if line.strip()):
                self._lose("the indentation of verse lines")
            return "\n\n".join("  \n".join(self.inline(line.strip()) for line in stanza.split("\n") if line.strip())
                               for stanza in stanzas if stanza.strip())
        inner = self.convert(lines)
        if tag == "quote":
            return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
        if tag in ("center", "right"):
            self._lose(f"the alignment of <{tag}> blocks")
        return inner

    def _paragraph(self, lines: list[str]) -> str:
        first = lines[0]
        if first.startswith(";"):
            self._lose("comment lines")
            return ""
        if re.match(r"^#[A-Za-z]\w*$", first.strip()) and len(lines) == 1:
            self._lose("anchors (#name lines)")
            return ""
        heading = _HEADING.match(first)
        if heading:
            return "#" * self.shift[len(heading.group(1))] + " " + self.inline(heading.group(2).strip())
        if re.fullmatch(r"-{4,}", first.strip()):
            return "* * *"
        note = _NOTE.match(first)
        if note:
            label = note.group(2) or f"s{note.group(3)}"
            text = " ".join([note.group(4), *(line.strip() for line in lines[1:])])
            self.footnotes.append((label, self.inline(text)))
            return ""
        if all(line == ">" or line.startswith("> ") for line in lines):  # Verse, one `> ` line at a time.
            return self._block("verse", [line[2:] for line in lines])
        if "|" in first and all("|" in line for line in lines) and re.search(r"\s\|\|?\s", first):
            return self._table(lines)
        if _LIST.match(first) or _DEFINITION.match(first):
            return self._list(lines)
        indent = len(first) - len(first.lstrip(" \t"))
        text = self.inline(" ".join(line.strip() for line in lines))
        if indent >= 6:
            self._lose("the centring or right alignment of indented paragraphs")
            return text
        return f"> {text}" if indent else text

    def _list(self, lines: list[str]) -> str:
        items: list[tuple[int, str, str]] = []
        for line in lines:
            item, definition = _LIST.match(line), _DEFINITION.match(line)
            if definition and not item:
                self._lose("definition lists (each term is kept in bold)")
                items.append((1, "-", f"**{self.inline(definition.group(1))}**: {self.inline(definition.group(2))}"))
            elif item:
                marker = "1." if item.group(2)[0].isdigit() or item.group(2)[0] in "ivxIVXa" else "-"
                items.append((len(item.group(1).expandtabs(4)), marker, self.inline(item.group(3))))
            elif items:
                depth, marker, text = items[-1]
                items[-1] = (depth, marker, f"{text} {self.inline(line.strip())}")
        depths = sorted({depth for depth, _, _ in items})
        return "\n".join("    " * depths.index(depth) + f"{marker} {text}" for depth, marker, text in items)

    def _table(self, lines: list[str]) -> str:
        rows, caption = [], ""
        for line in lines:
            if line.strip().startswith("|+"):
                caption = self.inline(line.strip().strip("|+").strip())
                continue
            heading = "||" in line
            cells = [self.inline(cell.strip()).replace("|", "\\|") for cell in re.split(r"\s\|+\s", f" {line} ")]
            rows.append((heading, [cell for cell in cells if cell] or [""]))
        width = max(len(cells) for _, cells in rows)
        if not rows[0][0]:
            rows.insert(0, (True, [""] * width))
            self._lose("a table's missing heading row (an empty one is added)")
        table = [f"| {' | '.join(cells + [''] * (width - len(cells)))} |" for _, cells in rows]
        table.insert(1, "|" + "---|" * width)
        return (f"{caption}\n\n" if caption else "") + "\n".join(table)

    def inline(self, text: str) -> str:
        """One line or paragraph of Muse text as Markdown: its markup set aside, the rest escaped, then put back."""
        if _IMAGE.search(text):
            self._lose("images")
            text = _IMAGE.sub("", text)
        kept: list[str] = []

        def keep(markdown: str) -> str:
            kept.append(markdown)
            return f"\x00{len(kept) - 1}\x00"

        def link(match: re.Match) -> str:
            url, label = match.group(1), match.group(2)
            if url.startswith(("http://", "https://")):
                return keep(f"[{escape_markdown(label or url)}]({url})")
            self._lose("links to places that are not web addresses (their text is kept)")
            return keep(escape_markdown(label or url))

        text = re.sub(r"\[\[([^\]]+)\](?:\[([^\]]+)\])?\]", link, text)
        text = re.sub(r"(?<![\w=])=(?=\S)([^=]+?)(?<=\S)=(?![\w=])",
                      lambda match: keep(f"`` {match.group(1)} ``" if "`" in match.group(1) else f"`{match.group(1)}`"),
                      text)
        text = re.sub(r"\[(\d+)\]", lambda match: keep(f"[^{match.group(1)}]"), text)
        text = re.sub(r"\{(\d+)\}", lambda match: keep(f"[^s{match.group(1)}]"), text)
        text = re.sub(r"<(/?)(%s)>" % "|".join(_RAW_TAGS), lambda match: keep(f"<{match.group(1)}{match.group(2)}>"),
                      text)
        for tag, mark in _TAGS.items():
            text = re.sub(rf"</?{tag}>", lambda match, mark=mark: keep(mark), text)
        for stars in (3, 2, 1):
            marks = r"\*" * stars
            text = re.sub(rf"(?<![\w*]){marks}(?=[^\s*])(.+?)(?<=[^\s*]){marks}(?![\w*])",
                          lambda match, stars=stars: keep("*" * stars) + match.group(1) + keep("*" * stars), text)
        if re.search(r"</?[a-zA-Z]+>", text):
            self._lose("tags the converter does not know (their text is kept as written)")
        text = escape_markdown(text)
        return re.sub(r"\x00(\d+)\x00", lambda match: kept[int(match.group(1))], text)


_IMAGE = re.compile(r"\[\[[^\]]+\.(?:png|jpe?g|gif|svg|webp)\](?:\[[^\]]*\])?\]", re.IGNORECASE)
_TAGS = {"em": "*", "i": "*", "strong": "**", "b": "**", "code": "`"}
"""Muse's emphasis tags, as Markdown marks."""
_RAW_TAGS = ("sup", "sub", "del", "br")
"""Muse's tags that Markdown has no mark for, kept as the HTML tags the sanitizer allows."""


def _starts_block(line: str) -> bool:
    """Whether a line inside a paragraph starts something else: a heading, a note, a tag or a rule."""
    return bool(_HEADING.match(line) or _NOTE.match(line) or re.match(r"^[ \t]*</?(%s)>" % "|".join(_BLOCKS), line)
                or re.fullmatch(r"-{4,}", line.strip()))
