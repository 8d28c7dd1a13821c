"""cpne.git against repositories GitPython misread, messages of any size, and commits made where they may be lost.

Real repositories, real git: a SHA-256 repository, a register whose path holds ``$``,
a 200 KB commit message, a detached HEAD and a rebase stopped half-way.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from cpne.errors import GitError
from cpne.git import GitRepo
from tests.conftest import git, run_cli
from tests.records_helpers import ok

NOTE = ["partner", "update", "amf", "--notes", "Note."]


def _sha256_supported(tmp_path: Path) -> bool:
    done = subprocess.run(
        ["git", "init", "-q", "--object-format=sha256", str(tmp_path / "probe")], capture_output=True, check=False
    )
    return done.returncode == 0


def _hook(root: Path, name: str, body: str) -> None:
    path = root / ".git" / "hooks" / name
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def test_a_sha256_repository_has_its_commit_in_export_json(tmp_path: Path) -> None:
    if not _sha256_supported(tmp_path):
        pytest.skip("this git cannot make SHA-256 repositories")
    root = tmp_path / "reg"
    git(tmp_path, "init", "-q", "--object-format=sha256", str(root))
    assert run_cli("init", root).exit_code == 0
    head = git(root, "rev-parse", "HEAD").strip()
    assert len(head) == 64
    result = run_cli("--repo", root, "export", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["source"] == {"commit": head, "uncommitted_changes": False}
    ok(root, *NOTE)
    assert git(root, "log", "-1", "--format=%s").strip() == "partner amf: update"


def test_a_register_whose_path_holds_a_dollar_works_without_a_warning(tmp_path: Path) -> None:
    # HOME is set (conftest), so a path expanded like a shell would is another folder;
    # pytest turns any warning (GitPython's "environment variables in paths") into an error.
    root = tmp_path / "reg$HOME" / "r$1"
    result = run_cli("init", root)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("warning") == 0
    ok(root, *NOTE)
    exported = run_cli("--repo", root, "export", "json")
    assert exported.exit_code == 0, exported.stderr
    assert json.loads(exported.stdout)["source"]["commit"] == git(root, "rev-parse", "HEAD").strip()
    assert GitRepo.open(root / "data").top == root.resolve()


def test_a_message_of_any_size_is_committed_whole(data_repo: Path) -> None:
    subject = "partner amf: update"
    body = "Un très long titre. " * 10_000  # 200 KB: more than one argument may hold
    path = data_repo / "data" / "partners" / "amf.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "notes: Note.\n", encoding="utf-8")
    gitrepo = GitRepo.open(data_repo)
    commit = gitrepo.commit_paths([path], subject, body.strip())
    assert commit == git(data_repo, "rev-parse", "HEAD").strip()
    assert git(data_repo, "log", "-1", "--format=%B") == f"{subject}\n\n{body.strip()}\n\n"


def test_hooks_still_see_the_message(data_repo: Path) -> None:
    _hook(data_repo, "commit-msg", 'grep -q "^partner amf" "$1" || exit 1\necho "commit-msg: no" >&2\nexit 1\n')
    path = data_repo / "data" / "partners" / "amf.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "notes: Note.\n", encoding="utf-8")
    with pytest.raises(GitError, match="commit-msg: no"):
        GitRepo.open(data_repo).commit_paths([path], "partner amf: update", "x" * 300_000)
    assert git(data_repo, "status", "--porcelain") == " M data/partners/amf.yaml\n"


def test_a_silent_refusing_hook_is_a_clear_message(data_repo: Path) -> None:
    _hook(data_repo, "pre-commit", "exit 1\n")
    result = run_cli("--repo", data_repo, *NOTE)
    assert result.exit_code == 1
    assert "git commit failed (exit status 1)" in result.stderr
    assert "Cmd(" not in result.stderr and "cmdline" not in result.stderr


def test_a_commit_on_a_detached_head_is_made_with_a_warning(data_repo: Path) -> None:
    git(data_repo, "checkout", "-q", "--detach")
    before = git(data_repo, "rev-parse", "HEAD").strip()
    result = ok(data_repo, *NOTE)
    after = git(data_repo, "rev-parse", "HEAD").strip()
    assert after != before
    assert "warning: HEAD is detached" in result.stderr
    assert "lost" in result.stderr and after[:10] in result.stderr
    assert "git switch -c" in result.stderr


def test_a_commit_during_a_rebase_is_made_with_a_warning(data_repo: Path) -> None:
    ok(data_repo, "partner", "update", "men", "--notes", "Première.")
    env = {**os.environ, "GIT_SEQUENCE_EDITOR": "sed -i -e s/^pick/edit/"}
    subprocess.run(["git", "rebase", "-q", "-i", "HEAD~1"], cwd=data_repo, env=env, check=True, capture_output=True)
    result = ok(data_repo, *NOTE)
    assert "warning: a rebase is in progress" in result.stderr
    assert "git rebase --abort" in result.stderr
    assert git(data_repo, "log", "-1", "--format=%s").strip() == "partner amf: update"


def test_a_commit_on_a_branch_has_no_warning(data_repo: Path) -> None:
    assert "warning" not in ok(data_repo, *NOTE).stderr


def test_outside_a_work_tree_is_a_git_error(tmp_path: Path) -> None:
    with pytest.raises(GitError, match="is not inside a git work tree"):
        GitRepo.open(tmp_path)
    with pytest.raises(GitError, match="is not inside a git work tree"):
        GitRepo.open(tmp_path / "missing")
