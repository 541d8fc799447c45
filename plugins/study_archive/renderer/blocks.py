"""A Python-Markdown extension that makes the block parser linear in the length of a text.

Python-Markdown keeps the blocks still to parse in a list and takes each from its head (`blocks.pop(0)`) or puts
one back there (`blocks.insert(0, block)`), which moves every block behind it: a text of 40,000 paragraphs spends
seconds moving pointers. The block processors only ever read, replace, take and put back blocks at the head, so the queue
is kept last-first here, where those three cost nothing; anything else asked of it fails loudly rather than reading
blocks in the wrong order. The parse, and so every page and every paragraph number, is the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markdown import Extension, Markdown

__all__ = ["BlocksExtension", "BlockQueue"]


class BlockQueue:
    """The blocks left to parse, with the next one first, as the block processors read them."""

    __slots__ = ("_last_first",)

    def __init__(self, blocks: Iterable[str]) -> None:
        self._last_first = list(blocks)[::-1]

    def __len__(self) -> int:
        return len(self._last_first)

    def __bool__(self) -> bool:
        return bool(self._last_first)

    def __getitem__(self, index: int) -> str:
        if not isinstance(index, int) or index < 0:
            raise TypeError("a block queue is read from its head only")
        return self._last_first[-1 - index]

    def __setitem__(self, index: int, block: str) -> None:
        if not isinstance(index, int) or index < 0:
            raise TypeError("a block queue is changed at its head only")
        self._last_first[-1 - index] = block

    def pop(self, index: int = 0) -> str:
        if index != 0:
            raise ValueError("a block queue gives up its first block only")
        return self._last_first.pop()

    def insert(self, index: int, block: str) -> None:
        if index != 0:
            raise ValueError("a block queue takes a block back at its head only")
        self._last_first.append(block)


class BlocksExtension(Extension):
    """Hands every `parseBlocks` call a `BlockQueue` instead of a list."""

    def extendMarkdown(self, md: Markdown) -> None:
        parser = md.parser
        if getattr(parser, "_archive_queue", False):
            return
        parse_blocks = parser.parseBlocks

        def parse_queue(parent: Any, blocks: Any) -> None:
            parse_blocks(parent, blocks if isinstance(blocks, BlockQueue) else BlockQueue(blocks))

        parser.parseBlocks = parse_queue
        parser._archive_queue = True
