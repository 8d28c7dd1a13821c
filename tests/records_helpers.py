"""Helpers for the record-command tests: run cpne on a repository, read its log, start real processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import Result, git, run_cli

THEME = "usages"
PARTNER = "amf"


def cpne(root: Path, *args: str, input: str | None = None) -> Result:
    """``cpne --repo ROOT ARGS`` in-process."""
    return run_cli("--repo", root, *args, input=input)


def ok(root: Path, *args: str, input: str | None = None) -> Result:
    """Like :func:`cpne`, asserting success."""
    result = cpne(root, *args, input=input)
    assert result.exit_code == 0, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    return result


def new_opinion(root: Path, *extra: str, title: str = "Avis sur les ENT") -> str:
    """Create a draft opinion; returns its id."""
    args = ["opinion", "new", "--title", title, "--kind", "opinion", "--theme", THEME, "--rapporteur", PARTNER]
    return ok(root, *args, *extra).stdout.strip()


def new_review(root: Path, *extra: str) -> str:
    args = [
        "review",
        "new",
        "--title",
        "Revue du CARMO",
        "--referential",
        "carmo",
        "--version",
        "3.0",
        "--theme",
        THEME,
        "--rapporteur",
        PARTNER,
    ]
    return ok(root, *args, *extra).stdout.strip()


def subjects(root: Path) -> list[str]:
    """Commit subjects, newest first."""
    return git(root, "log", "--format=%s").splitlines()


def commit_count(root: Path) -> int:
    return int(git(root, "rev-list", "--count", "HEAD").strip())


def last_commit_files(root: Path) -> list[str]:
    return sorted(git(root, "show", "--name-only", "--format=", "HEAD").split())


def record(root: Path, folder: str, record_id: str) -> str:
    return (root / "data" / folder / f"{record_id}.yaml").read_text(encoding="utf-8")


def cpne_command() -> list[str]:
    """The cpne command as a real process (same interpreter as the tests)."""
    return [sys.executable, "-m", "cpne"]


def run_process(
    root: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """cpne in its own process (for locks, concurrency and start-up)."""
    return subprocess.run(
        [*cpne_command(), "--repo", str(root), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
        timeout=timeout,
        check=False,
    )
