"""What curricula add to the built site: a reading packet, a calendar and a facilitator's page each.

The work is done in `study_archive.model`; this module only reads the site's settings (its address,
language, Markdown extensions and reading speed) and names the files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from .calendar import write_calendar
from ..model.archive import Archive
from ..model.curriculum import Syllabus, assignments_of, duration, facilitator_uri
from ..model.document import Document, Kind
from ..model.site import Site
from .excerpt import Excerpter, notes_on_paragraph
from .kept import body_key, content_key, kept_or_made, shape_key
from ..model.source_date import source_date
from .packet import write_packet

__all__ = ["CURRICULUM_FUNCTIONS", "curriculum_files", "facilitator_pages"]

CURRICULUM_FUNCTIONS = {"syllabus": Syllabus.of, "assignments_of": assignments_of, "duration": duration}
"""For templates: `syllabus(archive, document, words_per_minute)`, `assignments_of(archive, text, wpm)`."""


def curriculum_files(archive: Archive, site: Site,
                     kept: dict | None = None) -> Iterator[tuple[str, bytes | Callable[[], bytes]]]:
    """For each valid curriculum, its EPUB reading packet and, if any session is dated, its calendar.

    A build gets each packet as the function that makes it: excerpting the texts a curriculum assigns is the slow
    part of the files beside the pages, which a builder may make on another core while the pages render.

    `kept`, for a live preview, holds each curriculum's files by a hash of everything they are made of (the
    curriculum and the texts it assigns, bodies included, the annotations, every document's front matter and
    headings, which references print, the date and the site); a curriculum whose hash is unchanged gets them back.
    """
    syllabi = [syllabus for curriculum in archive.of_kind(Kind.CURRICULUM)
               if (syllabus := Syllabus.of(archive, curriculum, site.words_per_minute)) is not None]
    if not syllabi:
        return
    when = source_date(archive.root, (archive.layout.content_dir, archive.layout.readings_dir))
    excerpter = Excerpter(archive, site, notes=notes_on_paragraph(archive))
    # What every packet may show of other documents: the annotations, and what its texts' references print (front
    # matter, headings; a reference to a paragraph that is missing is printed as such). Hashed once per build.
    shared = content_key(sorted(archive.annotations.items()), when, site,
                         [shape_key(document) for document in archive.documents]) if kept is not None else b""
    for syllabus in syllabi:
        if kept is None:
            yield from _files(archive, syllabus, excerpter, when, site, later=True)
            continue
        yield from kept_or_made(kept, syllabus.packet_uri, content_key(shared, _made_of(syllabus)),
                                lambda: list(_files(archive, syllabus, excerpter, when, site)))


def _made_of(syllabus: Syllabus) -> tuple:
    """What a syllabus's packet and calendar are made of: the curriculum and each text it assigns, by their front
    matter and a hash of their bodies (their outlines are read from the bodies), with each reading's span."""
    readings = [reading for meeting in syllabus.meetings for reading in (*meeting.readings, *meeting.further_reading)]
    return (syllabus.curriculum.path, syllabus.curriculum.front.data, syllabus.curriculum.body,
            [(reading.assignment, reading.span, reading.words_per_minute)
             + ((reading.text.path, reading.text.front.data, body_key(reading.text)) if reading.text else ())
             for reading in readings])


def _files(archive: Archive, syllabus: Syllabus, excerpter: Excerpter, when, site: Site,
           later: bool = False) -> Iterator[tuple[str, bytes | Callable[[], bytes]]]:
    packet = partial(write_packet, archive, syllabus, excerpter, modified=when, site_name=site.name,
                     site_url=site.url, language=site.language)
    yield syllabus.packet_uri, packet if later else packet()
    if syllabus.dated:
        yield syllabus.calendar_uri, write_calendar(syllabus, stamp=when, site_url=site.url)


def facilitator_pages(archive: Archive) -> Iterator[tuple[str, str, str, Document]]:
    """The facilitator's view of each curriculum, as `(uri, title, template, curriculum)`."""
    for curriculum in archive.of_kind(Kind.CURRICULUM):
        if curriculum.meta is not None:
            yield facilitator_uri(curriculum), f"{curriculum.title}: facilitator's notes", "archive/facilitator.html", curriculum
