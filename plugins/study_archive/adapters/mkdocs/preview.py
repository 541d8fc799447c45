"""The live preview's memory: what `mkdocs serve` built before, kept for the rebuild after the next edit.

MkDocs builds the whole site again after each save. Under `mkdocs serve` the plugin keeps, for this process, the
parsed documents, what the glossary found in each paragraph, and each page as it was built; a page comes back only
when everything it shows is unchanged. Every key is made of content (hashes of the sources, of the front matter
and outlines of every document, of the settings), never of times, so no entry can be stale. `mkdocs build` uses
none of it.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import logging
import os
import signal
import threading
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from jinja2.bccache import BytecodeCache, Bucket
from watchdog.events import FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch
from watchdog.observers.polling import PollingObserver

from ...model.archive import Archive
from ...model.curriculum import reading_minutes
from ...model.document import Document, Kind
from ...model.glossary import MentionsFound
from ...model.sources import ParsedDocuments
from ...outputs import search
from ...outputs.kept import body_key, content_key, per_version

__all__ = ["PARSED", "MENTIONS", "FILES", "SEARCH", "TEMPLATES", "PAGES", "facts_of", "BuiltPage", "Pages",
           "Signatures", "SHOWN_BY_TEMPLATE", "WRITTEN", "COLLECTOR", "settings_of"]

PARSED = ParsedDocuments()
"""Documents parsed by earlier builds of this process."""
MENTIONS = MentionsFound()
"""What the glossary found in each paragraph in earlier builds of this process."""
FILES: dict[str, dict] = {}
"""The files built beside the pages (reading packets), as their makers keep them, from earlier builds."""
class CompiledTemplates(BytecodeCache):
    """The templates as Jinja compiled them, kept in memory: MkDocs makes a new environment for each build, which
    would compile every template of Material and of the archive again. Jinja keys each by its name and checks it
    against a hash of its source, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = CompiledTemplates()
"""Templates compiled by earlier builds of this process."""
SEARCH = search.Kept()
"""The search index of the last build: its scores by record, its shards and its files, rescored and written again
only where records changed."""


@dataclass
class BuiltPage:
    """One page as a build left it: its key, front matter, body, TOC and anchors, final output and problems."""

    key: bytes
    meta: dict[str, Any]
    content: str
    toc: Any
    anchors: set[str]
    output: str = ""
    problems: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    """The links of its output that lead nowhere, as the link check after its build reported them."""
    ids: set[str] | None = None
    """Every id of its output, as the link check after its build read them: links into it are checked against
    these while it is kept, without reading it back."""


class Pages:
    """The pages built so far, one version per address."""

    def __init__(self) -> None:
        self._pages: dict[str, BuiltPage] = {}
        self.hits = 0

    def get(self, uri: str, key: bytes) -> BuiltPage | None:
        page = self._pages.get(uri)
        if page is not None and page.key == key:
            self.hits += 1
            return page
        return None

    def put(self, uri: str, page: BuiltPage) -> None:
        self._pages[uri] = page

    def note_ids(self, uri: str, ids: set[str]) -> None:
        """Record the ids the link check read in the page just built at `uri`."""
        if uri in self._pages:
            self._pages[uri].ids = ids

    def note_link(self, uri: str, problem: str) -> None:
        """Record a broken link the check found in the page just built at `uri`, to report it whenever it is kept."""
        if uri in self._pages:
            self._pages[uri].links.append(problem)


PAGES = Pages()
"""Pages built by earlier builds of this process."""


