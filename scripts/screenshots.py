"""Take the README's screenshots of the built demo archive with Debian's chromium.

Usage: .venv/bin/python scripts/screenshots.py SITE_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser.conftest import CHROMIUM, FLAGS, served  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

SHOTS = {
    "home.png": ("", 1440),
    "text.png": ("readings/trotsky-new-course/", 1440),
    "library.png": ("readings/", 1440),
}


def main(site: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for name, (path, width) in SHOTS.items():
            page = browser.new_page(viewport={"width": width, "height": 1000})
            page.goto(url + path)
            page.screenshot(path=str(out / name))
            page.close()
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).resolve().parent.parent / "docs" / "screenshots")
