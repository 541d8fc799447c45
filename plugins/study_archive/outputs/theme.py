"""Small mends to the HTML Material writes, applied to each built page instead of copying its templates.

Material puts these places outside any template block, so the only other way to change them is a whole copy of
`base.html` and its partials, which goes stale with every Material release. Each mend matches the element by its
attributes, in any order, and does nothing where Material no longer writes what it mends.

- HTML allows `autocomplete` on no checkbox: the drawer and search toggles take `autocomplete="off"` from an empty
  form of their own instead, which still keeps browsers that restore form state from reopening them on reload.
- The search dialog gets a name, so that a screen reader announces what opened.
- The archive's search field goes at the end of the header's bar, where Material puts its own search when its
  search plugin is on (the archive replaces that plugin).
- A palette option Material hides from screen readers (a site with one palette has no toggle) is also taken out
  of the tab order, so that nothing hidden can take the focus.
- The table of contents' title points at the navigation's toggle only where the page is in the navigation.
"""

from __future__ import annotations

import re
from html import escape

__all__ = ["mend"]

_TOGGLE = re.compile(r'<input\b(?=[^>]*\bclass="md-toggle")(?=[^>]*\btype="checkbox")[^>]*>')
_AUTOCOMPLETE = re.compile(r'\s+autocomplete="off"')
_TOGGLES_FORM = '<form id="__toggles" autocomplete="off" hidden></form>'
_SEARCH_DIALOG = re.compile(r'<div class="md-search"(?![^>]*\baria-label=)([^>]*\brole="dialog")')
_HEADER_END = re.compile(r'<header\b[^>]*\bclass="md-header[\s\S]*?(?=</nav>)')
_HIDDEN_OPTION = re.compile(r'<input class="md-option"(?![^>]*\btabindex=)(?=[^>]*\baria-hidden="true")')
_TOC_TITLE = re.compile(r'(<label class="md-nav__title") for="__toc"')


def mend(html: str, *, search_label: str, in_navigation: bool, search_box: str = "") -> str:
    """The page with Material's toggles valid, its search dialog named, the archive's search field in its header
    and its TOC title's toggle where it exists."""
    html = _mend_toggles(html)
    html = _HIDDEN_OPTION.sub('<input class="md-option" tabindex="-1"', html)
    if search_box:
        html = _HEADER_END.sub(lambda match: match.group(0) + search_box, html, count=1)
    html = _SEARCH_DIALOG.sub(rf'<div class="md-search" aria-label="{escape(search_label)}"\1', html, count=1)
    if not in_navigation:
        html = _TOC_TITLE.sub(r"\1", html)
    return html


def _mend_toggles(html: str) -> str:
    mended = 0

    def toggle(match: re.Match[str]) -> str:
        nonlocal mended
        tag, count = _AUTOCOMPLETE.subn(' form="__toggles"', match.group(0))
        mended += count
        return tag

    html = _TOGGLE.sub(toggle, html)
    if mended:
        last = max(match.end() for match in _TOGGLE.finditer(html))
        html = f"{html[:last]}\n    {_TOGGLES_FORM}{html[last:]}"
    return html
