"""Front matter is read with its positions, and YAML's surprises become problems."""

from __future__ import annotations

import datetime

from study_archive.model.frontmatter import Position, Source, parse_front_matter, read_source
from study_archive.model.problem import Problems


def parse(text: str):
    problems = Problems()
    return parse_front_matter(Source("t.md", text), problems), [str(problem) for problem in problems]


def test_values_keep_their_line_and_column():
    front, problems = parse("---\ntitle: T\nsessions:\n  - title: One\n    date: 2027-01-12\n---\nBody\n")
    assert problems == []
    assert front.data["sessions"][0]["date"] == datetime.date(2027, 1, 12)
    assert front.values[("sessions", 0, "date")] == Position(5, 11)
    assert front.keys[("sessions", 0, "date")] == Position(5, 5)
    assert front.body == "Body\n" and front.body_line == 7


def test_a_file_without_front_matter_is_all_body():
    front, problems = parse("# Heading\n\nText.\n")
    assert front.data == {} and front.body.startswith("# Heading") and problems == []


def test_quoted_values_stay_text():
    front, problems = parse('---\ntitle: "no"\nyear: "1923"\nwhen: "12:30"\n---\n')
    assert front.data == {"title": "no", "year": "1923", "when": "12:30"} and problems == []


def test_true_and_false_are_booleans_and_yes_is_refused():
    front, problems = parse("---\na: true\nb: yes\n---\n")
    assert front.data["a"] is True
    assert problems[0].startswith("t.md:3:4: 'yes' means true/false")


def test_octal_looking_numbers_are_refused():
    _, problems = parse("---\ncode: 0755\n---\n")
    assert problems[0].startswith("t.md:2:7: '0755' would be read as a number in base 8")


def test_a_date_without_leading_zeros_stays_text_for_the_schema_to_refuse():
    front, problems = parse("---\npublished: 1923-1-5\n---\n")
    assert front.data["published"] == "1923-1-5" and problems == []


def test_an_empty_block_is_empty_data():
    front, problems = parse("---\n---\nBody\n")
    assert front.data == {} and front.valid and problems == []


def test_windows_line_endings_are_read_as_lines():
    problems = Problems()
    source = read_source("t.md", b"---\r\ntitle: T\r\n---\r\nBody\r\n", problems)
    front = parse_front_matter(source, problems)
    assert front.data == {"title": "T"} and front.body == "Body\n"


def test_the_position_of_a_missing_value_falls_back_to_its_parent():
    front, _ = parse("---\nsessions:\n  - title: One\n---\n")
    assert front.position(("sessions", 0, "questions")) == Position(3, 5)
