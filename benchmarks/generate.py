"""Generate a valid study archive of any size from a seed, for the build and search benchmarks.

For N texts of about 4,000 words each it writes N/20 people, N/10 glossary terms, about ten
stand-off annotations on every fifth text, a curriculum per 50 texts and a debate per 20,
with a mkdocs.yml like the demo's. Every cross-reference resolves, so `archive check` reports
no problems and a strict build passes. The words are pseudo-English drawn from a Zipf-like
vocabulary with a long tail (some with diacritics), so a search index grows as it would on
real prose. The same seed writes the same bytes.

With `--plain` it writes the same Markdown as a plain MkDocs + Material site instead: no
archive plugin, `[[...]]` references left as text, front matter kept, section index pages
written by hand and no stand-off notes (plain MkDocs has no way to show them).

Usage: .venv/bin/python benchmarks/generate.py --texts 2000 --seed 0 --out /tmp/archive [--words 4000] [--plain]
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import random
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import FUNCTION_WORDS, Vocabulary  # noqa: E402

__all__ = ["Summary", "generate"]

REPOSITORY = Path(__file__).resolve().parent.parent
WORDS_PER_TEXT = 4000
TEXTS_PER_PERSON, TEXTS_PER_TERM, TEXTS_PER_CURRICULUM, TEXTS_PER_DEBATE = 20, 10, 50, 20
ANNOTATED_EVERY, NOTES_PER_TEXT = 5, 10
PIECE_OFFSETS = (0, 5, 10, 15)
"""The places in each block of 20 texts whose texts are the pieces of that block's debate."""
LAYERS = ("context", "discussion", "tuesday-group")
KINDS = ("article", "book", "chapter", "essay", "excerpt", "letter", "pamphlet", "post", "resolution", "speech",
         "statement")
RIGHTS = ("public-domain",) * 10 + ("copyright-excerpt",) * 4 + ("cc-by", "cc-by", "cc-by-sa", "cc-by-sa",
                                                                  "cc-by-nc-sa", "permission")
LANGUAGES = ("de", "fr", "es", "it", "ru")
ORIGINAL_LANGUAGES = ("ru", "de", "fr", "es", "it", "pl", "pt", "zh")
CYRILLIC = {"shch": "щ", "sh": "ш", "ch": "ч", "zh": "ж", "ts": "ц", "ya": "я", "yu": "ю", "a": "а", "b": "б",
            "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и", "j": "й", "k": "к", "l": "л",
            "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "w": "в",
            "x": "кс", "y": "ы", "z": "з"}
GERMAN_SPELLING = {"shch": "schtsch", "sh": "sch", "ch": "tsch", "zh": "sch", "ts": "z", "v": "w", "y": "j"}
COMMON = frozenset(FUNCTION_WORDS)
BARE = re.compile(r"[a-z][a-z0-9-]*")
YAML_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n"})

ARCHIVE_YML = """\
site_name: {name}
site_description: A generated archive of {texts} texts for benchmarks (seed {seed}).
docs_dir: content
theme:
  name: material
  custom_dir: overrides
  font: false
  language: en
  features:
    - navigation.tabs
    - navigation.indexes
    - navigation.top
    - search.highlight
  palette:
    - scheme: default
      primary: custom
      accent: custom
extra_css:
  - assets/site.css
plugins:
  - archive:
      readings_dir: readings
nav:
  - Home: index.md
  - Library: readings/index.md
  - Curricula: curricula/index.md
  - Debates: debates/index.md
  - Glossary: glossary/index.md
  - People: people/index.md
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
validation:
  nav:
    omitted_files: info
    not_found: warn
  links:
    not_found: warn
    anchors: warn
    unrecognized_links: warn
"""
PLAIN_YML = ARCHIVE_YML.replace("docs_dir: content", "docs_dir: docs").replace(
    "  custom_dir: overrides\n", "").replace("extra_css:\n  - assets/site.css\n", "").replace(
    "  - archive:\n      readings_dir: readings\n", "  - search\n").replace("      primary: custom\n      accent: custom\n",
                                                                 "      primary: red\n      accent: red\n")
