"""Curricula resolved against the library: which paragraphs each session assigns, and how long they take.

A curriculum's front matter only names texts and ranges. This module turns those names into
spans of real paragraphs (`¶4-12`, or the paragraphs under a heading), counts their words
from the text's own outline, and indexes the other way round, so that a text can say which
sessions assign it. Ranges that point past a text or at an unknown heading are problems.
"""

from __future__ import annotations

import math
import posixpath
import weakref
from dataclasses import dataclass

from .document import Document, Kind, page_url
from .kinds import Assignment, Session
from .outline import Heading
from .catalog import Catalog, Miss
from .problem import did_you_mean, paragraphs_hint


__all__ = [
    "Span", "Reading", "Meeting", "Syllabus", "Assigned", "span_of", "check_ranges", "assignments_of",
    "reading_minutes", "duration", "packet_uri", "calendar_uri", "facilitator_uri",
]


def reading_minutes(words: int, words_per_minute: int) -> int:
    """Whole minutes to read `words`, rounded up, as the library's reading times are."""
    return math.ceil(words / words_per_minute) if words else 0


def duration(minutes: int) -> str:
    """A reading time a person takes in at a glance: `25 min`, `1 h 5 min`."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


@dataclass(frozen=True)
class Span:
    """Paragraphs `first` to `last` of a text, inclusive; `heading` when assigned as a section."""

    first: int
    last: int
    heading: Heading | None = None

    @property
    def anchor(self) -> str:
        """Where a link to the span lands: its heading, or its first paragraph."""
        return self.heading.anchor if self.heading else f"p{self.first}"

    @property
    def paragraphs(self) -> str:
        return f"¶{self.first}" if self.first == self.last else f"¶{self.first}–{self.last}"

    @property
    def label(self) -> str:
        """How the span is cited: `¶4–12`, or `“The party”, ¶4–12`."""
        return f"“{self.heading.title}”, {self.paragraphs}" if self.heading else self.paragraphs


def span_of(text: Document, assignment: Assignment) -> Span | Miss | None:
    """The paragraphs an assignment names in a text; None for the whole text, a Miss if they do not exist."""
    count = len(text.outline.paragraphs)
    if assignment.paragraphs:
        first, _, last = assignment.paragraphs.partition("-")
        span = Span(int(first), int(last or first))
        if span.last > count:
            return Miss(f"'{text.id}' has no paragraphs {assignment.paragraphs}", paragraphs_hint(count))
        return span
    if assignment.section:
        return _section_span(text, assignment.section)
    return None


def _section_span(text: Document, anchor: str) -> Span | Miss:
    headings = text.outline.headings
    index = next((index for index, heading in enumerate(headings) if heading.anchor == anchor), None)
    if index is None:
        known = [heading.anchor for heading in headings]
        hint = did_you_mean(anchor, known) or (
            f"its headings are: {', '.join(known)}" if known else "it has no headings; assign 'paragraphs' instead")
        return Miss(f"'{text.id}' has no section '{anchor}'", hint)
    heading = headings[index]
    end = next((later.before for later in headings[index + 1:] if later.level <= heading.level),
               len(text.outline.paragraphs))
    if end <= heading.before:
        return Miss(f"the section '{anchor}' of '{text.id}' has no paragraphs of its own",
                    "assign the paragraphs after it with 'paragraphs', or a heading above it")
    return Span(heading.before + 1, end, heading)


@dataclass(frozen=True)
class Reading:
    """One assignment as a reader meets it: a library text and its span, or an external work."""

    assignment: Assignment
    text: Document | None
    span: Span | None
    words_per_minute: int

    @property
    def external(self) -> bool:
        return self.assignment.text is None

    @property
    def title(self) -> str:
        return self.text.title if self.text else self.assignment.title or self.assignment.text or ""

    @property
    def words(self) -> int:
        """The words of the assigned paragraphs, counted from the text; 0 for external works."""
        if self.text is None:
            return 0
        paragraphs = self.text.outline.paragraphs
        if self.span is None:
            return sum(paragraph.words for paragraph in paragraphs)
        return sum(paragraph.words for paragraph in paragraphs[self.span.first - 1:self.span.last])

    @property
    def minutes(self) -> int:
        return reading_minutes(self.words, self.words_per_minute)

    @property
    def anchor(self) -> str:
        return self.span.anchor if self.span else ""

    @property
    def key(self) -> str:
        """A name for the reading that survives edits elsewhere in the curriculum, for saved progress."""
        if self.external:
            return "external:" + (self.assignment.title or "")
        where = f"{self.span.first}-{self.span.last}" if self.span else "all"
        return f"{self.assignment.text}#{where}"


@dataclass(frozen=True)
class Meeting:
    """One session of a curriculum with its readings resolved; `number` counts from 1."""

    number: int
    session: Session
    readings: tuple[Reading, ...]
    further_reading: tuple[Reading, ...]

    @property
    def anchor(self) -> str:
        return f"session-{self.number}"

    @property
    def words(self) -> int:
        return sum(reading.words for reading in self.readings)

    @property
    def minutes(self) -> int:
        return sum(reading.minutes for reading in self.readings)

    @property
    def pages(self) -> int:
        """Pages of the external readings, which have no word count."""
        return sum(reading.assignment.pages or 0 for reading in self.readings)


@dataclass(frozen=True)
class Syllabus:
    """A valid curriculum with every session resolved against the archive."""

    curriculum: Document
    meetings: tuple[Meeting, ...]

    @classmethod
    def of(cls, archive: Catalog, curriculum: Document, words_per_minute: int) -> Syllabus | None:
        """The syllabus of a curriculum, or None if its front matter is invalid."""
        if curriculum.kind is not Kind.CURRICULUM or curriculum.meta is None:
            return None

        def resolve(assignment: Assignment) -> Reading:
            text = archive.by_id.get(assignment.text) if assignment.text else None
            if text is not None and text.kind is not Kind.TEXT:
                text = None
            span = span_of(text, assignment) if text is not None else None
            return Reading(assignment, text, span if isinstance(span, Span) else None, words_per_minute)

        meetings = tuple(
            Meeting(number, session, tuple(map(resolve, session.readings)), tuple(map(resolve, session.further_reading)))
            for number, session in enumerate(curriculum.meta.sessions, start=1)
        )
        return cls(curriculum, meetings)

    @property
    def title(self) -> str:
        return self.curriculum.title

    @property
    def minutes(self) -> int:
        return sum(meeting.minutes for meeting in self.meetings)

    @property
    def words(self) -> int:
        return sum(meeting.words for meeting in self.meetings)

    @property
    def pages(self) -> int:
        return sum(meeting.pages for meeting in self.meetings)

    @property
    def dated(self) -> bool:
        """Whether any session has a date, and so the curriculum has a calendar."""
        return any(meeting.session.date for meeting in self.meetings)

    @property
    def packet_uri(self) -> str:
        return packet_uri(self.curriculum)

    @property
    def calendar_uri(self) -> str:
        return calendar_uri(self.curriculum)

    @property
    def facilitator_url(self) -> str:
        return page_url(facilitator_uri(self.curriculum))


def packet_uri(curriculum: Document) -> str:
    """Where a curriculum's reading packet is published, beside its page: `curricula/<id>.epub`."""
    return posixpath.join(posixpath.dirname(curriculum.uri), f"{curriculum.id}.epub")


