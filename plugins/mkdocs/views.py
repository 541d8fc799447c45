"""What each part of the archive adds to the built site beyond its pages.

`TEMPLATE_FUNCTIONS` are Jinja globals the templates call with the archive (for example
the sessions that assign a text); `extra_files` yields files built with the site (feeds,
calendars, reading packets) as `(uri, content)` pairs. Both stay free of MkDocs logic:
the functions come from `plugins.core`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..core.catalog import Archive

__all__ = ["TEMPLATE_FUNCTIONS", "extra_files"]

TEMPLATE_FUNCTIONS: dict[str, Callable[..., Any]] = {}

FILE_MAKERS: list[Callable[[Archive, Any], Iterator[tuple[str, str | bytes]]]] = []
"""Functions of `(archive, config)` that yield `(uri, content)` for files built with the site."""


def extra_files(archive: Archive, config: Any) -> Iterator[tuple[str, str | bytes]]:
    for make in FILE_MAKERS:
        yield from make(archive, config)
