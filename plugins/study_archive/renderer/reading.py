"""Paragraphs and headings of a text, found by Python-Markdown's own block parser.

Paragraph numbers are what readers cite (`¶12`), so they must be the numbers the rendered
page shows. Both come from the same place: the block-level tree that Python-Markdown builds
before inline processing. Numbered are the top-level paragraphs, block quotes, lists and
tables; headings, rules, code blocks, raw HTML, admonitions and footnote definitions are not.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Iterator

import markdown
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.toc import slugify, unique

from ..model.outline import Heading, Outline, Paragraph
from ..model.reference import REFERENCE_PATTERN, Reference, parse_reference, scan_references
from ..model.site import Site
from .blocks import BlocksExtension

__all__ = ["Segmenter", "reader_for", "NUMBERED_TAGS", "is_numbered", "count_words", "readable"]

NUMBERED_TAGS = frozenset({"p", "blockquote", "ul", "ol", "table"})
"""Top-level elements that get a paragraph number."""

_PLACEHOLDER = re.compile(r"^\x02wzxhzdk:\d+\x03$")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_TAG = re.compile(r"<[^>]+>")
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_REFERENCE = re.compile(REFERENCE_PATTERN)
_MARKUP = re.compile(r"\[\[(?:[a-z]+:)?([^\]|#]+)(?:#[^\]|]*)?(?:\|([^\]]*))?\]\]|\x02wzxhzdk:\d+\x03|\[\^[^\]]+\]")


_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_STARS = re.compile(r"(?<![\\*])(\*{1,3})(?=[^\s*])(.+?)(?<=[^\s\\*])\1(?!\*)")
_UNDERSCORES = re.compile(r"(?<![\w\\])(_{1,3})(?=[^\s_])(.+?)(?<=[^\s\\_])\1(?![\w_])")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>])")


def readable(text: str) -> str:
    """A paragraph's Markdown as its page reads, for snippets: the words of emphasis, code, links and images without
    their marks, tags left out, entities resolved. (Pages are rendered by the whole pipeline; this reads only the
    inline marks, the way they read in running text.)"""
    if not any(mark in text for mark in "`*_[<\\&"):
        return text
    spans: list[str] = []

    def keep(match: re.Match[str]) -> str:  # Code reads as written: set aside before the marks come off.
        spans.append(match.group(2).strip())
        return f"\x02{len(spans) - 1}\x03"

    text = _CODE_SPAN.sub(keep, text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    for _ in range(3):  # ***a** b*: nested marks come off one level at a time.
        text = _UNDERSCORES.sub(r"\2", _STARS.sub(r"\2", text))
    text = html.unescape(_ESCAPED.sub(r"\1", text))
    return re.sub(r"\x02(\d+)\x03", lambda match: spans[int(match.group(1))], text)


def is_numbered(element: etree.Element) -> bool:
    """Whether a top-level element is a numbered paragraph; raw HTML blocks are not."""
    return element.tag in NUMBERED_TAGS and not (
        element.tag == "p" and len(element) == 0 and _PLACEHOLDER.match(element.text or "")
    )


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


class Segmenter:
    """Splits Markdown into its outline with the site's own block-level extensions: the model's `Reader`."""

    def __init__(self, md: markdown.Markdown | None = None) -> None:
        self._md = md or markdown.Markdown()
        """A converter of the site's extensions only (see `reader_for`), of which only the block parser runs."""

    def outline(self, source: str) -> Outline:
        return self.read(self._md, source)[1]

    def read(self, md: markdown.Markdown, source: str) -> tuple[etree.Element, Outline]:
        """Parse `source` with the preprocessors and block parser of `md` (reset first) into its block tree, and read
        the outline from it. `md` may be a page converter whose render then goes on from that tree (see
        `renderer.check`): it is left as its own `convert` would leave it before the tree processors run."""
        root = self._block_tree(md, source)
        paragraphs: list[Paragraph] = []
        texts: list[str] = []
        headings: list[Heading] = []
        seen: set[str] = set()
        for element in root:
            if is_numbered(element):
                raw = " ".join(part.strip() for part in element.itertext())
                text = _MARKUP.sub(lambda match: match.group(2) or match.group(1) or "", raw)
                references = tuple(match.group(1).strip() for match in _MARKUP.finditer(raw) if match.group(1))
                paragraphs.append(Paragraph(len(paragraphs) + 1, element.tag, count_words(text), _opening(text),
                                            references))
                texts.append(text)
            elif re.fullmatch(r"h[1-6]", element.tag):
                title = _plain_text(element)
                # As the table of contents names it: from the heading's text as shown, tags and entities resolved.
                anchor = unique(slugify(html.unescape(_TAG.sub("", title)), "-"), seen)
                headings.append(Heading(int(element.tag[1]), title, anchor, len(paragraphs)))
        references = _references((root, self._footnotes(md)), source)
        return root, Outline.pack(paragraphs, texts, headings, references)

    def _footnotes(self, md: markdown.Markdown) -> etree.Element:
        """The footnote definitions `md` keeps aside after a parse, parsed as the page will parse them, in a tree of
        their own. Another converter than this reader's own is left untouched: its definitions are parsed here."""
        footnotes = next((extension for extension in md.registeredExtensions
                          if isinstance(extension, FootnoteExtension)), None)
        tree = etree.Element("div")
        if footnotes is None or not footnotes.footnotes:
            return tree
        if md is self._md:
            texts = footnotes.footnotes.values()
        else:
            texts = list(footnotes.footnotes.values())
            self._md.reset()
        for text in texts:
            self._md.parser.parseChunk(etree.SubElement(tree, "div"), text)
        return tree

    @staticmethod
    def _block_tree(md: markdown.Markdown, source: str) -> etree.Element:
        md.reset()
        lines = source.split("\n")
        for preprocessor in md.preprocessors:
            lines = preprocessor.run(lines)
        return md.parser.parseDocument(lines).getroot()


