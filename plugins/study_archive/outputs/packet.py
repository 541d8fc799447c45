"""Reading packets: a curriculum as one EPUB 3 book a reader can take offline.

The book opens with a cover (the curriculum's title, summary and introduction), then gives
each session a chapter with its readings and questions, followed by the assigned excerpts
of library texts, numbered as on the site, with notes on their paragraphs as endnotes.

An EPUB is a zip of a few fixed files, so the container is written here with `zipfile`
from Jinja templates: the output is reproducible byte for byte for the same source date.
"""

from __future__ import annotations

import datetime
import functools
import io
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from ..model.archive import Archive
from ..model.problem import counted
from ..model.curriculum import Meeting, Reading, Syllabus, duration
from .excerpt import Excerpt, Excerpter

__all__ = ["Chapter", "write_packet"]

TEMPLATES = Path(__file__).parent / "templates" / "packet"
MEDIA_TYPE = b"application/epub+zip"


@dataclass(frozen=True)
class Chapter:
    """One XHTML file of the book: a session, or an excerpt assigned in it."""

    name: str
    title: str
    meeting: Meeting
    reading: Reading | None = None
    excerpt: Excerpt | None = None
    files: tuple[str | None, ...] = ()
    """For a session: the file of each reading's excerpt, or None for a work outside the library."""

    @property
    def id(self) -> str:
        return self.name.removesuffix(".xhtml")


def write_packet(archive: Archive, syllabus: Syllabus, excerpter: Excerpter, *, modified: datetime.datetime,
                 site_name: str = "", site_url: str | None = None, language: str = "en") -> bytes:
    """The EPUB of a curriculum, as the bytes of its file."""
    environment = _environment()
    chapters = list(_chapters(syllabus, excerpter))
    context = {
        "archive": archive, "syllabus": syllabus, "chapters": chapters, "site_name": site_name,
        "site_url": site_url.rstrip("/") + "/" if site_url else None, "language": language,
        "duration": duration, "counted": counted,
        "identifier": _identifier(syllabus, site_url),
        "modified": modified.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    files = [
        ("META-INF/container.xml", environment.get_template("container.xml").render(context)),
        ("EPUB/package.opf", environment.get_template("package.opf").render(context)),
        ("EPUB/nav.xhtml", environment.get_template("nav.xhtml").render(context)),
        ("EPUB/style.css", (TEMPLATES / "style.css").read_text(encoding="utf-8")),
        ("EPUB/cover.xhtml", environment.get_template("cover.xhtml").render(
            context, introduction=excerpter.prose(syllabus.curriculum.body))),
    ]
    for chapter in chapters:
        template = "excerpt.xhtml" if chapter.reading else "session.xhtml"
        files.append((f"EPUB/{chapter.name}", environment.get_template(template).render(context, chapter=chapter)))
    return _zip(files, modified)


def _chapters(syllabus: Syllabus, excerpter: Excerpter):
    """Each session, then the excerpts of the library texts it assigns."""
    for meeting in syllabus.meetings:
        files = tuple(f"session-{meeting.number}-{index}.xhtml" if reading.text is not None else None
                      for index, reading in enumerate(meeting.readings, start=1))
        yield Chapter(f"session-{meeting.number}.xhtml", f"Session {meeting.number}: {meeting.session.title}",
                      meeting, files=files)
        for reading, name in zip(meeting.readings, files):
            if name is not None:
                label = f"{reading.title}, {reading.span.label}" if reading.span else reading.title
                yield Chapter(name, label, meeting, reading, excerpter.excerpt(reading.text, reading.span))


@functools.cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True)


def _identifier(syllabus: Syllabus, site_url: str | None) -> str:
    """A stable identifier: the same curriculum on the same site is the same book."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, (site_url or 'study-archive:') + syllabus.curriculum.uri)}"


def _zip(files: list[tuple[str, str]], modified: datetime.datetime) -> bytes:
    """The OCF container: `mimetype` first and stored, everything else deflated, all with one date."""
    stamp = max(modified.astimezone(datetime.timezone.utc).timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype", stamp), MEDIA_TYPE, compress_type=zipfile.ZIP_STORED)
        for name, content in files:
            book.writestr(zipfile.ZipInfo(name, stamp), content.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
