"""The theme's listing: hidden folders are not walked, and every file MkDocs would copy is still listed."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from study_archive.adapters.mkdocs.templates import ThemeLoader


def test_hidden_folders_are_not_walked_but_their_templates_still_load(tmp_path: Path) -> None:
    theme, overrides = tmp_path / "theme", tmp_path / "overrides"
    for folder, name in ((theme, "main.html"), (theme, "assets/app.js"), (theme, "assets/.cache/old.js"),
                         (theme, ".icons/book.svg"), (theme, ".hidden-file"), (overrides, "assets/site.css")):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(name, encoding="utf-8")
    folders = [str(overrides), str(theme)]

    listed = ThemeLoader(folders).list_templates()
    assert listed == [".hidden-file", "assets/app.js", "assets/site.css", "main.html"]
    in_hidden_folder = [name for name in FileSystemLoader(folders).list_templates()
                        if any(part.startswith(".") for part in name.split("/")[:-1])]
    assert sorted(listed + in_hidden_folder) == FileSystemLoader(folders).list_templates()
    assert Environment(loader=ThemeLoader(folders)).get_template(".icons/book.svg").render() == ".icons/book.svg"
