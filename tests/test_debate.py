"""A debate reads as an argument: a thread of replies, a map of who answers whom, positions side by side,
backlinks on every piece, feeds to follow it, and a located warning for every reply that cannot be right."""

from __future__ import annotations

import datetime
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lxml import etree
from rnc2rng import dumps, loads

from study_archive.model.work import When

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"

# Three texts that answer each other, and an external statement that the first one answers.
ARGUMENT = """
    readings/statement-reply.md
    | ---
    | title: A reply to the statement
    | year: 2013
    | published: 2013-12-09
    | summary: S.
    | rights: public-domain
    | responds_to: [sc-statement]
    | ---
    | The reply.
    readings/rejoinder.md
    | ---
    | title: A rejoinder
    | authors: [trotsky]
    | year: 2019
    | published: 2019-03-21
    | summary: S.
    | rights: public-domain
    | responds_to: ["statement-reply#p1"]
    | ---
    | The rejoinder.
    readings/late-word.md
    | ---
    | title: A late word
    | year: 2023
    | summary: S.
    | rights: public-domain
    | responds_to: [rejoinder, statement-reply]
    | ---
    | The last word.
    content/debates/why.md
    | ---
    | title: Why did it fail?
    | question: "What caused the collapse?"
    | pieces:
    |   - text: late-word
    |     position: Both were half right.
    |     claims: [Everyone was complicit.]
    |   - text: rejoinder
    |     position: The politics failed.
    |     claims: [A theory of the party.]
    |   - id: sc-statement
    |     title: The statement
    |     author: The Steering Committee
    |     date: 2013-11-20
    |     position: Nothing went wrong.
    |     claims: [Nobody was pushed out.]
    |   - text: statement-reply
    |     position: Conflict went unresolved.
    |     claims: [Covert conflict drives members out.]
    |   - text: new-course
    |     position: A minority may be right.
    |     claims: [Discipline is not enough.]
    | ---
    | A neutral framing.
    """


