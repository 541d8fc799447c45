"""The `archive` command: check an archive without building it, and keep its schemas current."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .core.catalog import Archive
from .core.schema import stale_schemas, write_schemas

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="archive", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="load every document and report every problem")
    check.add_argument("root", nargs="?", default=".", type=Path, help="the archive's folder (default: .)")
    schemas = commands.add_parser("schemas", help="write the front-matter JSON Schemas to schemas/")
    schemas.add_argument("--check", action="store_true", help="only report schemas that are out of date")
    schemas.add_argument("--folder", default=Path("schemas"), type=Path)
    arguments = parser.parse_args(argv)
    if arguments.command == "check":
        return _check(arguments.root)
    return _schemas(arguments.folder, arguments.check)


def _check(root: Path) -> int:
    archive = Archive.load(root)
    for problem in archive.problems.sorted():
        print(problem, file=sys.stderr)
    print(archive.summary())
    return 1 if archive.problems else 0


def _schemas(folder: Path, check_only: bool) -> int:
    if check_only:
        stale = stale_schemas(folder)
        for path in stale:
            print(f"{path}: out of date; run `archive schemas` and commit the result", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(folder):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
