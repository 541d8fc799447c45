"""`archive import`: bring a text in from the archives readers already use, as a text of the library.

Two sources are read: a saved page of the Marxists Internet Archive (`mia.py`) and an Amusewiki `.muse` file of the
Anarchist Library (`muse.py`). Either becomes an `Edition`, which is written as `readings/<id>.md` with valid front
matter, its authors matched with the archive's people by name or alias; then the archive is read again, the new
text's paragraphs are recorded in the manifest as `archive manifest` records them, and the result says what was
written and everything that could not be carried over.

    imported = import_text(root, layout, reader, Path("lenin-what-is-to-be-done.htm"), summary="…")
    print("\\n".join(imported.report()))
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..archive import Archive
from ..document import Kind, Layout
from ..manifest import MANIFEST, record_text
from ..outline import Reader
from ..problem import counted
from .edition import Edition, ImportRefusal, source_text

__all__ = ["Imported", "ImportRefusal", "RIGHTS", "import_text", "read_edition"]

RIGHTS = ("public-domain", "copyright-excerpt", "cc-by", "cc-by-sa", "cc-by-nc-sa", "permission")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FORMATS = "a saved Marxists Internet Archive page (.htm, .html) or an Amusewiki .muse file"


@dataclass
class Imported:
    """What an import wrote, and what it could not carry over."""

    path: str
    edition: Edition
    paragraphs: int
    manifest: str | None
    """The manifest its paragraphs were recorded in; None when the written text is not valid."""
    unresolved: dict[str, str] = field(default_factory=dict)
    """Authors' names with no person in the archive, and the id a person file for each would take."""

    def report(self) -> list[str]:
        """Lines for the contributor: what was written, then what to do and what was left out."""
        edition = self.edition
        lines = [f"wrote {self.path}: {counted(self.paragraphs, 'paragraph')}, "
                 f"{counted(len(edition.footnotes), 'footnote')}, from the {edition.origin.removeprefix('The ')}",
                 f"recorded its paragraphs in {self.manifest}" if self.manifest else
                 "its paragraphs are not recorded: fix the problems below, then run `archive manifest`"]
        for name, id in self.unresolved.items():
            lines.append(f"no person in the archive is called '{name}': run `archive new person {id} --title "
                         f"\"{name}\" --summary \"…\"`, then uncomment `authors: [{id}]` in {self.path}")
        if edition.provenance:
            lines.append(f"the provenance no field holds ({', '.join(label for label, _ in edition.provenance)}) is "
                         "under \"About this edition\" at the end of the text")
        if edition.lost:
            lines.append("not carried over:")
            lines += [f"  - {what}" for what in edition.lost]
        return lines


def read_edition(path: Path) -> Edition:
    """The edition in a saved page or a .muse file, whichever `path` is; refused if it is neither."""
    from . import mia, muse  # Here, so that the other commands never load BeautifulSoup.

    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportRefusal(f"cannot read it ({error.strerror}): give {FORMATS}") from None
    suffix = path.suffix.lower()
    text = _decoded(data, html=suffix in (".htm", ".html"))
    if suffix == ".muse" or (suffix not in (".htm", ".html") and muse.is_muse(text)):
        if not muse.is_muse(text):
            raise ImportRefusal("not a Muse file: it does not start with #title or #author headers; give " + FORMATS)
        return muse.read_muse(text)
    if mia.is_mia(text):
        return mia.read_mia(text)
    raise ImportRefusal(f"not a recognised format: give {FORMATS}")


