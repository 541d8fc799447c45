"""`archive check`: every problem a strict build fails on, found without building the site.

It loads the archive as its site sees it, renders each page through the site's own Markdown pipeline (for what
only rendering finds: annotations, paragraph and heading references, the sanitizer's removals) and reports it all
in one of three forms: `file:line:column: message: hint` lines for people, GitHub Actions annotations for pull
requests, or one JSON object per line for editors and bots. Only the link check of the built HTML needs a build.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from ..model.archive import Archive
from ..model.problem import Problem
from ..model.site import Site
from ..renderer.check import PageReader, rendering_problems
from ..renderer.pipeline import ArchiveExtensions
from .mkdocs.templates import site_template_finder, template_problem

__all__ = ["FORMATS", "check", "find_problems"]

FORMATS = ("text", "github", "json")


def find_problems(root: Path) -> tuple[Archive, list[Problem]]:
    """The archive in `root` and every problem of it a strict build reports, each once, in file order."""
    site = Site.load(root)
    extensions = ArchiveExtensions(words_per_minute=site.words_per_minute)
    reader = PageReader(site, extensions)  # Each body is parsed once, for the catalog and for its page.
    archive = Archive.load(root, site.layout, reader)
    problems = [*archive.problems, *rendering_problems(archive, site, extensions, reader),
                *_template_problems(root, archive)]
    return archive, sorted(set(problems))


def _template_problems(root: Path, archive: Archive) -> list[Problem]:
    """Pages' own templates that the build could not draw them with; the theme is set up only when one is named."""
    named = [document for document in archive.documents if document.front.valid and "template" in document.front.data]
    if not named:
        return []
    find = site_template_finder(root)
    found = (template_problem(document, document.front.data["template"], find) for document in named)
    return [problem for problem in found if problem is not None]


def check(root: Path, form: str = "text", out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Print the problems of the archive in `root` in the form asked for; 1 when there is any, as a strict build fails."""
    out, err = out or sys.stdout, err or sys.stderr
    archive, problems = find_problems(root)
    for problem in problems:
        if form == "github":
            print(_github(problem), file=out)
        elif form == "json":
            print(_json(problem), file=out)
        else:
            print(problem, file=err)
    summary = archive.summary()
    if len(problems) != len(archive.problems):  # Rendering found more than loading did.
        summary = summary.rsplit(";", 1)[0] + f"; {len(problems)} problem{'s' if len(problems) != 1 else ''}"
    print(summary, file=out if form == "text" else err)
    return 1 if problems else 0


def _github(problem: Problem) -> str:
    """A GitHub Actions workflow command that annotates the file's line in a pull request."""
    level = "error" if problem.severity.value == "error" else "warning"
    text = f"{problem.message}: {problem.hint}" if problem.hint else problem.message
    return (f"::{level} file={_property(problem.path)},line={problem.line},col={problem.column},"
            f"title={_property(problem.location)}::{_data(text)}")


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _json(problem: Problem) -> str:
    return json.dumps({"file": problem.path, "line": problem.line, "column": problem.column,
                       "message": problem.message, "hint": problem.hint, "severity": problem.severity.value},
                      ensure_ascii=False)
