"""The benchmark generator writes valid archives: no problems, a clean strict build, the same bytes for a seed."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402

ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Twenty generated texts with everything that hangs off them."""
    root = tmp_path_factory.mktemp("generated") / "archive"
    summary = generate(root, texts=20, seed=3)
    return root, summary


def archive_check(root: Path) -> subprocess.CompletedProcess:
    """`archive check` through the installed console script, whatever package provides it."""
    script = Path(sys.executable).parent / "archive"
    if script.exists():
        command = [str(script), "check", str(root)]
    else:
        (entry,) = entry_points(group="console_scripts", name="archive")
        command = [sys.executable, "-c", f"import sys; from {entry.module} import {entry.attr} as main; "
                                         f"sys.exit(main(['check', {str(root)!r}]))"]
    return subprocess.run(command, capture_output=True, text=True, env=ENVIRONMENT)


def strict_build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"),
                           "-d", str(root / "site")], capture_output=True, text=True, env=ENVIRONMENT)


def files_of(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_the_archive_has_every_kind_of_document(archive):
    root, summary = archive
    assert (summary.texts, summary.people, summary.terms, summary.curricula, summary.debates) == (20, 1, 2, 1, 1)
    assert summary.annotations >= 30
    assert summary.words == 20 * 4000
    assert len(list((root / "readings").glob("*.md"))) == 20
    assert list((root / "readings" / "notes").glob("*/*.md"))


def test_archive_check_reports_no_problems(archive):
    root, _ = archive
    result = archive_check(root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("; 0 problems"), result.stdout + result.stderr


def test_a_strict_build_passes_without_warnings(archive):
    root, _ = archive
    result = strict_build(root)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert [line for line in output.splitlines() if "WARNING" in line] == []
    assert "0 problems" in output
    assert (root / "site" / "readings" / "index.html").exists()


def test_the_plain_site_builds_strictly_too(tmp_path):
    root = tmp_path / "plain"
    generate(root, texts=20, seed=3, words=500, plain=True)
    assert "  - archive" not in (root / "mkdocs.yml").read_text()
    result = strict_build(root)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert [line for line in output.splitlines() if "WARNING" in line] == []


def test_the_listed_plain_site_lists_every_text_in_every_sidebar(tmp_path):
    """The twin the build-speed issue first measured: Material's own navigation, every page in it."""
    twin, listed = tmp_path / "twin", tmp_path / "listed"
    generate(twin, texts=20, seed=3, words=300, plain=True)
    generate(listed, texts=20, seed=3, words=300, plain=True, listed=True)
    assert "\nnav:" in (twin / "mkdocs.yml").read_text() and "\nnav:" not in (listed / "mkdocs.yml").read_text()
    for root in (twin, listed):
        result = strict_build(root)
        assert result.returncode == 0 and "WARNING" not in result.stdout + result.stderr, result.stderr
    texts = sorted(path.stem for path in (listed / "docs" / "readings").glob("*.md") if path.stem != "index")
    for root, sidebar in ((twin, 0), (listed, len(texts))):
        page = (root / "site" / "readings" / texts[0] / "index.html").read_text()
        assert sum(f'href="../{text}/"' in page for text in texts[1:]) == max(sidebar - 1, 0)


def test_the_same_seed_writes_the_same_bytes(tmp_path):
    generate(tmp_path / "first", texts=20, seed=5)
    generate(tmp_path / "second", texts=20, seed=5)
    generate(tmp_path / "other", texts=20, seed=6)
    first = files_of(tmp_path / "first")
    assert first == files_of(tmp_path / "second")
    assert first != files_of(tmp_path / "other")


def test_an_existing_folder_with_files_is_left_alone(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        generate(tmp_path, texts=1)
    assert [path.name for path in tmp_path.iterdir()] == ["keep.txt"]


def test_only_a_plain_site_can_leave_its_navigation_to_material(tmp_path):
    with pytest.raises(ValueError, match="`listed` needs `plain`"):
        generate(tmp_path / "archive", texts=2, listed=True)
