"""Front matter: the YAML block at the top of a Markdown file, read with its positions.

PyYAML alone is too forgiving for an archive edited by many hands: it keeps the last of two
duplicate keys, reads `no` as false and `12:30` as 750, and loses every line number once a
value is constructed. This module composes the YAML node tree itself, so that every value
keeps the line and column it came from and every surprise becomes a problem with a hint.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import characters
from .problem import Problems

__all__ = ["Source", "FrontMatter", "Position", "read_source", "parse_front_matter"]

Path = tuple[str | int, ...]

_YAML_11_BOOLEANS = {"yes", "no", "on", "off"}
_MAX_DEPTH = 20
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.SafeLoader("")
_CONSTRUCTORS = {
    "bool": _CONSTRUCTOR.construct_yaml_bool,
    "int": _CONSTRUCTOR.construct_yaml_int,
    "float": _CONSTRUCTOR.construct_yaml_float,
    "null": lambda node: None,
}


@dataclass(frozen=True, slots=True)  # A document has one for each key and value of its front matter.
class Position:
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass
class Source:
    """A source file decoded to text; decoding problems are already recorded."""

    path: str
    text: str


@dataclass
class FrontMatter:
    """The parsed front matter of one file, with where each key and value stands."""

    data: dict[str, Any] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    values: dict[Path, Position] = field(default_factory=dict)
    plain: dict[Path, str] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    valid: bool = True

    def position(self, path: Path, *, key: bool = False) -> Position:
        """Where `path` stands; falls back to its nearest parent, then to line 1."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Position(1, 1))


def read_source(path: str, raw: bytes, problems: Problems) -> Source:
    """Decode a file as UTF-8, reporting a byte-order mark or undecodable bytes."""
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.add(path, 1, 1, "the file starts with a UTF-8 byte-order mark",
                     "save it as UTF-8 without BOM (most editors call this 'UTF-8', not 'UTF-8 with BOM')")
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        problems.add(path, line, column, "the file is not valid UTF-8",
                     f"byte {raw[error.start]:#04x} cannot be decoded; re-save the file as UTF-8")
        text = raw.decode("utf-8", errors="replace")
    return Source(path, _normalized(path, text, problems))


def _normalized(path: str, text: str, problems: Problems) -> str:
    """One form of the text for everything after: LF line endings, no control characters, Unicode NFC.

    NFC makes a composed and a decomposed accent the same character, so phrases match as they read and a highlight
    never splits a letter from its accent. A lone carriage return (old Mac files, or a mix) would otherwise make the
    whole file one line.
    """
    if "\r" in text:
        crlf = text.count("\r\n")
        lone = text.count("\r") - crlf
        if lone:
            kind = "mixed line endings (CR, CRLF and LF)" if crlf or text.count("\n") > crlf else "CR-only line endings"
            problems.add(path, 1, 1, f"the file has {kind}; they were read as newlines",
                         "save it with LF (Unix) line endings; most editors have a setting for this")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for count, match in enumerate(characters.CONTROLS.finditer(text)):
        if count == 10:
            problems.add(path, 1, 1, "more control characters follow", "remove them all")
            break
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        problems.add(path, line, column, f"a control character, {characters.name_of(match.group(0))}, at column {column}",
                     "remove it: it is invisible here and breaks pages, feeds and EPUB files")
    return unicodedata.normalize("NFC", characters.remove(text, characters.CONTROLS))


def parse_front_matter(source: Source, problems: Problems) -> FrontMatter:
    """Split a file into front matter and body and parse the front matter.

    A file without a leading `---` line has no front matter. An invalid block is never
    handed on as body text: its data is empty, `valid` is false, and the problems say why.
    """
    lines = source.text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return FrontMatter(body=_without_overrides(source.path, source.text, 1, problems), body_line=1)
    closing = next((index for index, line in enumerate(lines[1:], start=1)
                    if line.rstrip() in ("---", "...")), None)
    if closing is None:
        problems.add(source.path, 1, 1, "the front matter is never closed",
                     "add a line with only '---' after the last field")
        return FrontMatter(valid=False, body="", body_line=len(lines) + 1)
    body = _without_overrides(source.path, "\n".join(lines[closing + 1:]), closing + 2, problems)
    front = FrontMatter(body=body, body_line=closing + 2)
    _Composer(source.path, front, problems, line_offset=1).load("\n".join(lines[1:closing]))
    return front


def _without_overrides(path: str, body: str, first_line: int, problems: Problems) -> str:
    """The body without bidirectional overrides, each reported: they make a passage read in another order than the
    one it is written, quoted and searched in. (Front-matter values are checked field by field, in `limits`.)"""
    for count, match in enumerate(characters.OVERRIDES.finditer(body)):
        if count == 10:
            problems.add(path, first_line, 1, "more bidirectional overrides follow", "remove them all")
            break
        line = first_line + body.count("\n", 0, match.start())
        column = match.start() - (body.rfind("\n", 0, match.start()) + 1) + 1
        problems.add(path, line, column, f"{characters.name_of(match.group(0))} at column {column} makes what follows "
                     "read in another order than it is written",
                     "remove it; right-to-left words need no override (the marks U+200E and U+200F and the isolates "
                     "U+2066 to U+2069 stay allowed)")
    return characters.remove(body, characters.OVERRIDES)


