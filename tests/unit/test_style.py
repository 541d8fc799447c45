"""The `style` attribute's allow-list: layout and type are kept, colours and the like dropped, anything that loads
or runs refused, as a browser's CSS parser reads it."""

from __future__ import annotations

import pytest

from study_archive.renderer.policy import Verdict, attribute_verdict, tag_verdict
from study_archive.renderer.style import read_style


@pytest.mark.parametrize(("style", "kept"), [
    ("font-size: 24pt", "font-size: 24pt"),
    ("FONT-SIZE:24PT;TEXT-ALIGN:CENTER", "font-size: 24PT; text-align: CENTER"),
    ("text-align: center; vertical-align: top; width: 50%", "text-align: center; vertical-align: top; width: 50%"),
    ("font-family: \"Times New Roman\", serif; font-style: italic",
     "font-family: \"Times New Roman\", serif; font-style: italic"),
    ("border: 1px solid rgb(0, 0, 0); border-collapse: collapse",
     "border: 1px solid rgb(0, 0, 0); border-collapse: collapse"),
    ("width: calc((100% - 2em) / 3)", "width: calc((100% - 2em) / 3)"),
    ("margin: 0 auto; padding-left: 2em; line-height: 1.4", "margin: 0 auto; padding-left: 2em; line-height: 1.4"),
    ("font-weight: bold !important", "font-weight: bold !important"),
    ("/* a comment */ text-indent: 2em", "text-indent: 2em"),
    ("page-break-before: always", "page-break-before: always"),
    ("font: italic bold 12pt/1.5 Georgia, serif", "font: italic bold 12pt/1.5 Georgia, serif"),
])
def test_layout_and_type_are_kept(style, kept):
    verdict = read_style(style)
    assert (verdict.kept, verdict.dropped, verdict.refused) == (kept, (), ())


@pytest.mark.parametrize(("style", "refused"), [
    ("background: url(https://evil.example/x.png)", "background: url() loads"),
    ("background-image: url('x.png')", "background-image: url() loads"),
    ("width: url(x y)", "width: url() loads"),  # A bad URL token is still an attempt to load.
    ("list-style: url(bullet.png) disc", "list-style: url() loads"),
    ("width: expression(alert(1))", "width: expression() loads a file or runs code"),
    ("background-image: image-set('a.png' 1x, 'b.png' 2x)", "background-image: image-set() loads"),
    ("background-image: -webkit-image-set('a.png' 1x)", "-webkit-image-set() loads"),
    ("content: cross-fade(url(a.png), url(b.png))", "cross-fade() loads"),
    ("behavior: url(evil.htc)", "behavior attaches code"),
    ("-moz-binding: url(evil.xml#xss)", "-moz-binding attaches code"),
    ("filter: progid:DXImageTransform.Microsoft.AlphaImageLoader(src='x.png')", "filter attaches code"),
    ("@import 'evil.css'; font-size: 24pt", "@import has no place"),
    ("a { color: red }", "a CSS rule has no place"),
    # Escapes and comments are read as a browser reads them, not as a regular expression would.
    ("width: \\75 rl(x.png)", "width: url() loads"),
    ("background: u\\rl(x.png)", "background: url() loads"),
    ("\\62 ehavior: url(x.htc)", "behavior attaches code"),
    ("width: exp/**/ression(alert(1))", ""),  # `exp`, then a function `ression()`: dropped, never kept.
])
def test_what_loads_or_runs_is_refused(style, refused):
    verdict = read_style(style)
    if refused:
        assert any(refused in reason for reason in verdict.refused), verdict
    assert "url" not in verdict.kept and "expression" not in verdict.kept and "binding" not in verdict.kept


def test_a_refused_declaration_leaves_the_others_kept():
    verdict = read_style("font-size: 24pt; background: url(x.png); text-align: center")
    assert verdict.kept == "font-size: 24pt; text-align: center"
    assert verdict.refused == ("background: url() loads a file or runs code",)


@pytest.mark.parametrize(("style", "dropped"), [
    ("color: red", "color"),
    ("background-color: #eee", "background-color"),
    ("position: fixed; top: 0", "position"),
    ("z-index: 9999", "z-index"),
    ("display: none", "display"),
    ("--theme-colour: red", "--theme-colour"),
    ("width: attr(data-width)", "width (attr() is not kept)"),
    ("width: var(--w)", "width (var() is not kept)"),
    ("width: [1px]", "width (a bracketed block is not kept)"),
    ("font-size 24pt", "CSS that does not parse"),
])
def test_harmless_css_outside_the_list_is_dropped_not_refused(style, dropped):
    verdict = read_style(style)
    assert verdict.kept == "" and verdict.refused == ()
    assert dropped in verdict.dropped


def test_table_layout_attributes_are_kept_and_other_presentation_dropped():
    for tag, name in [("table", "border"), ("table", "cellpadding"), ("table", "cellspacing"), ("table", "width"),
                      ("table", "align"), ("td", "colspan"), ("td", "rowspan"), ("td", "valign"), ("th", "height"),
                      ("tr", "valign"), ("col", "width"), ("table", "class"), ("td", "class"), ("p", "align"),
                      ("td", "style")]:
        assert attribute_verdict(tag, name) is Verdict.KEEP, (tag, name)
    for tag, name in [("td", "bgcolor"), ("td", "nowrap"), ("table", "summary"), ("span", "width"),
                      ("a", "name"), ("a", "target"), ("hr", "noshade")]:
        assert attribute_verdict(tag, name) is Verdict.DROP, (tag, name)
    for tag, name in [("td", "onclick"), ("table", "background"), ("img", "srcset"), ("iframe", "srcdoc"),
                      ("button", "formaction"), ("form", "action"), ("video", "poster")]:
        assert attribute_verdict(tag, name) is Verdict.REFUSE, (tag, name)
    assert [tag_verdict(tag) for tag in ("table", "font", "center", "script", "iframe", "form", "object")] == [
        Verdict.KEEP, Verdict.DROP, Verdict.DROP, Verdict.REFUSE, Verdict.REFUSE, Verdict.REFUSE, Verdict.REFUSE]
