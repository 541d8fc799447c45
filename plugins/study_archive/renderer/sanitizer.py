"""A Python-Markdown extension that sanitizes contributor HTML and reports each removal.

Raw HTML passes through Python-Markdown untouched, and attribute lists can add any
attribute to any element. Two passes close both doors: raw HTML chunks are audited and
cleaned with nh3 before they are put back into the page, and the element tree is cleaned
against the same policy (`policy.py`) after every other extension has run. Each removal of
something active becomes a problem naming the document and the line where the offending text
first occurs; harmless presentational HTML the pages do not use (`bgcolor`, `<font>`, a
`color` in a style) is dropped with a note instead, one per kind of thing and page, with how
often it was dropped, which the build logs at info level and never counts as a problem.
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
from ..model.problem import Problem, Severity
from .page import PageExtension, PageTreeprocessor
from .style import read_style

__all__ = ["SanitizerExtension", "makeExtension"]


class SanitizerExtension(PageExtension):
    """Cleans every page's HTML against the archive's policy."""

    def __init__(self, archive: Archive | None = None, *, remote_images: bool = False, **kwargs: Any) -> None:
        self.config = {}
        super().__init__(archive, **kwargs)
        self.remote_images = remote_images
        """Whether images may load from other hosts (the site's policy then allows them); if not, each is reported."""
        self.notes: dict[str, tuple[Problem, int]] = {}
        """What was dropped from the current page, by what it was: its first place, and how often."""

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
        problem = Problem(path, line, 1, message, "remove it: the archive publishes no scripts, frames, forms or CSS "
                          "that loads anything from content")
        if problem not in self.problems:
            self.problems.append(problem)

    def note(self, needle: str, what: str) -> None:
        """Record that something harmless was dropped: `what` says what, as in `bgcolor from a <td>`."""
        first, count = self.notes.get(what, (None, 0))
        if first is None:
            path, line = self._locate(needle)
            first = Problem(path, line, 1, f"dropped {what}", "nothing to fix: it carries no risk, but the archive's "
                            "pages do not use it; delete it from the source to silence this note", Severity.NOTE)
        self.notes[what] = (first, count + 1)

    def take_notes(self) -> list[Problem]:
        """The notes of what was dropped since the last call, each with how often, in the order first met."""
        notes = [note if count == 1 else Problem(note.path, note.line, note.column, f"{note.message} ({count} times)",
                                                 note.hint, note.severity)
                 for note, count in self.notes.values()]
        self.notes.clear()
        return notes

    def clean_style(self, tag: str, value: str) -> str:
        """What stays of a `style` attribute; what was refused is reported, what was dropped noted."""
        verdict = read_style(value)
        for reason in verdict.refused:
            self.report(value, f"removed from the style \"{value[:40]}\" of a <{tag}>: {reason}")
        for name in verdict.dropped:
            self.note(value, f"the CSS {name} from a style")
        return verdict.kept

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(TreeSanitizer(md, self), "archive_sanitize_tree", 1)
        # Before raw HTML is put back into the page (30).
        md.postprocessors.register(RawHtmlSanitizer(md, self), "archive_sanitize_raw", 40)


class TreeSanitizer(PageTreeprocessor):
    """Removes disallowed elements, attributes and URLs from the element tree."""

    def run(self, root: etree.Element) -> None:
        parents = [root]  # A stack rather than recursion: trees may nest a few hundred levels deep.
        while parents:
            parent = parents.pop()
            index = 0
            while index < len(parent):
                element = parent[index]
                verdict = policy.tag_verdict(element.tag) if isinstance(element.tag, str) else policy.Verdict.KEEP
                if verdict is policy.Verdict.REFUSE:
                    self.extension.report(f"<{element.tag}", f"removed a <{element.tag}> element")
                    parent.remove(element)
                    continue
                if verdict is policy.Verdict.DROP:
                    self.extension.note(f"<{element.tag}", f"the tag <{element.tag}> and kept its text")
                    self._clean_attributes(element)  # Only to report what is active in it: the tag goes.
                    _unwrap(parent, index)
                    continue  # Its children now stand at `index`, to be checked in their turn.
                if isinstance(element.tag, str):
                    self._clean_attributes(element)
                    if element.tag == "img":
                        self.extension.check_image(element.get("src", ""))
                parents.append(element)
                index += 1

    def _clean_attributes(self, element: etree.Element) -> None:
        for name, value in list(element.attrib.items()):
            verdict = policy.attribute_verdict(element.tag, name)
            if verdict is policy.Verdict.REFUSE:
                self.extension.report(value or name, f"removed the attribute {name}=\"{value[:40]}\" from a <{element.tag}>")
                del element.attrib[name]
            elif verdict is policy.Verdict.DROP:
                self.extension.note(value or name, f"the attribute {name} from a <{element.tag}>")
                del element.attrib[name]
            elif name.lower() == "style":
                kept = self.extension.clean_style(element.tag, value)
                if kept:
                    element.set(name, kept)
                else:
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
                for needle, what in audit.dropped:
                    self.extension.note(needle, what)
                for tag, value in audit.styles:
                    self.extension.clean_style(tag, value)
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
        attribute_filter=_filter_attribute,
        generic_attribute_prefixes=set(policy.GENERIC_PREFIXES),
        url_schemes=set(policy.SCHEMES),
        link_rel=None,
        strip_comments=False,
    )


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    """nh3 keeps the attributes the policy allows; of a `style`, only the declarations `read_style` keeps."""
    if name != "style":
        return value
    return read_style(value).kept or None


