"""What a live preview keeps of the files beside the pages: each by a hash of what it is made of."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

__all__ = ["body_key", "content_key", "front_key", "kept_or_made", "per_version", "shape_key"]

T = TypeVar("T")


def content_key(*parts: object) -> bytes:
    """A hash of `parts` (plain values whose repr says everything they hold)."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).digest()


def body_key(document) -> bytes:
    """`content_key` of a document's body."""
    return per_version(document, "body", lambda: content_key(document.body))


def front_key(document) -> bytes:
    """`content_key` of what a document's front matter gives: its path, its fields, and whether they are valid."""
    return per_version(document, "front", lambda: content_key(document.path, document.front.data, document.meta is not None))


def shape_key(document) -> bytes:
    """`content_key` of what a reference to a document prints: its front matter, its headings and how many
    paragraphs it has."""
    return per_version(document, "shape", lambda: content_key(document.path, document.front.data, document.outline.headings,
                                                        len(document.outline.paragraphs)))


_PER_VERSION: dict[tuple[str, str], tuple[object, object]] = {}


def per_version(document, what: str, make: Callable[[], T]) -> T:
    """What `make` makes of `document` (its `what`), once per version of it: the parsed-document cache of a live preview hands back the
    same document while its source is unchanged, and hashing every document's front matter or body again on every
    rebuild took a second at 2,000 texts."""
    known = _PER_VERSION.get((document.path, what))
    if known is None or known[0] is not document:
        known = _PER_VERSION[(document.path, what)] = (document, make())
    return known[1]


def kept_or_made(kept: dict, slot: str, key: bytes, make: Callable[[], T]) -> T:
    """What `kept` holds in `slot` if it was made from `key`; else `make()`, kept there under `key`."""
    if kept.get(slot, (None,))[0] != key:
        kept[slot] = (key, make())
    return kept[slot][1]
