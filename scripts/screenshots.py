"""Take the README's screenshots of the built demo archive with Debian's chromium.

The curriculum handout is printed for real (chromium's PDF, as its print dialog makes it) and
its first page turned into a PNG with `pdftoppm` (Debian's poppler-utils).

Usage: .venv/bin/python scripts/screenshots.py SITE_DIR
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser.conftest import CHROMIUM, FLAGS, served  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

SHOTS = {
    "home.png": ("", 1440),
    "text.png": ("readings/trotsky-new-course/", 1440),
    "library.png": ("readings/", 1440),
    "library-phone.png": ("readings/", 390, 844),
    "search-phone.png": ("search/?q=bureaucracy", 390, 844),
    "indexes-years.png": ("indexes/years/", 1440),
    "debate.png": ("debates/freedom-of-the-press-1921/", 1440, 1900),
}
"""Each screenshot: the page, the window's width and, if not 1000, its height."""


def main(site: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for name, (path, width, *height) in SHOTS.items():
            page = browser.new_page(viewport={"width": width, "height": height[0] if height else 1000})
            page.goto(url + path)
            if page.locator("pre.mermaid").count():
                page.wait_for_selector("div.mermaid")  # Material puts the drawing in place of the source.
            if page.locator("form[data-archive-results]").count():
                page.wait_for_selector("html[data-archive-results]")  # The results are drawn once found.
            page.screenshot(path=str(out / name))
            page.close()
        handout(browser, url + HANDOUT, out / "curriculum-handout.png")
        browser.close()


HANDOUT = "curricula/organization-democracy-debate/"


def handout(browser, url: str, png: Path, session: str = "session-2") -> None:
    """Print one session's handout as its "Print handout" button does, and keep the first page."""
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto(url)
    page.evaluate("window.print = () => {}")  # The button's own code marks the session; the PDF is the print.
    page.locator(f"#{session}").get_by_role("button", name="Print handout").click()
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "handout.pdf"
        page.pdf(path=str(pdf), format="A4", margin={"top": "1.5cm", "bottom": "1.5cm", "left": "1.8cm", "right": "1.8cm"})
        subprocess.run(["pdftoppm", "-png", "-r", "110", "-singlefile", "-f", "1", str(pdf), str(png.with_suffix(""))],
                       check=True)
    page.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).resolve().parent.parent / "docs" / "screenshots")
