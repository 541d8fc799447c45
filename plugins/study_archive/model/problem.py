"""Problems: what is wrong with the archive, where, and how to fix it.

A problem is a value, not an exception: loading and checking the archive collects
every problem it meets, so that a contributor sees all of them in one build.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

__all__ = ["Problem", "Problems", "Severity", "counted", "did_you_mean", "paragraphs_hint"]


class Severity(str, Enum):
    """How bad a problem is; errors and warnings fail a strict build, notes never do."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"
    """Something the build did that a contributor may want to know, such as harmless HTML it dropped."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one place in one source file."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def location(self) -> str:
        """The place as editors and terminals understand it: `path:line:column`."""
        return f"{self.path}:{self.line}:{self.column}"

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        return f"{text}: {self.hint}" if self.hint else text


class Problems:
    """An ordered collection of problems, reported together."""

    def __init__(self, problems: Iterable[Problem] = ()) -> None:
        self._problems: list[Problem] = list(problems)

    def add(
        self,
        path: str,
        line: int,
        column: int,
        message: str,
        hint: str = "",
        severity: Severity = Severity.ERROR,
    ) -> Problem:
        """Record a problem and return it."""
        problem = Problem(path, line, column, message, hint, severity)
        self._problems.append(problem)
        return problem

    def extend(self, problems: Iterable[Problem]) -> None:
        self._problems.extend(problems)

    def for_path(self, path: str) -> list[Problem]:
        return [problem for problem in self._problems if problem.path == path]

    def sorted(self) -> list[Problem]:
        """Problems in file order, then line order: the order a contributor fixes them."""
        return sorted(self._problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._problems)

    def __len__(self) -> int:
        return len(self._problems)

    def __bool__(self) -> bool:
        return bool(self._problems)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A 'did you mean ...?' hint for a likely typo, or an empty string."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else ""


def counted(count: int, word: str, plural: str | None = None) -> str:
    """A count with its noun in the right number: `1 paragraph`, `3 paragraphs`, `2 people`."""
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


def paragraphs_hint(count: int) -> str:
    """What a text's paragraphs are, for a hint about a paragraph it does not have."""
    if count == 0:
        return "it has no numbered paragraphs: link the text itself, or a heading of it"
    if count == 1:
        return "it has 1 paragraph, numbered 1: point at paragraph 1, or at the text itself"
    return f"it has {count} paragraphs, numbered 1 to {count} on its page: give numbers in that range"
