"""Site settings: what the archive needs from `mkdocs.yml` when it works without building the site.

A reading packet made on the command line must number paragraphs and write links exactly
as the built site does, so it reads the same Markdown extensions, folders, address and
reading speed. The file is read as plain YAML: tags that only MkDocs understands (`!ENV`,
`!!python/name:`) are read as empty values, never executed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .document import Layout

__all__ = ["BUILTIN_EXTENSIONS", "Site"]

BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
"""The extensions MkDocs always adds before the site's own, whatever `mkdocs.yml` lists."""


class _Loader(yaml.SafeLoader):
    """Safe YAML that reads any tag it does not know as an empty value."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Site:
    """The settings of one site; the defaults are MkDocs' and the archive plugin's own."""

    layout: Layout = Layout()
    extensions: tuple[str, ...] = ()
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)
    name: str = ""
    url: str | None = None
    language: str = "en"
    words_per_minute: int = 230
    editors: str = "The archive's editors"
    """Who wrote the reading guides that name no one else: the `editors` setting of the archive plugin."""

    @classmethod
    def load(cls, root: Path) -> Site:
        """The settings in `root/mkdocs.yml`, or the defaults when there is no such file."""
        path = root / "mkdocs.yml"
        if not path.is_file():
            return cls()
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
        extensions, configs = _extensions(data.get("markdown_extensions") or [])
        extensions = tuple(dict.fromkeys(BUILTIN_EXTENSIONS + extensions))  # As MkDocs does: its own come first.
        archive = _plugin_config(data.get("plugins") or [], "archive")
        theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
        return cls(
            layout=Layout(content_dir=str(data.get("docs_dir") or "docs").strip("/"),
                          readings_dir=str(archive.get("readings_dir") or "readings")),
            extensions=extensions,
            configs=configs,
            name=str(data.get("site_name") or ""),
            url=data.get("site_url") or None,
            language=str(theme.get("language") or "en"),
            words_per_minute=int(archive.get("words_per_minute") or 230),
            editors=str(archive.get("editors") or cls.editors),
        )


def _extensions(entries: list[Any]) -> tuple[tuple[str, ...], dict[str, dict[str, Any]]]:
    """Extension names and their settings, from either form MkDocs accepts: `- toc` or `- toc: {...}`."""
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict):
            for name, config in entry.items():
                names.append(name)
                if isinstance(config, dict):
                    configs[name] = {key: value for key, value in config.items() if value is not None}
    return tuple(names), configs


def _plugin_config(entries: list[Any] | dict[str, Any], name: str) -> dict[str, Any]:
    items = entries.items() if isinstance(entries, dict) else [
        next(iter(entry.items())) if isinstance(entry, dict) else (entry, {}) for entry in entries
    ]
    return next((config or {} for key, config in items if key == name), {})
