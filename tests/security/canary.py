"""Find payloads that could still run in a built site: the check behind every hostile test."""

from __future__ import annotations

import html
import html.parser
import re
from pathlib import Path

CANARY = "CANARY"
_UNSAFE_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)
_EMBEDDING = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "portal"}


class _Scanner(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in _EMBEDDING:
            self.findings.append(f"<{tag}>")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh" and CANARY in (values.get("content") or ""):
            self.findings.append("<meta refresh>")
        for name, value in attrs:
            value = html.unescape(value or "")
            if name.startswith("on") and CANARY in value:
                self.findings.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction", "xlink:href", "data") and _UNSAFE_URL.match(re.sub(r"[\x00-\x20]", "", value)):
                self.findings.append(f"<{tag} {name}={value[:30]}>")
        if tag == "script" and "src" not in values and values.get("type") != "application/json":
            self._script = []
        if tag == "style":
            self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._script is not None:
            if CANARY in "".join(self._script):
                self.findings.append(f"<{tag}> with the canary")
            self._script = None


def executable_canaries(site: Path) -> dict[str, list[str]]:
    """Every place in every HTML page where the canary could run, by page."""
    found = {}
    for page in sorted(site.rglob("*.html")):
        scanner = _Scanner()
        scanner.feed(page.read_text(encoding="utf-8"))
        if scanner.findings:
            found[page.relative_to(site).as_posix()] = scanner.findings
    return found