def _unwrap(parent: etree.Element, index: int) -> None:
    """Replace the element at `index` of `parent` by its text and children, as nh3 does with a dropped tag."""
    element = parent[index]
    children = list(element)
    _append_text(parent, index, element.text)
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    _append_text(parent, index + len(children), element.tail)


def _append_text(parent: etree.Element, index: int, text: str | None) -> None:
    """Add `text` where the child at `index` of `parent` begins: after the previous child, or at the start."""
    if not text:
        return
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        parent[index - 1].tail = (parent[index - 1].tail or "") + text


class _Audit(html.parser.HTMLParser):
    """Lists what the policy would remove from a chunk of HTML, with text to find it by."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[tuple[str, str]] = []
        """What is refused: the text to find it by, and the problem's message."""
        self.dropped: list[tuple[str, str]] = []
        """What is dropped with a note: the text to find it by, and what it is."""
        self.styles: list[tuple[str, str]] = []
        """The `style` attributes of kept tags, by tag, for the sanitizer to read."""
        self.images: list[str] = []

    @classmethod
    def of(cls, chunk: str) -> _Audit:
        audit = cls()
        audit.feed(chunk)
        audit.close()
        return audit

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        verdict = policy.tag_verdict(tag)
        if verdict is policy.Verdict.REFUSE:
            self.findings.append((f"<{tag}", f"removed a <{tag}> element"))
            return
        if verdict is policy.Verdict.DROP:
            self.dropped.append((f"<{tag}", f"the tag <{tag}> and kept its text"))
        elif tag == "img":
            self.images.extend(value for name, value in attrs if name == "src" and value)
        for name, value in attrs:
            attribute = policy.attribute_verdict(tag, name)
            if attribute is policy.Verdict.REFUSE:
                self.findings.append((value or name, f"removed the attribute {name}=\"{(value or '')[:40]}\" from a <{tag}>"))
            elif name == "style" and value:
                self.styles.append((tag, value))  # Read even on a tag that goes: CSS that loads is refused.
            elif verdict is policy.Verdict.DROP:
                continue  # The tag goes with all its attributes, and its note says so.
            elif attribute is policy.Verdict.DROP:
                self.dropped.append((value or name, f"the attribute {name} from a <{tag}>"))
            elif name in policy.URL_ATTRIBUTES and value and not policy.url_allowed(value):
                self.findings.append((name, f"removed an unsafe address \"{value[:40]}\" from a <{tag}>"))

    handle_startendtag = handle_starttag


def _find(text: str, needle: str) -> int | None:
    """The 0-based line of the first occurrence of `needle`, ignoring case."""
    lowered = needle.lower()
    return next((offset for offset, line in enumerate(text.split("\n")) if lowered in line.lower()), None)


def makeExtension(**kwargs: Any) -> SanitizerExtension:
    return SanitizerExtension(**kwargs)
