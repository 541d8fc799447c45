"""The live preview: under `mkdocs serve`, a saved edit reloads the open page by itself, its policy kept."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(params=[["--dirty"], []], ids=["as scripts/serve serves", "plain mkdocs serve"])
def serving(library, request):
    """`mkdocs serve` on the small library, in its own process; the base URL once the first build answers."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *request.param],
                               cwd=library.root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                               stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(url + "readings/new-course/", timeout=5)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("mkdocs serve did not answer")
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_saved_edit_reloads_the_open_page_by_itself(serving, library, page):
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(serving + "readings/new-course/")
    assert "Content-Security-Policy" in page.content()  # The page keeps the policy it is published with.
    page.wait_for_load_state("load")
    source = library.root / "readings" / "new-course.md"
    source.write_text(source.read_text(encoding="utf-8").replace("The first paragraph.", "The first paragraph, edited."),
                      encoding="utf-8")
    # No reload from here: only the page's own script can bring the edit in.
    page.get_by_text("The first paragraph, edited.").wait_for(timeout=120_000)
    assert refused == []
