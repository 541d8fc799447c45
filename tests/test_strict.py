"""Strict means strict: a build under --strict fails on any of the archive's problems, whatever the log level."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest

from conftest import Abort

BROKEN = """
    content/about.md
    | See [[no-such-text]] and [[person:nobody]].
    """


def test_a_quiet_strict_build_fails_and_says_how_many_problems(library):
    library.files(BROKEN)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=library.root,
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Aborted with 2 problems in strict mode" in output
    assert "content/about.md:1:5: unknown reference 'no-such-text'" in output  # -q hid it, so the abort shows it.
    assert "Traceback" not in output


def test_a_strict_build_fails_when_a_logging_config_drops_warnings(library):
    library.files(BROKEN)
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with pytest.raises(Abort, match="Aborted with 2 problems in strict mode"):
            library.build(strict=True)
    finally:
        logger.setLevel(level)


def test_a_loud_strict_build_counts_the_problems_it_showed(library, logs):
    library.files(BROKEN)
    with pytest.raises(Abort, match=r"Aborted with 2 problems in strict mode: fix the warnings above"):
        library.build(strict=True)
    assert len(logs.warnings) == 2


def test_a_strict_build_that_will_fail_makes_no_search_index_and_no_offline_copy(library, logs):
    library.files(BROKEN)
    with pytest.raises(Abort):
        library.build(strict=True)
    assert not (library.site / "search" / "data" / "manifest.js").exists()
    assert (library.site / "archive-offline.zip").stat().st_size == 0  # MkDocs wrote the placeholder only.
    library.build(strict=False)  # The same sources, not strict: both are made.
    assert (library.site / "search" / "data" / "manifest.js").exists()
    assert (library.site / "archive-offline.zip").stat().st_size > 0


def test_a_lax_build_with_problems_succeeds(library, logs):
    library.files(BROKEN)
    library.build(strict=False)
    assert len(logs.warnings) == 2
