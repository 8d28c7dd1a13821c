"""`cpne init` never overwrites nor deletes a file it did not create; a failed write names its file.

Real folders and real git repositories; file-system failures are real ones (a file size
limit set on the process, a folder without write permission).
"""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import git, run_cli

PRECIOUS = "precious\n"


def _files(root: Path) -> dict[str, bytes]:
    """Every file, folder and link under ``root`` (``.git`` included but its objects), with its bytes or target."""
    found: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith(".git/objects/"):
            continue  # objects written by `git add` and left unreferenced are git's (gc removes them)
        if path.is_symlink():
            found[rel] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            found[rel] = path.read_bytes()
        else:
            found[rel + "/"] = b""
    return found


def _refusing_hook(root: Path) -> None:
    hook = root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'refused by the hook' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)


def test_init_refuses_a_folder_holding_a_file_it_would_write(tmp_path: Path) -> None:
    root = tmp_path / "d"
    (root / "data" / "partners").mkdir(parents=True)
    (root / "data" / "partners" / "amf.yaml").write_text(PRECIOUS, encoding="utf-8")
    before = _files(root)
    result = run_cli("init", root)
    assert result.exit_code == 1
    assert "data/partners/amf.yaml" in result.stderr and "already exists" in result.stderr
    assert "Traceback" not in result.stderr
    assert _files(root) == before  # no .git, no file, no folder


def test_init_names_every_file_it_would_overwrite(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "partner.schema.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "cpne.yaml").mkdir()  # a folder where the marker goes
    before = _files(tmp_path)
    result = run_cli("init", tmp_path)
    assert result.exit_code == 1
    assert "schemas/partner.schema.json" in result.stderr
    assert "cpne.yaml" in result.stderr
    assert "already holds a cpne data repository" not in result.stderr
    assert _files(tmp_path) == before


def test_a_users_schema_survives_init_in_a_repository_with_a_refusing_hook(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    _refusing_hook(tmp_path)
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "partner.schema.json").write_text(PRECIOUS, encoding="utf-8")
    (tmp_path / "notes.txt").write_text(PRECIOUS, encoding="utf-8")
    before = _files(tmp_path)
    result = run_cli("init", tmp_path)
    assert result.exit_code == 1
    assert f"{tmp_path / 'schemas' / 'partner.schema.json'}: already exists" in result.stderr
    assert _files(tmp_path) == before


def test_a_refused_commit_takes_back_only_what_init_created(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    _refusing_hook(tmp_path)
    (tmp_path / "notes.txt").write_text(PRECIOUS, encoding="utf-8")
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "my-own.schema.json").write_text(PRECIOUS, encoding="utf-8")
    (tmp_path / "data" / "partners").mkdir(parents=True)
    (tmp_path / "data" / "partners" / "README.md").write_text(PRECIOUS, encoding="utf-8")
    (tmp_path / "staged.txt").write_text(PRECIOUS, encoding="utf-8")
    git(tmp_path, "add", "staged.txt")
    before = _files(tmp_path)
    status = git(tmp_path, "status", "--porcelain", "--untracked-files=all")
    result = run_cli("init", tmp_path)
    assert result.exit_code == 1
    assert "refused by the hook" in result.stderr
    assert _files(tmp_path) == before
    assert git(tmp_path, "status", "--porcelain", "--untracked-files=all") == status


@pytest.mark.parametrize("obstacle", ["file", "symlink"])
def test_init_refuses_a_file_or_a_link_where_it_needs_a_folder(tmp_path: Path, obstacle: str) -> None:
    root = tmp_path / "reg"
    root.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    if obstacle == "file":
        (root / "data").write_text(PRECIOUS, encoding="utf-8")
    else:
        (root / "data").symlink_to(outside)
    before, elsewhere = _files(root), _files(outside)
    result = run_cli("init", root)
    assert result.exit_code == 1
    assert f"{root / 'data'}" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert _files(root) == before
    assert _files(outside) == elsewhere


def _limited(limit: int) -> None:
    """In the child: files may not grow beyond ``limit`` bytes (writes fail with EFBIG)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_file_too_large_for_the_system_is_named_and_nothing_is_left(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    root.mkdir()
    git(root, "init", "-q", "--template=")  # no sample hooks: git's own files stay small
    before = _files(root)
    done = subprocess.run(
        [sys.executable, "-m", "cpne", "init", str(root)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        preexec_fn=lambda: _limited(1000),
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "File too large" in done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert f"{root / 'schemas'}" in done.stderr
    after = _files(root)
    assert {k: v for k, v in after.items() if not k.startswith(".git/")} == {
        k: v for k, v in before.items() if not k.startswith(".git/")
    }
    assert git(root, "status", "--porcelain", "--untracked-files=all") == ""


def test_a_new_folder_is_removed_whole_after_a_failed_write(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    done = subprocess.run(
        [sys.executable, "-m", "cpne", "init", str(root)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        preexec_fn=lambda: _limited(1000),
        cwd=tmp_path,  # outside any register (the project's own folder is a French one): in English
        check=False,
    )
    assert done.returncode == 1
    assert "File too large" in done.stderr or "git init failed" in done.stderr
    assert "internal error" not in done.stderr
    assert not root.exists()


def _permissions_apply(tmp_path: Path) -> bool:
    """Whether a folder without write permission refuses this process (not so for root)."""
    probe = tmp_path / "probe"
    probe.mkdir()
    probe.chmod(0o555)
    try:
        (probe / "x").touch()
    except PermissionError:
        return True
    finally:
        probe.chmod(0o755)
    return False


def test_a_folder_without_write_permission_is_named(tmp_path: Path) -> None:
    if not _permissions_apply(tmp_path):
        pytest.skip("this process writes into read-only folders (root)")
    root = tmp_path / "reg"
    (root / "data").mkdir(parents=True)
    (root / "data").chmod(0o555)
    try:
        result = run_cli("init", root)
        assert result.exit_code == 1
        assert f"{root / 'data' / 'partners'}" in result.stderr
        assert "Permission denied" in result.stderr
        assert "internal error" not in result.stderr
        assert sorted(p.name for p in root.iterdir()) == ["data"]
    finally:
        (root / "data").chmod(0o755)


def test_a_parent_without_write_permission_is_named(tmp_path: Path) -> None:
    if not _permissions_apply(tmp_path):
        pytest.skip("this process writes into read-only folders (root)")
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        result = run_cli("init", parent / "reg")
        assert result.exit_code == 1
        assert f"{parent / 'reg'}" in result.stderr
        assert "Permission denied" in result.stderr
        assert "internal error" not in result.stderr
    finally:
        parent.chmod(0o755)
