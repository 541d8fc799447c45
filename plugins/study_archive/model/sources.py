"""Sources: the Markdown files of an archive, each read once and parsed into a document.

Every Markdown file under the content and readings folders is read here, and nowhere else: its bytes are checked
for size, encoding and shape, its front matter parsed and validated against its kind, and its body read into an
outline by the renderer's reader, so that the catalog and every output work on the same parsed documents.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from .document import Document, Layout
from .frontmatter import parse_front_matter, read_source
from .limits import check_front_matter_text, check_markdown, check_size, inside
from .outline import Reader
from .problem import Problem, Problems
from .validation import validate

__all__ = ["MARKDOWN_SUFFIXES", "ParsedDocuments", "Survey", "Elsewhere", "load_document", "load_documents",
           "markdown_files", "survey"]

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


class ParsedDocuments:
    """Documents already parsed in this process, by their path, bytes and reading settings, for a live preview.

    A source whose bytes have not changed is not parsed again: its document and the problems it produced come back
    as they were. The key is the content, never a time, so an entry can never be stale. Documents are not changed
    after parsing, so one may serve several builds.
    """

    def __init__(self) -> None:
        self._parsed: dict[tuple[str, str], tuple[tuple, Document, tuple[Problem, ...]]] = {}
        """The latest version of each file: the key it was parsed by, the document and its problems."""

    def load(self, root: Path, path: str, layout: Layout, reader: Reader, problems: Problems, settings: str) -> Document:
        """`load_document`, once per distinct content; `settings` names what the reader reads by (its extensions)."""
        file = root / path
        if not check_size(path, file.stat().st_size, Problems()):
            return load_document(root, path, layout, reader, problems)
        raw = file.read_bytes()
        key = (hashlib.sha256(raw).digest(), layout, settings)
        known = self._parsed.get((str(root), path))
        if known is None or known[0] != key:
            found = Problems()
            known = (key, _parse(path, raw, layout, reader, found), tuple(found))
            self._parsed[(str(root), path)] = known
        problems.extend(known[2])
        return known[1]


Elsewhere = Callable[[Callable[[], Any]], Callable[[], Any]]
"""A way to run a function on another core: it takes the function and returns what gives its result when called
(the MkDocs adapter's runs it in a forked copy of the build, `adapters/aside.py`)."""


def load_documents(root: Path, paths: list[str], layout: Layout, reader: Reader, problems: Problems,
                   elsewhere: Elsewhere | None = None) -> list[Document]:
    """`load_document` for each path, in order. With `elsewhere`, every second source is parsed on another core
    while this process parses the others; the documents and their problems come back as if parsed here."""
    if elsewhere is None or len(paths) < 2:
        return [load_document(root, path, layout, reader, problems) for path in paths]
    theirs = elsewhere(partial(_load_part, root, paths[1::2], layout, reader))
    documents = [None] * len(paths)  # Every slot is filled: this process's sources, then the others'.
    documents[0::2] = [load_document(root, path, layout, reader, problems) for path in paths[0::2]]
    documents[1::2], found = theirs()
    problems.extend(found)
    return documents


def _load_part(root: Path, paths: list[str], layout: Layout, reader: Reader) -> tuple[list[Document], list]:
    problems = Problems()
    documents = [load_document(root, path, layout, reader, problems) for path in paths]
    return documents, list(problems)


def load_document(root: Path, path: str, layout: Layout, reader: Reader, problems: Problems) -> Document:
    """Parse one source file into a document, recording its problems."""
    file = root / path
    raw = file.read_bytes() if check_size(path, file.stat().st_size, problems) else b""
    return _parse(path, raw, layout, reader, problems)


def _parse(path: str, raw: bytes, layout: Layout, reader: Reader, problems: Problems) -> Document:
    source = read_source(path, raw, problems)
    front = parse_front_matter(source, problems)
    if not check_markdown(path, front.body, front.body_line, problems):
        front.body = ""
    check_front_matter_text(path, front, problems)
    kind = layout.kind_of(path)
    id = Path(path).stem
    meta = validate(kind.model, front, path, problems, kind.value) if front.valid else None
    document = Document(kind, id, path, layout.uri_of(path, kind, id), front, meta)
    document.outline = reader.outline(front.body)
    return document


def markdown_files(root: Path, folders: Iterable[str], problems: Problems) -> list[str]:
    """Every Markdown source under the folders; see `survey` for what else is found and reported."""
    return survey(root, folders, problems).markdown


@dataclass(frozen=True)
class Survey:
    """Every file under the source folders, sorted into what is published and what is refused (and reported)."""

    markdown: list[str]
    """Markdown sources, relative to the root."""
    assets: list[str]
    """Other regular files inside the root (images, PDFs), published as they are."""
    refused: frozenset[str]
    """Files that must not be read or copied: each has a problem saying why."""


_SPECIAL = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
            stat.S_IFBLK: "a block device"}


