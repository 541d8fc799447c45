"""The generated index pages: the library by author, by year, by topic and by kind, and a page per topic.

The orders are the model's (`study_archive.model.indexes`); this module names the pages and their templates, and
gives the templates what they call. An index with nothing to list is not made, so no page of the site is empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model.archive import Archive
from ..model.document import Kind
from ..model.site import Site
from ..model.source_date import source_date
from .feed import index_feed_url, library_feed
from .kept import content_key, front_key, kept_or_made
from ..model.indexes import (TOPICS_FOLDER, Topic, authors_index, chronology, dating, family_name, kinds_index,
                             latest_replies, newest_texts, topic_title, topics_index)

__all__ = ["IndexPage", "index_pages", "library_files", "INDEX_FUNCTIONS", "FOLDER"]

FOLDER = "indexes"
"""Where the index pages live: beside the sections, so that no text's id can take one's address."""


@dataclass(frozen=True)
class IndexPage:
    """One generated index page: where it is, its title, its template and, for a topic's page, the topic."""

    uri: str
    title: str
    template: str
    topic: Topic | None = None

    @property
    def url(self) -> str:
        return self.uri.removesuffix("index.md")


def topic_url(id: str) -> str:
    """The site URL of a topic's page."""
    return f"{TOPICS_FOLDER}/{id}/"


def has_indexes(archive: Archive) -> bool:
    """Whether the archive has a text to list, and so its indexes and the library's feed."""
    return any(text.meta for text in archive.of_kind(Kind.TEXT))


def index_pages(archive: Archive) -> list[IndexPage]:
    """The index pages this archive has something to list on: none without texts, no topics page without topics."""
    if not has_indexes(archive):
        return []
    topics = topics_index(archive)
    pages = [
        IndexPage(f"{FOLDER}/index.md", "Indexes", "archive/indexes.html"),
        IndexPage(f"{FOLDER}/authors/index.md", "Texts by author", "archive/index-authors.html"),
        IndexPage(f"{FOLDER}/years/index.md", "Texts by year", "archive/index-years.html"),
        IndexPage(f"{FOLDER}/kinds/index.md", "Texts by kind", "archive/index-kinds.html"),
    ]
    if topics:
        pages.append(IndexPage(f"{TOPICS_FOLDER}/index.md", "Topics", "archive/index-topics.html"))
        pages += [IndexPage(topic.uri, f"Topic: {topic.title}", "archive/topic.html", topic) for topic in topics]
    return pages


def library_feed_url(archive: Archive) -> str:
    """The site URL of the library's feed, in the readings folder."""
    return index_feed_url(archive.layout.folder_of(Kind.TEXT))


def library_files(archive: Archive, site: Site, kept: dict | None = None) -> Iterator[tuple[str, bytes]]:
    """The library's Atom feed, when the library has a text.

    `kept`, for a live preview, holds the feed by a hash of what it is made of (the texts' and the people's front
    matter, the sources' date and the site): at 2,000 texts, making it takes a second a build."""
    if not has_indexes(archive):
        return
    when = source_date(archive.root, (archive.layout.content_dir, archive.layout.readings_dir))
    if kept is None:
        yield library_feed_url(archive), library_feed(archive, site, when)
        return
    key = content_key(when, site, [front_key(document) for kind in (Kind.TEXT, Kind.PERSON)
                                   for document in archive.of_kind(kind)])
    yield library_feed_url(archive), kept_or_made(kept, "feed", key, lambda: library_feed(archive, site, when))


INDEX_FUNCTIONS = {
    "has_indexes": has_indexes,
    "library_feed_url": library_feed_url,
    "authors_index": authors_index,
    "chronology": chronology,
    "topics_index": topics_index,
    "kinds_index": kinds_index,
    "dating": dating,
    "family_name": family_name,
    "topic_url": topic_url,
    "topic_title": topic_title,
    "newest_texts": newest_texts,
    "latest_replies": latest_replies,
}
"""For templates: `has_indexes(archive)`, `library_feed_url(archive)`, `authors_index(archive)`, `chronology(archive)`, `topics_index(archive)`, `kinds_index(archive)`,
`dating(text)`, `family_name(person)`, `topic_url(id)`, `topic_title(archive, id)`, `newest_texts(archive, count)`,
`latest_replies(conversation(archive), count)`."""