class _Thread(HTMLParser):
    """The thread as (depth, piece id) in reading order; depth 0 for pieces that answer nothing here."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.turns = 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ol" and "archive-thread" in (attrs.get("class") or ""):
            self.depth += 1
        if tag == "li" and "archive-turn" in (attrs.get("class") or ""):
            self.turns.append((self.depth - 1, attrs["id"].removeprefix("piece-")))

    def handle_endtag(self, tag):
        if tag == "ol":
            self.depth -= 1


def thread(page: str) -> list[tuple[int, str]]:
    parser = _Thread()
    parser.feed(page[page.index('id="thread"'):page.index('id="map"')])
    return parser.turns


def mermaid_source(page: str) -> str:
    match = re.search(r'<pre class="mermaid"><code>(.*?)</code></pre>', page, re.S)
    assert match, "no diagram on the page"
    return html.unescape(match.group(1))


def test_the_thread_puts_each_reply_under_what_it_answers_oldest_first(library):
    library.files(ARGUMENT)
    library.build()
    assert thread(library.html("debates/why/index.html")) == [
        (0, "new-course"),
        (0, "sc-statement"),
        (1, "statement-reply"),
        (2, "rejoinder"),
        (3, "late-word"),
    ]


def test_the_thread_says_what_each_reply_answers_down_to_the_paragraph(library):
    library.files(ARGUMENT)
    library.build()
    page = library.html("debates/why/index.html")
    turn = page[page.index('id="piece-rejoinder"'):page.index('id="piece-late-word"')]
    assert '<a href="#piece-statement-reply">A reply to the statement</a>' in turn
    assert '(<a href="../../readings/statement-reply/#p1">¶1</a>)' in turn
    assert "The politics failed." in turn


def test_the_map_draws_every_reply_and_links_every_piece(library):
    library.files(ARGUMENT)
    library.build()
    source = mermaid_source(library.html("debates/why/index.html"))
    edges = {tuple(re.split(r" -->(?:\|[^|]*\|)? ", line.strip())) for line in source.splitlines() if "-->" in line}
    assert edges == {
        ("P_statement_reply", "P_sc_statement"),
        ("P_rejoinder", "P_statement_reply"),
        ("P_late_word", "P_statement_reply"),
        ("P_late_word", "P_rejoinder"),
    }
    assert 'P_rejoinder -->|"#182;1"| P_statement_reply' in source
    links = dict(re.findall(r'click (\w+) href "([^"]*)"', source))
    assert links == {
        "P_late_word": "../../readings/late-word/",
        "P_rejoinder": "../../readings/rejoinder/",
        "P_sc_statement": "#piece-sc-statement",
        "P_statement_reply": "../../readings/statement-reply/",
        "P_new_course": "../../readings/new-course/",
    }
    assert 'P_sc_statement(["The statement <br/><small>The Steering Committee</small> <br/><small>2013-11-20</small>"])' in source


def test_a_long_title_and_byline_are_drawn_in_short_lines_that_keep_every_word(library):
    library.files("""
        content/debates/d.md
        | ---
        | title: D
        | question: Q?
        | pieces:
        |   - text: new-course
        |     position: P.
        |     claims: [C.]
        |   - id: long
        |     title: A very long title about the organizational question in the Workers Group
        |     author: The Steering Committee of the International Socialist Organization
        |     date: 2013-11-20
        |     responds_to: [new-course]
        |     position: P.
        |     claims: [C.]
        | ---
        | Framing.
        """)
    library.build()
    label = next(line for line in mermaid_source(library.html("debates/d/index.html")).splitlines()
                 if line.strip().startswith("P_long"))
    lines = [re.sub(r"</?small>", "", line) for line in re.search(r'"(.*)"', label).group(1).split(" <br/>")]
    assert lines == [
        "A very long title about", "the organizational", "question in the Workers", "Group",
        "The Steering Committee of", "the International", "Socialist Organization", "2013-11-20",
    ]  # Each well inside the width at which Mermaid would wrap, and so mis-size, a line itself.
    assert label.count("<small>") == 4


def test_front_matter_cannot_break_out_of_the_map(library):
    library.files("""
        content/debates/d.md
        | ---
        | title: D
        | question: Q?
        | pieces:
        |   - text: new-course
        |     position: P.
        |     claims: [C.]
        |   - id: tricky
        |     title: 'A "quoted"] title --> end; %% <script>alert(1)</script> #35;'
        |     author: 'click P_new_course href "javascript:alert(1)"'
        |     url: 'https://example.org/a"b;c<d>'
        |     responds_to: [new-course]
        |     position: P.
        |     claims: [C.]
        | ---
        | Framing.
        """)
    library.build(strict=False)  # The markup in front matter is reported, and must still be harmless.
    page = library.html("debates/d/index.html")
    source = mermaid_source(page)
    label = next(line for line in source.splitlines() if line.strip().startswith("P_tricky"))
    assert label.count('"') == 2 and label.endswith('"])')
    assert "#34;quoted#34;#93; title --#62; end#59; #37;#37; #60;script#62;" in label.replace("<br/>", "")
    assert "#35;35#59;" in label  # A would-be entity is written out, not decoded.
    assert "javascript" not in "".join(line for line in source.splitlines() if line.strip().startswith("click"))
    assert "<script>alert" not in page


def test_a_debate_without_replies_says_so_instead_of_an_empty_map(library):
    library.files("""
        content/debates/d.md
        | ---
        | title: D
        | question: Q?
        | pieces:
        |   - text: new-course
        |     position: P.
        |     claims: [C.]
        |   - id: other
        |     title: Another view
        |     author: Someone
        |     position: Q.
        |     claims: [D.]
        | ---
        | Framing.
        """)
    library.build()
    page = library.html("debates/d/index.html")
    assert 'class="mermaid"' not in page
    assert "No piece here answers another directly" in page


def test_positions_and_claims_stand_side_by_side(library):
    library.files(ARGUMENT)
    library.build()
    page = library.html("debates/why/index.html")
    table = page[page.index('id="positions"'):]
    rows = re.findall(r"<tr\b[^>]*>(.*?)</tr>", table, re.S)[1:]
    assert [re.search(r">([^<]+)</(?:a|cite)>", row).group(1) for row in rows] == [
        "The New Course", "The statement", "A reply to the statement", "A rejoinder", "A late word",
    ]
    assert '<td data-label="Position">Nothing went wrong.</td>' in rows[1] and "<li>Nobody was pushed out.</li>" in rows[1]


def test_a_text_shows_what_it_answers_what_answers_it_and_its_debates(library):
    library.files(ARGUMENT)
    library.build()
    page = library.html("readings/statement-reply/index.html")
    replies = page[page.index('class="archive-replies"'):]
    answered = replies[replies.index("In reply to"):replies.index("<strong>Replies")]
    assert '<a href="../../debates/why/#piece-sc-statement">The statement</a>' in answered
    assert "The Steering Committee · 2013-11-20" in answered
    answering = replies[replies.index("<strong>Replies"):replies.index("In the debates")]
    assert re.findall(r'<a href="\.\./([a-z-]+)/">', answering) == ["rejoinder", "late-word"]
    assert 'answering <a href="#p1">¶1</a>' in answering
    assert '<a href="../../debates/why/#piece-statement-reply">Why did it fail?</a>: Conflict went unresolved.' in replies
    rejoinder = library.html("readings/rejoinder/index.html")
    assert '<a href="../statement-reply/">A reply to the statement</a> (<a href="../statement-reply/#p1">¶1</a>)' in rejoinder


def test_the_debates_index_gives_question_size_span_and_latest_reply(library):
    library.files(ARGUMENT)
    library.build()
    page = library.html("debates/index.html")
    entry = re.sub(r"\s+", " ", page[page.index('href="why/"'):page.index("</li>", page.index('href="why/"'))])
    assert "— 5 pieces, 1923–2023" in entry
    assert "What caused the collapse?" in entry
    assert 'Latest reply: <a href="../readings/late-word/">A late word</a>' in entry


# Replies that cannot be right: each gets a warning at the reply, as the contributor wrote it.

def _debate(*pieces: str) -> str:
    return "---\ntitle: D\nquestion: Q?\npieces:\n" + "".join(pieces) + "---\nFraming.\n"


COURSE = "  - text: new-course\n    position: P.\n    claims: [C.]\n"


def test_a_reply_to_a_piece_that_does_not_exist(library, logs):
    library.write("content/debates/d.md", _debate(
        COURSE, "  - id: ext\n    title: T\n    author: A\n    responds_to: [new-curse]\n    position: P.\n    claims: [C.]\n"))
    library.build(strict=False)
    assert "content/debates/d.md:11:19: unknown reference 'new-curse': did you mean 'new-course'?" in logs.warnings


def test_a_reply_dated_before_what_it_answers(library, logs):
    library.write("content/debates/d.md", _debate(
        COURSE, "  - id: ext\n    title: T\n    author: A\n    date: 1920-05-01\n    responds_to: [new-course]\n"
                "    position: P.\n    claims: [C.]\n"))
    library.build(strict=False)
    assert logs.warnings == [
        "content/debates/d.md:12:19: this piece (1920-05-01) is dated before 'new-course' (1923), which it responds to: "
        "check the dates of both pieces"]


def test_a_text_dated_before_the_external_piece_it_answers(library, logs):
    library.files("""
        readings/early.md
        | ---
        | title: Early
        | year: 1922
        | summary: S.
        | rights: public-domain
        | responds_to: [ext]
        | ---
        | Text.
        """)
    library.write("content/debates/d.md", _debate(
        "  - text: early\n    position: P.\n    claims: [C.]\n",
        "  - id: ext\n    title: T\n    author: A\n    date: 1922-05-01\n    position: P.\n    claims: [C.]\n"))
    library.build(strict=False)
    assert logs.warnings == []  # The same year: a text dated only by its year may well be later.
    library.write("readings/early.md", (library.root / "readings/early.md").read_text().replace("1922", "1921"))
    library.build(strict=False)
    assert [w for w in logs.warnings if "dated before" in w] == [
        "readings/early.md:6:15: this text (1921) is dated before 'ext' (1922-05-01), which it responds to: "
        "check the dates of both pieces"]


def test_a_circle_of_replies_through_an_external_piece(library, logs):
    library.files("""
        readings/a.md
        | ---
        | title: A
        | year: 2001
        | summary: S.
        | rights: public-domain
        | responds_to: [ext]
        | ---
        | Text.
        """)
    library.write("content/debates/d.md", _debate(
        "  - text: a\n    position: P.\n    claims: [C.]\n",
        "  - id: ext\n    title: T\n    author: A\n    responds_to: [a]\n    position: P.\n    claims: [C.]\n"))
    library.build(strict=False)
    assert logs.warnings == ["readings/a.md:6:15: a circle of pieces that respond to each other: a -> ext -> a: "
                             "remove one of these replies from 'responds_to'"]
    assert thread(library.html("debates/d/index.html")) == [(0, "a"), (0, "ext")]  # Shown, not lost.


def test_a_reply_that_no_debate_lists(library, logs):
    library.files(ARGUMENT)
    library.files("""
        readings/outsider.md
        | ---
        | title: An outsider
        | year: 2024
        | summary: S.
        | rights: public-domain
        | responds_to: [late-word]
        | ---
        | Text.
        """)
    library.build(strict=False)
    assert logs.warnings == [
        "readings/outsider.md:6:15: 'outsider' responds to 'late-word', a piece of the debate 'why', but that "
        "debate does not list it: add 'outsider' with its position and claims to the pieces of content/debates/why.md"]


def test_a_paragraph_of_an_external_piece(library, logs):
    library.files("""
        readings/a.md
        | ---
        | title: A
        | year: 2001
        | summary: S.
        | rights: public-domain
        | responds_to: ["ext#p2"]
        | ---
        | Text.
        """)
    library.write("content/debates/d.md", _debate(
        "  - text: a\n    position: P.\n    claims: [C.]\n",
        "  - id: ext\n    title: T\n    author: A\n    position: P.\n    claims: [C.]\n"))
    library.build(strict=False)
    assert logs.warnings == ["readings/a.md:6:15: 'ext' is a piece outside the library and has no paragraph or "
                             "heading '#p2': write 'ext' without '#p2'"]


def test_a_piece_listed_twice_and_an_external_piece_described_twice(library, logs):
    external = "  - id: ext\n    title: T\n    author: A\n    position: P.\n    claims: [C.]\n"
    library.write("content/debates/d.md", _debate(COURSE, external, COURSE))
    library.write("content/debates/e.md", _debate(COURSE, external.replace("title: T", "title: Another T")))
    library.build(strict=False)
    assert sorted(logs.warnings) == [
        "content/debates/d.md:13:11: 'new-course' is already piece 1 of this debate: "
        "list each piece once, with one position and its claims",
        "content/debates/e.md:8:9: the piece 'ext' is described differently in content/debates/d.md: one id names "
        "one work: give it the same title, author, date, url and responds_to in both debates, or another id",
    ]


def test_dates_compare_only_what_both_know():
    assert When(2013).before(When(2014))
    assert not When(2013).before(When(2013, datetime.date(2013, 12, 9)))
    assert not When(2013, datetime.date(2013, 12, 9)).before(When(2013))
    assert When(2013, datetime.date(2013, 11, 20)).before(When(2013, datetime.date(2013, 12, 9)))


# Following a debate: Atom feeds, valid, linked from the pages, and the same on every build.

@pytest.fixture(scope="module")
def atom_schema() -> etree.RelaxNG:
    """RFC 4287's own RELAX NG schema; rnc2rng writes `xmlns:local=""`, which XML 1.0 forbids, so drop it."""
    rng = dumps(loads((ROOT / "tests" / "data" / "atom.rnc").read_text(encoding="utf-8")))
    return etree.RelaxNG(etree.fromstring(rng.replace(' xmlns:local=""', "").encode()))


