"""The archive's Markdown extensions inside a Zensical build: one Python-Markdown extension that drives them.

Zensical builds a new converter for every page from the extension names in its config, so this module keeps what
must outlive a page at the level of the process: the archive, loaded once from the folder the assembled config
names, and one `ArchiveExtensions` bound to it. Before a page renders, the current document is found from Zensical's
page context (`zensical.extensions.context.ContextPreprocessor`) by the page's path in the docs tree; after it, the
problems rendering found (and a paragraph count that disagrees with the archive's) are written to a file of that
page in the problems folder, which `archive finish` reports, since Zensical's own `--strict` does not see them.

In the generated config:

    markdown_extensions:
      - study_archive.adapters.zensical.rendering:
          root: /path/to/the/archive
          problems: /path/to/the/project/.archive/problems
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown import Extension, Markdown

from ...model.archive import Archive
from ...model.document import Document, Kind
from ...model.site import Site
from ...renderer.pipeline import ArchiveExtensions, reader_for

__all__ = ["ArchiveRendering", "makeExtension", "problems_file"]

_LOADED: dict[Path, tuple[Archive, ArchiveExtensions, dict[str, Document]]] = {}


def _loaded(root: Path) -> tuple[Archive, ArchiveExtensions, dict[str, Document]]:
    """The archive in `root` with its bound extensions and its documents by docs path, loaded once per process."""
    root = root.resolve()
    if root not in _LOADED:
        site = Site.load(root)
        archive = Archive.load(root, site.layout, reader_for(site))
        extensions = ArchiveExtensions(archive, words_per_minute=site.words_per_minute)
        _LOADED[root] = archive, extensions, {document.uri: document for document in archive.documents}
    return _LOADED[root]


def problems_file(folder: Path, docs_path: str) -> Path:
    """Where the rendering problems of the page at `docs_path` are written."""
    return folder / (docs_path.replace("/", "__") + ".txt")


class ArchiveRendering(Extension):
    """Registers the archive's extensions on Zensical's converter and tells them which document is rendered."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "root": [".", "The archive's folder, where its mkdocs.yml is."],
            "problems": ["", "The folder to write each page's rendering problems to; empty: do not write them."],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        _, extensions, by_path = _loaded(Path(self.getConfig("root")))
        for extension in extensions:
            extension.extendMarkdown(md)
        folder = self.getConfig("problems")
        md.convert = _Page(md.convert, md, extensions, by_path, Path(folder) if folder else None)  # type: ignore


class _Page:
    """A converter's `convert`, between telling the extensions the page's document and collecting their problems.

    Python-Markdown has no step after a whole conversion (postprocessors also run on each heading the table of
    contents renders), and Zensical converts each page with a converter of its own, once: so the converter's
    `convert` is where a page begins and ends.
    """

    def __init__(self, convert, md: Markdown, extensions: ArchiveExtensions, by_path: dict[str, Document],
                 folder: Path | None) -> None:
        self.convert, self.md, self.extensions, self.by_path, self.folder = convert, md, extensions, by_path, folder

    def __call__(self, source: str) -> str:
        path = _page_path(self.md)
        document = self.by_path.get(path) if path else None
        self.extensions.take_problems()  # Whatever an interrupted page left.
        with self.extensions.rendering(document):
            output = self.convert(source)
            lines = [str(problem) for problem in self.extensions.take_problems()]
            if document is not None and document.kind is Kind.TEXT:
                expected, numbered = len(document.outline.paragraphs), self.extensions.paragraphs.numbered
                if numbered != expected:
                    lines.append(f"{document.path}:{document.front.body_line}:1: the page numbers {numbered} "
                                 f"paragraphs but the archive counted {expected}: please report this with the text "
                                 "attached")
        if self.folder is not None and path:
            target = problems_file(self.folder, path)
            if lines:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text("\n".join(lines) + "\n", encoding="utf-8")
            else:
                target.unlink(missing_ok=True)
        return output


def _page_path(md: Markdown) -> str | None:
    """The page's path in the docs tree, from Zensical's page context; None outside a Zensical build."""
    try:
        from zensical.extensions.context import ContextPreprocessor
    except ImportError:
        return None
    context = ContextPreprocessor.from_markdown(md)
    return context.page.path.replace("\\", "/") if context is not None else None


def makeExtension(**kwargs: Any) -> ArchiveRendering:
    return ArchiveRendering(**kwargs)
