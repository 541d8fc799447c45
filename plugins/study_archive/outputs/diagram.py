"""The response map of a debate as Mermaid flowchart source, which Material draws in the browser.

Every piece is a node that links to the piece; every reply is an arrow from the reply to what
it answers, labelled with the paragraph when it names one. Titles and names come from front
matter, so every character that Mermaid could read as syntax is written as a Mermaid entity
(`#34;` for `"`), and link targets are percent-encoded: no front matter can break the diagram
or smuggle markup into it.

Labels are broken into short lines here, at word boundaries. Mermaid sizes each box from the label as it
measures it, then draws it elsewhere (in Material's shadow root); a line it had to wrap itself can wrap
differently there and run out of its box ("ISO Steering Committee · 2013-11-" with the date below the box).
Lines shorter than Mermaid's wrapping width are never wrapped by it, so the box fits what is drawn.
"""

from __future__ import annotations

import textwrap
from urllib.parse import quote

from ..model.debate import Debate
from ..model.work import Work

__all__ = ["response_map", "node_id", "mermaid_text"]

_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,'?-")
_URL_SAFE = "/:?#[]@!$&'()*+,=%-._~"
"""Kept as they are in links; `"`, `;`, `<`, `>`, backslashes and the rest are percent-encoded."""


def mermaid_text(text: str) -> str:
    """Text for a quoted Mermaid label: letters, digits and plain punctuation stay, the rest become `#NN;`."""
    return "".join(char if char in _PLAIN else f"#{ord(char)};" for char in " ".join(text.split()))


def node_id(work: Work) -> str:
    """A node name no Mermaid keyword can clash with: `P_` and the id with underscores."""
    return "P_" + work.id.replace("-", "_")


TITLE_LINE = 24
"""Characters in a line of a box's title: well inside Mermaid's 200 px wrapping width in any common font."""
BYLINE_LINE = 26
"""Characters in a line of the byline, drawn smaller."""


def _lines(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters, broken between words (a longer word keeps a line)."""
    return textwrap.wrap(" ".join(text.split()), width, break_long_words=False, break_on_hyphens=False)


def _label(work: Work) -> str:
    """The title in short lines, then who wrote it and when, smaller, on one line when it fits."""
    byline = ", ".join(work.authors)
    when = str(work.when) if work.when else ""
    together = " · ".join(part for part in (byline, when) if part)
    if len(together) <= BYLINE_LINE:
        below = [together] if together else []
    else:
        below = [*_lines(byline, BYLINE_LINE), when] if when else _lines(byline, BYLINE_LINE)
    # A space ends each line, so that the box's text, as a screen reader reads it, keeps its words apart.
    title = " <br/>".join(mermaid_text(line) for line in _lines(work.title, TITLE_LINE))
    return title + "".join(f" <br/><small>{mermaid_text(line)}</small>" for line in below)


def response_map(debate: Debate) -> str:
    """The Mermaid source of a debate's map: library texts as boxes, external pieces as rounded ones."""
    lines = ["flowchart BT", "  accTitle: Map of replies", "  accDescr: Each arrow runs from a reply to the piece it answers."]
    for contribution in sorted(debate.contributions, key=lambda c: c.sort_key):
        work = contribution.work
        opening, closing = ("([", "])") if work.external else ("[", "]")
        lines.append(f'  {node_id(work)}{opening}"{_label(work)}"{closing}')
    for reply in debate.replies:
        source, target = debate.contribution(reply.source).work, debate.contribution(reply.target).work
        label = f'|"#182;{reply.paragraph}"|' if reply.paragraph else ""
        lines.append(f"  {node_id(source)} -->{label} {node_id(target)}")
    here = debate.document.url
    for contribution in debate.contributions:
        link = quote(contribution.work.link_from(here), safe=_URL_SAFE)
        lines.append(f'  click {node_id(contribution.work)} href "{link}"')
    return "\n".join(lines) + "\n"
