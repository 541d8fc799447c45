"""A Python-Markdown extension that sanitizes contributor HTML and reports each removal.

Raw HTML passes through Python-Markdown untouched, and attribute lists can add any
attribute to any element. Two passes close both doors: raw HTML chunks are audited and
cleaned with nh3 before they are put back into the page, and the element tree is cleaned
against the same policy (`core.policy`) after every other extension has run. Each removal
becomes a problem naming the document and the line where the offending text first occurs.
"""

from __future__ import annotations

import html.parser
import xml.etree.ElementTree as etree
from typing import Any

import nh3
from markdown import Markdown
from markdown.postprocessors import Postprocessor

from . import policy
from ..model.annotation import Annotation
from ..model.archive import Archive
from ..model.problem import Problem
from .page import PageExtension, PageTreeprocessor

__all__ = ["SanitizerExtension", "makeExtension"]


class SanitizerExtension(PageExtension):
    """Cleans every page's HTML against the archive's policy."""

    def __init__(self, archive: Archive | None = None, *, remote_images: bool = False, **kwargs: Any) -> None:
        self.config = {}
        super().__init__(archive, **kwargs)
        self.remote_images = remote_images
        """Whether images may load from other hosts (the site's policy then allows them); if not, each is reported."""

    def check_image(self, source: str) -> None:
        if not self.remote_images and policy.is_remote(source):
            path, line = self._locate(source)
            problem = Problem(path, line, 1, f"an image from another host ({source[:60]}) would not load: the site's "
                              "Content-Security-Policy allows only its own images",
                              "save the image beside the page and link it by a relative path, or allow remote images "
                              "with 'remote_images: true' under the archive plugin in mkdocs.yml")
            if problem not in self.problems:
                self.problems.append(problem)

    @property
    def annotations(self) -> list[Annotation]:
        """The notes rendered into the current page, whose files may hold the offending text."""
        if self.archive is None or not self.rendering_text:
            return []
        return self.archive.annotations.get(self.current.id, [])

    def _locate(self, needle: str) -> tuple[str, int]:
        """The source file and line where the offending text first occurs: the page's own or a notes file."""
        document = self.current
        if document is None:
            return "<markdown>", 1
        offset = _find(document.body, needle)
        if offset is not None:
            return document.path, document.front.body_line + offset
        for annotation in self.annotations:
            offset = _find(annotation.body, needle)
            if offset is not None:
                return annotation.path, annotation.line + 1 + offset
        return document.path, document.front.body_line

    def report(self, needle: str, message: str) -> None:
        path, line = self._locate(needle)
        problem = Problem(path, line, 1, message, "remove it: the archive publishes no scripts, frames or styles from content")
        if problem not in self.problems:
            self.problems.append(problem)

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(TreeSanitizer(md, self), "archive_sanitize_tree", 1)
        # Before raw HTML is put back into the page (30).
        md.postprocessors.register(RawHtmlSanitizer(md, self), "archive_sanitize_raw", 40)


class TreeSanitizer(PageTreeprocessor):
    """Removes disallowed elements, attributes and URLs from the element tree."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for element in list(parent):
                if not isinstance(element.tag, str):
                    continue
                if element.tag not in policy.TAGS:
                    self.extension.report(f"<{element.tag}", f"removed a <{element.tag}> element")
                    parent.remove(element)
                    continue
                self._clean_attributes(element)
                if element.tag == "img":
                    self.extension.check_image(element.get("src", ""))

    def _clean_attributes(self, element: etree.Element) -> None:
        for name, value in list(element.attrib.items()):
            if not policy.attribute_allowed(element.tag, name):
                self.extension.report(value or name, f"removed the attribute {name}=\"{value[:40]}\" from a <{element.tag}>")
                del element.attrib[name]
            elif name in policy.URL_ATTRIBUTES and not policy.url_allowed(value):
                self.extension.report(value.split(":")[0] + ":", f"removed an unsafe address \"{value[:40]}\" from a <{element.tag}>")
                del element.attrib[name]
                if element.tag in ("a", "img"):  # Builders expect every link and image to have its address.
                    if element.tag == "img":
                        element.text = element.get("alt", "")
                    element.tag = "span"
                    element.attrib = {key: val for key, val in element.attrib.items() if key in policy.ATTRIBUTES["*"]}
                    return


class RawHtmlSanitizer(Postprocessor):
    """Audits and cleans each chunk of raw HTML before Python-Markdown restores it."""

    def __init__(self, md: Markdown, extension: SanitizerExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        stash = self.md.htmlStash
        for index, chunk in enumerate(stash.rawHtmlBlocks):
            if isinstance(chunk, str):
                audit = _Audit.of(chunk)
                for needle, message in audit.findings:
                    self.extension.report(needle, message)
                for source in audit.images:
                    self.extension.check_image(source)
                stash.rawHtmlBlocks[index] = _clean(chunk)
        return text


def _clean(chunk: str) -> str:
    return nh3.clean(
        chunk,
        tags=set(policy.TAGS),
        clean_content_tags=set(policy.REMOVED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in policy.ATTRIBUTES.items()},
        generic_attribute_prefixes=set(policy.GENERIC_PREFIXES),
        url_schemes=set(policy.SCHEMES),
        link_rel=None,
        strip_comments=False,
    )


class _Audit(html.parser.HTMLParser):
    """Lists what the policy would remove from a chunk of HTML, with text to find it by."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[tuple[str, str]] = []
        self.images: list[str] = []

    @classmethod
    def of(cls, chunk: str) -> _Audit:
        audit = cls()
        audit.feed(chunk)
        audit.close()
        return audit

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in policy.TAGS:
            self.findings.append((f"<{tag}", f"removed a <{tag}> element"))
            return
        if tag == "img":
            self.images.extend(value for name, value in attrs if name == "src" and value)
        for name, value in attrs:
            if not policy.attribute_allowed(tag, name):
                self.findings.append((value or name, f"removed the attribute {name}=\"{(value or '')[:40]}\" from a <{tag}>"))
            elif name in policy.URL_ATTRIBUTES and value and not policy.url_allowed(value):
                self.findings.append((name, f"removed an unsafe address \"{value[:40]}\" from a <{tag}>"))

    handle_startendtag = handle_starttag


def _find(text: str, needle: str) -> int | None:
    """The 0-based line of the first occurrence of `needle`, ignoring case."""
    lowered = needle.lower()
    return next((offset for offset, line in enumerate(text.split("\n")) if lowered in line.lower()), None)


def makeExtension(**kwargs: Any) -> SanitizerExtension:
    return SanitizerExtension(**kwargs)
