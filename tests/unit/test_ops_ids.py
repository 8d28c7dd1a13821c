"""cpne.ops.ids: the next id looks at the work tree and every local and remote-tracking branch."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpne.errors import CpneError
from cpne.git import GitRepo
from cpne.kinds import KINDS
from cpne.ops.ids import next_id, used_numbers
from cpne.repo import DataRepo
from tests.conftest import git

OPINION, PARTNER, REVIEW = KINDS["opinion"], KINDS["partner"], KINDS["review"]


def test_used_numbers_keeps_only_this_kind_and_year() -> None:
    names = {"OP-2026-001.yaml", "OP-2026-017.yaml", "OP-2025-040.yaml", "REV-2026-050.yaml", "OP-2026-9.yaml", "x"}
    assert used_numbers(names, OPINION, "2026") == {1, 17}
    assert used_numbers(names, REVIEW, "2026") == {50}


def _commit_file(root: Path, rel: str) -> None:
    path = root / rel
    path.write_text("x\n", encoding="utf-8")
    git(root, "add", rel)
    git(root, "commit", "-q", "-m", f"add {rel}")


def test_next_id_across_work_tree_and_branches(empty_repo: Path) -> None:
    repo, gitrepo = DataRepo(empty_repo), GitRepo.open(empty_repo)
    assert next_id(repo, gitrepo, OPINION, "2026") == "OP-2026-001"
    (empty_repo / "data" / "opinions" / "OP-2026-004.yaml").write_text("x\n", encoding="utf-8")  # untracked
    assert next_id(repo, gitrepo, OPINION, "2026") == "OP-2026-005"
    git(empty_repo, "switch", "-q", "-c", "side")
    _commit_file(empty_repo, "data/opinions/OP-2026-011.yaml")
    git(empty_repo, "switch", "-q", "main")
    assert next_id(repo, gitrepo, OPINION, "2026") == "OP-2026-012"
    git(empty_repo, "update-ref", "refs/remotes/origin/other", "side")
    git(empty_repo, "branch", "-q", "-D", "side")
    assert next_id(repo, gitrepo, OPINION, "2026") == "OP-2026-012"  # still seen through the remote-tracking ref
    git(empty_repo, "tag", "keep", "refs/remotes/origin/other")
    git(empty_repo, "update-ref", "-d", "refs/remotes/origin/other")
    assert next_id(repo, gitrepo, OPINION, "2026") == "OP-2026-005"  # tags are not branches
    assert next_id(repo, gitrepo, REVIEW, "2026") == "REV-2026-001"


def test_next_id_refuses_when_the_year_is_full_and_for_chosen_ids(empty_repo: Path) -> None:
    repo, gitrepo = DataRepo(empty_repo), GitRepo.open(empty_repo)
    (empty_repo / "data" / "opinions" / "OP-2026-999.yaml").write_text("x\n", encoding="utf-8")
    with pytest.raises(CpneError, match="no opinion id left for 2026"):
        next_id(repo, gitrepo, OPINION, "2026")
    with pytest.raises(CpneError, match="chosen, not allocated"):
        next_id(repo, gitrepo, PARTNER, "2026")


def test_next_id_in_a_repository_inside_a_subfolder(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    root = tmp_path / "registre"
    from tests.conftest import run_cli

    assert run_cli("init", root, "--no-seed").exit_code == 0
    gitrepo = GitRepo.open(root)
    git(tmp_path, "switch", "-q", "-c", "side")
    _commit_file(tmp_path, "registre/data/opinions/OP-2026-003.yaml")
    git(tmp_path, "switch", "-q", "main")
    assert next_id(DataRepo(root), gitrepo, OPINION, "2026") == "OP-2026-004"
