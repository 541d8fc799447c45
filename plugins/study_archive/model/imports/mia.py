"""A saved page of the Marxists Internet Archive, read into an `Edition`.

A page there has the author's name and the title as headings, an information block (`<p class="information">`, each
line a `<span class="info">Written:</span>` label and its value), the text, its notes (each an anchor that the text's
`[1]` links to), and navigation links around it. The title, author and information block fill the front matter and
the provenance; the text is converted to Markdown with markdownify, which reads it with BeautifulSoup; note anchors
become Markdown footnotes; the navigation, the site's own lines and links to its other pages are left out, each kind
said in the report.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag
from markdownify import MarkdownConverter

from .edition import Edition, ImportRefusal, escape_markdown, exact_date, first_year, language_code

__all__ = ["ORIGIN", "is_mia", "read_mia"]

ORIGIN = "Marxists Internet Archive"

_LABELS = {
    "written": "Written", "first published": "First published", "published": "First published",
    "source": "Source", "translated": "Translated", "translation": "Translated", "translated by": "Translated",
    "transcription/markup": "Transcription/Markup", "transcription": "Transcription/Markup",
    "transcribed": "Transcription/Markup", "html markup": "Transcription/Markup", "markup": "Transcription/Markup",
    "proofed": "Proofed", "proofread": "Proofed", "copyleft": "Copyleft", "public domain": "Public Domain",
    "online version": "Online version", "delivered": "Delivered",
}
_NOTE_LABEL = re.compile(r"^\[?\s*(\d{1,4}|\*{1,4}|[a-z])\s*[.)]?\s*\]?$")
"""A note's number as the text and the notes list write it: `[1]`, `1`, `1.`, `*`, `[a]`."""
_BOILERPLATE = ("footer", "updat", "toc", "index", "link", "nav", "breadcrumb", "back")


_MARKS = ('class="information"', "class='information'", 'class="info"', "marxists.org", "works.css")
"""What a saved page of the archive has: its information block, its address, or its stylesheet for works."""


def is_mia(text: str) -> bool:
    """Whether `text` looks like a page of the Marxists Internet Archive."""
    lowered = text[:200_000].lower()
    return "<html" in lowered and any(mark in lowered for mark in _MARKS)


def read_mia(text: str) -> Edition:
    """The edition a saved page holds; refused when it has no title."""
    soup = BeautifulSoup(text, "html.parser")
    edition = Edition(ORIGIN)
    for element in soup.find_all(["script", "style", "noscript", "iframe", "form", "object", "embed", "head"]):
        if element.name != "head":
            element.decompose()
    html_tag = soup.find("html")
    if isinstance(html_tag, Tag) and html_tag.get("lang"):
        edition.language = language_code(str(html_tag["lang"])) or "en"
    canonical = soup.find("link", rel="canonical")
    if isinstance(canonical, Tag) and re.fullmatch(r"https?://\S+", str(canonical.get("href", ""))):
        edition.source_url = str(canonical["href"])
    body = soup.body or soup
    _read_heads(soup, body, edition)
    if not edition.title:
        raise ImportRefusal("no title found: the page has no <h1> (nor <h3 class=\"title\">) and no <title>; add "
                            "<h1>The title</h1> before the text in the saved page")
    information = body.find(class_="information")
    if isinstance(information, Tag):
        _read_information(information, edition)
        information.decompose()
    _drop_boilerplate(body, edition)
    notes = _take_notes(body, edition)
    edition.body = _markdown(body, edition).strip()
    edition.footnotes = [(label, _markdown(note, edition).strip()) for label, note in notes]
    return edition


def _read_heads(soup: BeautifulSoup, body: Tag, edition: Edition) -> None:
    """Title and author: the page's headings, else its <title> and author meta tag.

    The headings above the title leave the body: the first is the author's name (unless the author meta tag names
    someone else), and the others, such as the book and volume a chapter belongs to, go to the provenance.
    """
    title = body.find("h1") or body.find(["h2", "h3"], class_="title")
    author = soup.find("meta", attrs={"name": "author"})
    if isinstance(author, Tag) and author.get("content"):
        edition.authors = [" ".join(str(author["content"]).split())]
    if isinstance(title, Tag):
        edition.title = _words(title)
        above = [heading for heading in reversed(title.find_all_previous(["h1", "h2", "h3", "h4", "h5", "h6", "p"]))
                 if heading.name != "p" or "title" in heading.get("class", [])]
        if above and (not edition.authors or _key(_words(above[0])) == _key(edition.authors[0])):
            edition.authors = edition.authors or [_words(above[0])]
            above[0].decompose()
            above = above[1:]
        if above:
            edition.provenance.append(("Part of", ", ".join(_words(heading) for heading in above)))
        for heading in above:
            heading.decompose()
        title.decompose()
    page_title = soup.find("title")
    if isinstance(page_title, Tag):
        name, _, rest = page_title.get_text().partition(":")
        if not edition.title:
            edition.title = " ".join((rest or name).split())
        if not edition.authors and rest:
            edition.authors = [" ".join(name.split())]
    if soup.head is not None:
        soup.head.decompose()
    edition.authors = [name for name in edition.authors if name]


