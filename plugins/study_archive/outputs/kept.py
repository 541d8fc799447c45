"""What a live preview keeps of the files beside the pages: each by a hash of what it is made of."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

__all__ = ["body_key", "content_key", "kept_or_made"]

T = TypeVar("T")


def content_key(*parts: object) -> bytes:
    """A hash of `parts` (plain values whose repr says everything they hold)."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).digest()


def body_key(document) -> bytes:
    """`content_key` of a document's body, made once per version of the document: the parsed-document cache hands
    back the same document while its source is unchanged, and hashing every assigned text's body again on every
    rebuild took half a second at 2,000 texts."""
    known = _BODIES.get(document.path)
    if known is None or known[0] is not document:
        known = _BODIES[document.path] = (document, content_key(document.body))
    return known[1]


_BODIES: dict[str, tuple[object, bytes]] = {}


def kept_or_made(kept: dict, slot: str, key: bytes, make: Callable[[], T]) -> T:
    """What `kept` holds in `slot` if it was made from `key`; else `make()`, kept there under `key`."""
    if kept.get(slot, (None,))[0] != key:
        kept[slot] = (key, make())
    return kept[slot][1]
