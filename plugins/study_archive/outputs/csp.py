"""The Content-Security-Policy of a built page: only the site's own scripts may run.

The theme writes a few small inline scripts into every page; each is allowed by its
SHA-256 hash and nothing else inline is. So even a script that slipped past the
sanitizer would not run. Styles stay open to inline use, which Mermaid's diagrams need.
"""

from __future__ import annotations

import base64
import hashlib
import re

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


_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_SOURCE = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_RUNS = {"", "text/javascript", "module"}


def inline_scripts(page: str) -> list[str]:
    """The bodies of a page's inline scripts, found as a browser ends them: at the first `</script>`."""
    scripts = []
    for match in _SCRIPT.finditer(page):
        attributes, body = match.groups()
        kind = _TYPE.search(attributes)
        if not _SOURCE.search(attributes) and (kind.group(1).lower() if kind else "") in _RUNS:
            scripts.append(body)
    return scripts


def content_security_policy(page: str, *, remote_images: bool = False) -> str:
    """The policy for one page: the fixed rules, and the hash of each of its inline scripts.

    With `remote_images` (the plugin's `remote_images: true`), images may also load over HTTPS from any host.
    """
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
                     for script in inline_scripts(page)})
    rules = [rule + " https:" if remote_images and rule.startswith("img-src ") else rule for rule in _FIXED[1:]]
    return "; ".join([_FIXED[0], " ".join(["script-src 'self'", *hashes]), *rules])


def with_policy(page: str, *, remote_images: bool = False) -> str:
    """The page with its policy as the first element of its head, before any script."""
    opening = page.find("<head>")
    if opening < 0:
        return page
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(page, remote_images=remote_images)}">'
    return page[:opening + 6] + meta + page[opening + 6:]
