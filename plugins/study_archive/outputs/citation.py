"""Citations of a text: the short form readers paste, Chicago, BibTeX and Highwire Press tags.

Everything is derived from the text's front matter and its authors' pages, so that a
correction in one place corrects every citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.archive import Archive
from ..model.document import Document

__all__ = ["Citation", "citation_of"]

_SHORT_WORKS = {"article", "chapter", "essay", "excerpt", "letter", "post", "resolution", "speech", "statement"}
_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


@dataclass(frozen=True)
class Citation:
    """What a citation needs to know about a text."""

    authors: tuple[str, ...]
    """Display names, in order."""
    sort_names: tuple[str, ...]
    """Names as bibliographies sort them: `Trotsky, Leon`."""
    title: str
    kind: str
    date: str
    """The most exact date known, `1923-12-08` or `1923`, or empty."""
    publication: str
    site: str
    url: str

    @property
    def year(self) -> str:
        return self.date[:4]

    def short(self, paragraph: int | None = None) -> str:
        """`Leon Trotsky, The New Course (1923), ¶12`: what the copy-citation action copies."""
        parts = [", ".join(self.authors), self.title] if self.authors else [self.title]
        text = ", ".join(parts) + (f" ({self.year})" if self.year else "")
        return text + (f", ¶{paragraph}" if paragraph else "")

    def chicago(self) -> str:
        """A Chicago bibliography entry, as plain text."""
        names = _join_names(self.sort_names, self.authors)
        title = f"“{self.title}.”" if self.kind in _SHORT_WORKS else f"{self.title}."
        parts = [f"{names}." if names else "", title]
        if self.publication:
            parts.append(f"{self.publication},")
        parts.append(f"{self.year}." if self.year else "n.d.")
        parts.append(f"In {self.site}.")
        if self.url:
            parts.append(f"{self.url}.")
        return " ".join(part for part in parts if part)

    def bibtex(self) -> str:
        """A BibTeX entry whose key is the first author's surname, the year and the title's first word."""
        family = (self.sort_names[0].split(",")[0] if self.sort_names else "anon")
        first_word = next((word for word in re.findall(r"\w+", self.title.lower()) if word not in {"a", "an", "the"}), "text")
        key = re.sub(r"\W", "", f"{family.lower()}{self.year}{first_word}")
        fields = [
            ("author", _bibtex(" and ".join(self.sort_names))),
            ("title", f"{{{_bibtex(self.title)}}}"),  # Double braces keep the title's capitals.
            ("year", self.year),
            ("howpublished", _bibtex(self.publication or self.site)),
            ("url", self.url),
        ]
        entry = "book" if self.kind in {"book", "pamphlet"} else "misc"
        lines = [f"  {name} = {{{value}}}" for name, value in fields if value]
        return f"@{entry}{{{key},\n" + ",\n".join(lines) + "\n}"

    def meta_tags(self) -> list[tuple[str, str]]:
        """Highwire Press tags, which Zotero and Google Scholar read."""
        tags = [("citation_title", self.title)]
        tags += [("citation_author", name) for name in self.sort_names]
        if self.date:
            tags.append(("citation_publication_date", self.date.replace("-", "/")))
        if self.publication:
            tags.append(("citation_journal_title", self.publication))
        tags.append(("citation_publisher", self.site))
        if self.url:
            tags.append(("citation_public_url", self.url))
        return tags


def citation_of(archive: Archive, text: Document, site: str, url: str = "") -> Citation:
    """The citation of a text as published on `site` at `url` (empty when the site has no address)."""
    meta = text.meta
    authors = archive.authors_of(text)
    published = getattr(meta, "published", None)
    year = getattr(meta, "year", None)
    return Citation(
        authors=tuple(author.title for author in authors),
        sort_names=tuple(_sort_name(author) for author in authors),
        title=text.title,
        kind=getattr(meta, "kind", "article"),
        date=published.isoformat() if published else str(year or ""),
        publication=getattr(meta, "publication", None) or "",
        site=site,
        url=url,
    )


def _sort_name(person: Document) -> str:
    meta = person.meta
    if meta is not None and meta.sort_name:
        return meta.sort_name
    if meta is not None and meta.kind != "person":
        return person.title
    *given, family = person.title.split()
    return f"{family}, {' '.join(given)}" if given else family


def _join_names(sort_names: tuple[str, ...], names: tuple[str, ...]) -> str:
    if not sort_names:
        return ""
    rest = list(names[1:])
    if not rest:
        return sort_names[0]
    return ", ".join([sort_names[0], *rest[:-1]]) + f", and {rest[-1]}" if len(rest) > 1 else f"{sort_names[0]}, and {rest[0]}"


def _bibtex(value: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", value)
