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

What needs the build's work as it is done (the pages as they are written) is `Fed` to a consumer in a process of
its own.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

try:
    import fcntl
except ImportError:  # Windows: pipes keep their size.
    fcntl = None

__all__ = ["Aside", "AsideFailed", "Fed", "Consumer"]

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


class Consumer(Protocol[T]):
    """What `Fed` feeds: `take` each item as it comes, then `finish` once, with the caller's last word."""

    def take(self, item: Any) -> None: ...

    def finish(self, *arguments: Any) -> T: ...


class Fed(Generic[T]):
    """A consumer fed beside the caller, in a process of its own: each `send(item)` is `consumer.take(item)`
    there, and `result(*arguments)` ends the feed and returns `consumer.finish(*arguments)`.

    The process is started afresh (`spawn`), not forked: it lives while the build writes its pages, and a fork of
    the build would soon hold a copy of most of the build's memory, since Python writes to the pages it allocates
    in. A fresh one holds only the consumer and what it takes (at 5,000 texts, tens of megabytes, where a fork
    came to 670). The consumer goes to it pickled, and so does every item: they should be small and plain (a
    page the build has just made, as bytes), and the consumer's class importable.
    """

    def __init__(self, consumer: Consumer[T]) -> None:
        context = multiprocessing.get_context("spawn")
        reader, self._writer = context.Pipe(duplex=False)
        self._answer, answer = context.Pipe(duplex=False)
        _widen(self._writer)
        self._process = context.Process(target=_consume, args=(consumer, reader, answer), daemon=True)
        self._process.start()
        reader.close()
        answer.close()
        self._failed: str | None = None
        """An item that could not be sent (it does not pickle), said by `result()`."""
        self._ended = False
        """Whether the process ended before the last word (the consumer failed: `result()` says why)."""

    def send(self, item: object) -> None:
        if self._failed is not None or self._ended:
            return
        try:
            self._writer.send(item)
        except OSError:
            self._ended = True
        except Exception:
            self._failed = traceback.format_exc()

    def result(self, *arguments: object) -> T:
        """Everything is sent: what the consumer finishes with; its error, with its traceback, if it failed."""
        if self._failed is not None:
            self.cancel()
            raise AsideFailed(self._failed)
        try:
            if not self._ended:
                self._writer.send(_End(arguments))
        except OSError:
            pass
        finally:
            self._writer.close()
        try:
            ok, value = self._answer.recv()
        except EOFError:
            self._process.join()
            ok, value = False, f"the process ended with code {self._process.exitcode} before it answered"
        finally:
            self._answer.close()
        self._process.join()
        if not ok:
            raise AsideFailed(value)
        return value

    def cancel(self) -> None:
        """Stop the process, if it still runs (the build failed: its result is not wanted)."""
        self._writer.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._answer.close()


class _End:
    """The message after the last item: the consumer's `finish` is called with the arguments it carries."""

    def __init__(self, arguments: tuple) -> None:
        self.arguments = arguments


def _consume(consumer: Consumer[T], reader, answer) -> None:
    """In the fed process: take each item from the pipe, then finish, and answer `(True, result)` or
    `(False, traceback)`. A consumer that fails answers at once and ends, and the pipe with it. Stopped (`cancel`),
    the process ends as it would after an error, so that what the consumer made is cleaned up on the way out."""
    signal.signal(signal.SIGTERM, _stop)
    try:
        while True:
            item = reader.recv()
            if isinstance(item, _End):
                result = (True, consumer.finish(*item.arguments))
                break
            consumer.take(item)
    except BaseException:  # Whatever it was, the build says it, with where it happened.
        result = (False, traceback.format_exc())
    answer.send(result)
    answer.close()


def _stop(signum: int, frame: object) -> None:
    raise SystemExit("stopped")


def _widen(connection) -> None:
    """Give the pipe a buffer of a megabyte where the system allows (Linux), so that the caller seldom waits for
    the copy to take an item: the default 64 KB holds about one page."""
    if fcntl is not None and hasattr(fcntl, "F_SETPIPE_SZ"):
        try:
            fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
        except OSError:  # More than the system lets a process have: the default stays.
            pass


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