def import_text(root: Path, layout: Layout, reader: Reader, source: Path, *, id: str | None = None,
                folder: Path | None = None, summary: str | None = None, rights: str | None = None,
                ask_summary: Callable[[], str] | None = None) -> Imported:
    """Write the text `source` holds into the library of the archive in `root`, and record its paragraphs.

    The summary is the archive's own words, which no source holds: given, or asked for once all else is known.
    """
    edition = read_edition(source)
    if rights:
        edition.rights = rights
    if edition.rights is None:
        where = "a .muse file has no rights header" if source.suffix.lower() == ".muse" else \
            "the page's information block has no Public Domain or Copyleft line the archive can read"
        raise ImportRefusal(f"no rights found ({where}): give --rights, one of {', '.join(RIGHTS)}")
    archive = Archive.load(root, layout, reader)
    people = _people(archive)
    authors = [people.get(_name_key(name)) for name in edition.authors]
    resolved = [author for author in authors if author]
    unresolved = {name: _slug(name.split()[-1]) or "author" for name, author in zip(edition.authors, authors)
                  if not author}
    id = id or _id_for(edition, resolved, unresolved)
    if not SLUG.match(id):
        raise ImportRefusal(f"'{id}' is not a valid id: ids are lowercase letters, digits and hyphens; try "
                            f"'{_slug(id)}'")
    path = _path_for(root, layout, folder, id)
    if (root / path).exists():
        raise ImportRefusal(f"{path} already exists: choose another --id, or delete that file first")
    used = archive.by_id.get(id)
    if used is not None:
        raise ImportRefusal(f"the id '{id}' is already used by {used.path}: choose another --id")
    _readable_manifest(root)
    summary = summary or (ask_summary() if ask_summary is not None else None)
    if not summary:
        raise ImportRefusal(f"a text needs a summary in the archive's words: give --summary \"one or two sentences "
                            f"on what '{edition.title}' argues\", or run `archive import` in a terminal to be asked")
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(source_text(edition, resolved, unresolved, summary), encoding="utf-8")
    archive = Archive.load(root, layout, reader)
    text = next((document for document in archive.of_kind(Kind.TEXT) if document.path == path), None)
    if text is None or text.meta is None:  # Its problems are the check's to show.
        return Imported(path, edition, 0, None, unresolved)
    manifest = record_text(archive, id).relative_to(root).as_posix()
    return Imported(path, edition, len(text.outline.paragraphs), manifest, unresolved)


def _readable_manifest(root: Path) -> None:
    """A manifest that is there must be JSON, so that the new text's entry can be added to it."""
    path = root / MANIFEST
    if not path.is_file():
        return
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise ImportRefusal(f"{MANIFEST} is not valid JSON ({error}): fix it, or run `archive manifest`, then "
                            "import again") from None


def _decoded(data: bytes, *, html: bool) -> str:
    if html:
        from bs4 import UnicodeDammit  # Saved pages say their encoding in a meta tag, or not at all.

        return UnicodeDammit(data, ["utf-8", "windows-1252"], is_html=True).unicode_markup or ""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefusal("not UTF-8 text: save the .muse file as UTF-8") from None


def _people(archive: Archive) -> dict[str, str]:
    """Each person's id under the keys of its name and aliases."""
    people: dict[str, str] = {}
    for person in archive.of_kind(Kind.PERSON):
        if person.meta is None:
            continue
        for name in [person.meta.title, *person.meta.aliases]:
            people.setdefault(_name_key(name), person.id)
    return people


def _name_key(name: str) -> str:
    """A name as it compares: case, accents, dots and spacing aside (`V.I. Lenin` is `V. I. Lenin`)."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in folded if char.isalnum())


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def _id_for(edition: Edition, resolved: list[str], unresolved: dict[str, str]) -> str:
    """`<author>-<first words of the title>`: `lenin-what-is-to-be-done`."""
    author = resolved[0] if resolved else next(iter(unresolved.values()), "")
    title = "-".join(_slug(edition.title).split("-")[:6])
    return "-".join(part for part in (author, title) if part) or "imported-text"


def _path_for(root: Path, layout: Layout, folder: Path | None, id: str) -> str:
    """The new file's path from the root: in the readings folder, or a folder inside it (given from the root)."""
    readings = (root / layout.readings_dir).resolve()
    target = readings if folder is None else (folder if folder.is_absolute() else root / folder).resolve()
    if target != readings and readings not in target.parents:
        raise ImportRefusal(f"--readings {folder} is not inside the archive's readings folder ({layout.readings_dir}/)"
                            ": a text must be there to be published")
    notes = readings / layout.notes_folder
    if target == notes or notes in target.parents:
        raise ImportRefusal(f"--readings {folder} is the notes folder: give a folder for texts")
    return (target / f"{id}.md").relative_to(root.resolve()).as_posix()