class _Composer:
    """Builds plain Python values from YAML nodes, recording positions and surprises."""

    def __init__(self, path: str, front: FrontMatter, problems: Problems, line_offset: int) -> None:
        self.path = path
        self.front = front
        self.problems = problems
        self.line_offset = line_offset
        self.seen: set[int] = set()

    def load(self, text: str) -> None:
        has_tabs = "\t" in text and self._report_tabs(text)
        try:
            node = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as error:
            self.front.valid = False
            if not has_tabs:  # A tab explains the error better than the parser can.
                self._report_yaml_error(error)
            return
        except yaml.YAMLError as error:
            self.problems.add(self.path, self.line_offset + 1, 1, f"the front matter is not valid YAML ({error})")
            self.front.valid = False
            return
        if node is None:
            return
        if not isinstance(node, yaml.MappingNode):
            self._problem(node, "the front matter must be a list of 'field: value' lines",
                          "start each line with a field name, a colon and a space")
            self.front.valid = False
            return
        self.front.data = self._value(node, ())

    def _position(self, mark: yaml.Mark) -> Position:
        return Position(mark.line + 1 + self.line_offset, mark.column + 1)

    def _problem(self, node: yaml.Node, message: str, hint: str = "") -> None:
        where = self._position(node.start_mark)
        self.problems.add(self.path, where.line, where.column, message, hint)
        self.front.valid = False

    def _value(self, node: yaml.Node, path: Path) -> Any:
        self.front.values[path] = self._position(node.start_mark)
        if id(node) in self.seen:
            self._problem(node, "anchors and aliases (& and *) are not allowed in front matter",
                          "write the value out where it is needed")
            return None
        self.seen.add(id(node))
        if len(path) > _MAX_DEPTH:
            self._problem(node, f"the front matter is nested deeper than {_MAX_DEPTH} levels")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self._value(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, "a field name must be a plain word", "remove the brackets or braces around it")
                continue
            key = key_node.value
            if key in result:
                first = self.front.keys[(*path, key)]
                self._problem(key_node, f"duplicate field '{key}'",
                              f"it is already set on line {first.line}; keep one of them")
                continue
            self.front.keys[(*path, key)] = self._position(key_node.start_mark)
            result[key] = self._value(value_node, (*path, key))
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        text, tag = node.value, node.tag.rsplit(":", 1)[-1]
        if node.style or tag == "str":
            return text
        self.front.plain[path] = text
        if tag == "bool" and text.lower() in _YAML_11_BOOLEANS:
            self._problem(node, f"'{text}' means true/false to some YAML readers and text to others",
                          f"write true or false for a yes/no field, or quote it (\"{text}\") for text")
            return text
        if tag == "int" and (":" in text or re.fullmatch(r"[-+]?0[0-7_]+", text)):
            self._problem(node, f"'{text}' would be read as a number in base {60 if ':' in text else 8}",
                          f"quote it: \"{text}\"")
            return text
        if tag == "timestamp":
            return self._timestamp(node)
        construct = _CONSTRUCTORS.get(tag)
        return construct(node) if construct else text

    def _timestamp(self, node: yaml.ScalarNode) -> Any:
        text = node.value
        try:
            if len(text) <= 10:
                return datetime.date.fromisoformat(text)
            return _CONSTRUCTOR.construct_yaml_timestamp(node)
        except ValueError as error:
            self._problem(node, f"'{text}' is not a real date ({error})",
                          "write the date as YYYY-MM-DD, or quote it if it is not a date")
            return text

    def _report_tabs(self, text: str) -> bool:
        number, line = next((number, line) for number, line in enumerate(text.split("\n"), start=1) if "\t" in line)
        self.problems.add(self.path, number + self.line_offset, line.index("\t") + 1,
                          "a tab character in the front matter", "YAML allows only spaces: replace tabs with spaces")
        self.front.valid = False
        return True

    def _report_yaml_error(self, error: yaml.MarkedYAMLError) -> None:
        mark = error.problem_mark or error.context_mark
        where = self._position(mark) if mark else Position(self.line_offset + 1, 1)
        problem = error.problem or "invalid YAML"
        if problem.startswith("mapping values are not allowed"):
            message, hint = "a value contains an unquoted colon", 'put the whole value in quotes: title: "Part one: the crisis"'
        elif "expected <block end>" in problem or "could not find expected ':'" in problem:
            message, hint = "a line is not a 'field: value' pair or is indented wrongly", "check the indentation and the colon after the field name"
        elif "found undefined alias" in problem or "anchor" in problem:
            message, hint = "anchors and aliases (& and *) are not allowed in front matter", "write the value out where it is needed"
        else:
            message, hint = f"invalid YAML: {problem}", "check the quoting and indentation of this line"
        self.problems.add(self.path, where.line, where.column, message, hint)

