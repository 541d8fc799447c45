"""Fixtures that write a tiny archive into a temporary folder and build it for real."""

from __future__ import annotations

import functools
import inspect
import logging
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

ROOT = Path(__file__).resolve().parent.parent

MKDOCS_YML = """\
site_name: Test archive
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - archive
markdown_extensions:
  - attr_list
  - footnotes
  - tables
  - toc
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
validation:
  links:
    anchors: warn
"""


def without_threads(test):
    """Run `test` where no other thread runs, as a build's process is, so that work beside the build forks
    (`adapters/aside.py` never forks beside threads): here when this process has none, else alone in a new pytest
    process. Playwright leaves threads in the process once a browser test has run."""

    @functools.wraps(test)
    def run(*arguments, **keywords):
        if threading.active_count() == 1:
            return test(*arguments, **keywords)
        assert not os.environ.get("WITHOUT_THREADS"), "a new pytest process has other threads too"
        test_id = f"{inspect.getsourcefile(test)}::{test.__name__}"
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test_id], cwd=ROOT,
                              env={**os.environ, "WITHOUT_THREADS": "1"}, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]

    return run


class Archive:
    """A tiny archive on disk: write files from an indented tree, build it, read the output."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.site = root / "site"
        self.write("mkdocs.yml", MKDOCS_YML)
        self.write("content/index.md", "---\ntitle: Home\n---\nWelcome.\n")

    def write(self, path: str, text: str) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def write_bytes(self, path: str, data: bytes) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return target

    def files(self, tree: str) -> None:
        """Write files given as a path line followed by `| `-prefixed content lines."""
        path, lines = None, []
        for line in textwrap.dedent(tree).strip("\n").split("\n"):
            if line.startswith("|"):
                lines.append(line[2:] if line.startswith("| ") else line[1:])
            elif line.strip():
                if path:
                    self.write(path, "\n".join(lines) + "\n")
                path, lines = line.strip(), []
        if path:
            self.write(path, "\n".join(lines) + "\n")

    def build(self, strict: bool = True) -> None:
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site), strict=strict)
        build(config)

    def html(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


class Logs:
    """The warnings a build logged, as a contributor sees them."""

    def __init__(self, caplog: pytest.LogCaptureFixture) -> None:
        self._caplog = caplog

    @property
    def warnings(self) -> list[str]:
        return [record.getMessage().removeprefix("archive: ")
                for record in self._caplog.records if record.levelno >= logging.WARNING]

    @property
    def problems(self) -> set[str]:
        """The archive's own problems, as `archive check` prints them; the link check of built pages aside."""
        return archive_problems(self._caplog.records)

    @property
    def infos(self) -> list[str]:
        return [record.getMessage().removeprefix("archive: ")
                for record in self._caplog.records if record.levelno == logging.INFO]


def archive_problems(records: list[logging.LogRecord]) -> set[str]:
    """The warnings of the archive plugin, without those of the link check, which only a built site can find."""
    messages = {record.getMessage().removeprefix("archive: ") for record in records
                if record.name == "mkdocs.plugins.archive" and record.levelno >= logging.WARNING}
    return {message for message in messages if "' leads nowhere: " not in message}


def checked_problems(root: Path) -> set[str]:
    """What `archive check` reports for the archive in `root`, line by line."""
    from study_archive.adapters.check import find_problems

    return {str(problem) for problem in find_problems(root)[1]}


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    return Archive(tmp_path)


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Logs:
    caplog.set_level(logging.INFO, logger="mkdocs")
    return Logs(caplog)


@pytest.fixture
def library(archive: Archive) -> Archive:
    """An archive with a person, a term and a text of three paragraphs, to point references at."""
    archive.files("""
        content/people/trotsky.md
        | ---
        | title: Leon Trotsky
        | summary: Russian revolutionary.
        | ---
        | A biography.
        content/glossary/faction.md
        | ---
        | title: Faction
        | short: An organized group inside a party.
        | ---
        | A longer definition.
        readings/new-course.md
        | ---
        | title: The New Course
        | authors: [trotsky]
        | year: 1923
        | summary: Open letters on party democracy.
        | rights: public-domain
        | ---
        | The first paragraph.
        |
        | ## The party
        |
        | The second paragraph.
        |
        | > A quoted third.
        """)
    return archive


__all__ = ["Abort", "Archive", "Logs", "archive_problems", "checked_problems"]
