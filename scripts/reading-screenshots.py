"""Screenshots of the reading room on a built demo archive, at 390 and 1440 px, to compare two builds.

Each is taken as a reader would see it: an annotated text where its later notes are (beside their
highlights, or not), the same text on a phone after a tap on a highlighted phrase, a debate's map, and
its positions table on a phone.

Usage: .venv/bin/python scripts/reading-screenshots.py SITE_DIR LABEL
writes docs/screenshots/reading-room/LABEL-*.png (LABEL: `before` or `after`).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser.conftest import CHROMIUM, FLAGS, served  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

TEXT = "readings/trotsky-new-course/"
DEBATE = "debates/why-the-iso-failed/"
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: "open" }); };
"""


def annotated_desktop(page, url: str) -> None:
    page.goto(url + TEXT)
    page.evaluate("scrollTo(0, document.getElementById('mark-9').getBoundingClientRect().top + scrollY - 120)")


def annotated_phone(page, url: str) -> None:
    page.goto(url + TEXT)
    page.evaluate("scrollTo(0, document.getElementById('mark-2').getBoundingClientRect().top + scrollY - 200)")
    page.locator("#mark-2").tap()
    page.wait_for_timeout(300)


def debate_desktop(page, url: str) -> None:
    page.goto(url + DEBATE)
    page.wait_for_selector("div.mermaid svg", timeout=20_000)
    page.evaluate("scrollTo(0, document.getElementById('map').getBoundingClientRect().top + scrollY - 80)")


def debate_phone(page, url: str) -> None:
    page.goto(url + DEBATE)
    page.evaluate("scrollTo(0, document.getElementById('positions').getBoundingClientRect().top + scrollY - 60)")


SHOTS = {
    "annotated-1440.png": (annotated_desktop, 1440, 900),
    "annotated-390.png": (annotated_phone, 390, 844),
    "debate-1440.png": (debate_desktop, 1440, 900),
    "debate-390.png": (debate_phone, 390, 844),
}


def main(site: Path, label: str) -> None:
    out = Path(__file__).resolve().parent.parent / "docs" / "screenshots" / "reading-room"
    out.mkdir(parents=True, exist_ok=True)
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for name, (show, width, height) in SHOTS.items():
            phone = width < 500
            context = browser.new_context(viewport={"width": width, "height": height}, has_touch=phone, is_mobile=phone)
            context.add_init_script(OPEN_SHADOW_ROOTS)
            page = context.new_page()
            show(page, url)
            page.evaluate("document.fonts.ready")
            page.wait_for_timeout(300)
            page.screenshot(path=str(out / f"{label}-{name}"))
            context.close()
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
