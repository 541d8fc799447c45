"""Debates resolved against the library: who replies to whom, in what order, and what is wrong with that.

A debate lists pieces; each piece is a work (see `work`) with a position and key claims in
this debate. The `Conversation` joins every work and every reply of the archive, so that a
debate can be read as a thread and drawn as a map, and a text can show its replies and its
debates. `check_debates` reports what only the whole conversation reveals; the checks among
texts alone (unknown references, their cycles and dates) are in `integrity`.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .document import Document, Kind
from .problem import Severity
from .work import Reply, When, Work, collect_works, external_work
from .catalog import Catalog


__all__ = ["Contribution", "Turn", "Debate", "Conversation", "conversation", "check_debates"]


@dataclass(frozen=True)
class Contribution:
    """A work as a piece of one debate: its position and key claims there."""

    work: Work
    position: str
    claims: tuple[str, ...]
    index: int
    """Its place in the debate's `pieces`, counted from 0."""

    @property
    def sort_key(self) -> tuple:
        """Dated pieces by date, then undated ones, each in the order the debate lists them."""
        when = self.work.when
        return when is None, when.key if when else (0, 0), self.index


@dataclass(frozen=True)
class Turn:
    """A contribution in the thread: the replies it makes here, and the turns that answer it."""

    contribution: Contribution
    answers: tuple[Reply, ...]
    replies: tuple[Turn, ...] = ()

    @property
    def answered(self) -> list[tuple[str, tuple[Reply, ...]]]:
        """The ids of the pieces it answers, each with its replies to it (one per paragraph it names)."""
        return _by_key(self.answers, lambda reply: reply.target)


@dataclass(frozen=True)
class Debate:
    """A debate page, its contributions, and the replies among them."""

    document: Document
    contributions: tuple[Contribution, ...]
    replies: tuple[Reply, ...]
    """Every reply whose source and target are both pieces of this debate, in the order of the pieces."""

    @property
    def id(self) -> str:
        return self.document.id

    def contribution(self, id: str) -> Contribution | None:
        return next((contribution for contribution in self.contributions if contribution.work.id == id), None)

    def thread(self) -> tuple[Turn, ...]:
        """The pieces as a tree, oldest first, each reply under the first piece of this debate it answers."""
        answers: dict[str, list[Reply]] = defaultdict(list)
        for reply in self.replies:
            answers[reply.source].append(reply)
        children: dict[str, list[Contribution]] = defaultdict(list)
        for contribution in self.contributions:
            if answers[contribution.work.id]:
                children[answers[contribution.work.id][0].target].append(contribution)
        placed: set[str] = set()

        def turns(contributions: list[Contribution]) -> tuple[Turn, ...]:
            fresh = [c for c in sorted(contributions, key=lambda c: c.sort_key) if c.work.id not in placed]
            placed.update(c.work.id for c in fresh)
            return tuple(Turn(c, tuple(answers[c.work.id]), turns(children[c.work.id])) for c in fresh)

        roots = turns([c for c in self.contributions if not answers[c.work.id]])
        # Pieces caught in a circle of replies hang under no root; the circle is reported, they go last.
        return roots + turns([c for c in self.contributions if c.work.id not in placed])

    @property
    def span(self) -> tuple[When, When] | None:
        """The dates of its earliest and latest dated pieces."""
        dated = sorted((c for c in self.contributions if c.work.when), key=lambda c: c.sort_key)
        return (dated[0].work.when, dated[-1].work.when) if dated else None

    @property
    def dates(self) -> str:
        """Its span as a reader takes it in: `2013–2023`, `1921`, or `undated`."""
        span = self.span
        if span is None:
            return "undated"
        first, last = span[0].year, span[1].year
        return str(first) if first == last else f"{first}–{last}"

    @property
    def latest_reply(self) -> Contribution | None:
        """The most recent piece that answers another piece here; undated replies count as the oldest."""
        replying = {reply.source for reply in self.replies}
        candidates = [c for c in self.contributions if c.work.id in replying]
        return max(candidates, key=lambda c: (c.work.when is not None, c.sort_key[1], c.index), default=None)


class Conversation:
    """Every work of the archive, every reply between them, and the debates that gather them."""

    def __init__(self, works: dict[str, Work], debates: list[Debate]) -> None:
        self.works = works
        self.debates = sorted(debates, key=lambda debate: debate.document.title.casefold())
        self._incoming: dict[str, list[Reply]] = defaultdict(list)
        for work in works.values():
            for reply in work.responds_to:
                self._incoming[reply.target].append(reply)
        self._pieces: dict[str, list[tuple[Debate, Contribution]]] = defaultdict(list)
        for debate in self.debates:
            for contribution in debate.contributions:
                self._pieces[contribution.work.id].append((debate, contribution))

    def debate(self, document: Document | None) -> Debate | None:
        return next((debate for debate in self.debates if debate.document is document), None)

    def answered(self, work: Work) -> list[tuple[Work, tuple[Reply, ...]]]:
        """The works this one replies to, as far as the archive knows them, each with its replies to it."""
        known = [reply for reply in work.responds_to if reply.target in self.works]
        return [(self.works[id], replies) for id, replies in _by_key(known, lambda reply: reply.target)]

    def replies(self, work: Work) -> list[tuple[Work, tuple[Reply, ...]]]:
        """The works that reply to this one, oldest first, each with its replies to it."""
        grouped = _by_key(self._incoming[work.id], lambda reply: reply.source)
        return sorted(((self.works[id], replies) for id, replies in grouped), key=lambda pair: pair[0].sort_key)

    def debates_of(self, work: Work) -> list[tuple[Debate, Contribution]]:
        """The debates a work is a piece of, with its contribution to each."""
        return list(self._pieces.get(work.id, ()))


