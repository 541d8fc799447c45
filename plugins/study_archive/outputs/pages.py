"""What each part of the archive adds to the built site beyond its pages.

`TEMPLATE_FUNCTIONS` are Jinja globals the templates call with the archive (for example
the sessions that assign a text); `extra_files` yields files built with the site (feeds,
calendars, reading packets) as `(uri, content)` pairs, a slow file's content perhaps as the
function that makes it (`Later`); `generated_pages` yields pages made
from a document's data (a curriculum's facilitator view), rendered with a template of their
own. All stay free of MkDocs logic: the functions come from `study_archive.model`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..model.archive import Archive
from .citation import citation_of
from ..model.document import Document
from ..model.problem import counted
from ..model.site import Site
from .curricula import CURRICULUM_FUNCTIONS, curriculum_files, facilitator_pages
from .debates import DEBATE_FUNCTIONS, debate_files
from .groups import GROUP_FUNCTIONS, group_files
from .versions import VERSION_FUNCTIONS, compare_pages
from .indexes import INDEX_FUNCTIONS, library_files

__all__ = ["TEMPLATE_FUNCTIONS", "Later", "extra_files", "generated_pages"]

Later = Callable[[], "str | bytes"]
"""The content of a file that is slow to make (a reading packet), as the function of no arguments that makes it."""

TEMPLATE_FUNCTIONS: dict[str, Callable[..., Any]] = {"citation_of": citation_of, "counted": counted}

FILE_MAKERS: list[Callable[..., Iterator[tuple[str, str | bytes | Later]]]] = []
"""Functions of `(archive, site, kept)` that yield `(uri, content)` for files built with the site, the content of a
slow one perhaps `Later`; `kept` is a dict a maker may keep its files in across the builds of a live preview, keyed
by everything they are made of."""

PAGE_MAKERS: list[Callable[[Archive], Iterator[tuple[str, str, str, Document]]]] = []
"""Functions of `(archive)` that yield `(uri, title, template, document)`: pages made from a document's data."""

TEMPLATE_FUNCTIONS.update(CURRICULUM_FUNCTIONS)
FILE_MAKERS.append(curriculum_files)
TEMPLATE_FUNCTIONS.update(DEBATE_FUNCTIONS)
FILE_MAKERS.append(debate_files)
TEMPLATE_FUNCTIONS.update(GROUP_FUNCTIONS)
FILE_MAKERS.append(group_files)
PAGE_MAKERS.append(facilitator_pages)
TEMPLATE_FUNCTIONS.update(VERSION_FUNCTIONS)
PAGE_MAKERS.append(compare_pages)
TEMPLATE_FUNCTIONS.update(INDEX_FUNCTIONS)
FILE_MAKERS.append(library_files)


def extra_files(archive: Archive, site: Site, kept: dict | None = None,
                later: bool = False) -> Iterator[tuple[str, str | bytes | Later]]:
    """Every file built beside the pages, as `(uri, content)`; `kept` (one dict per maker) for a live preview.

    With `later`, a file slow to make comes as `Later`, for the caller to make when and where it likes (a build
    makes the reading packets on another core); without, every file is made here."""
    for make in FILE_MAKERS:
        for uri, content in make(archive, site, None if kept is None else kept.setdefault(make.__qualname__, {})):
            yield uri, content() if callable(content) and not later else content


def generated_pages(archive: Archive) -> Iterator[tuple[str, str, str, Document]]:
    for make in PAGE_MAKERS:
        yield from make(archive)