class Written:
    """The files each site folder got from its last build, for `mkdocs serve --dirty`, which never empties it: a
    page is left as it is only where that build wrote it, and a file no longer built is taken away."""

    def __init__(self) -> None:
        self._by_site: dict[str, set[str]] = {}
        self._contents: dict[str, dict[str, str | bytes]] = {}

    def holds(self, site_dir: str, uri: str, content: str | bytes | None = None) -> bool:
        """Whether the last build into `site_dir` wrote `uri` there, with `content` if given, and it is still there."""
        if content is not None:
            written = self._contents.get(site_dir, {}).get(uri)
            if written != content:  # Each file's content keeps its type, text or bytes, from build to build.
                return False
        return uri in self._by_site.get(site_dir, ()) and os.path.isfile(os.path.join(site_dir, uri))

    def replace(self, site_dir: str, uris: set[str], contents: dict[str, str | bytes]) -> list[str]:
        """Record `uris` as what `site_dir` holds now, and the `contents` of the files made beside the pages, as they
        were given to MkDocs; the files its last build wrote that this one did not."""
        gone = sorted(self._by_site.get(site_dir, set()) - uris)
        self._by_site[site_dir], self._contents[site_dir] = uris, contents
        return gone

    def forget(self, site_dir: str) -> None:
        """A build failed part way: trust nothing in `site_dir`."""
        self._by_site.pop(site_dir, None)
        self._contents.pop(site_dir, None)


WRITTEN = Written()


def remove_gone(site_dir: str, uris: list[str]) -> None:
    """Take away files an earlier build wrote that are no longer part of the site (a deleted text's page), and the
    folders they leave empty."""
    root = Path(site_dir)
    for uri in uris:
        path = root / uri
        path.unlink(missing_ok=True)
        folder = path.parent
        while folder != root and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


class _DirtyWarning(logging.Filter):
    """MkDocs warns on every `--dirty` build that navigation and links may be wrong, which is true of its own
    `--dirty`: it rebuilds only pages whose source file is newer. The archive decides which pages to leave by what
    they show (`ArchivePlugin._leave_unchanged_pages`), so the warning is dropped, once for the process."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


_DIRTY_FILTER = _DirtyWarning()


def quiet_dirty_warning() -> None:
    logging.getLogger("mkdocs.commands.build").addFilter(_DIRTY_FILTER)  # Adding it again changes nothing.


@dataclass(frozen=True)
class Facts:
    """What pages may show of one document, hashed once per version of it: the parsed-document cache hands back the
    same `Document` while its source's bytes are unchanged, so the facts of an unchanged document are reused."""

    document: Document
    shape: bytes
    """The hash of what any page may show of it (see `_shape`)."""
    body: bytes
    """The hash of its body."""
    words: tuple[int, ...]
    """The words of each of its paragraphs, from which reading times are counted."""


def facts_of(document: Document) -> Facts:
    """The facts of a document, made once for each version of it (`outputs.kept.per_version`)."""
    return per_version(document, "facts", lambda: Facts(
        document, content_key(*_shape(document)), body_key(document),
        tuple(paragraph.words for paragraph in document.outline.paragraphs)))


SHOWN_BY_TEMPLATE = {
    # Each of the archive's templates, and what it shows of other documents beyond their structure (front matter,
    # outline, paragraph openings, annotations; see `Signatures`):
    "archive/text.html": "",  # its own words; of others, titles, dates, replies and assignments
    "archive/person.html": "",
    "archive/debate.html": "",  # pieces by front matter, the paragraphs they answer by number
    "archive/home.html": "",  # counts, curricula, newest texts and latest replies: front matter
    "archive/search.html": "",
    "archive/indexes.html": "",
    "archive/index-authors.html": "",
    "archive/index-years.html": "",
    "archive/index-kinds.html": "",
    "archive/index-topics.html": "",
    "archive/topic.html": "",
    "archive/people.html": "",
    "archive/glossary.html": "",
    "archive/debates.html": "",
    "main.html": "",  # a plain page: its own words, and the titles and openings its references show
    "archive/library.html": "minutes",  # every text's reading time
    "archive/curricula.html": "assigned",  # each curriculum's reading time, from the words of what it assigns
    "archive/group.html": "assigned",  # its curriculum's sessions with their reading times
    "archive/curriculum.html": "named",  # the words of each text it assigns, whole or by paragraphs
    "archive/facilitator.html": "named",
    "archive/term.html": "mentions",  # the texts and paragraphs that mention it
}
"""What a page built with each template shows of other documents; any other template (a side-by-side page, which
shows two texts' bodies, or a site's own) is taken to show every source."""


