"""The linear block queue parses every text exactly as Python-Markdown's own list does."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from study_archive.renderer.blocks import BlockQueue, BlocksExtension

from .test_paragraph import EXTENSIONS, SAMPLES

ROOT = Path(__file__).resolve().parents[2]
DEMO = {path.name: path.read_text(encoding="utf-8").split("---", 2)[-1] for path in sorted((ROOT / "readings").glob("*.md"))}
HARD = {
    "footnotes with tabbed blocks": "Text[^a].\n\n[^a]: First.\n\n    Second.\n\n    Third.\n\nAfter.",
    "nested lists and quotes": "- a\n\n    > q\n    >\n    > r\n\n    - b\n\n        c\n\n1. one\n\n    two",
    "md in html": '<div markdown="1">\n\n*inside*\n\n</div>\n\nOutside.',
    "admonition with code": "!!! note\n    Text.\n\n        code\n\n    More.",
}


@pytest.mark.parametrize("source", [*SAMPLES.values(), *HARD.values(), *DEMO.values()],
                         ids=[*SAMPLES, *HARD, *DEMO])
def test_the_queue_parses_as_the_list_does(source):
    extensions = [*EXTENSIONS, "toc"]
    assert (markdown.markdown(source, extensions=[*extensions, BlocksExtension()])
            == markdown.markdown(source, extensions=extensions))


def test_the_queue_answers_as_a_list_does_at_its_head():
    queue = BlockQueue(["a", "b", "c"])
    assert (queue[0], queue[1], len(queue)) == ("a", "b", 3)
    queue.insert(0, "z")
    queue[1] = "y"
    assert [queue.pop(0) for _ in range(len(queue))] == ["z", "y", "b", "c"] and not queue
    with pytest.raises(ValueError):
        BlockQueue(["a", "b", "c"]).pop(1)
