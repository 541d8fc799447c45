"""Options of the `archive` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ...model.site import Site

__all__ = ["ArchiveConfig"]


class ArchiveConfig(base.Config):
    readings_dir = c.Type(str, default="readings")
    """The library folder, relative to mkdocs.yml and outside `docs_dir`.

    Example: `readings_dir: library` publishes `library/trotsky-new-course.md` at `/readings/trotsky-new-course/`.
    """

    words_per_minute = c.Type(int, default=230)
    """Reading speed used for reading times. Example: `words_per_minute: 200` for a slower group."""

    remote_images = c.Type(bool, default=False)
    """Let pages show images from other hosts: the Content-Security-Policy then allows images over HTTPS.

    Off by default, so that a page reads the same offline and loads nothing from elsewhere, and each remote image is
    reported. Example: `remote_images: true`.
    """

    editors = c.Type(str, default=Site.editors)
    """Who wrote the reading guides (`holds: guide`) whose front matter names no one in `guide_by`: their citations
    and bylines credit this name. Example: `editors: The Tuesday reading group`.
    """

    preview_polling = c.Type(bool, default=False)
    """Let `mkdocs serve` look for saves by polling the folders twice a second, as MkDocs does, instead of hearing of
    them from the system at once. Needed only where the system's notices do not arrive: a folder mounted into a Docker
    container from another system, or a network drive. Example: `preview_polling: true`.
    """
