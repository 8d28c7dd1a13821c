"""Finding the repository, usage errors, and no traceback ever reaching a user."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli


def test_version_and_help() -> None:
    from cpne import __version__

    version = run_cli("--version")
    assert (version.exit_code, version.stdout) == (0, f"cpne {__version__}\n")
    help_ = run_cli("--help")
    assert help_.exit_code == 0
    for group in ("init", "validate", "fmt", "partner", "theme", "referential", "opinion", "review", "export"):
        assert f"  {group} " in help_.stdout


def test_outside_a_repository(tmp_path: Path, chdir_to: object) -> None:
    assert callable(chdir_to)
    chdir_to(tmp_path)
    result = run_cli("validate")
    assert result.exit_code == 1
    assert "no cpne data repository here" in result.stderr
    assert "cpne init" in result.stderr


def test_repo_found_by_walking_up(data_repo: Path, chdir_to: object) -> None:
    assert callable(chdir_to)
    chdir_to(data_repo / "data" / "themes")
    result = run_cli("validate")
    assert result.exit_code == 0
    assert "25 files checked" in result.stderr


def test_repo_from_environment(
    data_repo: Path, tmp_path: Path, chdir_to: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert callable(chdir_to)
    chdir_to(tmp_path)
    monkeypatch.setenv("CPNE_REPO", str(data_repo))
    assert run_cli("validate").exit_code == 0
    monkeypatch.setenv("CPNE_REPO", str(tmp_path))
    result = run_cli("validate")
    assert result.exit_code == 1
    assert "is not a cpne data repository" in result.stderr


def test_bad_settings_are_reported(data_repo: Path) -> None:
    (data_repo / "cpne.yaml").write_text("language: de\n", encoding="utf-8")
    result = run_cli("--repo", data_repo, "validate")
    assert result.exit_code == 1
    assert "cpne.yaml:1:1: settings 'language' must be one of fr, en" in result.stdout


def test_usage_errors_exit_2(data_repo: Path) -> None:
    result = run_cli("--repo", data_repo, "validate", "--format", "xml")
    assert result.exit_code == 2
    assert "xml" in result.stderr
    assert run_cli("--no-such-option").exit_code == 2


def test_unexpected_errors_are_one_line_without_traceback(data_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Fault injection: a bug inside the core must not show a traceback to the user.
    import cpne.validation.runner

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("simulated bug")

    monkeypatch.setattr(cpne.validation.runner, "validate", broken)
    result = run_cli("--repo", data_repo, "validate")
    assert result.exit_code == 1
    assert result.exception is None
    assert result.stderr.startswith("error: internal error: ValueError: simulated bug")
    assert "CPNE_DEBUG=1" in result.stderr
    assert "Traceback" not in result.stderr
    monkeypatch.setenv("CPNE_DEBUG", "1")
    debug = run_cli("--repo", data_repo, "validate")
    assert "Traceback" in debug.stderr


def test_console_script_never_prints_a_traceback_on_bad_input(data_repo: Path) -> None:
    (data_repo / "data/opinions/OP-2026-001.yaml").write_bytes(b"\xff\xfe garbage")
    env = {**os.environ, "CPNE_REPO": str(data_repo)}
    done = subprocess.run(
        [sys.executable, "-m", "cpne", "validate"], env=env, capture_output=True, encoding="utf-8", check=False
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stdout.startswith("data/opinions/OP-2026-001.yaml:1:1: encoding")