def _plain_text(element: etree.Element) -> str:
    """The readable words of a block before inline rendering: references become their labels."""
    text = " ".join(part.strip() for part in element.itertext())
    return _MARKUP.sub(lambda match: match.group(2) or match.group(1) or "", text)


def _references(roots: Iterable[etree.Element], source: str) -> list[Reference]:
    """Every `[[...]]` the page will render as a reference, in order, placed at its line and column in `source`.

    They are read from the block tree the renderer itself builds: code blocks, fenced code (stashed away by the
    site's extensions) and raw HTML hold none, and code spans are blanked as the renderer's backticks would take
    them. Each is then placed at its occurrence in the source.
    """
    written = [parse_reference(match.group(1)) for root in roots for text in _prose(root) if "[[" in text
               for match in _REFERENCE.finditer(_CODE_SPAN.sub(" ", text))]
    # Places: first where a line-by-line reading outside fences and code spans finds them, else anywhere.
    if not written:
        return []
    outside_code = list(scan_references(source))
    anywhere: list[Reference] | None = None
    placed = []
    for reference in written:
        index = next((i for i, candidate in enumerate(outside_code) if _same(candidate, reference)), None)
        if index is not None:
            placed.append(outside_code[index])
            del outside_code[: index + 1]
            continue
        if anywhere is None:  # Rare: a reference the line reading took for code; place it wherever it is.
            anywhere = [parse_reference(match.group(1), *_place(source, match.start()))
                        for match in _REFERENCE.finditer(source)]
        index = next((i for i, candidate in enumerate(anywhere) if _same(candidate, reference)), None)
        if index is not None:
            placed.append(anywhere.pop(index))
    return placed


def _same(one: Reference, other: Reference) -> bool:
    return (one.id, one.kind, one.fragment, one.label) == (other.id, other.kind, other.fragment, other.label)


def _place(source: str, offset: int) -> tuple[int, int]:
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1


def _prose(element: etree.Element) -> Iterator[str]:
    """The text of an element and its descendants outside code, in document order."""
    if element.tag in ("pre", "code"):
        return
    if element.text:
        yield element.text
    for child in element:
        yield from _prose(child)
        if child.tail:
            yield child.tail


def _opening(text: str, words: int = 8) -> str:
    return " ".join(text.split()[:words])


def reader_for(site: Site) -> Segmenter:
    """The block reader of the site's Markdown, which the catalog numbers paragraphs and finds headings with."""
    return Segmenter(markdown.Markdown(extensions=[*site.extensions, BlocksExtension()],
                                       extension_configs=dict(site.configs)))
