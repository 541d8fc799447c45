"""Every page of the demo archive is valid HTML, as the Nu Html Checker (the W3C's validator) reads it.

The checker runs once, in one Java process, over every page of one build, and over a page with a known
error, so that a checker that checks nothing cannot pass.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

PAGES = [
    "index.html",
    "readings/trotsky-new-course/index.html",
    "curricula/organization-democracy-debate/index.html",
    "debates/freedom-of-the-press-1921/index.html",
]
"""Where readers start: the home page, an annotated text, a curriculum and a debate with a map."""

INVALID = "<!DOCTYPE html><html lang=en><title>t</title><input type=checkbox autocomplete=off>"


class Report:
    """The checker's errors, each as `page:line: message`, by page relative to the site."""

    def __init__(self, site: Path, messages: list[dict]) -> None:
        self.by_page: dict[str, list[str]] = {}
        for message in messages:
            path = Path(message.get("url", "").removeprefix("file:")).resolve()
            page = path.relative_to(site).as_posix() if path.is_relative_to(site) else "(the checker)"
            self.by_page.setdefault(page, []).append(f"{page}:{message.get('lastLine', '?')}: {message['message']}")

    def errors(self, page: str) -> list[str]:
        return self.by_page.get(page, [])


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("html-validity") / "site"
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site)))
    (site / "known-invalid.html").write_text(INVALID, encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def report(site) -> Report:
    if not VNU.is_file() or shutil.which("java") is None:
        pytest.fail("the Nu Html Checker needs Java and `npm ci` (scripts/test installs both)")
    pages = sorted(str(path) for path in site.rglob("*.html"))
    result = subprocess.run(["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=300)
    return Report(site.resolve(), json.loads(result.stderr)["messages"])


def test_the_checker_reports_an_invalid_page(report):
    assert len(report.errors("known-invalid.html")) == 1
    assert "autocomplete" in report.errors("known-invalid.html")[0]


@pytest.mark.parametrize("page", PAGES)
def test_a_page_readers_start_from_is_valid_html(site, report, page):
    assert (site / page).is_file()
    assert report.errors(page) == []


def test_every_page_of_the_demo_is_valid_html(report):
    errors = [error for page, errors in sorted(report.by_page.items()) if page != "known-invalid.html"
              for error in errors]
    assert errors == []