def _by_key(replies: Iterable[Reply], key: Callable[[Reply], str]) -> list[tuple[str, tuple[Reply, ...]]]:
    """Replies grouped by `key`, in the order each key first appears."""
    groups: dict[str, list[Reply]] = {}
    for reply in replies:
        groups.setdefault(key(reply), []).append(reply)
    return [(id, tuple(group)) for id, group in groups.items()]


_CONVERSATIONS: weakref.WeakKeyDictionary[Catalog, Conversation] = weakref.WeakKeyDictionary()


def conversation(archive: Catalog) -> Conversation:
    """The conversation of an archive, built once from its loaded documents."""
    if archive not in _CONVERSATIONS:
        works = collect_works(archive)
        debates = [_debate(document, works) for document in archive.of_kind(Kind.DEBATE) if document.meta]
        _CONVERSATIONS[archive] = Conversation(works, debates)
    return _CONVERSATIONS[archive]


def _debate(document: Document, works: dict[str, Work]) -> Debate:
    contributions: dict[str, Contribution] = {}
    for index, piece in enumerate(document.meta.pieces):
        work = works.get(piece.text or piece.id)
        if work is None or work.external != (piece.text is None) or work.id in contributions:
            continue  # Unknown, of the wrong kind or listed twice: reported by the checks.
        contributions[work.id] = Contribution(work, piece.position, tuple(piece.claims), index)
    replies = tuple(reply for c in contributions.values() for reply in c.work.responds_to if reply.target in contributions)
    return Debate(document, tuple(contributions.values()), replies)


def check_debates(archive: Catalog) -> None:
    """Record the problems of debates and replies that involve external pieces or more than one file."""
    talk = conversation(archive)
    for document in archive.of_kind(Kind.DEBATE):
        if document.meta:
            _check_pieces(archive, document, talk)
    for work in talk.works.values():
        for reply in work.responds_to:
            target = talk.works.get(reply.target)
            if target is not None:
                _check_reply(archive, work, reply, target)
                _check_listed(archive, talk, work, reply, target)
    for cycle, reply in _cycles(talk):
        archive.problems.add(reply.path, reply.line, reply.column,
                             f"a circle of pieces that respond to each other: {' -> '.join([*cycle, cycle[0]])}",
                             "remove one of these replies from 'responds_to'")


def _check_pieces(archive: Catalog, document: Document, talk: Conversation) -> None:
    """A piece is listed once per debate, and an external piece is described the same way everywhere."""
    first: dict[str, int] = {}
    for index, piece in enumerate(document.meta.pieces):
        id, field = (piece.text, "text") if piece.text else (piece.id, "id")
        where = document.front.position(("pieces", index, field))
        if id in first:
            archive.problems.add(document.path, where.line, where.column,
                                 f"'{id}' is already piece {first[id] + 1} of this debate",
                                 "list each piece once, with one position and its claims")
            continue
        first[id] = index
        known = talk.works.get(id)
        if piece.id and known and known.external and known.declared_in is not document:
            if _description(known) != _description(external_work(document, index, piece)):
                archive.problems.add(document.path, where.line, where.column,
                                     f"the piece '{id}' is described differently in {known.declared_in.path}",
                                     "one id names one work: give it the same title, author, date, url and "
                                     "responds_to in both debates, or another id")


def _description(work: Work) -> tuple:
    return work.title, work.authors, work.when, work.url, tuple((r.target, r.fragment) for r in work.responds_to)


def _check_reply(archive: Catalog, work: Work, reply: Reply, target: Work) -> None:
    """An external piece has no paragraphs, and no piece answers one that appeared after it."""
    if target.external and reply.fragment:
        archive.problems.add(reply.path, reply.line, reply.column,
                             f"'{target.id}' is a piece outside the library and has no paragraph or heading "
                             f"'#{reply.fragment}'", f"write '{target.id}' without '#{reply.fragment}'")
    if not (work.external or target.external):
        return  # Between two texts, integrity checks the dates.
    if work.when and target.when and work.when.before(target.when):
        subject = "this piece" if work.external else "this text"
        archive.problems.add(reply.path, reply.line, reply.column,
                             f"{subject} ({work.when}) is dated before '{target.id}' ({target.when}), "
                             "which it responds to", "check the dates of both pieces")


def _check_listed(archive: Catalog, talk: Conversation, work: Work, reply: Reply, target: Work) -> None:
    """A reply to a piece of a debate belongs in that debate; otherwise its readers never see it."""
    debates = [debate for debate, _ in talk.debates_of(target)]
    if debates and not any(debate.contribution(work.id) for debate in debates):
        debate = debates[0]
        archive.problems.add(reply.path, reply.line, reply.column,
                             f"'{work.id}' responds to '{target.id}', a piece of the debate '{debate.id}', "
                             "but that debate does not list it",
                             f"add '{work.id}' with its position and claims to the pieces of {debate.document.path}",
                             Severity.WARNING)


def _cycles(talk: Conversation) -> Iterator[tuple[list[str], Reply]]:
    """Each circle of replies with an external piece in it, once, with the reply leaving its first member."""
    edges = {id: [r for r in work.responds_to if r.target in talk.works] for id, work in talk.works.items()}
    seen: set[frozenset[str]] = set()
    for start in sorted(edges):
        stack = [(start, [start])]
        while stack:
            node, trail = stack.pop()
            for reply in edges[node]:
                if reply.target == start:
                    members = frozenset(trail)
                    if members not in seen and any(talk.works[id].external for id in trail):
                        seen.add(members)
                        yield trail, next(r for r in edges[start] if r.target == (trail + [start])[1])
                elif reply.target not in trail and reply.target > start:
                    stack.append((reply.target, [*trail, reply.target]))
