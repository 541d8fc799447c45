"""Sections: the index pages that list each kind of document instead of the sidebar."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.archive import Archive
from ..model.document import Document, Kind, Layout
from ..model.indexes import person_key, text_key

__all__ = ["Section", "SECTIONS"]


@dataclass(frozen=True)
class Section:
    """A generated index page listing all documents of one kind."""

    kind: Kind
    title: str
    template: str

    def documents(self, archive: Archive) -> list[Document]:
        """The documents to list: texts oldest first (the undated last), people by family name, the rest by title."""
        documents = archive.of_kind(self.kind)
        if self.kind is Kind.TEXT:
            return sorted(documents, key=text_key)
        if self.kind is Kind.PERSON:
            return sorted(documents, key=person_key)
        return sorted(documents, key=lambda document: document.title.casefold())

    def index_uri(self, layout: Layout) -> str:
        return f"{layout.folder_of(self.kind)}/index.md"


SECTIONS = (
    Section(Kind.TEXT, "Library", "library"),
    Section(Kind.CURRICULUM, "Curricula", "curricula"),
    Section(Kind.DEBATE, "Debates", "debates"),
    Section(Kind.TERM, "Glossary", "glossary"),
    Section(Kind.PERSON, "People", "people"),
)