PLAIN_LISTED_YML = re.sub(r"^nav:\n(?:  - .*\n)+", "", PLAIN_YML, flags=re.MULTILINE)
"""The plain site with Material's own navigation, which lists every page in every page's sidebar: plain Material as
the build-speed issue first measured it. Its sidebar grows with the library, so each page costs more as it grows."""


@dataclass(frozen=True)
class Summary:
    """What one generation wrote: how many documents of each kind, words, files and bytes."""

    root: Path
    texts: int
    people: int
    terms: int
    curricula: int
    debates: int
    annotations: int
    notes_files: int
    words: int
    files: int
    bytes: int

    def __str__(self) -> str:
        return (f"{self.texts} texts ({self.words:,} words), {self.people} people, {self.terms} terms, "
                f"{self.curricula} curricula, {self.debates} debates, {self.annotations} annotations in "
                f"{self.notes_files} notes files; {self.files} files, {self.bytes / 2**20:.1f} MiB")


@dataclass
class Heading:
    """A `##` heading of a text and the number of the first paragraph under it."""

    title: str
    slug: str
    first: int


@dataclass
class Text:
    """A planned text: its id, front matter and outline, before its words are drawn."""

    index: int
    id: str
    title: str
    authors: list[str]
    year: int | None
    meta: dict
    sizes: list[tuple[str, int]]
    """Each numbered block in order: ('paragraph' | 'quote' | 'list', words)."""
    headings: list[Heading]
    responds_to: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> int:
        return len(self.sizes)


@dataclass
class Person:
    """A planned person, group or publication."""

    id: str
    name: str
    kind: str
    aliases: list[str]


@dataclass
class Term:
    """A planned glossary term."""

    id: str
    title: str
    aliases: list[str]


