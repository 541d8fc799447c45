"""The front-matter schema of each kind of document, as pydantic models."""

from .curriculum import Assignment, CurriculumMeta, Session
from .debate import DebateMeta, Piece
from .group import GroupMeta
from .notes import NotesMeta
from .page import PageMeta
from .person import PersonMeta
from .term import TermMeta
from .text import Source, TextMeta

__all__ = [
    "Assignment", "CurriculumMeta", "DebateMeta", "GroupMeta", "NotesMeta", "PageMeta", "PersonMeta", "Piece",
    "Session", "Source", "TermMeta", "TextMeta",
]
