"""The glossary: where each term appears in the library's texts.

A term is found by its title or any of its aliases, case-insensitively, as a whole word,
with a plural `s` or `es` allowed. The first mention in each text gets linked on the page;
every mention is listed on the term's own page.
"""

from __future__ import annotations

import operator
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from .document import Document, Kind
from .catalog import Catalog


__all__ = ["Glossary", "Mention", "MentionsFound"]

_WORD = re.compile(r"[\w-]+")


@dataclass(frozen=True)
class Mention:
    """A term found in a paragraph of a text, as it is written there."""

    term: Document
    text: Document
    paragraph: int
    written: str


class MentionsFound:
    """What the glossary's forms found in each text, kept across builds of a live preview.

    Keyed by every term's forms, so that a new or renamed term starts it afresh, and by the text: the parsed-document
    cache hands back the same document while its source is unchanged, so an unchanged text is not read again and its
    mentions come back as they were, while the terms are the same documents too. An edited text is read paragraph by
    paragraph, each paragraph's words looked up among those found before.
    """

    def __init__(self) -> None:
        self._forms: tuple = ()
        self._terms: tuple[Document, ...] = ()
        self._found: dict[str, list[tuple[str, str]]] = {}
        """The terms found in a paragraph's words: each term's id and the words as written."""
        self._texts: dict[str, tuple[Document, list[Mention]]] = {}
        """By a text's path, the text and its mentions."""

    def in_text(self, text: Document, forms: _Forms) -> list[Mention]:
        """The mentions of terms in `text`."""
        if forms.key != self._forms:
            self._forms, self._found, self._texts = forms.key, {}, {}
        terms = tuple(forms.terms.values())
        if len(terms) != len(self._terms) or not all(map(operator.is_, terms, self._terms)):
            self._terms, self._texts = terms, {}  # A term's own page changed: its mentions must name the new one.
        known = self._texts.get(text.path)
        if known is None or known[0] is not text:
            known = self._texts[text.path] = (text, forms.in_text(text, partial(self._found_in, forms)))
        return known[1]

    def _found_in(self, forms: _Forms, words: str) -> list[tuple[Document, str]]:
        """`forms.found_in(words)`, looked up among the paragraphs read before; terms are kept by id, so that each
        is named by its document in this build."""
        if words not in self._found:
            self._found[words] = [(term.id, written) for term, written in forms.found_in(words)]
        return [(forms.terms[id], written) for id, written in self._found[words]]


class Glossary:
    """Every mention of every term in every text, found in one pass over the paragraphs."""

    def __init__(self, archive: Catalog, found: MentionsFound | None = None) -> None:
        self._by_term: dict[str, list[Mention]] = defaultdict(list)
        self._by_text: dict[str, list[Mention]] = defaultdict(list)
        forms = _Forms(archive.of_kind(Kind.TERM))
        for text in archive.of_kind(Kind.TEXT):
            mentions = forms.in_text(text) if found is None else found.in_text(text, forms)
            for mention in mentions:
                self._by_term[mention.term.id].append(mention)
            if mentions:
                self._by_text[text.id] += mentions

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


class _Forms:
    """Every written form of every term, looked up by its first word, so that a text is read once whatever the
    number of terms: the cost grows with the words of the library, not with words times forms."""

    def __init__(self, terms: list[Document]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Document]]] = defaultdict(list)
        self.terms = {term.id: term for term in terms}
        self.key = tuple((term.id, tuple(_forms(term))) for term in terms)
        """What the forms find by: each term's id and the forms it is written in."""
        for term in terms:
            for form in _forms(term):
                words = tuple(_WORD.findall(form.casefold()))
                if words:
                    self._by_first[words[0]].append((words, term))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda candidate: -len(candidate[0]))  # The longest form wins, as readers read.
        self._openings = {variant for word in self._by_first for variant in (word, word + "s", word + "es")}
        """Every way a form's first word may be written: only where a word is one of them can a term begin."""

    def in_text(self, text: Document,
                found_in: Callable[[str], list[tuple[Document, str]]] | None = None) -> list[Mention]:
        """The mentions of terms in `text`, each paragraph's words looked up by `found_in` (`self.found_in` unless
        given: a live preview passes one that remembers paragraphs read before)."""
        found_in = found_in or self.found_in
        return [Mention(term, text, paragraph.number, written)
                for paragraph, words in zip(text.outline.paragraphs, text.outline.texts())
                for term, written in found_in(words)]

    def found_in(self, text: str) -> list[tuple[Document, str]]:
        """The terms in `text`, as written there, left to right and never overlapping."""
        openings = self._openings
        folded = text.casefold()
        if len(folded) == len(text) and openings.isdisjoint(_WORD.findall(folded)):
            return []  # No word of it can begin a term (most paragraphs): found without a match object per word.
        tokens = list(_WORD.finditer(text))
        starts = [index for index, token in enumerate(tokens) if token.group(0).casefold() in openings]
        found, after = [], 0
        for index in starts:
            if index < after:
                continue  # Inside the term found just before.
            match = self._match_at(text, tokens, index)
            if match is not None:
                term, length = match
                found.append((term, text[tokens[index].start():tokens[index + length - 1].end()]))
                after = index + length
        return found

    def _match_at(self, text: str, tokens: list[re.Match[str]], index: int) -> tuple[Document, int] | None:
        first = tokens[index].group(0).casefold()
        for key in _singulars(first):
            for words, term in self._by_first.get(key, ()):
                end = index + len(words)
                if end <= len(tokens) and _follows(text, tokens[index:end], words):
                    return term, len(words)
        return None


def _follows(text: str, tokens: list[re.Match[str]], words: tuple[str, ...]) -> bool:
    """Whether the tokens spell the words, apart only by spaces, the last one maybe in the plural."""
    for position, (token, word) in enumerate(zip(tokens, words)):
        written = token.group(0).casefold()
        last = position == len(words) - 1
        if written != word and not (last and written in (word + "s", word + "es")):
            return False
        if position and text[tokens[position - 1].end():token.start()].strip():
            return False
    return True


def _singulars(word: str) -> tuple[str, ...]:
    """The word as written and with a plural `s` or `es` taken off: the forms it may be a plural of."""
    return (word, *([word[:-1]] if word.endswith("s") else []), *([word[:-2]] if word.endswith("es") else []))


def _forms(term: Document) -> list[str]:
    aliases = list(getattr(term.meta, "aliases", []) or [])
    return [term.title, *aliases]