class Plan:
    """Every document's id, title and outline, decided before any file is written so references can resolve."""

    def __init__(self, texts: int, seed: int, words: int) -> None:
        self.seed, self.words_per_text = seed, words
        self.vocabulary = Vocabulary(seed)
        self.taken: set[str] = set()
        rng = random.Random(f"{seed}:plan")
        self.topics = [self.unique_id(rng.choice(self.vocabulary.plain[200:3000])) for _ in range(40)]
        self.people = [self.person(index, rng) for index in range(math.ceil(texts / TEXTS_PER_PERSON))]
        self.terms = self.glossary(math.ceil(texts / TEXTS_PER_TERM), rng)
        self.debate_ids = [self.unique_id(self.slug(self.words(rng, 2, 3000)) + "-debate")
                           for _ in range(math.ceil(texts / TEXTS_PER_DEBATE))]
        self.curriculum_ids = [self.unique_id(self.slug(self.words(rng, 2, 3000)) + "-course")
                               for _ in range(math.ceil(texts / TEXTS_PER_CURRICULUM))]
        self.debate_years = [rng.randint(1900, 1990) for _ in self.debate_ids]
        self.texts: list[Text] = []
        for index in range(texts):
            self.texts.append(self.text(index))
        self.person_by_id = {person.id: person for person in self.people}
        self.by_author: dict[str, list[Text]] = {}
        for text in self.texts:
            for author in text.authors:
                self.by_author.setdefault(author, []).append(text)

    def words(self, rng: random.Random, count: int, top: int = 20_000) -> list[str]:
        """`count` accent-free generated words of rank below `top`, for names and titles."""
        plain = self.vocabulary.plain
        return [plain[rng.randrange(min(top, len(plain)))] for _ in range(count)]

    @staticmethod
    def slug(words: list[str]) -> str:
        return "-".join(ascii_fold(word).lower() for word in words)

    def unique_id(self, wanted: str) -> str:
        """`wanted`, or it with the smallest number that makes it unused, recorded as used."""
        candidate, number = wanted, 1
        while candidate in self.taken:
            number += 1
            candidate = f"{wanted}-{number}"
        self.taken.add(candidate)
        return candidate

    def person(self, index: int, rng: random.Random) -> Person:
        """A person (most), a group or a publication; every fifth person has a German and a Cyrillic spelling."""
        kind = rng.choices(("person", "group", "publication"), weights=(16, 3, 1))[0]
        first, last = (word.capitalize() for word in self.words(rng, 2, 8_000))
        aliases = []
        if kind == "person":
            name, wanted = f"{first} {last}", last.lower()
            if index % 5 == 0:
                first, last = first + "ov", last + "shchenko"
                name, wanted = f"{first} {last}", f"{last.lower()}"
                aliases = [germanize(name), cyrillic(name)]
        elif kind == "group":
            name, wanted = f"{first} {last} Group", f"{first.lower()}-{last.lower()}-group"
        else:
            name, wanted = f"The {first} {last}", f"{first.lower()}-{last.lower()}"
        return Person(self.unique_id(wanted), name, kind, aliases)

    def glossary(self, count: int, rng: random.Random) -> list[Term]:
        """Terms named by fairly common words, so texts mention them; every third has an alias."""
        terms, forms = [], set()
        candidates = self.vocabulary.plain[800:8000]
        while len(terms) < count:
            words = [rng.choice(candidates)] if len(terms) % 4 else self.words(rng, 2, 6000)
            title = " ".join(words).capitalize()
            alias = f"{words[-1]}ist" if len(terms) % 3 == 0 else None
            variants = [title.lower()] + ([alias] if alias else [])
            if any(form in forms or form + "s" in forms or form + "es" in forms for form in variants):
                continue
            forms.update(variants)
            forms.update(form + suffix for form in variants for suffix in ("s", "es"))
            terms.append(Term(self.unique_id(self.slug(words)), title, [alias] if alias else []))
        return terms

    def text(self, index: int) -> Text:
        """A text's front matter and outline; debate pieces get exact, increasing years and reply to earlier pieces."""
        rng = random.Random(f"{self.seed}:text:{index}")
        authors = [] if rng.random() < 0.07 else [rng.choice(self.people).id for _ in range(rng.choice((1,) * 11 + (2,)))]
        authors = list(dict.fromkeys(authors))
        words = self.words(rng, rng.randint(2, 5), 12_000)
        title = " ".join([words[0].capitalize(), *words[1:]])
        lead = authors[0] if authors else "anonymous"
        text_id = self.unique_id(f"{lead}-{self.slug(words[:3])}")
        block, offset = divmod(index, TEXTS_PER_DEBATE)
        piece = offset in PIECE_OFFSETS
        year: int | None = self.debate_years[block] + PIECE_OFFSETS.index(offset) if piece else rng.randint(1848, 2024)
        meta: dict = {}
        certainty = rng.random()
        if not piece and certainty < 0.06:
            meta["date_note"] = f"the {year // 10 * 10}s"
            year = None
        elif not piece and certainty < 0.12:
            meta["date_note"] = f"approximate: between {year - 2} and {year}"
        elif certainty > 0.67:
            meta["published"] = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
        meta["kind"] = rng.choice(KINDS)
        meta["language"] = "en" if rng.random() < 0.85 else rng.choice(LANGUAGES)
        if rng.random() < 0.4:
            meta["original_language"] = rng.choice(ORIGINAL_LANGUAGES)
            if meta["original_language"] != meta["language"]:
                meta["translator"] = " ".join(word.capitalize() for word in self.words(rng, 2, 8000))
        if rng.random() < 0.5:
            meta["publication"] = " ".join(word.capitalize() for word in self.words(rng, rng.randint(1, 3), 5000))
        meta["source"] = {"title": f"{self.words(rng, 1, 3000)[0].capitalize()} Archive",
                          "url": f"https://example.org/{text_id}/"}
        meta["rights"] = rng.choice(RIGHTS)
        if meta["rights"] == "copyright-excerpt":
            meta["full_text_url"] = f"https://example.org/full/{text_id}/"
        if meta["rights"] == "permission":
            meta["rights_note"] = "Published here with the permission of its author."
        meta["topics"] = sorted(set(rng.sample(self.topics, rng.randint(1, 3))), key=self.topics.index)
        if rng.random() < 0.1:
            meta["aliases"] = [self.unique_id(f"{text_id}-old")]
        sizes, headings = self.outline(rng)
        text = Text(index, text_id, title, authors, year, meta, sizes, headings)
        if piece and offset:
            earlier = [self.texts[index - step] for step in (5, 10, 15) if step <= offset]
            target = rng.choice(earlier)
            fragment = f"#p{rng.randint(1, target.paragraphs)}" if rng.random() < 0.5 else ""
            text.responds_to = [target.id + fragment]
        return text

    def outline(self, rng: random.Random) -> tuple[list[tuple[str, int]], list[Heading]]:
        """Numbered blocks adding up to the text's words, with a heading before every six to twelve of them."""
        sizes: list[tuple[str, int]] = []
        headings: list[Heading] = []
        slugs: set[str] = set()
        written, next_heading = 0, 0
        while written < self.words_per_text:
            if len(sizes) == next_heading:
                while True:
                    words = self.words(rng, rng.randint(2, 4), 5000)
                    slug = self.slug(words)
                    if slug not in slugs:
                        break
                slugs.add(slug)
                headings.append(Heading(" ".join([words[0].capitalize(), *words[1:]]), slug, len(sizes) + 1))
                next_heading += rng.randint(6, 12)
            # Two lists or two quotes in a row would join into one block, so one of them is a paragraph.
            shape = rng.random() if not sizes or sizes[-1][0] == "paragraph" else 1.0
            kind, size = ("quote", rng.randint(30, 90)) if shape < 0.05 else ("list", rng.randint(30, 70)) \
                if shape < 0.1 else ("paragraph", rng.randint(50, 220))
            size = max(1, min(size, self.words_per_text - written))
            sizes.append((kind, size))
            written += size
        return sizes, headings


