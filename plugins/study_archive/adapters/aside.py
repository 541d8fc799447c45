"""Work run beside a build: a function called in a forked copy of the process while the builder goes on.

A build spends most of its time in one thread, rendering pages; what only needs the archive as loaded (the search
index) can be made at the same time on another core. The copy shares the loaded archive with the build (a fork
copies nothing until either side writes) and sends back only what the function returns.

Where a fork is not safe or not possible (Windows, macOS, or other threads running, whose locks the copy would
inherit held), the function runs at once in the build's own process: the result is the same, only sooner, and so is
an error, raised by `result()` as `AsideFailed` with its traceback.

What runs aside must say what went wrong by raising, never by logging: MkDocs counts the warnings of its own
process, and one logged in the copy would print without failing a strict build. Its result comes back pickled
through a pipe, so it should be small (a count, a path).
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["Aside", "AsideFailed"]

T = TypeVar("T")


class AsideFailed(RuntimeError):
    """The function failed in the copy: the message carries the copy's traceback."""


class Aside(Generic[T]):
    """`function(*arguments)`, started now, beside the caller where the platform allows; `result()` waits for it."""

    def __init__(self, function: Callable[..., T], *arguments: object) -> None:
        self._process = None
        self._done: tuple[bool, object] | None = None
        if not _can_fork():
            try:
                self._done = (True, function(*arguments))
            except Exception:  # Said where a copy's error is said, by `result()`, in the same words.
                self._done = (False, traceback.format_exc())
            return
        context = multiprocessing.get_context("fork")
        self._reader, writer = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(writer, function, arguments), daemon=True)
        _freeze()
        try:
            self._process.start()
        except BaseException:
            _thaw()
            raise
        writer.close()

    @property
    def forked(self) -> bool:
        """Whether the function runs in a copy of the process."""
        return self._process is not None

    def result(self) -> T:
        """What the function returned; its error, with the copy's traceback, if it failed."""
        if self._done is None:
            try:
                self._done = self._reader.recv()
            except EOFError:
                self._process.join()
                self._done = (False, f"the process ended with code {self._process.exitcode} before it answered")
            finally:
                self._reader.close()
            self._process.join()
            _thaw()
        ok, value = self._done
        if not ok:
            raise AsideFailed(value)
        return value

    def cancel(self) -> None:
        """Stop the copy, if it still runs (the build failed: its result is not wanted)."""
        if self._process is not None and self._done is None:
            self._process.terminate()
            self._process.join()
            self._reader.close()
            self._done = (False, "cancelled")
            _thaw()


_copies = 0
"""How many copies run: while any does, the objects they share with this process stay frozen."""


def _freeze() -> None:
    """Move every object this process holds out of the collector's reach until the copies end.

    A fork shares the process's memory until a page is written. The collector writes to every object it examines:
    a full collection in either process would copy every page of objects on both sides (at 5,000 texts, hundreds of
    megabytes). Frozen, the objects shared at the fork are examined by neither, in the copy as in this process.
    """
    global _copies
    if _copies == 0:
        gc.freeze()
    _copies += 1


def _thaw() -> None:
    global _copies
    _copies -= 1
    if _copies == 0:
        gc.unfreeze()


def _can_fork() -> bool:
    # macOS has fork, but its system libraries may abort in a forked copy that does not exec (Python stopped
    # forking there by default for that reason).
    return ("fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
            and threading.active_count() == 1)


def _run(writer, function: Callable[..., object], arguments: tuple) -> None:
    """In the copy: call the function and send back `(True, result)` or `(False, traceback)`."""
    try:
        answer = (True, function(*arguments))
    except BaseException:  # Whatever it was, the build says it, with where it happened.
        answer = (False, traceback.format_exc())
    writer.send(answer)
    writer.close()
