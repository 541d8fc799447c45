"""Every stylesheet the site ships parses as its author meant it: no block left open, no stray character."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tinycss2

ROOT = Path(__file__).resolve().parents[2]
SHEETS = sorted([*ROOT.joinpath("plugins/study_archive/theme").rglob("*.css"), *ROOT.joinpath("overrides").rglob("*.css")])
_COMMENTS_AND_STRINGS = re.compile(r"/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'", re.S)


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_a_stylesheet_closes_every_block_it_opens(sheet):
    text = _COMMENTS_AND_STRINGS.sub("", sheet.read_text(encoding="utf-8"))
    depth = 0
    for line, content in enumerate(text.split("\n"), 1):
        depth += content.count("{") - content.count("}")
        assert depth >= 0, f"{sheet.name}:{line}: a '}}' closes nothing"
    assert depth == 0, f"{sheet.name}: {depth} block(s) left open at the end"


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_a_stylesheet_has_no_syntax_error(sheet):
    rules = tinycss2.parse_stylesheet(sheet.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True)
    errors = [rule for rule in rules if rule.type == "error"]
    assert not errors, [f"{sheet.name}:{error.source_line}: {error.message}" for error in errors]
