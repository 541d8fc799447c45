"""Work run beside a build: the same result as a call, errors with their traceback, no fork beside threads."""

import os
import threading

import pytest

from study_archive.adapters.aside import Aside, AsideFailed


def _pid_and_sum(*numbers: int) -> tuple[int, int]:
    return os.getpid(), sum(numbers)


def _fails() -> None:
    raise ValueError("a source the index could not read")


def _exits() -> None:
    os._exit(3)


def test_the_result_comes_back_from_another_process():
    aside = Aside(_pid_and_sum, 1, 2, 3)
    pid, total = aside.result()
    assert aside.forked and pid != os.getpid()
    assert total == 6
    assert aside.result() == (pid, 6)  # Asked again, the same answer.


def test_an_error_in_the_copy_is_raised_with_its_traceback():
    with pytest.raises(AsideFailed, match=r"(?s)in _fails.*ValueError: a source the index could not read"):
        Aside(_fails).result()


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


def test_cancel_stops_the_copy():
    stop = Aside(threading.Event().wait)
    stop.cancel()
    assert not stop._process.is_alive()
