"""Atom feeds (RFC 4287) that let a reader follow the debates: one per debate, and one for all of them.

A debate's feed has an entry per piece, newest first; the feed of all debates has an entry per
debate, updated with its latest piece. Every date comes from the content, never from the clock,
so that two builds of the same archive write the same bytes:

- a piece dated to the day is published and updated that day, at midnight UTC;
- a piece dated only to a year is updated on the first of January of that year;
- an undated piece is updated with the latest date of its debate, and a debate with no date at
  all uses the Unix epoch, 1970-01-01, the usual stand-in for "no date known".

The library's feed has an entry per text, newest first by the text's own date, the undated last. The archive
keeps no date of addition (a file's first commit is lost in a shallow clone, and a copied archive has none), so
an entry is dated by its text as above, and the feed itself by the sources' date (`model.source_date`: the last
commit), which moves whenever the library changes; a feed reader learns of an addition by its new entry id.

Ids are `urn:uuid:` names derived from the site and the page, so they stay the same wherever the
site is hosted. Links are absolute when `site_url` is set, and relative to the feed otherwise.
"""

from __future__ import annotations

import datetime
import posixpath
import uuid
from collections.abc import Iterator

from feedgen.feed import FeedGenerator

from ..model.catalog import Catalog
from ..model.debate import Contribution, Conversation, Debate
from ..model.document import Kind
from ..model.indexes import text_key
from ..model.site import Site
from ..model.work import When

__all__ = ["FEED_NAME", "feed_url", "index_feed_url", "debate_feed", "debates_feed", "feeds", "library_feed"]

FEED_NAME = "atom.xml"
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def _identifier(site: Site, path: str) -> str:
    """A permanent id for a page or a place on it, the same for every build and every host."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, (site.url or site.name) + '/' + path)}"


def _href(site: Site, path: str, feed: str) -> str:
    """A link to the site URL `path` (`debates/x/#piece-y`) from the feed at site URL `feed`."""
    if site.url:
        return site.url.rstrip("/") + "/" + path
    page, _, fragment = path.partition("#")
    relative = posixpath.relpath(page or ".", posixpath.dirname(feed) or ".")
    relative = "./" if relative == "." else relative + ("/" if page.endswith("/") else "")
    return relative + (f"#{fragment}" if fragment else "")


def feed_url(debate: Debate) -> str:
    """The site URL of a debate's feed, beside its page."""
    return debate.document.url + FEED_NAME


def index_feed_url(folder: str) -> str:
    """The site URL of the feed of all debates, in the debates folder."""
    return f"{folder}/{FEED_NAME}"


def _instant(when: When | None) -> datetime.datetime | None:
    if when is None:
        return None
    day = when.day or datetime.date(when.year, 1, 1)
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)


def _latest(debate: Debate) -> datetime.datetime:
    span = debate.span
    return _instant(span[1]) if span else EPOCH


def _generator(site: Site, title: str, path: str, feed: str, page: str) -> FeedGenerator:
    generator = FeedGenerator()
    generator.id(_identifier(site, path))
    generator.title(title)
    generator.author(name=site.name)
    generator.link(href=_href(site, page, feed), rel="alternate", type="text/html")
    generator.link(href=_href(site, feed, feed), rel="self", type="application/atom+xml")
    if site.language:
        generator.language(site.language)
    return generator


def _summary(debate: Debate, contribution: Contribution) -> str:
    answered = list(dict.fromkeys(debate.contribution(reply.target).work.title for reply in debate.replies
                                  if reply.source == contribution.work.id))
    lines = [f"In reply to: {'; '.join(answered)}", ""] if answered else []
    lines += [contribution.position, "", "Key claims:"] + [f"- {claim}" for claim in contribution.claims]
    return "\n".join(lines)


