"""DESIGN.md's "Every change is one commit", rule by rule, on real repositories.

(Rule 6, the lock, is in test_lock.py; renumber's share of the rules in test_renumber.py.)
"""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import git, tree_state
from tests.records_helpers import (
    commit_count,
    cpne,
    cpne_command,
    last_commit_files,
    new_opinion,
    ok,
    record,
    subjects,
)

YEAR = date.today().isoformat()[:4]


def hook(root: Path, name: str, script: str) -> None:
    path = root / ".git" / "hooks" / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


# 1. Validation before anything is written; ids checked before any path is built.


def test_an_invalid_record_is_never_written(data_repo: Path) -> None:
    record_id = new_opinion(data_repo)
    before = tree_state(data_repo)
    result = cpne(data_repo, "opinion", "update", record_id, "--theme", "usages", "--theme", "nope")
    assert result.exit_code == 1
    assert f"opinion {record_id} would not be valid; nothing was written" in result.stderr
    # the problem is with a value given on the command line: named by its option, not by a line of a file
    assert "--theme 'nope': unknown-ref unknown theme 'nope'" in result.stderr
    assert f"{record_id}.yaml:" not in result.stderr
    assert tree_state(data_repo) == before


def test_ids_are_checked_before_any_path_is_built(data_repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "etc"
    outside.mkdir()
    (outside / "passwd.yaml").write_text("id: x\n", encoding="utf-8")
    before = tree_state(data_repo)
    for args in (
        ("opinion", "show", "../../../etc/passwd"),
        ("opinion", "update", "../../../etc/passwd", "--title", "x"),
        ("partner", "update", "../../../etc/passwd", "--name", "x"),
        ("theme", "archive", "../x"),
        ("review", "history", "REV-26-1"),
        ("opinion", "set-status", "OP-26-1", "consultation"),
    ):
        result = cpne(data_repo, *args)
        assert result.exit_code == 2, args
        assert "is not a valid" in result.stderr
    assert (outside / "passwd.yaml").read_text(encoding="utf-8") == "id: x\n"
    assert tree_state(data_repo) == before


# 2. Atomic writes.


def test_records_are_replaced_by_rename_never_rewritten_in_place(data_repo: Path) -> None:
    path = data_repo / "data" / "partners" / "amf.yaml"
    inode = path.stat().st_ino
    ok(data_repo, "partner", "update", "amf", "--notes", "Nouvelle note.")
    assert path.stat().st_ino != inode
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


def test_a_write_that_fails_half_way_leaves_the_old_record(data_repo: Path) -> None:
    """A real write failure (file-size limit, like a full disk): the old file stays, no temporary is left."""
    before = tree_state(data_repo)

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (32768, 32768))

    done = subprocess.run(
        [*cpne_command(), "--repo", str(data_repo), "partner", "update", "amf", "--notes", "é" * 60000],
        capture_output=True,
        text=True,
        encoding="utf-8",
        preexec_fn=limit,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "cannot write data/partners/amf.yaml: File too large; nothing was changed" in done.stderr
    assert "Traceback" not in done.stderr
    assert tree_state(data_repo) == before


# 3. Only the touched paths are committed, through the git binary; the user's other work is left as it was.


def test_other_staged_unstaged_and_untracked_work_is_left_alone(data_repo: Path) -> None:
    men = data_repo / "data" / "partners" / "men.yaml"
    men.write_text(men.read_text(encoding="utf-8") + "# staged by the user\n", encoding="utf-8")
    git(data_repo, "add", "data/partners/men.yaml")
    usages = data_repo / "data" / "themes" / "usages.yaml"
    usages.write_text(usages.read_text(encoding="utf-8") + "# unstaged\n", encoding="utf-8")
    (data_repo / "brouillon.txt").write_text("notes\n", encoding="utf-8")
    status = git(data_repo, "status", "--porcelain")
    staged = git(data_repo, "diff", "--cached")
    unstaged = git(data_repo, "diff")
    record_id = new_opinion(data_repo)
    assert last_commit_files(data_repo) == [f"data/opinions/{record_id}.yaml"]
    assert git(data_repo, "status", "--porcelain") == status
    assert git(data_repo, "diff", "--cached") == staged
    assert git(data_repo, "diff") == unstaged
    ok(data_repo, "partner", "update", "amf", "--notes", "Note.")
    assert last_commit_files(data_repo) == ["data/partners/amf.yaml"]
    assert git(data_repo, "status", "--porcelain") == status
    assert git(data_repo, "diff", "--cached") == staged


def test_commits_go_through_git_so_hooks_run(data_repo: Path, tmp_path: Path) -> None:
    log = tmp_path / "hook.log"
    hook(data_repo, "pre-commit", f'echo pre-commit >> "{log}"\n')
    hook(data_repo, "commit-msg", f'head -1 "$1" >> "{log}"\n')
    record_id = new_opinion(data_repo)
    assert log.read_text(encoding="utf-8") == f"pre-commit\nopinion {record_id}: new\n"


def test_author_from_git_config_or_from_the_option(data_repo: Path) -> None:
    new_opinion(data_repo)
    assert git(data_repo, "log", "-1", "--format=%an <%ae>").strip() == "Secrétariat CPNE <secretariat@example.org>"
    new_opinion(data_repo, "--author", "Jeanne Martin <jeanne.martin@example.org>")
    assert git(data_repo, "log", "-1", "--format=%an <%ae>|%cn").strip() == (
        "Jeanne Martin <jeanne.martin@example.org>|Secrétariat CPNE"
    )
    before = tree_state(data_repo)
    bad = cpne(data_repo, "partner", "update", "amf", "--notes", "x", "--author", "Jeanne")
    assert bad.exit_code == 2
    assert "--author: 'Jeanne' is not of the form 'Name <mail>'" in bad.stderr
    assert tree_state(data_repo) == before


# 4. A refused commit puts every file back, commits nothing, shows git's message, exits 1.


def test_a_hook_that_refuses_the_commit_restores_an_updated_record(data_repo: Path) -> None:
    record_id = new_opinion(data_repo)
    hook(data_repo, "pre-commit", "echo 'refusé par la relecture' >&2\nexit 1\n")
    before = tree_state(data_repo)
    result = cpne(data_repo, "opinion", "update", record_id, "--title", "Autre titre")
    assert result.exit_code == 1
    assert "refusé par la relecture" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_state(data_repo) == before
    status = cpne(data_repo, "opinion", "set-status", record_id, "consultation")
    assert status.exit_code == 1
    assert tree_state(data_repo) == before


def test_a_hook_that_refuses_the_commit_removes_a_new_record(data_repo: Path) -> None:
    hook(data_repo, "pre-commit", "echo 'pas de nouvel avis le dimanche' >&2\nexit 1\n")
    before = tree_state(data_repo)
    result = cpne(
        data_repo, "opinion", "new", "--title", "A", "--kind", "opinion", "--theme", "usages", "--rapporteur", "amf"
    )
    assert result.exit_code == 1
    assert "pas de nouvel avis le dimanche" in result.stderr
    assert result.stdout == ""
    assert tree_state(data_repo) == before
    assert git(data_repo, "ls-files", "data/opinions").strip() == "data/opinions/.gitkeep"


def test_without_a_git_identity_nothing_changes(
    data_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_id = new_opinion(data_repo)
    before = tree_state(data_repo)
    config = tmp_path / "anonymous.gitconfig"
    config.write_text("[user]\n\tuseConfigOnly = true\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("EMAIL", "")
    result = cpne(data_repo, "opinion", "update", record_id, "--title", "Autre")
    assert result.exit_code == 1
    assert "Please tell me who you are" in result.stderr or "identity" in result.stderr
    assert tree_state(data_repo) == before
    # --no-commit needs no identity
    ok(data_repo, "opinion", "update", record_id, "--title", "Autre", "--no-commit")


# 5. A record with uncommitted changes is not touched.


@pytest.mark.parametrize("staged", [False, True])
def test_a_record_with_uncommitted_changes_is_refused(data_repo: Path, staged: bool) -> None:
    record_id = new_opinion(data_repo)
    path = data_repo / "data" / "opinions" / f"{record_id}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Avis sur les ENT", "Titre en cours"), encoding="utf-8")
    if staged:
        git(data_repo, "add", str(path))
    before = tree_state(data_repo)
    for args in (
        ("opinion", "update", record_id, "--summary", "x"),
        ("opinion", "set-status", record_id, "consultation"),
        ("renumber", record_id, f"OP-{YEAR}-009"),
    ):
        result = cpne(data_repo, *args)
        assert result.exit_code == 1, args
        assert f"uncommitted changes in data/opinions/{record_id}.yaml" in result.stderr
        assert "commit them" in result.stderr
    assert tree_state(data_repo) == before


# 7. --no-commit, --dry-run.


def test_no_commit_writes_without_committing(data_repo: Path) -> None:
    commits = commit_count(data_repo)
    created = ok(
        data_repo,
        *(
            "opinion",
            "new",
            "--no-commit",
            "--title",
            "A",
            "--kind",
            "opinion",
            "--theme",
            "usages",
            "--rapporteur",
            "amf",
        ),
    )
    record_id = created.stdout.strip()
    assert f"written to data/opinions/{record_id}.yaml, not committed" in created.stderr
    assert commit_count(data_repo) == commits
    assert git(data_repo, "status", "--porcelain") == f"?? data/opinions/{record_id}.yaml\n"
    result = ok(data_repo, "partner", "update", "amf", "--notes", "Note.", "--no-commit")
    assert "written to data/partners/amf.yaml, not committed" in result.stderr
    assert commit_count(data_repo) == commits
    assert " M data/partners/amf.yaml" in git(data_repo, "status", "--porcelain")
    # the next id sees the uncommitted file
    assert new_opinion(data_repo, "--no-commit") == f"OP-{YEAR}-002"


def test_dry_run_prints_the_yaml_and_writes_nothing(data_repo: Path) -> None:
    before = tree_state(data_repo)
    result = ok(
        data_repo,
        *("opinion", "new", "--dry-run", "--title", "Essai", "--kind", "opinion"),
        *("--theme", "usages", "--rapporteur", "amf", "--date", "2026-04-01"),
    )
    assert result.stdout == (
        "id: OP-2026-001\nkind: opinion\ntitle: Essai\nstatus: draft\nthemes:\n- usages\n"
        "rapporteurs:\n- amf\nreferral:\n  origin: self\ndates:\n  created: 2026-04-01\n"
    )
    assert "dry run" in result.stderr
    updated = ok(data_repo, "partner", "update", "amf", "--acronym", "AMF-PI", "--dry-run")
    assert "acronym: AMF-PI\n" in updated.stdout
    assert tree_state(data_repo) == before
    refused = cpne(data_repo, "opinion", "new", "--dry-run", "--title", "E", "--kind", "opinion", "--theme", "x")
    assert refused.exit_code == 2


# 8. Id allocation looks at the work tree and at every local and remote-tracking branch.


def test_a_branch_that_holds_an_id_makes_new_take_the_next(data_repo: Path) -> None:
    git(data_repo, "switch", "-q", "-c", "autre-avis")
    assert new_opinion(data_repo) == f"OP-{YEAR}-001"
    git(data_repo, "switch", "-q", "main")
    assert not (data_repo / "data" / "opinions" / f"OP-{YEAR}-001.yaml").exists()
    assert new_opinion(data_repo) == f"OP-{YEAR}-002"
    assert cpne(data_repo, "validate").exit_code == 0


def test_a_remote_tracking_branch_counts_too(data_repo: Path, tmp_path: Path) -> None:
    colleague = tmp_path / "colleague"
    git(tmp_path, "clone", "-q", str(data_repo), str(colleague))
    for _ in range(3):
        new_opinion(colleague)
    git(data_repo, "fetch", "-q", str(colleague), "main:refs/remotes/colleague/main")
    assert new_opinion(data_repo) == f"OP-{YEAR}-004"


def test_ids_of_other_years_and_kinds_do_not_count(data_repo: Path) -> None:
    new_opinion(data_repo, "--date", "2019-01-01")
    (data_repo / "data" / "opinions" / "notes.txt").write_text("x", encoding="utf-8")
    assert new_opinion(data_repo) == f"OP-{YEAR}-001"


def test_the_console_script_runs(data_repo: Path) -> None:
    done = subprocess.run(
        [*cpne_command(), "--repo", str(data_repo), "opinion", "list", "--format", "csv"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("id,kind,status")
    assert record(data_repo, "partners", "amf").startswith("id: amf\n")
    assert subjects(data_repo) == ["cpne init: new register"]
