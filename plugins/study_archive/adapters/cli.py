"""The `archive` command: start files, import texts, check an archive without building it, keep its schemas current,
make packets, search a built site."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from ..model.archive import Archive
from ..model.curriculum import Syllabus
from ..model.document import Kind
from ..model.imports import RIGHTS, ImportRefusal, import_text
from ..model.manifest import write_manifest
from ..model.schema import stale_schemas, write_schemas
from ..model.problem import counted
from ..model.site import Site
from ..renderer.pipeline import reader_for
from .check import FORMATS
from .check import check as check_archive
from .check import find_problems
from .scaffold import add_new_command, new
from .zensical.commands import register as register_zensical

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="archive", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="report every problem a strict build would find, without building")
    check.add_argument("root", nargs="?", default=".", type=Path, help="the archive's folder (default: .)")
    check.add_argument("--format", choices=FORMATS, default="text",
                       help="text: file:line:column lines; github: Actions annotations; json: one object per line")
    manifest = commands.add_parser("manifest", help="record how each text's paragraphs are numbered, in paragraphs.json")
    manifest.add_argument("root", nargs="?", default=".", type=Path, help="the archive's folder (default: .)")
    schemas = commands.add_parser("schemas", help="write the front-matter JSON Schemas to schemas/")
    schemas.add_argument("--check", action="store_true", help="only report schemas that are out of date")
    schemas.add_argument("--folder", default=Path("schemas"), type=Path)
    packet = commands.add_parser("packet", help="write a curriculum's reading packet as an EPUB")
    packet.add_argument("curriculum", type=Path, help="the curriculum's file, e.g. content/curricula/course.md")
    packet.add_argument("-o", "--output", type=Path, help="the EPUB to write (default: <id>.epub)")
    packet.add_argument("--root", default=Path("."), type=Path, help="the archive's folder (default: .)")
    packet.add_argument("--site-url", help="the published site's address, for links in the book (default: site_url)")
    add_new_command(commands)
    imports = commands.add_parser("import", help="bring in a text from a saved Marxists Internet Archive page or an "
                                  "Amusewiki .muse file")
    imports.add_argument("path", type=Path, help="the saved page (.htm, .html) or the .muse file")
    imports.add_argument("--id", help="the new text's id (default: its author and the first words of its title)")
    imports.add_argument("--readings", type=Path, help="a folder inside the readings folder to write it in, "
                         "from the archive's folder (default: the readings folder)")
    imports.add_argument("--summary", help="one or two sentences, in the archive's words, on what it argues "
                         "(asked for in a terminal)")
    imports.add_argument("--rights", choices=RIGHTS,
                         help="its rights, when the source does not say (a .muse file never does)")
    imports.add_argument("--root", default=Path("."), type=Path, help="the archive's folder (default: .)")
    register_zensical(commands)
    search = commands.add_parser("search", help="search a built site with its own index, as its search field does")
    search.add_argument("query", help='words, "a quoted phrase" or a name')
    search.add_argument("--site", default=Path("site"), type=Path, help="the built site's folder (default: site)")
    search.add_argument("--limit", default=10, type=int, help="how many documents to show (default: 10)")
    arguments = parser.parse_args(argv)
    if hasattr(arguments, "run"):
        return arguments.run(arguments)
    if arguments.command == "new":
        return new(arguments)
    if arguments.command == "import":
        return _import(arguments)
    if arguments.command == "search":
        return _search(arguments.query, arguments.site, arguments.limit)
    if arguments.command == "check":
        return check_archive(arguments.root, arguments.format)
    if arguments.command == "manifest":
        print(f"wrote {write_manifest(_load(arguments.root))}")
        return 0
    if arguments.command == "packet":
        return _packet(arguments.curriculum, arguments.output, arguments.root, arguments.site_url)
    return _schemas(arguments.folder, arguments.check)


def _load(root: Path) -> Archive:
    """The archive as the site sees it: its folders and Markdown extensions come from mkdocs.yml."""
    site = Site.load(root)
    return Archive.load(root, site.layout, reader_for(site))


def _schemas(folder: Path, check_only: bool) -> int:
    if check_only:
        stale = stale_schemas(folder)
        for path in stale:
            print(f"{path}: out of date; run `archive schemas` and commit the result", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(folder):
        print(f"wrote {path}")
    return 0


def _packet(path: Path, output: Path | None, root: Path, site_url: str | None) -> int:
    """Build one curriculum's EPUB exactly as the site build does, reading the site's settings."""
    from ..model.source_date import source_date  # Here, so that the other commands never load the outputs.
    from ..outputs.excerpt import Excerpter, notes_on_paragraph
    from ..outputs.packet import write_packet

    site = Site.load(root)
    archive = _load(root)
    try:
        source = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        source = path.as_posix()
    curriculum = next((document for document in archive.documents if document.path == source), None)
    if curriculum is None or curriculum.kind is not Kind.CURRICULUM:
        where = f"{site.layout.content_dir}/{site.layout.folder_of(Kind.CURRICULUM)}/"
        print(f"{path}: not a curriculum of the archive in {root}: give a file in {where}", file=sys.stderr)
        return 2
    problems = archive.problems.for_path(curriculum.path)
    for problem in sorted(problems):
        print(problem, file=sys.stderr)
    syllabus = Syllabus.of(archive, curriculum, site.words_per_minute)
    if problems or syllabus is None:
        return 1
    url = site_url or site.url
    excerpter = Excerpter(archive, replace(site, url=url), notes=notes_on_paragraph(archive))
    output = output or Path(f"{curriculum.id}.epub")
    modified = source_date(root, (site.layout.content_dir, site.layout.readings_dir))
    output.write_bytes(write_packet(archive, syllabus, excerpter, modified=modified, site_name=site.name,
                                    site_url=url, language=site.language))
    rendering = excerpter.take_problems()  # What the sanitizer removed from the book, as the site build reports it.
    for problem in rendering:
        print(problem, file=sys.stderr)
    excerpts = sum(reading.text is not None for meeting in syllabus.meetings for reading in meeting.readings)
    print(f"wrote {output}: {counted(len(syllabus.meetings), 'session')}, {counted(excerpts, 'excerpt')}")
    return 1 if rendering else 0


def _import(arguments: argparse.Namespace) -> int:
    """Write the text, then show what was written, what to do next and what was left out."""
    site = Site.load(arguments.root)
    ask = (lambda: input("summary, in the archive's words: ").strip()) if sys.stdin.isatty() else None
    try:
        imported = import_text(arguments.root, site.layout, reader_for(site), arguments.path, id=arguments.id,
                               folder=arguments.readings, summary=arguments.summary, rights=arguments.rights,
                               ask_summary=ask)
    except ImportRefusal as refusal:
        print(f"archive import: {arguments.path}: {refusal}", file=sys.stderr)
        return 2
    for line in imported.report():
        print(line)
    # The whole check, rendering included, as a strict build would see the new text.
    problems = [problem for problem in find_problems(arguments.root)[1] if problem.path == imported.path]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def _search(text: str, site_dir: Path, limit: int) -> int:
    """Print each matching document with its best paragraphs: `title (kind, year) — url`, then `¶N snippet`."""
    # Only this command reads an index: the others stay quick.
    from ..outputs.query import PHRASE_IN_PART, Index, Query, snippet

    try:
        index = Index(site_dir)
    except OSError:
        print(f"{site_dir}: no search index here: build the site first (mkdocs build)", file=sys.stderr)
        return 2
    query = Query.parse(text)
    results = index.search(text, limit=limit)
    for result in results:
        byline = ", ".join(part for part in [", ".join(result.authors), str(result.year or ""), result.kind] if part)
        print(f"{result.title} ({byline}) — {result.url}")
        for hit in result.hits:
            words = "".join(f"[{piece}]" if matched else piece for piece, matched in snippet(hit.text, query))
            print(f"  {hit.label}: {' '.join(words.split())}")
    if not results:
        print(f"nothing found for {text!r}", file=sys.stderr)
    if index.phrase_in_part(text):
        print(PHRASE_IN_PART, file=sys.stderr)
    return 0 if results else 1


if __name__ == "__main__":
    sys.exit(main())
