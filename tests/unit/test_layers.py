"""The package reads as layers, each importing only those below it, with no module importing itself in a circle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]


def test_each_layer_imports_only_the_layers_below_it():
    """import-linter checks the contract in pyproject.toml: adapters, outputs, renderer, model, from the top."""
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_the_contract_catches_a_model_module_that_imports_the_renderer(tmp_path):
    """The check can fail: a copy of the package whose model imports the renderer breaks the contract."""
    package = tmp_path / "study_archive"
    subprocess.run(["cp", "-r", str(ROOT / "plugins" / "study_archive"), str(package)], check=True)
    (package / "model" / "stray.py").write_text("from ..renderer import pipeline\n", encoding="utf-8")
    (tmp_path / ".importlinter").write_text(
        "[importlinter]\nroot_package = study_archive\n\n[importlinter:contract:layers]\nname = layers\n"
        "type = layers\nlayers =\n    study_archive.adapters\n    study_archive.outputs\n"
        "    study_archive.renderer\n    study_archive.model\n", encoding="utf-8")
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint), "--no-cache"], cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1 and "study_archive.model.stray -> study_archive.renderer.pipeline" in result.stdout


def test_no_module_imports_itself_through_others():
    graph = grimp.build_graph("study_archive")
    cycles = [component for component in _strongly_connected(graph) if len(component) > 1]
    assert cycles == []


def _strongly_connected(graph: grimp.ImportGraph) -> list[set[str]]:
    """Tarjan's components of the module import graph (type-checking imports included)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            components.append(component)

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return components