def ascii_fold(word: str) -> str:
    """The word without accents: `fräñø` becomes `frano`."""
    decomposed = unicodedata.normalize("NFKD", word.replace("ø", "o"))
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def cyrillic(name: str) -> str:
    """A name spelled in Cyrillic letters, as a Russian reader would write it."""
    pattern = re.compile("|".join(sorted(CYRILLIC, key=len, reverse=True)))
    words = []
    for word in name.split():
        spelled = pattern.sub(lambda match: CYRILLIC[match.group(0)], word.lower())
        words.append(spelled[:1].upper() + spelled[1:])
    return " ".join(words)


def germanize(name: str) -> str:
    """A name transliterated as German bibliographies spell Russian names (`Shch` becomes `Schtsch`)."""
    pattern = re.compile("|".join(sorted(GERMAN_SPELLING, key=len, reverse=True)))
    spelled = pattern.sub(lambda match: GERMAN_SPELLING[match.group(0)], name.lower())
    return " ".join(word.capitalize() for word in spelled.split())


def yaml_value(value) -> str:
    """A front-matter value: strings double-quoted, lists and mappings in flow style."""
    if isinstance(value, str) and BARE.fullmatch(value) and value not in YAML_WORDS:
        return value
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (int, datetime.date)):
        return str(value)
    if isinstance(value, list):
        if all(isinstance(item, str) and re.fullmatch(r"[a-z0-9#-]+", item) for item in value):
            return "[" + ", ".join(value) + "]"
        return "[" + ", ".join(yaml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {yaml_value(item)}" for key, item in value.items()) + "}"
    raise TypeError(f"no YAML for {value!r}")


def front_matter(fields: dict) -> str:
    lines = [f"{key}: {yaml_value(value)}" for key, value in fields.items() if value not in (None, [], "")]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