def calendar_uri(curriculum: Document) -> str:
    """Where a curriculum's calendar is published: `curricula/<id>.ics`."""
    return posixpath.join(posixpath.dirname(curriculum.uri), f"{curriculum.id}.ics")


def facilitator_uri(curriculum: Document) -> str:
    """The source name of the facilitator's view, a generated page at `curricula/<id>/facilitator/`."""
    return posixpath.join(posixpath.dirname(curriculum.uri), curriculum.id, "facilitator.md")


@dataclass(frozen=True)
class Assigned:
    """A place where a text is assigned: which curriculum, which session, which reading."""

    syllabus: Syllabus
    meeting: Meeting
    reading: Reading
    further: bool


def check_ranges(archive: Catalog) -> None:
    """Report every assigned range that a library text does not have, at the line that names it."""
    for curriculum in archive.of_kind(Kind.CURRICULUM):
        if curriculum.meta is None:
            continue
        for number, session in enumerate(curriculum.meta.sessions):
            for field in ("readings", "further_reading"):
                for index, assignment in enumerate(getattr(session, field)):
                    text = archive.by_id.get(assignment.text) if assignment.text else None
                    if text is None or text.kind is not Kind.TEXT:
                        continue  # An unknown or wrong reference is reported by the integrity check.
                    span = span_of(text, assignment)
                    if span is not None and not isinstance(span, Span):
                        key = "paragraphs" if assignment.paragraphs else "section"
                        where = curriculum.front.position(("sessions", number, field, index, key))
                        archive.problems.add(curriculum.path, where.line, where.column, span.message, span.hint)


_ASSIGNED: weakref.WeakKeyDictionary[Catalog, dict[int, dict[str, list[Assigned]]]] = weakref.WeakKeyDictionary()


def assignments_of(archive: Catalog, text: Document, words_per_minute: int) -> list[Assigned]:
    """Every session of every curriculum that assigns a text, in curriculum and session order."""
    by_speed = _ASSIGNED.setdefault(archive, {})
    if words_per_minute not in by_speed:
        index: dict[str, list[Assigned]] = {}
        for curriculum in sorted(archive.of_kind(Kind.CURRICULUM), key=lambda document: document.title.casefold()):
            syllabus = Syllabus.of(archive, curriculum, words_per_minute)
            for meeting in syllabus.meetings if syllabus else ():
                for further, readings in ((False, meeting.readings), (True, meeting.further_reading)):
                    for reading in readings:
                        if reading.text is not None:
                            index.setdefault(reading.text.id, []).append(Assigned(syllabus, meeting, reading, further))
        by_speed[words_per_minute] = index
    return by_speed[words_per_minute].get(text.id, [])
