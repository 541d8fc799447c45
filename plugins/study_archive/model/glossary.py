"""The glossary: where each term appears in the library's texts.

A term is found by its title or any of its aliases, case-insensitively, as a whole word,
with a plural `s` or `es` allowed. The first mention in each text gets linked on the page;
every mention is listed on the term's own page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .document import Document, Kind
from .catalog import Catalog


__all__ = ["Glossary", "Mention"]


@dataclass(frozen=True)
class Mention:
    """A term found in a paragraph of a text, as it is written there."""

    term: Document
    text: Document
    paragraph: int
    written: str


class Glossary:
    """Every mention of every term in every text, found in one pass over the paragraphs."""

    def __init__(self, archive: Catalog) -> None:
        terms = {form.casefold(): term for term in archive.of_kind(Kind.TERM) for form in _forms(term)}
        self._by_term: dict[str, list[Mention]] = defaultdict(list)
        self._by_text: dict[str, list[Mention]] = defaultdict(list)
        if not terms:
            return
        alternatives = "|".join(re.escape(form) for form in sorted(terms, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w-])({alternatives})(?:e?s)?(?![\w-])", re.IGNORECASE)
        for text in archive.of_kind(Kind.TEXT):
            for paragraph in text.outline.paragraphs:
                for match in pattern.finditer(paragraph.text):
                    term = terms[match.group(1).casefold()]
                    mention = Mention(term, text, paragraph.number, match.group(0))
                    self._by_term[term.id].append(mention)
                    self._by_text[text.id].append(mention)

    def mentions_of(self, term: Document) -> list[Mention]:
        """Every mention of a term, by text and paragraph."""
        return self._by_term.get(term.id, [])

    def texts_mentioning(self, term: Document) -> list[tuple[Document, list[int]]]:
        """The texts that mention a term, each with its paragraph numbers."""
        grouped: dict[str, tuple[Document, list[int]]] = {}
        for mention in self.mentions_of(term):
            numbers = grouped.setdefault(mention.text.id, (mention.text, []))[1]
            if mention.paragraph not in numbers:
                numbers.append(mention.paragraph)
        return sorted(grouped.values(), key=lambda item: item[0].title.casefold())

    def first_mentions_in(self, text: Document) -> list[Mention]:
        """The first mention of each term in a text, in reading order."""
        seen: set[str] = set()
        firsts = []
        for mention in self._by_text.get(text.id, []):
            if mention.term.id not in seen:
                seen.add(mention.term.id)
                firsts.append(mention)
        return firsts


def _forms(term: Document) -> list[str]:
    aliases = list(getattr(term.meta, "aliases", []) or [])
    return [term.title, *aliases]
