"""What debates add to the built site: their Atom feeds, and the local copy of Mermaid that draws their maps.

The work is done in `study_archive.model`; this module only reads the site's name, address and language,
and names the files. Mermaid is shipped with the plugin (MIT licence, in `assets/vendor/`) so that a
map draws offline; the small `assets/mermaid.js`, loaded on every page, fetches it only on pages that
have a diagram.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.archive import Archive
from ..model.debate import conversation
from .diagram import response_map
from ..theme import VENDOR
from ..model.document import Kind
from .feed import feed_url, feeds, index_feed_url
from .kept import content_key, front_key, kept_or_made
from ..model.site import Site

__all__ = ["DEBATE_FUNCTIONS", "debate_files"]




def debates_feed_url(archive: Archive) -> str:
    """The site URL of the feed of all debates."""
    return index_feed_url(archive.layout.folder_of(Kind.DEBATE))


DEBATE_FUNCTIONS = {
    "conversation": conversation,
    "response_map": response_map,
    "debate_feed_url": feed_url,
    "debates_feed_url": debates_feed_url,
}
"""For templates: `conversation(archive)`, `response_map(debate)`, `debate_feed_url(debate)`,
`debates_feed_url(archive)`."""


def debate_files(archive: Archive, site: Site, kept: dict | None = None) -> Iterator[tuple[str, bytes]]:
    """The Atom feed of each debate and of all debates, and the vendored Mermaid script (made anew each time).

    `kept`, for a live preview, holds the feeds by a hash of every document's front matter, which is all they show
    (pieces, replies, titles, authors and dates)."""
    talk = conversation(archive)
    if talk.debates:
        def made() -> list[tuple[str, bytes]]:
            return list(feeds(talk, site, archive.layout.folder_of(Kind.DEBATE)))

        if kept is None:
            yield from made()
        else:
            key = content_key(site, [front_key(document) for document in archive.documents])
            yield from kept_or_made(kept, "feeds", key, made)
    for path in sorted(VENDOR.iterdir()) if VENDOR.is_dir() else []:
        yield f"assets/archive/vendor/{path.name}", path.read_bytes()
