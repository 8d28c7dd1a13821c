"""`cpne init`: a new repository, seeded or not, in one commit; refusals leave nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpne.kinds import KINDS
from tests.conftest import git, run_cli


def test_init_seeds_the_convention_register_in_one_commit(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    result = run_cli("init", root)
    assert result.exit_code == 0, result.stderr
    assert "created a cpne data repository" in result.stderr
    assert result.stdout == ""
    log = git(root, "log", "--format=%s").splitlines()
    assert log == ["cpne init: new register"]
    assert git(root, "status", "--porcelain") == ""
    assert len(list((root / "data" / "partners").glob("*.yaml"))) == 11
    assert len(list((root / "data" / "themes").glob("*.yaml"))) == 6
    assert {p.stem for p in (root / "data" / "referentials").glob("*.yaml")} >= {
        "carmo",
        "carine",
        "sdet",
        "gar",
        "crcn",
        "pix",
        "rgaa",
    }
    assert sorted(p.name for p in (root / "schemas").iterdir()) == sorted(k.schema_file for k in KINDS.values())
    assert (root / "data" / "opinions" / ".gitkeep").exists()
    validated = run_cli("--repo", root, "validate", "--strict")
    assert validated.exit_code == 0, validated.stdout + validated.stderr


def test_init_seed_is_this_projects_register(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    assert run_cli("init", root).exit_code == 0
    project = Path(__file__).resolve().parents[2]
    for folder in ("partners", "themes", "referentials"):
        mine = {p.name: p.read_bytes() for p in (project / "data" / folder).glob("*.yaml")}
        seeded = {p.name: p.read_bytes() for p in (root / "data" / folder).glob("*.yaml")}
        assert seeded == mine


def test_init_no_seed_starts_empty(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    assert run_cli("init", root, "--no-seed").exit_code == 0
    assert list((root / "data" / "partners").glob("*.yaml")) == []
    assert run_cli("--repo", root, "validate").exit_code == 0


def test_init_inside_an_existing_git_repository_keeps_other_work(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "other.txt").write_text("work in progress\n", encoding="utf-8")
    git(tmp_path, "add", "other.txt")
    result = run_cli("init", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert git(tmp_path, "status", "--porcelain") == "A  other.txt\n"
    assert "other.txt" not in git(tmp_path, "show", "--name-only", "--format=", "HEAD")


def test_init_refuses_an_existing_data_repository(data_repo: Path) -> None:
    before = git(data_repo, "rev-parse", "HEAD")
    result = run_cli("init", data_repo)
    assert result.exit_code == 1
    assert "already holds a cpne data repository" in result.stderr
    assert "Traceback" not in result.stderr
    assert git(data_repo, "rev-parse", "HEAD") == before


def test_init_without_git_identity_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = Path(str(tmp_path / "nohome"))
    home.mkdir()
    (home / ".gitconfig").write_text("[user]\n\tuseConfigOnly = true\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("EMAIL", "")
    root = tmp_path / "reg"
    result = run_cli("init", root)
    assert result.exit_code == 1
    assert "Please tell me who you are" in result.stderr or "identity" in result.stderr
    assert "Traceback" not in result.stderr
    assert not root.exists()


def test_init_on_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    result = run_cli("init", target)
    assert result.exit_code == 1
    assert "not a folder" in result.stderr
    assert target.read_text(encoding="utf-8") == "x"
