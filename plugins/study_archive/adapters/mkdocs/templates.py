"""A page's own `template`, checked before MkDocs renders with it: a missing one, or one of the archive's for another
kind of page, would stop the build with a traceback. Both the plugin and `archive check` ask here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jinja2 import TemplateError, TemplateNotFound

from ...model.document import Document
from ...model.problem import Problem
from ...theme import TEMPLATES

__all__ = ["template_problem", "site_template_finder"]


def template_problem(document: Document, name: object, find: Callable[[str], object]) -> Problem | None:
    """Why `document` cannot be drawn with the template `name`, or None; `find` loads a template by its name."""
    if not isinstance(name, str):
        return None
    problem = None
    if name.startswith("archive/") and name != f"archive/{document.kind.value}.html":
        problem = (f"the template '{name}' is one of the archive's own, for another kind of page",
                   "leave 'template' out: the archive picks the template for each kind")
    else:
        try:
            find(name)
        except TemplateNotFound:
            problem = (f"the template '{name}' does not exist",
                       "name a template in the site's overrides folder, or leave 'template' out")
        except TemplateError as error:
            problem = (f"the template '{name}' cannot be used: {error}",
                       "fix the template in the site's overrides folder, or leave 'template' out")
    if problem is None:
        return None
    where = document.front.position(("template",))
    return Problem(document.path, where.line, where.column, *problem)


def site_template_finder(root: Path) -> Callable[[str], object]:
    """The template loader of the site in `root` as a build sets it up: its theme, its overrides, then the archive's."""
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"))
    config.theme.dirs.append(str(TEMPLATES))
    return config.theme.get_env().get_template