def assert_valid_atom(path: Path, schema: etree.RelaxNG) -> etree._ElementTree:
    document = etree.parse(str(path))
    assert schema.validate(document), f"{path}: {schema.error_log}"
    # The two Schematron rules of the RFC's schema, which RELAX NG does not run.
    namespaces = {"atom": "http://www.w3.org/2005/Atom"}
    assert document.xpath("/atom:feed/atom:author or not(/atom:feed/atom:entry[not(atom:author)])",
                          namespaces=namespaces)
    for entry in document.xpath("//atom:entry", namespaces=namespaces):
        assert entry.xpath("atom:link[@rel='alternate'] or atom:link[not(@rel)] or atom:content", namespaces=namespaces)
        alternates = entry.xpath("atom:link[not(@rel) or @rel='alternate']", namespaces=namespaces)
        assert len({(link.get("type"), link.get("hreflang")) for link in alternates}) == len(alternates)
    return document


def test_each_debate_and_all_debates_have_a_valid_atom_feed(library, atom_schema):
    library.files(ARGUMENT)
    library.build()
    feed = assert_valid_atom(library.site / "debates/why/atom.xml", atom_schema)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "A late word", "A rejoinder", "A reply to the statement", "The statement", "The New Course"]
    assert [entry.findtext(f"{ATOM}updated") for entry in entries] == [
        "2023-01-01T00:00:00+00:00", "2019-03-21T00:00:00+00:00", "2013-12-09T00:00:00+00:00",
        "2013-11-20T00:00:00+00:00", "1923-01-01T00:00:00+00:00"]
    assert entries[1].findtext(f"{ATOM}published") == "2019-03-21T00:00:00+00:00"
    assert entries[0].find(f"{ATOM}published") is None  # Known only to the year.
    assert feed.findtext(f"{ATOM}updated") == "2023-01-01T00:00:00+00:00"
    assert entries[3].find(f"{ATOM}link").get("href") == "./#piece-sc-statement"
    assert "In reply to: A rejoinder; A reply to the statement" in entries[0].findtext(f"{ATOM}summary")
    index = assert_valid_atom(library.site / "debates/atom.xml", atom_schema)
    assert [entry.find(f"{ATOM}link").get("href") for entry in index.findall(f"{ATOM}entry")] == ["why/"]