def survey(root: Path, folders: Iterable[str], problems: Problems) -> Survey:
    """Walk the folders once, without reading a file: every file becomes a source, an asset or a problem.

    Nothing is silently skipped: hidden files, Markdown under an unusual suffix, pipes, sockets, dangling symlinks,
    symlink loops and links out of the repository are each reported, and kept from MkDocs, which would hang on a pipe
    and stop with a traceback on a broken link.
    """
    markdown: list[str] = []
    assets: list[str] = []
    refused: set[str] = set()
    root = root.resolve()

    def refuse(relative: str, message: str, hint: str) -> None:
        refused.add(relative)
        problems.add(relative, 1, 1, f"not published: {message}", hint)

    def walk(folder: Path, inside_root: str, seen: frozenset[str]) -> None:
        """Walk `folder`, whose path from the root is `inside_root`, having come through the real folders `seen`."""
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            refuse(inside_root, f"the folder cannot be read ({error.strerror})", "check its permissions")
            return
        for entry in entries:
            path = entry.path
            relative = f"{inside_root}/{entry.name}"
            if entry.name.startswith("."):
                refuse(relative, f"'{entry.name}' is hidden (its name starts with a dot)",
                       "rename it without the dot to publish it, or keep it outside the archive's folders")
                continue
            try:
                info = os.stat(path)
            except FileNotFoundError:
                refuse(relative, "this symlink leads to nothing", "remove it, or commit the file itself")
                continue
            except OSError as error:
                refuse(relative, f"this symlink cannot be followed ({error.strerror})",
                       "remove it: it points to itself or to a loop of links")
                continue
            linked = entry.is_symlink()
            # Where a path really leads matters only for a link (outside the repository?) and a folder (a loop?).
            real = os.path.realpath(path) if linked or stat.S_ISDIR(info.st_mode) else path
            if linked and not inside(root, Path(real)):
                refused.add(relative)
                problems.add(relative, 1, 1, "this file is a link to a place outside the repository",
                             "commit the file itself instead of a symlink to it")
                continue
            if stat.S_ISDIR(info.st_mode):
                if real in seen:
                    refuse(relative, "this symlink leads back into a folder that contains it, a loop",
                           "remove it, or replace it with the folder's own files")
                else:
                    walk(Path(path), relative, seen | {real})
            elif not stat.S_ISREG(info.st_mode):
                kind = _SPECIAL.get(stat.S_IFMT(info.st_mode), "not a regular file")
                refuse(relative, f"this is {kind}, not a file", "remove it: only regular files are published")
            elif entry.name.endswith(MARKDOWN_SUFFIXES):
                markdown.append(relative)
            elif _LOOKS_LIKE_MARKDOWN.search(entry.name.lower()):
                refuse(relative, f"'{entry.name}' looks like a Markdown source, but MkDocs reads only names ending in "
                       f"{', '.join(MARKDOWN_SUFFIXES)} (this one would be copied out raw)",
                       f"rename it to '{_markdown_name(entry.name)}', or remove it if it is a backup")
            else:
                assets.append(relative)

    for folder in folders:
        base = root / folder
        if base.is_dir():
            walk(base, Path(folder).as_posix(), frozenset({os.path.realpath(base)}))
    return Survey(sorted(markdown), sorted(assets), frozenset(refused))


_LOOKS_LIKE_MARKDOWN = re.compile(r"\.(?:md|markdown|mdown|mkdn|mkd)(?:$|[.~#_-])")


def _markdown_name(name: str) -> str:
    match = _LOOKS_LIKE_MARKDOWN.search(name.lower())
    return name[:match.start()] + match.group(0).rstrip(".~#_-").lower() if match else name
