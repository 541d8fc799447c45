"""The demo site's copies of Material's templates stay Material's, but for the changes they exist for.

Material puts the drawer and search toggles outside any block, so fixing them means overriding the whole
of base.html; when Material changes its copy, these tests say so, and the override is copied again.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = Path(material.__file__).parent / "templates"

CHANGES = {
    "base.html": [(
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
        '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">\n',
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" form="__toggles">\n'
        '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" form="__toggles">\n'
        '    <form id="__toggles" autocomplete="off" hidden></form>\n',
    )],
    "partials/search.html": [(
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
    )],
    "partials/toc.html": [(
        '    <label class="md-nav__title" for="__toc">',
        '    {#- The toggle exists only where the page is in the navigation: texts, people and terms are not. #}\n'
        '    <label class="md-nav__title"{% if page in nav.pages %} for="__toc"{% endif %}>',
    )],
}
"""Each overridden template: what of Material's it replaces, and with what."""

COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_an_overridden_template_is_materials_but_for_its_fix(name):
    ours = COMMENT.sub("", (ROOT / "overrides" / name).read_text(encoding="utf-8"))
    theirs = COMMENT.sub("", (MATERIAL / name).read_text(encoding="utf-8"))
    for old, new in CHANGES[name]:
        assert theirs.count(old) == 1, f"Material's {name} changed: copy it to overrides/ again and redo the fix"
        theirs = theirs.replace(old, new)
    assert ours == theirs, f"overrides/{name} drifted from Material's: copy it again and redo the fix"


def test_every_override_of_a_material_template_is_listed_here():
    overridden = {path.relative_to(ROOT / "overrides").as_posix() for path in (ROOT / "overrides").rglob("*.html")
                  if (MATERIAL / path.relative_to(ROOT / "overrides")).is_file()}
    assert overridden == set(CHANGES)