def debate_feed(debate: Debate, site: Site) -> bytes:
    """The feed of one debate: its question, then an entry for each piece, newest first."""
    page, feed = debate.document.url, feed_url(debate)
    generator = _generator(site, debate.document.title, page, feed, page)
    generator.subtitle(debate.document.meta.question)
    latest = _latest(debate)
    generator.updated(latest)
    for contribution in sorted(debate.contributions, key=lambda c: c.sort_key, reverse=True):
        work = contribution.work
        entry = generator.add_entry(order="append")
        entry.id(_identifier(site, f"{page}#piece-{work.id}"))
        entry.title(work.title)
        for author in work.authors:
            entry.author(name=author)
        # One link, the alternate: feedgen 1.0 writes only the href of an entry's links, so a second one
        # (the external work's own address, which the debate page gives) would read as a second alternate.
        entry.link(href=_href(site, work.page + work.anchor, feed))
        if work.when and work.when.day:
            entry.published(_instant(work.when))
        entry.updated(_instant(work.when) or latest)
        entry.summary(_summary(debate, contribution))
    return generator.atom_str(pretty=True)


def debates_feed(talk: Conversation, site: Site, folder: str) -> bytes:
    """The feed of all debates: an entry per debate, updated with its latest piece."""
    feed = index_feed_url(folder)
    generator = _generator(site, f"Debates — {site.name}", f"{folder}/", feed, f"{folder}/")
    generator.subtitle("Every debate in the archive, updated when a piece is added.")
    debates = sorted(talk.debates, key=lambda debate: (_latest(debate), debate.document.title), reverse=True)
    generator.updated(max((_latest(debate) for debate in debates), default=EPOCH))
    for debate in debates:
        entry = generator.add_entry(order="append")
        entry.id(_identifier(site, debate.document.url))
        entry.title(debate.document.title)
        entry.link(href=_href(site, debate.document.url, feed))
        entry.updated(_latest(debate))
        entry.summary(_debate_summary(debate))
    return generator.atom_str(pretty=True)


def _debate_summary(debate: Debate) -> str:
    count = len(debate.contributions)
    lines = [debate.document.meta.question, "", f"{count} piece{'s' if count != 1 else ''}, {debate.dates}."]
    latest = debate.latest_reply
    if latest:
        lines.append(f"Latest reply: {latest.work.title}" + (f" ({latest.work.when})" if latest.work.when else ""))
    return "\n".join(lines)


def feeds(talk: Conversation, site: Site, folder: str) -> Iterator[tuple[str, bytes]]:
    """Every debate feed as `(site path, content)`, then the feed of all debates."""
    for debate in talk.debates:
        yield feed_url(debate), debate_feed(debate, site)
    yield index_feed_url(folder), debates_feed(talk, site, folder)


def library_feed(archive: Catalog, site: Site, updated: datetime.datetime) -> bytes:
    """The feed of the library: an entry per text, newest first, undated last; `updated` is the sources' date."""
    folder = archive.layout.folder_of(Kind.TEXT)
    feed = index_feed_url(folder)
    generator = _generator(site, f"Library — {site.name}", f"{folder}/", feed, f"{folder}/")
    generator.subtitle("Every text in the library; a new entry for each text added.")
    generator.updated(updated)
    texts = sorted((text for text in archive.of_kind(Kind.TEXT) if text.meta is not None), key=text_key)
    dated = [text for text in texts if _text_instant(text)]
    for text in [*reversed(dated), *(text for text in texts if not _text_instant(text))]:
        entry = generator.add_entry(order="append")
        entry.id(_identifier(site, text.url))
        entry.title(text.title)
        for author in archive.authors_of(text):
            entry.author(name=author.title)
        entry.link(href=_href(site, text.url, feed))
        if text.meta.published:
            entry.published(_text_instant(text))
        entry.updated(_text_instant(text) or EPOCH)
        entry.summary(text.meta.summary)
    return generator.atom_str(pretty=True)


def _text_instant(text) -> datetime.datetime | None:
    meta = text.meta
    return _instant(When(meta.published.year, meta.published) if meta.published else When(meta.year) if meta.year else None)