def test_feeds_are_the_same_on_every_build_and_absolute_with_a_site_url(library, atom_schema):
    library.files(ARGUMENT)
    library.build()
    first = (library.site / "debates/why/atom.xml").read_bytes()
    library.build()
    assert (library.site / "debates/why/atom.xml").read_bytes() == first
    library.write("mkdocs.yml", (library.root / "mkdocs.yml").read_text() + "site_url: https://archive.example.org/study/\n")
    library.build()
    feed = assert_valid_atom(library.site / "debates/why/atom.xml", atom_schema)
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"alternate": "https://archive.example.org/study/debates/why/",
                     "self": "https://archive.example.org/study/debates/why/atom.xml"}


def test_pages_link_their_feeds_for_readers_and_for_browsers(library):
    library.files(ARGUMENT)
    library.build()
    page = library.html("debates/why/index.html")
    assert ('<link rel="alternate " type="application/atom+xml" title="Why did it fail? (Atom feed)" '
            'href="atom.xml">') in page
    assert '<a href="atom.xml" type="application/atom+xml">Follow this debate</a>' in page
    index = library.html("debates/index.html")
    assert '<link rel="alternate " type="application/atom+xml" title="Debates (Atom feed)" href="atom.xml">' in index
    assert '<a href="atom.xml" type="application/atom+xml">Follow all debates</a>' in index


def test_the_demo_debates_show_replies_and_their_feeds_are_valid(tmp_path, atom_schema):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from study_archive import load
    from study_archive.model.debate import conversation

    talk = conversation(load(ROOT))
    argued = [debate for debate in talk.debates if len(debate.contributions) >= 3 and debate.replies]
    assert len(argued) >= 3
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True))
    feeds = sorted((tmp_path / "site" / "debates").rglob("atom.xml"))
    assert len(feeds) == len(talk.debates) + 1
    for feed in feeds:
        assert_valid_atom(feed, atom_schema)
