"""`archive new`: start a text, person, term, curriculum, debate or notes file with valid front matter.

The required fields are filled from options, or asked for when a person is at the keyboard; every optional
field of the kind's model follows as a YAML comment with its description, ready to uncomment. A file that exists
is never overwritten and an id already in use is refused, so what `new` writes always passes `archive check`
once the references it names exist.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..model.archive import Archive
from ..model.document import Kind
from ..model.frontmatter import parse_front_matter, read_source
from ..model.problem import Problems
from ..model.site import Site
from ..model.validation import validate
from ..renderer.pipeline import reader_for

__all__ = ["add_new_command", "new"]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Refusal(Exception):
    """Why nothing was written, and what to do instead."""


@dataclass(frozen=True)
class Ask:
    """One value `new` needs: its option, what to call it in a prompt, and whether it repeats."""

    option: str
    label: str
    many: bool = False
    default: Callable[[], str] | None = None


ASKS: dict[str, list[Ask]] = {
    "text": [Ask("title", "title"), Ask("summary", "one or two sentences on what it argues"),
             Ask("rights", "rights (public-domain, copyright-excerpt, cc-by, cc-by-sa, cc-by-nc-sa, permission)")],
    "person": [Ask("title", "name to display"), Ask("summary", "one sentence on who they are")],
    "term": [Ask("title", "the term as written"), Ask("short", "a one-sentence definition")],
    "curriculum": [Ask("title", "name of the course"), Ask("summary", "what the group will study"),
                   Ask("session", "title of the first session"), Ask("reading", "id of a library text to read"),
                   Ask("question", "a question for the discussion")],
    "debate": [Ask("title", "the debate's name"), Ask("question", "the question the pieces answer"),
               Ask("piece", "id of a library text in the debate", many=True),
               Ask("position", "that piece's answer, in one sentence", many=True),
               Ask("claim", "one key claim of that piece", many=True)],
    "notes": [Ask("author", "who writes the notes"),
              Ask("date", "date (YYYY-MM-DD)", default=lambda: datetime.date.today().isoformat())],
}

BODIES = {
    "text": "Replace this paragraph with the text, or an excerpt with commentary. Use `## ` headings for sections.\n",
    "person": "A short biography.\n",
    "term": "The long definition.\n",
    "curriculum": "An introduction for the group.\n",
    "debate": "A neutral framing of the question.\n",
    "notes": "",
}


def add_new_command(commands: argparse._SubParsersAction) -> None:
    """Register `archive new <kind> <id>` and its options."""
    parser = commands.add_parser("new", help="start a new text, person, term, curriculum, debate or notes file")
    parser.add_argument("kind", choices=list(ASKS), help="what to start")
    parser.add_argument("id", help="its id, which is its file name (for notes: the text's id)")
    parser.add_argument("--root", default=Path("."), type=Path, help="the archive's folder (default: .)")
    parser.add_argument("--layer", default="discussion", help="notes: the layer (default: discussion)")
    parser.add_argument("--author", action="append", dest="authors", default=[],
                        help="text: an author's person id (repeat for several); notes: who writes them")
    parser.add_argument("--year", type=int, help="text: the year of first publication")
    for option in sorted({ask.option for asks in ASKS.values() for ask in asks} - {"author"}):
        uses = [(kind, ask) for kind, asks in ASKS.items() for ask in asks if ask.option == option]
        many = any(ask.many for _, ask in uses)
        described = "; ".join(f"{kind}: {ask.label}" for kind, ask in uses) + ("; once per piece" if many else "")
        parser.add_argument(f"--{option}", action="append" if many else None, default=[] if many else None,
                            help=described)


def new(arguments: argparse.Namespace) -> int:
    try:
        path, text = _scaffold(arguments)
    except Refusal as refusal:
        print(f"archive new: {refusal}", file=sys.stderr)
        return 2
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}: fill in its text, then run `archive check`")
    return 0


def _scaffold(arguments: argparse.Namespace) -> tuple[Path, str]:
    kind, id, root = arguments.kind, arguments.id, arguments.root
    if not SLUG.match(id):
        suggestion = re.sub(r"[^a-z0-9]+", "-", id.lower()).strip("-")
        raise Refusal(f"'{id}' is not a valid id: ids are lowercase letters, digits and hyphens"
                      + (f"; try '{suggestion}'" if suggestion else ""))
    site = Site.load(root)
    archive = Archive.load(root, site.layout, reader_for(site))
    layout = site.layout
    if kind == "notes":
        path = f"{layout.readings_dir}/{layout.notes_folder}/{arguments.layer}/{id}.md"
        if id not in {text.id for text in archive.of_kind(Kind.TEXT)}:
            raise Refusal(f"there is no text '{id}' to annotate: give the id of a file in {layout.readings_dir}/")
        if (root / path).exists():
            raise Refusal(f"{path} already exists: add your notes to it, or choose another --layer")
    else:
        folder = layout.readings_dir if kind == "text" else f"{layout.content_dir}/{layout.folder_of(Kind(kind))}"
        path = f"{folder}/{id}.md"
        if (root / path).exists():
            raise Refusal(f"{path} already exists: edit it, or choose another id")
        used = archive.by_id.get(id) or next((text for text in archive.of_kind(Kind.TEXT)
                                             if id in (getattr(text.meta, "aliases", None) or [])), None)
        if used is not None:
            raise Refusal(f"the id '{id}' is already used by {used.path}: ids are unique across the archive; "
                          "choose another id, or edit that file")
    values = {ask.option: _value(arguments, kind, ask) for ask in ASKS[kind]}
    text = _document(kind, values, arguments)
    problems = Problems()
    front = parse_front_matter(read_source(path, text.encode("utf-8"), problems), problems)
    validate(Kind(kind).model, front, path, problems, kind)
    if problems:
        raise Refusal("nothing written, the values given are not valid:\n" + "\n".join(map(str, problems.sorted())))
    return root / path, text


def _value(arguments: argparse.Namespace, kind: str, ask: Ask) -> str | list[str]:
    given = arguments.authors[:1] if (kind, ask.option) == ("notes", "author") else getattr(arguments, ask.option)
    if ask.many:
        wanted = max(2, len(arguments.piece or []))
        given = list(given or [])
        while len(given) < wanted:
            given.append(_ask(f"{ask.label} ({len(given) + 1} of {wanted})", ask.option, kind, many=True))
        return given
    if given:
        return given[0] if isinstance(given, list) else str(given)
    if ask.default is not None:
        return ask.default()
    return _ask(ask.label, ask.option, kind)


def _ask(label: str, option: str, kind: str, many: bool = False) -> str:
    if not sys.stdin.isatty():
        once = " once per piece, at least twice" if many else ""
        raise Refusal(f"a {kind} needs --{option}, {label}: give it{once}, or run `archive new` in a terminal "
                      "to be asked for it")
    answer = ""
    while not answer:
        answer = input(f"{label}: ").strip()
    return answer


def _document(kind: str, values: dict, arguments: argparse.Namespace) -> str:
    """The file: required fields set, optional ones as comments taken from the kind's model."""
    lines = ["---"]
    given: set[str] = set()
    if kind == "text":
        lines.append(f"title: {_quoted(values['title'])}")
        if arguments.authors:
            lines.append(f"authors: [{', '.join(arguments.authors)}]")
        if arguments.year is not None:
            lines.append(f"year: {arguments.year}")
        lines += [f"summary: {_quoted(values['summary'])}", f"rights: {values['rights']}"]
        given = {"title", "authors", "summary", "rights"} | ({"year"} if arguments.year is not None else set())
    elif kind in ("person", "term"):
        lines += [f"{name}: {_quoted(value)}" for name, value in values.items()]
        given = set(values)
    elif kind == "notes":
        lines += [f"author: {_quoted(values['author'])}", f"date: {values['date']}"]
        given = {"author", "date"}
    elif kind == "curriculum":
        lines += [f"title: {_quoted(values['title'])}", f"summary: {_quoted(values['summary'])}", "sessions:",
                  f"  - title: {_quoted(values['session'])}", "    readings:", f"      - text: {values['reading']}",
                  "    questions:", f"      - {_quoted(values['question'])}",
                  "    # date: 2027-01-19", "    # place: \"Library, room 2\"", "    # facilitator_notes: \"...\""]
        given = {"title", "summary", "sessions"}
    else:
        lines += [f"title: {_quoted(values['title'])}", f"question: {_quoted(values['question'])}", "pieces:"]
        for text, position, claim in zip(values["piece"], values["position"], values["claim"]):
            lines += [f"  - text: {text}", f"    position: {_quoted(position)}", f"    claims: [{_quoted(claim)}]"]
        given = {"title", "question", "pieces"}
    lines += _optional_fields(Kind(kind), given)
    if kind == "notes":
        lines += ["# Below, each note is a heading naming a paragraph and an exact phrase of it, then the note:",
                  '# ## p12 "an exact phrase of paragraph 12"']
    lines.append("---")
    return "\n".join(lines) + "\n" + BODIES[kind]


def _optional_fields(kind: Kind, given: set[str]) -> list[str]:
    comments = []
    for name, field in kind.model.model_fields.items():
        if name not in given and not field.is_required():
            comments.append(f"# {name}: {field.description or ''}".rstrip())
    return comments


def _quoted(value: str) -> str:
    """A YAML double-quoted string, safe for colons, leading symbols and words like `no`."""
    return json.dumps(value, ensure_ascii=False)
