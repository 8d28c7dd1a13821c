"""CI for data repositories: generated workflows (checked against the public schemas) and pre-commit hooks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cpne import __version__
from tests.conftest import git, run_cli, tree_state
from tests.factories import opinion, write_record

PROJECT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(path)],
        capture_output=True,
        encoding="utf-8",
        check=False,
    )


@pytest.mark.parametrize(
    ("provider", "relpath", "schema"),
    [
        ("github", ".github/workflows/cpne.yml", "vendor.github-workflows"),
        ("gitlab", ".gitlab-ci.yml", "vendor.gitlab-ci"),
    ],
)
def test_init_writes_a_valid_workflow(tmp_path: Path, provider: str, relpath: str, schema: str) -> None:
    root = tmp_path / "reg"
    result = run_cli("init", root, "--ci", provider)
    assert result.exit_code == 0, result.stderr
    workflow = root / relpath
    text = workflow.read_text(encoding="utf-8")
    assert f"pip install 'cpne=={__version__}'" in text
    assert "cpne validate" in text and "--base" in text
    assert "cpne fmt --check" in text
    assert "export report --check" in text
    assert "cpne action list --due --fail" in text
    assert relpath in git(root, "show", "--name-only", "--format=", "HEAD").splitlines()
    checked = check_jsonschema(schema, workflow)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_workflows_list_the_follow_up_actions_past_due_on_a_schedule_only(tmp_path: Path) -> None:
    """A scheduled run does only ``cpne action list --due --fail``; pushes and requests do only the checks."""
    github, gitlab = tmp_path / "github", tmp_path / "gitlab"
    assert run_cli("init", github, "--ci", "github").exit_code == 0
    assert run_cli("init", gitlab, "--ci", "gitlab").exit_code == 0
    flow = yaml.safe_load((github / ".github/workflows/cpne.yml").read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key ``on`` as true
    assert triggers["schedule"] == [{"cron": "0 6 * * 1"}] and "push" in triggers and "pull_request" in triggers
    jobs = flow["jobs"]
    assert jobs["register"]["if"] == "github.event_name != 'schedule'"
    assert jobs["follow-up"]["if"] == "github.event_name == 'schedule'"
    assert jobs["follow-up"]["steps"][-1]["run"] == "cpne action list --due --fail"
    pipeline = yaml.safe_load((gitlab / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert pipeline["cpne"]["rules"][0] == {"if": '$CI_PIPELINE_SOURCE == "schedule"', "when": "never"}
    assert pipeline["follow-up"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert pipeline["follow-up"]["script"][-1] == "cpne action list --due --fail"


def test_github_workflow_reports_in_github_format(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    assert (
        run_cli("init", root, "--ci", "github", "--install", "cpne @ git+https://example.org/cpne.git").exit_code == 0
    )
    text = (root / ".github/workflows/cpne.yml").read_text(encoding="utf-8")
    assert "--format github" in text
    assert "pip install 'cpne @ git+https://example.org/cpne.git'" in text


def test_ci_none_writes_no_workflow(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    assert run_cli("init", root, "--ci", "none").exit_code == 0
    assert not (root / ".github").exists()
    assert not (root / ".gitlab-ci.yml").exists()


def test_ci_is_added_to_an_existing_register_in_one_commit(data_repo: Path) -> None:
    (data_repo / "wip.txt").write_text("unrelated work\n", encoding="utf-8")
    result = run_cli("init", data_repo, "--ci", "gitlab")
    assert result.exit_code == 0, result.stderr
    assert "added the gitlab workflow" in result.stderr
    assert git(data_repo, "log", "-1", "--format=%s") == "cpne init: gitlab workflow\n"
    assert git(data_repo, "show", "--name-only", "--format=", "HEAD") == ".gitlab-ci.yml\n"
    assert git(data_repo, "status", "--porcelain") == "?? wip.txt\n"
    before = tree_state(data_repo)
    again = run_cli("init", data_repo, "--ci", "gitlab")
    assert again.exit_code == 1
    assert ".gitlab-ci.yml: already exists" in again.stderr
    assert tree_state(data_repo) == before


def test_a_refused_workflow_commit_leaves_nothing(data_repo: Path) -> None:
    hook = data_repo / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\necho 'refused by policy' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    before = tree_state(data_repo)
    result = run_cli("init", data_repo, "--ci", "github")
    assert result.exit_code == 1
    assert "refused by policy" in result.stderr
    assert not (data_repo / ".github").exists()
    assert tree_state(data_repo) == before


def pre_commit(cwd: Path, hook: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [str(BIN / "pre-commit"), "try-repo", str(PROJECT), hook, "--all-files"],
        cwd=cwd,
        env=env,
        capture_output=True,
        encoding="utf-8",
        check=False,
    )


@pytest.mark.pre_commit  # opt-in (a virtualenv and a pip install: most of a minute); CI runs it
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_hooks_through_the_real_framework(data_repo: Path, tmp_path: Path) -> None:
    home = tmp_path / "pre-commit-home"
    passing = pre_commit(data_repo, "cpne-validate", home)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "cpne validate" in passing.stdout and "Passed" in passing.stdout

    write_record(data_repo, "opinion", opinion(themes=["nope"]))
    path = data_repo / "data/opinions/OP-2026-001.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(data_repo, "add", "data/opinions/OP-2026-001.yaml")
    failing = pre_commit(data_repo, "cpne-validate", home)
    assert failing.returncode == 1
    assert "Failed" in failing.stdout
    assert "data/opinions/OP-2026-001.yaml:6:3: unknown-ref unknown theme 'nope'" in failing.stdout

    fmt = pre_commit(data_repo, "cpne-fmt", home)
    assert fmt.returncode == 1  # the hook rewrote a file: pre-commit fails so the user reviews it
    assert "files were modified by this hook" in fmt.stdout
    assert not path.read_text(encoding="utf-8").endswith("\n\n")
