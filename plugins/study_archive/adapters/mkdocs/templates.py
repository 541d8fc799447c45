"""A page's own `template`, checked before MkDocs renders with it: a missing one, or one of the archive's for another
kind of page, would stop the build with a traceback. Both the plugin and `archive check` ask here."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, TemplateError, TemplateNotFound

from ...model.document import Document
from ...model.problem import Problem
from ...theme import TEMPLATES

__all__ = ["template_problem", "site_template_finder", "ThemeLoader", "list_without_hidden_folders"]


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


class ThemeLoader(FileSystemLoader):
    """The theme's folders as MkDocs loads templates from them, listed without walking their hidden folders.

    On each build MkDocs lists every file of the theme to find its static files (stylesheets, scripts, fonts), then
    leaves out every hidden one by matching each name against its patterns: of Material's 14,500 files, nearly all
    are icons in `.icons`, and listing them took 0.4 s of every build. MkDocs would leave out everything a hidden
    folder holds, so it is not walked.
    """

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            for directory, subfolders, names in os.walk(folder, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                inside = os.path.relpath(directory, folder).replace(os.path.sep, "/")
                found.update(names if inside == "." else (f"{inside}/{name}" for name in names))
        return sorted(found)


def list_without_hidden_folders(theme: Any) -> None:
    """Give the environments MkDocs makes from `theme` a `ThemeLoader` in place of its own loader."""
    make_env = theme.get_env

    def get_env():
        env = make_env()
        env.loader = ThemeLoader(env.loader.searchpath, encoding=env.loader.encoding,
                                 followlinks=env.loader.followlinks)
        return env

    theme.get_env = get_env
