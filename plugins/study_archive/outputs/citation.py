"""Citations of a text: the short form readers paste, Chicago, BibTeX and Highwire Press tags.

Everything is derived from the text's front matter and its authors' pages, so that a
correction in one place corrects every citation. A citation credits whoever wrote the words
on the page: a held text (`holds: full` or `excerpt`) its authors, with its translator and the
archive as the source of the transcription; a reading guide (`holds: guide`) the guide's own
authors, as a guide to the work, published by the archive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.archive import Archive
from ..model.document import Document
from ..model.site import Site

__all__ = ["Citation", "citation_of", "guide_authors"]

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
    guide_by: tuple[str, ...] = ()
    """Who wrote the page, when it is a reading guide to the work rather than the work's own words."""
    guide_sort_names: tuple[str, ...] = ()
    translator: str = ""
    language: str = ""

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def guide(self) -> bool:
        return bool(self.guide_by)

    @property
    def work(self) -> str:
        """`Leon Trotsky, The New Course (1923)`: the work, as the short form and a guide's title name it."""
        parts = [", ".join(self.authors), self.title] if self.authors else [self.title]
        return ", ".join(parts) + (f" ({self.year})" if self.year else "")

    @property
    def guide_title(self) -> str:
        """`Reading guide to Leon Trotsky, The New Course (1923)`."""
        return f"Reading guide to {self.work}"

    def short(self, paragraph: int | None = None) -> str:
        """What the copy-citation action copies: `Leon Trotsky, The New Course (1923), ¶12` for a held text,
        `The archive's editors, reading guide to Leon Trotsky, The New Course (1923), <site>, ¶12` for a guide."""
        if self.guide:
            text = f"{_and(self.guide_by)}, reading guide to {self.work}, {self.site}"
        else:
            text = self.work + (f", translated by {self.translator}" if self.translator else "")
        return text + (f", ¶{paragraph}" if paragraph else "")

    def chicago(self) -> str:
        """A Chicago bibliography entry, as plain text."""
        if self.guide:
            names = _join_names(self.guide_sort_names, self.guide_by)
            parts = [f"{names}.", f"“{self.guide_title}.”", f"{self.site}."]
            return " ".join(parts + ([f"{self.url}."] if self.url else []))
        names = _join_names(self.sort_names, self.authors)
        title = f"“{self.title}.”" if self.kind in _SHORT_WORKS else f"{self.title}."
        parts = [f"{names}." if names else "", title]
        if self.translator:
            parts.append(f"Translated by {self.translator}.")
        if self.publication:
            parts.append(f"{self.publication},")
        parts.append(f"{self.year}." if self.year else "n.d.")
        parts.append(f"In {self.site}.")
        if self.url:
            parts.append(f"{self.url}.")
        return " ".join(part for part in parts if part)

    def bibtex(self) -> str:
        """A BibTeX entry whose key is the first author's surname, the year and the title's first word.

        A guide's key starts `readingguide`; its authors are braced whole, so that a name such as
        `The archive's editors` is not read as a person's given and family names.
        """
        family = (self.sort_names[0].split(",")[0] if self.sort_names else "anon")
        first_word = next((word for word in re.findall(r"\w+", self.title.lower()) if word not in {"a", "an", "the"}), "text")
        key = re.sub(r"\W", "", f"{'readingguide' if self.guide else family.lower()}{self.year}{first_word}")
        if self.guide:
            fields = [
                ("author", " and ".join(f"{{{_bibtex(name)}}}" for name in self.guide_by)),
                ("title", f"{{{_bibtex(self.guide_title)}}}"),
                ("publisher", _bibtex(self.site)),
                ("howpublished", _bibtex(self.site)),
                ("url", self.url),
            ]
            lines = [f"  {name} = {{{value}}}" for name, value in fields if value]
            return f"@misc{{{key},\n" + ",\n".join(lines) + "\n}"
        fields = [
            ("author", _bibtex(" and ".join(self.sort_names))),
            ("title", f"{{{_bibtex(self.title)}}}"),  # Double braces keep the title's capitals.
            ("translator", _bibtex(self.translator)),
            ("year", self.year),
            ("howpublished", _bibtex(self.publication or self.site)),
            ("note", _bibtex(f"Transcription in {self.site}") if self.publication else ""),
            ("url", self.url),
        ]
        entry = "book" if self.kind in {"book", "pamphlet"} else "misc"
        lines = [f"  {name} = {{{value}}}" for name, value in fields if value]
        return f"@{entry}{{{key},\n" + ",\n".join(lines) + "\n}"

    def meta_tags(self) -> list[tuple[str, str]]:
        """Highwire Press tags, which Zotero and Google Scholar read."""
        if self.guide:
            tags = [("citation_title", self.guide_title)]
            tags += [("citation_author", name) for name in self.guide_sort_names]
            tags.append(("citation_publisher", self.site))
            if self.url:
                tags.append(("citation_public_url", self.url))
            return tags
        tags = [("citation_title", self.title)]
        tags += [("citation_author", name) for name in self.sort_names]
        if self.date:
            tags.append(("citation_publication_date", self.date.replace("-", "/")))
        if self.publication:
            tags.append(("citation_journal_title", self.publication))
        if self.language:
            tags.append(("citation_language", self.language))
        tags.append(("citation_publisher", self.site))
        if self.url:
            tags.append(("citation_public_url", self.url))
        return tags


def citation_of(archive: Archive, text: Document, site: str, url: str = "",
                editors: str = Site.editors) -> Citation:
    """The citation of a text as published on `site` at `url` (empty when the site has no address).

    `editors` are credited with a reading guide that names no authors of its own.
    """
    meta = text.meta
    guide_by = guide_authors(text, editors)
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
        guide_by=guide_by,
        guide_sort_names=tuple(name if name == editors else _family_first(name) for name in guide_by),
        translator=getattr(meta, "translator", None) or "",
        language=getattr(meta, "language", None) or "",
    )


def guide_authors(text: Document, editors: str) -> tuple[str, ...]:
    """Who wrote a reading guide: its `guide_by`, or the archive's editors; nobody for a held text."""
    meta = text.meta
    if meta is None or getattr(meta, "holds", "full") != "guide":
        return ()
    return tuple(meta.guide_by) or (editors,)


def _sort_name(person: Document) -> str:
    meta = person.meta
    if meta is not None and meta.sort_name:
        return meta.sort_name
    if meta is not None and meta.kind != "person":
        return person.title
    *given, family = person.title.split()
    return f"{family}, {' '.join(given)}" if given else family


def _family_first(name: str) -> str:
    *given, family = name.split()
    return f"{family}, {' '.join(given)}" if given else family


def _and(names: tuple[str, ...]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + f" and {names[-1]}"


def _join_names(sort_names: tuple[str, ...], names: tuple[str, ...]) -> str:
    if not sort_names:
        return ""
    rest = list(names[1:])
    if not rest:
        return sort_names[0]
    return ", ".join([sort_names[0], *rest[:-1]]) + f", and {rest[-1]}" if len(rest) > 1 else f"{sort_names[0]}, and {rest[0]}"


def _bibtex(value: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", value)
