"""In a real browser: the site works under its Content-Security-Policy, and no hostile input ever runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from security.test_hostile import CASES
from .conftest import served
from .test_debate_map import OPEN_SHADOW_ROOTS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("demo") / "site"
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site)))
    return site


def _watch(page) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(f"error: {error}"))
    return messages


def test_every_kind_of_page_works_under_its_policy(demo, page):
    page.context.add_init_script(OPEN_SHADOW_ROOTS)
    messages = _watch(page)
    with served(demo) as url:
        page.goto(url + "readings/trotsky-new-course/")
        assert page.locator(".archive-sidenote").count() == 12
        page.goto(url + "curricula/organization-democracy-debate/")
        assert page.locator("input[type=checkbox]").count() > 5
        page.goto(url + "debates/freedom-of-the-press-1921/")
        page.wait_for_selector("div.mermaid svg", timeout=20_000)
        page.goto(url, wait_until="networkidle")
    assert page.evaluate("document.querySelector('meta[http-equiv=Content-Security-Policy]').content").startswith("default-src 'self'")
    assert [message for message in messages if "Content Security Policy" in message or message.startswith("error")] == []


def test_an_inline_script_that_is_not_the_themes_is_refused(demo, page, tmp_path):
    messages = _watch(page)
    target = demo / "readings" / "trotsky-new-course" / "index.html"
    original = target.read_text()
    target.write_text(original.replace("</body>", "<script>window.__ran = true</script></body>"))
    try:
        with served(demo) as url:
            page.goto(url + "readings/trotsky-new-course/")
            assert page.evaluate("window.__ran === undefined")
    finally:
        target.write_text(original)
    assert any("Content Security Policy" in message for message in messages)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    from conftest import Archive

    archive = Archive(tmp_path_factory.mktemp("hostile-browser"))
    for case in CASES:
        archive.write(case.path, case.source.replace("alert('CANARY')", "window.__canary = true; alert('CANARY')"))
    archive.build(strict=False)
    return archive.site


def test_no_page_of_the_hostile_site_runs_a_payload(hostile_site, page):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = sorted(path.relative_to(hostile_site).as_posix() for path in hostile_site.rglob("index.html"))
    assert len(pages) > 60
    with served(hostile_site) as url:
        for path in pages:
            page.goto(url + path.removesuffix("index.html"))
            page.mouse.move(200, 300)
            page.keyboard.press("Tab")
            assert page.evaluate("window.__canary === undefined"), path
    assert dialogs == []