class Writer:
    """Writes the planned archive's files, drawing each document's words from its own seeded generator."""

    def __init__(self, plan: Plan, root: Path, plain: bool, listed: bool = False) -> None:
        self.plan, self.root, self.plain, self.listed = plan, root, plain, listed
        self.docs = root / ("docs" if plain else "content")
        self.readings = self.docs / "readings" if plain else root / "readings"
        self.files = self.bytes = self.words = self.annotations = self.notes_files = 0

    def write(self, path: Path, content: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8")
        path.write_bytes(data)
        self.files += 1
        self.bytes += len(data)

    def sentence(self, rng: random.Random, count: int) -> str:
        return self.plan.vocabulary.prose(rng, count)

    def reference(self, rng: random.Random, text: Text | None = None) -> str:
        """One cross-reference of a random kind, to a document that exists."""
        plan = self.plan
        choice = rng.random()
        if choice < 0.35:
            target = rng.choice(plan.texts)
            form = rng.random()
            if form < 0.4:
                return f"[[{target.id}#p{rng.randint(1, target.paragraphs)}]]"
            if form < 0.6:
                return f"[[{target.id}#{rng.choice(target.headings).slug}]]"
            return f"[[{target.id}]]" if form < 0.9 else f"[[text:{target.id}]]"
        if choice < 0.6:
            term = rng.choice(plan.terms)
            return f"[[term:{term.id}]]" if rng.random() < 0.7 else f"[[term:{term.id}|{term.title.lower()}]]"
        if choice < 0.85:
            authors = [plan.person_by_id[author] for author in text.authors] if text else []
            person = rng.choice(authors + plan.people)
            label = rng.choice([None, *person.aliases])
            return f"[[person:{person.id}|{label}]]" if label else f"[[person:{person.id}]]"
        if choice < 0.93:
            return f"[[debate:{rng.choice(plan.debate_ids)}]]"
        return f"[[curriculum:{rng.choice(plan.curriculum_ids)}]]"

    def text(self, text: Text) -> None:
        """A text of numbered paragraphs, quotes and lists under headings, with references and its notes files."""
        rng = random.Random(f"{self.plan.seed}:words:{text.index}")
        annotated = text.index % ANNOTATED_EVERY == 0
        blocks, plain_paragraphs = [], []
        headings = {heading.first: heading for heading in text.headings}
        footnote = rng.random() < 0.1
        for number, (kind, size) in enumerate(text.sizes, start=1):
            if number in headings:
                blocks.append(f"## {headings[number].title}")
            self.words += size
            if kind == "quote":
                blocks.append("> " + self.sentence(rng, size))
            elif kind == "list":
                items, left = [], size
                while left > 0:
                    part = min(left, rng.randint(6, 15))
                    items.append("- " + self.sentence(rng, part))
                    left -= part
                blocks.append("\n".join(items))
            else:
                body = self.sentence(rng, size)
                if rng.random() < 0.2:
                    body += f" {rng.choice(('See', 'Compare', 'On this, see'))} {self.reference(rng, text)}."
                elif footnote and "[^1]" not in body and not any("[^1]" in block for block in blocks):
                    body += "[^1]"
                else:
                    plain_paragraphs.append((number, body))
                blocks.append(body)
        if any(block.endswith("[^1]") for block in blocks):
            blocks.append("[^1]: " + self.sentence(rng, 20))
        fields = {"title": text.title, "authors": text.authors, "year": text.year}
        meta = dict(text.meta)
        fields.update({key: meta.pop(key) for key in ("date_note", "published", "kind") if key in meta})
        fields["summary"] = self.sentence(rng, rng.randint(12, 30))
        fields.update(meta)
        fields["responds_to"] = text.responds_to
        self.write(self.readings / f"{text.id}.md", front_matter(fields) + "\n\n".join(blocks) + "\n")
        if annotated and not self.plain:
            self.notes(text, plain_paragraphs, rng)

    def notes(self, text: Text, paragraphs: list[tuple[int, str]], rng: random.Random) -> None:
        """About ten notes on phrases that occur in their paragraph, numbered `(n)` where the phrase repeats."""
        chosen = sorted(rng.sample(paragraphs, min(NOTES_PER_TEXT, len(paragraphs))))
        layers: dict[str, list[str]] = {}
        for order, (number, body) in enumerate(chosen):
            words = body.split(" ")
            common = order % 5 == 0 and any(word.strip(".,") in COMMON for word in words)
            length = 1 if common else min(len(words), rng.randint(2, 4))
            for attempt in range(1000):
                start = rng.randrange(len(words) - length + 1)
                phrase = " ".join(words[start:start + length]).rstrip(".,")
                offset = len(" ".join(words[:start])) + (1 if start else 0)
                starts = [match.start() for match in re.finditer(re.escape(phrase), body)]
                wanted = phrase in COMMON if common else "." not in phrase and not COMMON.issuperset(phrase.split())
                if phrase and offset in starts and (wanted or attempt > 100):
                    break
            else:
                raise RuntimeError(f"no phrase found in paragraph {number} of {text.id}")
            occurrence = f" ({starts.index(offset) + 1})" if len(starts) > 1 else ""
            note = self.sentence(rng, rng.randint(20, 60))
            if rng.random() < 0.5:
                note += f" Compare {self.reference(rng, text)}."
            layer = LAYERS[order % len(LAYERS)] if order % 4 else LAYERS[0]
            layers.setdefault(layer, []).append(f'## p{number} "{phrase}"{occurrence}\n\n{note}\n')
            self.annotations += 1
        for layer, entries in layers.items():
            header = front_matter({"author": f"{layer.replace('-', ' ').capitalize()} readers",
                                   "date": datetime.date(2026, 1 + text.index % 12, 1 + text.index % 28)})
            self.write(self.readings / "notes" / layer / f"{text.id}.md", header + "\n".join(entries))
            self.notes_files += 1

    def person(self, person: Person, index: int) -> None:
        """A short biography that links the person's texts."""
        rng = random.Random(f"{self.plan.seed}:person:{index}")
        fields: dict = {"title": person.name}
        if person.kind != "person":
            fields["kind"] = person.kind
        born = rng.randint(1820, 1990)
        fields["born"] = born
        if person.kind == "person" and born + 95 < 2025:
            fields["died"] = born + rng.randint(35, 95)
        if person.kind == "person":
            first, *rest = person.name.split(" ")
            fields["sort_name"] = f"{' '.join(rest)}, {first}"
        fields["summary"] = self.sentence(rng, rng.randint(10, 25))
        fields["aliases"] = person.aliases
        works = self.plan.by_author.get(person.id, [])
        body = [self.sentence(rng, rng.randint(60, 160))]
        if works:
            body.append("Texts in the archive: " + ", ".join(f"[[{work.id}]]" for work in works[:8]) + ".")
        body.append(self.sentence(rng, rng.randint(40, 120)) + f" See also {self.reference(rng)}.")
        self.write(self.docs / "people" / f"{person.id}.md", front_matter(fields) + "\n\n".join(body) + "\n")

    def term(self, term: Term, index: int) -> None:
        """A glossary entry with a one-sentence definition, related terms and references."""
        rng = random.Random(f"{self.plan.seed}:term:{index}")
        others = [other.id for other in self.plan.terms if other.id != term.id]
        fields = {"title": term.title, "short": self.sentence(rng, rng.randint(8, 20)), "aliases": term.aliases,
                  "related": sorted(rng.sample(others, min(len(others), rng.randint(0, 3))), key=others.index)}
        body = [self.sentence(rng, rng.randint(60, 180)) + f" See {self.reference(rng)}.",
                self.sentence(rng, rng.randint(30, 90))]
        self.write(self.docs / "glossary" / f"{term.id}.md", front_matter(fields) + "\n\n".join(body) + "\n")

    def curriculum(self, index: int) -> None:
        """Weekly sessions on the block's fifty texts: whole texts, paragraph ranges, sections and an outside work."""
        plan = self.plan
        rng = random.Random(f"{plan.seed}:curriculum:{index}")
        texts = plan.texts[index * TEXTS_PER_CURRICULUM:(index + 1) * TEXTS_PER_CURRICULUM]
        start = datetime.date(2027, 1, 4) + datetime.timedelta(days=7 * (index % 40))
        lines = [f"title: {yaml_value(' '.join(plan.words(rng, 3, 4000)).capitalize())}",
                 f"summary: {yaml_value(self.sentence(rng, 20))}", "sessions:"]
        for session in range(min(6, max(1, len(texts) // 3))):
            lines += [f"  - title: {yaml_value(' '.join(plan.words(rng, 3, 4000)).capitalize())}",
                      f"    date: {start + datetime.timedelta(days=7 * session)}",
                      f"    place: {yaml_value('Room ' + str(rng.randint(1, 12)))}", "    readings:"]
            for reading, text in enumerate(rng.sample(texts, min(len(texts), rng.randint(2, 3)))):
                lines += self.assignment(rng, text, reading)
            lines.append("    questions:")
            lines += [f"      - {yaml_value(self.sentence(rng, rng.randint(8, 16))[:-1] + '?')}"
                      for _ in range(rng.randint(2, 4))]
            lines.append(f"    facilitator_notes: {yaml_value(self.sentence(rng, 25))}")
            lines.append("    further_reading:")
            lines += self.assignment(rng, rng.choice(texts), 1)
        body = self.sentence(rng, 80) + f" The course draws on {self.reference(rng)}.\n"
        self.write(self.docs / "curricula" / f"{plan.curriculum_ids[index]}.md",
                   "---\n" + "\n".join(lines) + "\n---\n\n" + body)

    def assignment(self, rng: random.Random, text: Text, reading: int) -> list[str]:
        """One reading: a text whole, a paragraph range, a section, or a work outside the archive."""
        form = rng.random()
        if reading == 2 and form < 0.3:
            return [f"      - title: {yaml_value(' '.join(self.plan.words(rng, 4)).capitalize())}",
                    f"        author: {yaml_value(' '.join(w.capitalize() for w in self.plan.words(rng, 2)))}",
                    f"        url: https://example.org/works/{rng.randint(1, 10**6)}/",
                    f"        pages: {rng.randint(4, 40)}"]
        lines = [f"      - text: {text.id}"]
        if form < 0.5:
            first = rng.randint(1, text.paragraphs)
            lines.append(f"        paragraphs: {first}-{min(text.paragraphs, first + rng.randint(0, 12))}")
        elif form < 0.8:
            lines.append(f"        section: {rng.choice(text.headings).slug}")
        return lines

    def debate(self, index: int) -> None:
        """The pieces of a block of twenty texts, replying to each other in order, and one piece outside the library."""
        plan = self.plan
        rng = random.Random(f"{plan.seed}:debate:{index}")
        pieces = [plan.texts[index * TEXTS_PER_DEBATE + offset] for offset in PIECE_OFFSETS
                  if index * TEXTS_PER_DEBATE + offset < len(plan.texts)]
        lines = [f"title: {yaml_value(' '.join(plan.words(rng, 4, 4000)).capitalize())}",
                 f"question: {yaml_value(self.sentence(rng, 14)[:-1] + '?')}",
                 f"summary: {yaml_value(self.sentence(rng, 18))}", "pieces:"]
        for piece in pieces:
            lines += [f"  - text: {piece.id}", f"    position: {yaml_value(self.sentence(rng, 16))}", "    claims:"]
            lines += [f"      - {yaml_value(self.sentence(rng, 10))}" for _ in range(rng.randint(1, 3))]
        external = plan.unique_id(f"{plan.debate_ids[index]}-reply")
        lines += [f"  - id: {external}",
                  f"    title: {yaml_value(' '.join(plan.words(rng, 4)).capitalize())}",
                  f"    author: {yaml_value(' '.join(w.capitalize() for w in plan.words(rng, 2)))}",
                  f"    date: {plan.debate_years[index] + len(PIECE_OFFSETS)}-06-01",
                  f"    url: https://example.org/replies/{external}/",
                  f"    responds_to: [{pieces[-1].id}]",
                  f"    position: {yaml_value(self.sentence(rng, 16))}", "    claims:",
                  f"      - {yaml_value(self.sentence(rng, 10))}"]
        body = [self.sentence(rng, 90), " ".join(f"[[{piece.id}]]" for piece in pieces) + " " + self.sentence(rng, 20)]
        self.write(self.docs / "debates" / f"{plan.debate_ids[index]}.md",
                   "---\n" + "\n".join(lines) + "\n---\n\n" + "\n\n".join(body) + "\n")

    def home(self) -> None:
        """The home page, pointing at the first course, debate and texts."""
        plan = self.plan
        rng = random.Random(f"{plan.seed}:home")
        body = (f"# A generated study archive\n\n{self.sentence(rng, 60)}\n\n"
                f"- Start with [[curriculum:{plan.curriculum_ids[0]}]].\n"
                f"- Weigh the arguments in [[debate:{plan.debate_ids[0]}]].\n"
                f"- Read [[{plan.texts[0].id}]] or [[{plan.texts[-1].id}#p1]].\n"
                f"- Look up [[term:{plan.terms[0].id}]] or [[person:{plan.people[0].id}]].\n")
        self.write(self.docs / "index.md", front_matter({"title": "Home", "hide": ["navigation"]}) + body)

    def section_indexes(self) -> None:
        """For the plain site only: a hand-written index page per section, listing its pages."""
        plan = self.plan
        sections = {
            "readings": ("Library", [(text.id, text.title) for text in plan.texts]),
            "people": ("People", [(person.id, person.name) for person in plan.people]),
            "glossary": ("Glossary", [(term.id, term.title) for term in plan.terms]),
            "curricula": ("Curricula", [(id, id) for id in plan.curriculum_ids]),
            "debates": ("Debates", [(id, id) for id in plan.debate_ids]),
        }
        for folder, (title, entries) in sections.items():
            links = "\n".join(f"- [{name}]({id}.md)" for id, name in entries)
            self.write(self.docs / folder / "index.md", f"# {title}\n\n{links}\n")

    def configuration(self) -> None:
        """The site's mkdocs.yml and, for the archive, the demo's stylesheet."""
        values = {"name": f"Generated archive of {len(self.plan.texts)} texts", "texts": len(self.plan.texts),
                  "seed": self.plan.seed}
        configuration = (PLAIN_LISTED_YML if self.listed else PLAIN_YML) if self.plain else ARCHIVE_YML
        self.write(self.root / "mkdocs.yml", configuration.format(**values))
        if not self.plain:
            self.write(self.root / "overrides" / "assets" / "site.css",
                       (REPOSITORY / "overrides" / "assets" / "site.css").read_text(encoding="utf-8"))


def generate(out: Path, texts: int, seed: int = 0, words: int = WORDS_PER_TEXT, plain: bool = False,
             listed: bool = False) -> Summary:
    """Write an archive of `texts` generated texts (or, with `plain`, the same Markdown as a plain site; with
    `listed` too, one whose navigation lists every page) into `out`."""
    if texts < 1 or words < 1:
        raise ValueError("an archive needs at least one text of at least one word")
    if listed and not plain:
        raise ValueError("only a plain site leaves its navigation to Material: `listed` needs `plain`")
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    plan = Plan(texts, seed, words)
    writer = Writer(plan, out, plain, listed)
    writer.configuration()
    writer.home()
    for text in plan.texts:
        writer.text(text)
    for index, person in enumerate(plan.people):
        writer.person(person, index)
    for index, term in enumerate(plan.terms):
        writer.term(term, index)
    for index in range(len(plan.curriculum_ids)):
        writer.curriculum(index)
    for index in range(len(plan.debate_ids)):
        writer.debate(index)
    if plain:
        writer.section_indexes()
    return Summary(out, len(plan.texts), len(plan.people), len(plan.terms), len(plan.curriculum_ids),
                   len(plan.debate_ids), writer.annotations, writer.notes_files, writer.words, writer.files,
                   writer.bytes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, required=True, help="how many texts to write")
    parser.add_argument("--seed", type=int, default=0, help="the same seed writes the same bytes (default: 0)")
    parser.add_argument("--words", type=int, default=WORDS_PER_TEXT, help="words per text (default: 4000)")
    parser.add_argument("--out", type=Path, required=True, help="an empty or new folder to write into")
    parser.add_argument("--plain", action="store_true", help="write a plain MkDocs + Material site of the same Markdown")
    parser.add_argument("--listed", action="store_true",
                        help="with --plain: leave the navigation to Material, which lists every page")
    arguments = parser.parse_args()
    start = time.perf_counter()
    summary = generate(arguments.out, arguments.texts, arguments.seed, arguments.words, arguments.plain,
                       arguments.listed)
    print(f"{summary} in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