def _words(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def _key(name: str) -> str:
    return "".join(char for char in name.casefold() if char.isalnum())


def _read_information(information: Tag, edition: Edition) -> None:
    """Each `Label: value` line of the information block, into fields and provenance."""
    for label, value in _information_lines(information):
        key = label.lower().rstrip(":").strip()
        name = _LABELS.get(key)
        if name is None:
            edition.provenance.append((label.rstrip(": "), value))
            continue
        if name == "First published":
            edition.year = first_year(value) or edition.year
            edition.published = exact_date(value)
        elif name == "Written" and edition.year is None:
            edition.year = first_year(value)
        elif name == "Translated":
            edition.translator = re.sub(r"^(?:translated\s+)?(?:by\s+)", "", value, flags=re.IGNORECASE) or value
            continue  # The translator field holds it.
        elif name == "Source":
            match = re.search(r"translated from the ([A-Z][a-z]+)", value)
            edition.original_language = language_code(match.group(1)) if match else None
        if name in ("Copyleft", "Public Domain"):
            edition.rights = "public-domain" if name == "Public Domain" else _creative_commons(value)
            edition.rights_note = f"{name}: {value}"
            if edition.rights is None:
                edition.lost.append(f"rights: the page's {name} line names no licence the archive knows; "
                                    "give --rights")
        else:
            edition.provenance.append((name, value))


def _information_lines(information: Tag) -> list[tuple[str, str]]:
    """The block's lines: each `<span class="info">` label with the text up to the next label."""
    lines: list[tuple[str, str]] = []
    for span in information.find_all(class_="info"):
        parts = []
        for sibling in span.next_siblings:
            if isinstance(sibling, Tag) and "info" in sibling.get("class", []):
                break
            parts.append(sibling.get_text(" ") if isinstance(sibling, Tag) else str(sibling))
        lines.append((span.get_text(" ").strip(), " ".join("".join(parts).split())))
    return lines


def _creative_commons(text: str) -> str | None:
    lowered = text.lower()
    if "creative commons" not in lowered and "attribution" not in lowered:
        return None
    if "noncommercial" in lowered or "non-commercial" in lowered:
        return "cc-by-nc-sa" if "sharealike" in lowered or "share alike" in lowered else None
    return "cc-by-sa" if "sharealike" in lowered or "share alike" in lowered else "cc-by"


def _drop_boilerplate(body: Tag, edition: Edition) -> None:
    """The site's navigation, rules and update lines around the text."""
    dropped = 0
    for element in body.find_all(True):
        if element.decomposed:
            continue
        classes = [name.lower() for name in element.get("class", [])]
        if element.name in ("nav", "hr", "img", "link", "meta") or _is_navigation(element) or any(
                name.startswith(_BOILERPLATE) for name in classes):
            if element.name == "img":
                edition.lost.append(f"an image ({element.get('src', '')}): save it beside the text and add it")
            elif element.name not in ("hr", "link", "meta"):
                dropped += 1
            element.decompose()
    if dropped:
        edition.lost.append(f"{dropped} navigation or site block{'s' if dropped != 1 else ''} (links to other pages "
                            "of the Marxists Internet Archive, update lines): left out")


def _is_navigation(element: Tag) -> bool:
    """A line of links to other pages of the site (`Index | Next chapter`), or the page's update line."""
    if element.name not in ("p", "div", "center", "h1", "h2", "h3", "h4", "h5", "h6"):
        return False
    text = element.get_text(" ")
    if re.match(r"\s*last updated", text, re.IGNORECASE):
        return True
    links = element.find_all("a", href=True)
    if not links or any(str(link["href"]).startswith(("http://", "https://", "#")) for link in links):
        return False
    outside = text
    for link in links:
        outside = outside.replace(link.get_text(" "), "", 1)
    return not re.sub(r"[\W_]+", "", outside)


def _take_notes(body: Tag, edition: Edition) -> list[tuple[str, Tag]]:
    """Each note the text links to, taken out of the body; its reference in the text becomes `[^label]`."""
    anchors = {str(tag.get("name") or tag.get("id")): tag for tag in body.find_all(["a", "span", "p", "div"])
               if tag.get("name") or tag.get("id")}
    notes: list[tuple[str, Tag]] = []
    used: set[str] = set()
    for link in body.find_all("a", href=True):
        if link.decomposed:
            continue
        target = anchors.get(str(link["href"]).removeprefix("#")) if str(link["href"]).startswith("#") else None
        match = _NOTE_LABEL.match(link.get_text().strip())
        if target is None or match is None or target is link or target.decomposed:
            continue
        block = _note_block(target)
        if block is None or link in block.descendants:
            continue
        label = _label(match.group(1), used)
        for back in block.find_all("a", href=True):
            if str(back["href"]).startswith("#") and _NOTE_LABEL.match(back.get_text().strip()):
                back.decompose()  # The note's link back to the text.
                break
        block.extract()
        notes.append((label, block))
        _marker(link).replace_with(NavigableString(f"\x00note:{label}\x00"))
    _drop_empty_notes_heading(body)
    return notes


def _marker(link: Tag) -> Tag:
    """The note reference with what wraps only it: `<sup>`, or `<span class="note">[<a>[1]</a>]</span>`."""
    marker = link
    bare = link.get_text().strip(" []")
    while marker.parent is not None and marker.parent.name in ("sup", "span", "small", "font") and \
            marker.parent.get_text().strip(" []\n") == bare:
        marker = marker.parent
    return marker


def _note_block(target: Tag) -> Tag | None:
    """The paragraph (or list item, or div) that holds a note's anchor."""
    block = target if target.name in ("p", "div", "li") else target.find_parent(["p", "li", "dd", "div"])
    return block if isinstance(block, Tag) and block.name != "body" else None


def _label(raw: str, used: set[str]) -> str:
    label = raw if raw.isalnum() else f"star{len(raw)}"
    while label in used:
        label += "b"
    used.add(label)
    return label


def _drop_empty_notes_heading(body: Tag) -> None:
    for heading in body.find_all(["h2", "h3", "h4", "h5"]):
        if heading.get_text().strip().lower() in ("notes", "footnotes", "endnotes"):
            following = next((sibling for sibling in heading.find_next_siblings() if sibling.get_text().strip()), None)
            if following is None or following.name in ("h2", "h3", "h4", "h5"):
                heading.decompose()


class _Converter(MarkdownConverter):
    """markdownify with the archive's escaping, headings from `##`, and links the archive can keep."""

    def __init__(self, edition: Edition, top: int, **options) -> None:
        super().__init__(heading_style="ATX", bullets="-", strong_em_symbol="*", **options)
        self.edition, self.top = edition, top

    def escape(self, text: str, parent_tags) -> str:
        """Text outside code: its line breaks are spaces, as the browser showed them, and its characters escaped."""
        return escape_markdown(re.sub(r"[ \t\r\n]+", " ", text)) if text else ""

    def convert_hN(self, n: int, el, text: str, parent_tags) -> str:
        return super().convert_hN(max(2, min(6, n - self.top + 2)), el, text, parent_tags)

    def convert_p(self, el, text: str, parent_tags) -> str:
        """A paragraph; the site's quotation classes (`quoteb`, `quote`) make it the block quote it is."""
        if any(name.startswith("quote") for name in el.get("class", [])) and "_inline" not in parent_tags:
            return self.convert_blockquote(el, text, parent_tags)
        return super().convert_p(el, text, parent_tags)

    def convert_table(self, el, text: str, parent_tags) -> str:
        if el.find(attrs={"rowspan": True}):
            self.edition.lost.append("the merged rows of a table (rowspan): each cell keeps only its first row")
        return super().convert_table(el, text, parent_tags)

    def convert_a(self, el, text: str, parent_tags) -> str:
        href = str(el.get("href") or "")
        if href.startswith(("https://", "http://", "mailto:")):
            return super().convert_a(el, text, parent_tags)
        if href:
            self.edition.lost.append(f"the link '{href}' (\"{' '.join(el.get_text().split())[:40]}\"): a page of "
                                     "the saved site, kept as plain text")
        return text


def _markdown(element: Tag, edition: Edition) -> str:
    top = min((int(heading.name[1]) for heading in element.find_all(re.compile(r"^h[1-6]$"))), default=2)
    markdown = _Converter(edition, top).convert_soup(element)
    markdown = re.sub(r"\x00note:([A-Za-z0-9]+)\x00", r"[^\1]", markdown)
    return re.sub(r"\n{3,}", "\n\n", markdown)
