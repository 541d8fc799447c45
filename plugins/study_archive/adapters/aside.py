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

What needs the build's work as it is done (the pages as they are written) is `Fed` to a consumer in a copy.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

try:
    import fcntl
except ImportError:  # Windows, which runs what is fed in its own process.
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
    """A consumer fed beside the caller: each `send(item)` is `consumer.take(item)`, in a forked copy of the process
    where the platform allows; `result(*arguments)` ends the feed and returns `consumer.finish(*arguments)`.

    The items go through a pipe, pickled, so they should be what the copy cannot see for itself (a page the build
    has just made, as bytes). Where there is no copy, the consumer takes each item at once, in this process: the
    result is the same, only later.
    """

    def __init__(self, consumer: Consumer[T]) -> None:
        self._consumer: Consumer[T] | None = None
        self._failed: str | None = None
        """An error of this side (an item that could not be sent, or taken where there is no copy), said by
        `result()` as a copy's would be."""
        self._ended = False
        """Whether the copy ended before the last word (it failed)."""
        if not _can_fork():
            self._consumer = consumer
            return
        context = multiprocessing.get_context("fork")
        reader, self._writer = context.Pipe(duplex=False)
        _widen(self._writer)
        self._aside = Aside(_consume, consumer, reader, self._writer)
        reader.close()

    @property
    def forked(self) -> bool:
        return self._consumer is None

    def send(self, item: object) -> None:
        if self._failed is not None or self._ended:
            return
        if self._consumer is not None:
            try:
                self._consumer.take(item)
            except Exception:  # Said by `result()`, as a copy's error would be.
                self._failed = traceback.format_exc()
            return
        try:
            self._writer.send(item)
        except OSError:  # The copy failed and ended: `result()` says why.
            self._ended = True
        except Exception:  # The item cannot be sent (it does not pickle).
            self._failed = traceback.format_exc()

    def result(self, *arguments: object) -> T:
        """Everything is sent: what the consumer finishes with; its error, with its traceback, if it failed."""
        if self._consumer is not None:
            if self._failed is None:
                try:
                    return self._consumer.finish(*arguments)
                except Exception:
                    self._failed = traceback.format_exc()
            raise AsideFailed(self._failed)
        if self._failed is not None:  # An item could not be sent.
            self.cancel()
            raise AsideFailed(self._failed)
        try:
            if not self._ended:
                self._writer.send(_End(arguments))
        except OSError:
            pass
        finally:
            self._writer.close()
        return self._aside.result()  # The copy's error, if it failed, before or after the last word.

    def cancel(self) -> None:
        if self._consumer is None:
            self._writer.close()
            self._aside.cancel()


class _End:
    """The message after the last item: the consumer's `finish` is called with the arguments it carries."""

    def __init__(self, arguments: tuple) -> None:
        self.arguments = arguments


def _consume(consumer: Consumer[T], reader, writer) -> T:
    """In the copy: take each item from the pipe, then finish. The copy's inherited end of the pipe is closed
    first, so that the pipe ends (and the copy with it) if the build ends without a last word."""
    writer.close()
    while True:
        item = reader.recv()
        if isinstance(item, _End):
            return consumer.finish(*item.arguments)
        consumer.take(item)


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
