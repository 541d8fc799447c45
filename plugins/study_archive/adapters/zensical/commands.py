"""The `archive` subcommands that build the site with Zensical: `assemble`, `finish`, and `build --engine`.

    archive assemble --out .zensical          # the Zensical project of the archive in .
    zensical build --clean -f .zensical/mkdocs.yml
    archive finish --site .zensical/site      # policy, mends, link check, the rendering's problems

or all three at once: `archive build --engine zensical`. Every problem is printed as `file:line:column: message`
and makes the command fail.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from ...model.archive import Archive
from ...model.problem import Problem
from ...model.site import Site
from ...renderer.pipeline import reader_for

__all__ = ["register"]

DEFAULT_OUT = Path(".zensical")


def register(commands: argparse._SubParsersAction) -> None:
    """Add the subcommands to the `archive` parser; each sets `run`, the function that carries it out."""
    parser = commands.add_parser("assemble", help="write the archive as a Zensical project")
    parser.add_argument("root", nargs="?", default=Path("."), type=Path, help="the archive's folder (default: .)")
    parser.add_argument("--out", type=Path, help=f"the project's folder (default: {DEFAULT_OUT} in the archive's)")
    parser.set_defaults(run=lambda arguments: _assemble(arguments.root, arguments.out or arguments.root / DEFAULT_OUT))
    parser = commands.add_parser("finish", help="after `zensical build`: policy, mends and the link check")
    parser.add_argument("--site", required=True, type=Path, help="the built site, inside the assembled project")
    parser.add_argument("--project", type=Path, help="the assembled project (default: the site's parent folder)")
    parser.set_defaults(run=lambda arguments: _finish(arguments.project or arguments.site.parent, arguments.site))
    parser = commands.add_parser("build", help="build the site with MkDocs or with Zensical")
    parser.add_argument("root", nargs="?", default=Path("."), type=Path, help="the archive's folder (default: .)")
    parser.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs")
    parser.add_argument("--out", type=Path, help="Zensical's project folder; the site is built into its site/ "
                                                 f"(default: {DEFAULT_OUT} in the archive's folder)")
    parser.set_defaults(run=lambda arguments: _build(arguments.root, arguments.engine,
                                                     arguments.out or arguments.root / DEFAULT_OUT))


def _load(root: Path) -> tuple[Archive, Site]:
    site = Site.load(root)
    return Archive.load(root, site.layout, reader_for(site)), site


def _assemble(root: Path, out: Path, archive_site: tuple[Archive, Site] | None = None) -> int:
    if not (root / "mkdocs.yml").is_file():
        print(f"{root / 'mkdocs.yml'}: no such file: assemble reads the site's settings from it", file=sys.stderr)
        return 2
    from .assemble import assemble  # Here, as the `archive` command loads the outputs only for what needs them.

    archive, site = archive_site or _load(root)
    assembly = assemble(root, out, archive, site)
    _report(assembly.problems)
    print(f"assembled {len(assembly.pages)} pages in {out}: {archive.summary()}")
    return 1 if assembly.problems else 0


def _finish(project: Path, site: Path, archive: Archive | None = None) -> int:
    from .finish import finish

    if archive is None:
        archive, _ = _load(_root_of(project))
    finished = finish(project, site, archive)
    _report(finished.problems)
    print(f"finished {finished.pages} pages in {site}: {len(finished.problems)} problems")
    return 1 if finished.problems else 0


def _build(root: Path, engine: str, out: Path) -> int:
    started = time.perf_counter()
    if engine == "mkdocs":
        return subprocess.call([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root)
    loaded = _load(root)
    assembled = _assemble(root, out, loaded)
    if assembled == 2:
        return assembled
    project = out.resolve()
    zensical = subprocess.call([sys.executable, "-m", "zensical", "build", "--clean",
                                "--config-file", str(project / "mkdocs.yml")], cwd=project)
    if zensical != 0:
        print(f"zensical build failed with exit status {zensical}", file=sys.stderr)
        return zensical
    finished = _finish(project, project / "site", loaded[0])
    print(f"built {project / 'site'} with Zensical in {time.perf_counter() - started:.1f} s")
    return assembled or finished


def _root_of(project: Path) -> Path:
    """The archive an assembled project was made from."""
    from .assemble import MANIFEST

    return Path(json.loads((project / MANIFEST).read_text(encoding="utf-8"))["root"])


def _report(problems: list[Problem]) -> None:
    for problem in sorted(set(problems)):
        print(problem, file=sys.stderr)
