"""The config of an assembled Zensical project, made from the site's own mkdocs.yml.

Zensical reads mkdocs.yml, but silently drops what it does not know: the `archive` plugin among them. So the
assembled project gets a config of its own: the site's settings, with the docs folder the archive assembled, the
theme folder that holds the site's overrides and the archive's page template, the archive's stylesheets and
scripts first (as the plugin adds them), and the archive's Markdown extension after the site's. Zensical's own
search is turned off: the archive's paragraph search takes its place, as the plugin replaces Material's.

YAML tags that only MkDocs runs are written as what Zensical expects instead: `!!python/name:a.b` becomes the
string `a.b`, which Zensical resolves where it supports functions (SuperFences' formats, for example), and
`!ENV` takes its value from the environment now.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from ...theme import ASSETS

__all__ = ["EXTENSION", "read_mkdocs_config", "write_config", "zensical_config"]

EXTENSION = "study_archive.adapters.zensical.rendering"
DOCS, SITE, THEME = "docs", "site", "overrides"

_DROPPED = ("docs_dir", "site_dir", "plugins", "hooks", "INHERIT", "strict")


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as data: Python names as their dotted strings, `!ENV` from the environment."""


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> str:
    return suffix.removeprefix("name:")


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    *variables, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[name] for name in variables if name in os.environ), default)


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _python_name)
_Loader.add_constructor("!ENV", _env)


def read_mkdocs_config(root: Path) -> dict[str, Any]:
    """The site's mkdocs.yml as plain data; empty when there is none."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return {}
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}


def zensical_config(mkdocs: dict[str, Any], *, root: Path, problems: Path) -> dict[str, Any]:
    """The assembled project's config: the site's settings around the assembled folders and the archive's parts."""
    config = {key: value for key, value in mkdocs.items() if key not in _DROPPED}
    config["docs_dir"], config["site_dir"] = DOCS, SITE
    theme = dict(config.get("theme") or {}) if isinstance(config.get("theme"), dict) else {"name": config.get("theme")}
    theme["name"] = theme.get("name") or "material"
    theme["custom_dir"] = THEME
    config["theme"] = theme
    config["extra_css"] = [uri for uri in ASSETS if uri.endswith(".css")] + list(config.get("extra_css") or [])
    config["extra_javascript"] = ([uri for uri in ASSETS if uri.endswith(".js")]
                                  + list(config.get("extra_javascript") or []))
    # The archive's paragraph search replaces Zensical's own, which is on unless turned off (`search.py`).
    config["plugins"] = {"search": {"enabled": False}}
    extensions = [entry for entry in config.get("markdown_extensions") or [] if _name_of(entry) != EXTENSION]
    extensions.append({EXTENSION: {"root": str(root.resolve()), "problems": str(problems.resolve())}})
    config["markdown_extensions"] = extensions
    return config


def write_config(config: dict[str, Any], path: Path) -> None:
    path.write_text("# Written by `archive assemble`: edit the site's mkdocs.yml instead.\n"
                    + yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _name_of(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry), "") if isinstance(entry, dict) else ""
