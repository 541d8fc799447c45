"""`archive new`: each kind of file starts valid, passes `archive check` and builds strictly."""

from __future__ import annotations

import io

import pytest

from conftest import checked_problems
from study_archive.adapters.cli import main

NEW = {
    "text": ["text", "reform-or-revolution", "--title", "Reform or Revolution?", "--author", "trotsky",
             "--summary", "Why reforms alone: a pamphlet.", "--rights", "public-domain"],
    "person": ["person", "rosa-luxemburg", "--title", "Rosa Luxemburg", "--summary", "A socialist: she wrote."],
    "term": ["term", "reformism", "--title", "Reformism", "--short", "No"],
    "curriculum": ["curriculum", "reading-trotsky", "--title", "Reading Trotsky", "--summary", "One session.",
                   "--session", "The New Course", "--reading", "new-course", "--question", "What is bureaucratism?"],
    "debate": ["debate", "party-democracy", "--title", "Party democracy", "--question", "Can a party be democratic?",
               "--piece", "new-course", "--position", "Yes, with open letters.", "--claim", "Bureaucracy is a danger.",
               "--piece", "the-reply", "--position", "Not without factions.", "--claim", "Factions are needed."],
    "notes": ["notes", "new-course", "--layer", "context", "--author", "Tuesday reading group", "--date", "2026-11-23"],
}
PATHS = {"text": "readings/reform-or-revolution.md", "person": "content/people/rosa-luxemburg.md",
         "term": "content/glossary/reformism.md", "curriculum": "content/curricula/reading-trotsky.md",
         "debate": "content/debates/party-democracy.md", "notes": "readings/notes/context/new-course.md"}
REPLY = """
    readings/the-reply.md
    | ---
    | title: A reply
    | year: 1924
    | summary: A reply to the New Course.
    | rights: public-domain
    | responds_to: [new-course]
    | ---
    | The reply.
    """


@pytest.mark.parametrize("kind", list(NEW))
def test_new_writes_a_file_that_passes_the_check(library, capsys, kind):
    library.files(REPLY)
    assert main(["new", *NEW[kind], "--root", str(library.root)]) == 0
    assert capsys.readouterr().out == f"wrote {library.root / PATHS[kind]}: fill in its text, then run `archive check`\n"
    written = (library.root / PATHS[kind]).read_text(encoding="utf-8")
    assert written.startswith("---\n")
    assert checked_problems(library.root) == set()
    if kind == "text":
        assert '"Reform or Revolution?"' in written and "authors: [trotsky]" in written
        assert "# year: The year of first publication" in written  # Optional fields come as comments.


def test_everything_new_writes_builds_strictly(library):
    library.files(REPLY)
    for arguments in NEW.values():
        assert main(["new", *arguments, "--root", str(library.root)]) == 0
    library.build(strict=True)
    assert "Reading Trotsky" in library.html("curricula/reading-trotsky/index.html")


def test_new_refuses_to_overwrite_a_file(library, capsys):
    library.write("content/people/rosa.md", "Not yet a person.\n")
    assert main(["new", "person", "rosa", "--title", "R", "--summary", "S.", "--root", str(library.root)]) == 2
    assert "content/people/rosa.md already exists: edit it, or choose another id" in capsys.readouterr().err
    assert (library.root / "content/people/rosa.md").read_text() == "Not yet a person.\n"


def test_new_refuses_an_id_in_use(library, capsys):
    assert main(["new", "term", "trotsky", "--title", "T", "--short", "S.", "--root", str(library.root)]) == 2
    assert capsys.readouterr().err == (
        "archive new: the id 'trotsky' is already used by content/people/trotsky.md: ids are unique across the "
        "archive; choose another id, or edit that file\n")
    assert not (library.root / "content/glossary/trotsky.md").exists()


def test_new_says_which_option_is_missing_when_nobody_can_answer(library, capsys):
    assert main(["new", "person", "rosa", "--title", "Rosa", "--root", str(library.root)]) == 2
    assert "a person needs --summary, one sentence on who they are: give it" in capsys.readouterr().err


def test_new_asks_for_what_is_missing_at_a_terminal(library, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal())
    answers = iter(["Rosa Luxemburg", "A socialist."])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert main(["new", "person", "rosa-luxemburg", "--root", str(library.root)]) == 0
    assert 'title: "Rosa Luxemburg"\nsummary: "A socialist."\n' in (
        library.root / "content/people/rosa-luxemburg.md").read_text()


def test_new_refuses_values_the_schema_refuses(library, capsys):
    arguments = ["new", "text", "t", "--title", "T", "--summary", "S.", "--rights", "public domain"]
    assert main([*arguments, "--root", str(library.root)]) == 2
    assert "readings/t.md:4:9: 'rights': 'public domain' is not one of" in capsys.readouterr().err
    assert not (library.root / "readings/t.md").exists()
