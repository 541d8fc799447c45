"""In a real browser: no page of the second hostile corpus goes anywhere by itself.

A meta refresh smuggled through front matter, or a script, would send the browser to another host; every page is
opened and left alone for a moment, and the browser must still be on it, having tried to open no other address.
(Remote images are reported by the build and blocked by the policy; they are no navigation.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from security.test_plain_text import CASES
from .conftest import served

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    from conftest import Archive

    archive = Archive(tmp_path_factory.mktemp("plain-browser"))
    for case in CASES:
        archive.write(case.path, case.source)
    archive.write("content/e/images.md", "---\ntitle: I\n---\n\n![a](https://images.example/a.png)\n\n"
                  "<img src=\"//images.example/b.png\" alt=\"b\">\n")
    archive.build(strict=False)
    return archive.site


def test_no_page_of_the_hostile_site_navigates_by_itself(hostile_site, page):
    elsewhere: list[str] = []
    page.on("request", lambda request: elsewhere.append(request.url)
            if request.is_navigation_request() and not request.url.startswith("http://127.0.0.1") else None)
    pages = sorted(path.relative_to(hostile_site).as_posix() for path in hostile_site.rglob("index.html"))
    assert len(pages) > len(CASES) // 2
    with served(hostile_site) as url:
        for path in pages:
            address = url + path.removesuffix("index.html")
            page.goto(address, wait_until="load")
            page.wait_for_timeout(300)  # A refresh of 0 seconds fires by now.
            assert page.url.split("#")[0] == address, f"{path} went to {page.url}"
    assert elsewhere == [], elsewhere
