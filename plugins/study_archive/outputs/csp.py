"""The Content-Security-Policy of a built page: only the site's own scripts may run.

The theme writes a few small inline scripts into every page; each is allowed by its
SHA-256 hash and nothing else inline is. So even a script that slipped past the
sanitizer would not run. Styles stay open to inline use, which Mermaid's diagrams need.
"""

from __future__ import annotations

import base64
import hashlib
import html.parser

__all__ = ["content_security_policy", "with_policy"]

_FIXED = (
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


class _InlineScripts(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and "src" not in values and values.get("type") in (None, "text/javascript", "module"):
            self._current = []

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def content_security_policy(page: str, *, remote_images: bool = False) -> str:
    """The policy for one page: the fixed rules, and the hash of each of its inline scripts.

    With `remote_images` (the plugin's `remote_images: true`), images may also load over HTTPS from any host.
    """
    parser = _InlineScripts()
    parser.feed(page)
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
                     for script in parser.scripts})
    rules = [rule + " https:" if remote_images and rule.startswith("img-src ") else rule for rule in _FIXED[1:]]
    return "; ".join([_FIXED[0], " ".join(["script-src 'self'", *hashes]), *rules])


def with_policy(page: str, *, remote_images: bool = False) -> str:
    """The page with its policy as the first element of its head, before any script."""
    opening = page.find("<head>")
    if opening < 0:
        return page
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(page, remote_images=remote_images)}">'
    return page[:opening + 6] + meta + page[opening + 6:]
