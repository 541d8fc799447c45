"""Sources: the Markdown files of an archive, each read once and parsed into a document.

Every Markdown file under the content and readings folders is read here, and nowhere else: its bytes are checked
for size, encoding and shape, its front matter parsed and validated against its kind, and its body read into an
outline by the renderer's reader, so that the catalog and every output work on the same parsed documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .document import Document, Layout
from .frontmatter import parse_front_matter, read_source
from .limits import check_front_matter_text, check_markdown, check_size, inside
from .outline import Reader
from .problem import Problems
from .validation import validate

__all__ = ["MARKDOWN_SUFFIXES", "linked_outside", "load_document", "markdown_files"]

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def load_document(root: Path, path: str, layout: Layout, reader: Reader, problems: Problems) -> Document:
    """Parse one source file into a document, recording its problems."""
    file = root / path
    raw = file.read_bytes() if check_size(path, file.stat().st_size, problems) else b""
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
    """Every Markdown source under the folders; one that leads outside the root is reported, never read."""
    files = []
    for folder in folders:
        base = root / folder
        for path in sorted(base.rglob("*")) if base.is_dir() else []:
            relative = path.relative_to(root).as_posix()
            if not relative.endswith(MARKDOWN_SUFFIXES) or any(part.startswith(".") for part in relative.split("/")):
                continue  # Not Markdown, or hidden as MkDocs has it.
            if not inside(root, path):
                problems.add(relative, 1, 1, "this file is a link to a place outside the repository",
                             "commit the file itself instead of a symlink to it")
            elif path.is_file():
                files.append(relative)
    return sorted(files)


def linked_outside(root: Path, folders: Iterable[str], problems: Problems) -> None:
    """Report every other file under the folders (images, PDFs) that is a link to a place outside the root.

    A site builder refuses to copy them; `markdown_files` reports the Markdown ones.
    """
    for folder in folders:
        base = root / folder
        for path in sorted(base.rglob("*")) if base.is_dir() else []:
            relative = path.relative_to(root).as_posix()
            if relative.endswith(MARKDOWN_SUFFIXES) or any(part.startswith(".") for part in relative.split("/")):
                continue
            if not inside(root, path):
                problems.add(relative, 1, 1, "this file is a link to a place outside the repository",
                             "commit the file itself instead of a symlink to it")