class Signatures:
    """What each page shows from the archive, as a hash: a page's key is its own source, its template and what that
    template shows of other documents.

    `structure` covers what every page may show of other documents: each one's front matter, its outline (headings,
    anchors, paragraph count, references), the annotations, the set of files and the site's settings. On top of it,
    by template (`SHOWN_BY_TEMPLATE`): the library adds every text's reading time, the curricula and the groups the
    words of the texts curricula assign, a curriculum the words of the texts it names, a term page its mentions, and
    any other template every source. So a body edit that keeps a text's outline and reading time rebuilds only its
    own page and the pages that show its words.
    """

    def __init__(self, archive: Archive, settings: str, words_per_minute: int) -> None:
        self.archive = archive
        self.words_per_minute = words_per_minute
        self.facts = [facts_of(document) for document in archive.documents]
        self.texts = [facts for facts in self.facts if facts.document.kind is Kind.TEXT]
        self.structure = content_key(settings, archive.files.markdown, archive.files.assets,
                                 [facts.shape for facts in self.facts],
                                 # The annotations follow from these shapes and the notes' bodies.
                                 [facts.body for facts in self.facts if facts.document.kind is Kind.NOTES])
        self._named: dict[str, bytes] = {}

    def key(self, uri: str, source: str, document: Document | None, template: str | None) -> bytes:
        """The key of the page at `uri` made from `source` (as MkDocs reads it) with `template`, showing `document`
        (or none)."""
        # A document's page is made from its body, whose hash is known: hashing it again for each build would cost
        # more than everything else in the key.
        own = facts_of(document).body if document is not None and source == document.body else content_key(source)
        return content_key(uri, own, self.structure, template, self._shown(document, template))

    def _shown(self, document: Document | None, template: str | None) -> bytes:
        shows = SHOWN_BY_TEMPLATE.get(template or "main.html")
        if shows == "":
            return b""
        if shows == "minutes":
            return self.minutes
        if shows == "assigned":
            return self.assigned
        if shows == "named" and document is not None and document.kind is Kind.CURRICULUM:
            return self._named_texts(document)
        if shows == "mentions" and document is not None and document.kind is Kind.TERM:
            # Each mention's text and paragraph, in the glossary's order (the page sorts them by titles, which every
            # key holds already).
            mentions = self.archive.glossary.mentions_of(document)
            return content_key([(mention.text.path, mention.paragraph) for mention in mentions])
        return self.everything

    @cached_property
    def everything(self) -> bytes:
        """Every source's body."""
        return content_key([facts.body for facts in self.facts])

    @cached_property
    def minutes(self) -> bytes:
        """Every text's reading time, as the library shows it."""
        return content_key([(facts.document.path, reading_minutes(sum(facts.words), self.words_per_minute))
                        for facts in self.texts])

    @cached_property
    def assigned(self) -> bytes:
        """The words of every text any curriculum names."""
        return content_key([self._named_texts(curriculum) for curriculum in self.archive.of_kind(Kind.CURRICULUM)])

    @cached_property
    def text_ids(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Each text's id and former ids, in order."""
        return tuple((facts.document.id, tuple(getattr(facts.document.meta, "aliases", None) or ()))
                     for facts in self.texts)

    def _named_texts(self, curriculum: Document) -> bytes:
        """The words of each paragraph of every text the curriculum's front matter names, by id or by a former id
        (a superset): a reading of some paragraphs or of a section counts their words."""
        if curriculum.path not in self._named:
            self._named[curriculum.path] = content_key([(self.texts[at].document.path, self.texts[at].words)
                                                    for at in NAMED.by(curriculum, self.text_ids)])
        return self._named[curriculum.path]


class NamedTexts:
    """The texts each curriculum's front matter names, by id or by a former id, found once per version of the
    curriculum and of the texts' ids: looking for 2,000 ids in 40 curricula took a third of a second a rebuild."""

    def __init__(self) -> None:
        self._found: dict[str, tuple[Document, tuple, list[int]]] = {}

    def by(self, curriculum: Document, ids: tuple[tuple[str, tuple[str, ...]], ...]) -> list[int]:
        """The places in `ids` (each text's id and former ids, in order) of the texts `curriculum` names."""
        known = self._found.get(curriculum.path)
        if known is None or known[0] is not curriculum or known[1] != ids:
            named = repr(curriculum.front.data)
            known = self._found[curriculum.path] = (curriculum, ids, [
                at for at, (id, aliases) in enumerate(ids) if id in named or any(alias in named for alias in aliases)])
        return known[2]


NAMED = NamedTexts()
"""The texts named by the curricula of earlier builds of this process."""


def _shape(document: Document) -> tuple:
    """What other pages may show of a document: everything but the words of its paragraphs (of a text's, their
    openings, which a reference to a paragraph shows)."""
    outline = document.outline
    return (document.path, document.uri, repr(document.front.data), document.front.valid, document.meta is not None,
            outline.headings, len(outline.paragraphs), outline.references,
            [(paragraph.kind, paragraph.opening, paragraph.references) for paragraph in outline.paragraphs]
            if document.kind is Kind.TEXT else [paragraph.references for paragraph in outline.paragraphs])


def settings_of(root: Path, config: Any, site: Any) -> str:
    """Every setting a page depends on: the configuration file, the site's overrides, the Markdown extensions."""
    return content_key(str(root), Path(config.config_file_path).read_bytes(), config.site_url, site,
                       theme_files(root, list(config.theme.dirs))).hex()


def theme_files(root: Path, folders: list[str]) -> list[tuple[str, str]]:
    """The site's own templates and files (its overrides) by name and content: their change rebuilds every page."""
    found = []
    for folder in folders:
        path = Path(folder)
        if path.is_dir() and path.resolve().is_relative_to(root):
            for file in sorted(path.rglob("*")):
                if file.is_file():
                    found.append((file.as_posix(), hashlib.sha256(file.read_bytes()).hexdigest()))
    return found


class Collector:
    """Python's garbage collector, kept out of the rebuilds: everything a rebuild finds in memory is frozen out of
    collection while it runs, and what the rebuild left behind is collected once the preview is idle.

    The preview holds the whole archive between builds (about 700,000 objects at 2,000 texts). A full collection
    walks them all, half a second to a second, and the new objects of a rebuild triggered one in most rebuilds.
    Frozen, they are not walked. `IDLE` seconds after a build, only what that build made is collected (a tenth of
    a second at 500 texts, where a full collection takes 0.4): the plugin lets go of the build's pages, files and
    templates when it ends (see `ArchivePlugin._let_go_of_the_build`), so that their reference cycles are among
    them. A full collection, for cycles among what earlier builds made, waits for `QUIET` seconds without a save,
    or for every `BUILDS`-th build, so that a save made soon after a reload seldom waits for one. Only
    `mkdocs serve` does this."""

    IDLE = 1.0
    QUIET = 30.0
    BUILDS = 50

    def __init__(self) -> None:
        self._timers: list[threading.Timer] = []
        self._builds = 0
        """Builds since the last full collection."""

    def before_build(self) -> None:
        self._cancel()
        gc.freeze()

    def after_build(self) -> None:
        self._cancel()
        self._builds += 1
        self._timers = [threading.Timer(self.IDLE, self._collect, (self._builds >= self.BUILDS,)),
                        threading.Timer(self.QUIET, self._collect, (True,))]
        for timer in self._timers:
            timer.daemon = True
            timer.start()

    def stop(self) -> None:
        """`mkdocs serve` ends: collect as Python would."""
        self._cancel()
        gc.unfreeze()

    def _collect(self, full: bool) -> None:
        if full:
            gc.unfreeze()
            self._builds = 0
        gc.collect()
        gc.freeze()

    def _cancel(self) -> None:
        for timer in self._timers:
            timer.cancel()
        self._timers = []


COLLECTOR = Collector()


RELOAD_SCRIPT = "assets/archive/livereload.js"
"""Where the live preview's reload script is served from, under the site."""
RELOAD: dict[str, str] = {}
"""The reload script, once `reload_by_file` has set the server up: each build's plugin writes it into the site."""


def reload_by_file(server: Any) -> bool:
    """Make `mkdocs serve` reload pages with a script file instead of the inline script it adds to every page.

    The pages' Content-Security-Policy runs only scripts from the site and the theme's known inline ones, so the
    script MkDocs writes into each page it serves (its timestamps differ from page to page) would never run, and a
    saved edit would show only after a manual reload. Here each page gets `<script src=…>` with the timestamps in
    its address instead, and the file runs MkDocs' own reload code. Built pages are not touched; `mkdocs build`
    never gets here. False, and pages are served as MkDocs serves them, if this MkDocs has no such script.
    """
    try:
        from mkdocs.livereload import _SCRIPT_TEMPLATE
    except ImportError:
        return False
    if not hasattr(server, "_inject_js_into_html") or not hasattr(server, "mount_path"):
        return False
    parameter = 'new URL(document.currentScript.src).searchParams.get("{}")'
    script = _SCRIPT_TEMPLATE.substitute(epoch=f"parseFloat({parameter.format('epoch')})",
                                         request_id=f"parseInt({parameter.format('request')}, 10)")
    source = f"{server.mount_path}{RELOAD_SCRIPT}"
    requests = itertools.count(time.monotonic_ns() // 1_000_000)

    def inject(content: bytes, epoch: int) -> bytes:
        tag = f'<script src="{source}?epoch={epoch}&amp;request={next(requests)}"></script>'.encode()
        end = content.rfind(b"</body>")
        end = len(content) if end < 0 else end
        return content[:end] + tag + content[end:]

    server._inject_js_into_html = inject
    RELOAD["script"] = script
    return True


def write_reload_script(site_dir: str) -> None:
    """Put the reload script into the site MkDocs just built (and emptied before), once the server asks for it."""
    script = RELOAD.get("script")
    if script is not None:
        target = Path(site_dir) / RELOAD_SCRIPT
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(script, encoding="utf-8")


SAVES = (FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent)
"""What a save looks like to the system's notices. Reading a file is noticed too (opened, closed), and every build
reads the library: a watch that rebuilt on those would rebuild for ever."""


class _SavesNoticed(Observer):
    """The system's own file notices (inotify on Linux, FSEvents on macOS), told to pass on saves only."""

    def schedule(self, event_handler, path, *, recursive=False, **options) -> ObservedWatch:
        return super().schedule(event_handler, path, recursive=recursive, **{**options, "event_filter": list(SAVES)})


def watch_by_notices(server: Any) -> bool:
    """Have `mkdocs serve` hear of a save from the system instead of polling for it.

    MkDocs polls every watched folder twice a second, which walks the whole library each time: a save waits up to half
    a second, longer while a build holds the interpreter, before the rebuild starts, and each walk takes the
    interpreter from the build. The system tells at once, and costs nothing while nothing changes. Its notices do not
    reach a folder mounted into a container from another system, or one on a network drive: there MkDocs' polling is
    kept (`preview_polling: true`). False, and MkDocs polls, if this MkDocs watches in some other way.
    """
    if Observer is PollingObserver:  # No notices on this system: watchdog polls too.
        return False
    if not isinstance(getattr(server, "observer", None), PollingObserver):
        return False
    if not isinstance(getattr(server, "_watched_paths", None), dict):
        return False
    watched = dict(server._watched_paths)  # Each path with the number of times it is watched.
    for path, times in watched.items():
        for _ in range(times):
            server.unwatch(path)
    server.observer = _SavesNoticed()
    for path, times in watched.items():
        for _ in range(times):
            server.watch(path)
    return True


def stop_as_interrupted() -> None:
    """Have `mkdocs serve`, told to stop (SIGTERM: a process manager, an editor's task, a test), stop as on Ctrl-C.

    Python ends on that signal without unwinding, so MkDocs would leave its temporary site folder behind and the
    archive the folder of its kept index, one pair in the system's temporary folder for every preview stopped so.
    Interrupted, MkDocs shuts its server down and removes its folder, and the archive's is removed as the process
    exits. A handler set by someone else is left alone, and so is the signal outside the main thread.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def stop_as_before() -> None:
    """Give SIGTERM back what it did before `stop_as_interrupted`."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) is _interrupt:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
