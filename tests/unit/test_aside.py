"""Work run beside a build: the same result as a call, errors with their traceback, no fork beside threads."""

import gc
import os
import threading
import time

import pytest

from study_archive.adapters.aside import Aside, AsideFailed, Fed

from conftest import without_threads


def _pid_and_sum(*numbers: int) -> tuple[int, int]:
    return os.getpid(), sum(numbers)


def _fails() -> None:
    raise ValueError("a source the index could not read")


def _exits() -> None:
    os._exit(3)


@without_threads
def test_the_result_comes_back_from_another_process():
    aside = Aside(_pid_and_sum, 1, 2, 3)
    pid, total = aside.result()
    assert aside.forked and pid != os.getpid()
    assert total == 6
    assert aside.result() == (pid, 6)  # Asked again, the same answer.


@without_threads
def test_an_error_in_the_copy_is_raised_with_its_traceback():
    with pytest.raises(AsideFailed, match=r"(?s)in _fails.*ValueError: a source the index could not read"):
        Aside(_fails).result()


@without_threads
def test_a_copy_that_dies_is_an_error_not_a_hang():
    with pytest.raises(AsideFailed, match="ended with code 3"):
        Aside(_exits).result()


def test_beside_other_threads_it_runs_in_this_process():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        aside = Aside(_pid_and_sum, 4)
    finally:
        stop.set()
        thread.join()
    assert not aside.forked
    assert aside.result() == (os.getpid(), 4)


def test_beside_other_threads_an_error_is_raised_by_the_result_as_from_a_copy():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        aside = Aside(_fails)  # Runs at once, here: the error waits for the result, as a copy's would.
    finally:
        stop.set()
        thread.join()
    assert not aside.forked
    with pytest.raises(AsideFailed, match=r"(?s)in _fails.*ValueError: a source the index could not read"):
        aside.result()


@without_threads
def test_cancel_stops_the_copy():
    stop = Aside(threading.Event().wait)
    stop.cancel()
    assert not stop._process.is_alive()


@without_threads
def test_objects_stay_frozen_while_a_copy_runs_and_thaw_after_the_last():
    """The collector writes to the objects it examines, which would copy every shared page into the copy."""
    assert gc.get_freeze_count() == 0
    first, second = Aside(time.sleep, 0.2), Aside(time.sleep, 0.2)
    assert gc.get_freeze_count() > 0
    first.result()
    assert gc.get_freeze_count() > 0  # The second still runs.
    second.cancel()
    assert gc.get_freeze_count() == 0


@without_threads
def test_sources_parsed_half_aside_come_back_in_order_with_their_problems(tmp_path):
    """`Archive.load` with an aside parses every second source in a copy: the same documents, in the same order,
    and the problems of both halves."""
    from conftest import Archive as Files

    from study_archive.model.archive import Archive
    from study_archive.model.site import Site
    from study_archive.renderer.pipeline import reader_for

    files = Files(tmp_path)
    for number in range(5):
        year = "year: not a year\n" if number in (1, 2) else f"year: {1900 + number}\n"  # One in each half.
        files.write(f"readings/text-{number}.md", f"---\ntitle: Text {number}\nkind: essay\n{year}rights: public-domain\n"
                    f"---\nParagraph one of {number}.\n\nParagraph two.\n")
    site = Site.load(tmp_path)
    alone = Archive.load(tmp_path, site.layout, reader_for(site))
    beside = Archive.load(tmp_path, site.layout, reader_for(site), elsewhere=lambda function: Aside(function).result)
    assert [document.path for document in beside.documents] == [document.path for document in alone.documents]
    assert [document.outline.texts() for document in beside.documents] == \
           [document.outline.texts() for document in alone.documents]
    assert beside.problems.sorted() == alone.problems.sorted()
    assert {problem.path for problem in alone.problems.sorted()} >= {"readings/text-1.md", "readings/text-2.md"}


class _Tally:
    """A consumer that remembers the process it took its items in."""

    def __init__(self) -> None:
        self.items: list[object] = []
        self.pids: set[int] = set()

    def take(self, item: object) -> None:
        self.items.append(item)
        self.pids.add(os.getpid())

    def finish(self, factor: int) -> tuple[list[object], set[int]]:
        if factor == 0:
            raise ValueError("no factor")
        return [item * factor for item in self.items], self.pids | {os.getpid()}


class _Refuses(_Tally):
    def take(self, item: object) -> None:
        if item == 13:
            raise ValueError("an unlucky page")
        super().take(item)


def test_what_is_fed_is_taken_in_a_process_of_its_own_in_order_and_finished_with_the_last_word():
    fed = Fed(_Tally())
    for number in range(3000):  # More than a pipe holds at once.
        fed.send(number)
    items, pids = fed.result(2)
    assert len(pids) == 1 and os.getpid() not in pids
    assert items == [number * 2 for number in range(3000)]


def test_beside_other_threads_what_is_fed_is_still_taken_elsewhere():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        fed = Fed(_Tally())
        fed.send(5)
        fed.send(6)
        items, pids = fed.result(3)
    finally:
        stop.set()
        thread.join()
    assert items == [15, 18] and os.getpid() not in pids


def test_a_consumer_s_error_in_finishing_is_raised_with_its_traceback():
    fed = Fed(_Tally())
    fed.send(1)
    with pytest.raises(AsideFailed, match=r"(?s)in finish.*ValueError: no factor"):
        fed.result(0)


def test_a_consumer_that_fails_taking_an_item_ends_and_its_error_is_the_result():
    fed = Fed(_Refuses())
    for number in range(3000):  # It fails early; what is sent after is not an error of the caller's.
        fed.send(number)
    with pytest.raises(AsideFailed, match=r"(?s)in take.*ValueError: an unlucky page"):
        fed.result(1)


def test_an_item_that_cannot_be_sent_is_the_error():
    fed = Fed(_Tally())
    fed.send(lambda: None)  # Not picklable.
    with pytest.raises(AsideFailed, match=r"(?s)pickle"):
        fed.result(1)
    assert not fed._process.is_alive()


def test_a_cancelled_feed_stops_its_process():
    fed = Fed(_Tally())
    fed.send(1)
    fed.cancel()
    assert not fed._process.is_alive()


class _Makes(_Tally):
    """A consumer that makes a temporary folder as it takes its first item."""

    def take(self, item: object) -> None:
        import tempfile

        if not self.items:
            self.folder = tempfile.TemporaryDirectory(prefix="fed-")
        super().take(item)


def test_a_cancelled_feed_leaves_nothing_its_consumer_made(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    fed = Fed(_Makes())
    fed.send(1)
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob("fed-*")):
        assert time.monotonic() < deadline, "the consumer made no folder"
        time.sleep(0.05)
    fed.cancel()
    assert list(tmp_path.glob("fed-*")) == []
