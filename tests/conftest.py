"""Shared fixtures: real git repositories in tmp_path, and a CLI runner that captures stdout and stderr apart."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cpne import i18n

# The tests of behaviour run in English (the French ones say so and run cpne in French processes):
# in-process, the command line is built once, in this language.
i18n.use("en")
from cpne.cli.app import app  # noqa: E402 - after the language is chosen

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Secrétariat CPNE",
    "GIT_AUTHOR_EMAIL": "secretariat@example.org",
    "GIT_COMMITTER_NAME": "Secrétariat CPNE",
    "GIT_COMMITTER_EMAIL": "secretariat@example.org",
}


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No user config, no CPNE_REPO, no colour: every test sees the same world."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Secrétariat CPNE\n\temail = secretariat@example.org\n"
        "[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("CPNE_REPO", raising=False)
    monkeypatch.delenv("CPNE_DEBUG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("CPNE_LANG", "en")  # outside a register; the test registers are English too
    monkeypatch.delenv("CPNE_I18N_MARK", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    for name in GIT_ENV:
        monkeypatch.delenv(name, raising=False)


def git(cwd: Path, *args: str) -> str:
    """Run git for a test's own setup or assertions."""
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, encoding="utf-8", check=True)
    return done.stdout


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None


def run_cli(*args: str | os.PathLike[str], input: str | None = None) -> Result:
    """Invoke cpne in-process with typer's runner; stdout and stderr kept apart."""
    runner = CliRunner()
    result = runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=True)
    exception = result.exception if not isinstance(result.exception, SystemExit) else None
    return Result(result.exit_code, result.stdout, result.stderr, exception)


def _init_template(root: Path, *extra: str) -> Path:
    """``cpne init ROOT EXTRA…`` with a fixed author and no user git configuration."""
    env = {
        **os.environ,
        **GIT_ENV,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_COUNT": "2",
        "GIT_CONFIG_KEY_0": "init.defaultBranch",
        "GIT_CONFIG_VALUE_0": "main",
        "GIT_CONFIG_KEY_1": "commit.gpgsign",
        "GIT_CONFIG_VALUE_1": "false",
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cpne",
            "init",
            str(root),
            *extra,
            "--author",
            "Secrétariat CPNE <secretariat@example.org>",
        ],
        env=env,
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One `cpne init` per session and flavour; tests get copies (git history included)."""
    base = tmp_path_factory.mktemp("templates")
    return {
        "register": _init_template(base / "register", "--language", "en"),
        "empty": _init_template(base / "empty", "--no-seed", "--language", "en"),
    }


@pytest.fixture(scope="session")
def _french_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _init_template(tmp_path_factory.mktemp("templates-fr") / "registre", "--language", "fr")


@pytest.fixture
def french_repo(tmp_path: Path, _french_template: Path) -> Path:
    """A fresh register made by `cpne init --language fr` (seeded): cpne speaks French in it."""
    root = tmp_path / "registre"
    shutil.copytree(_french_template, root, symlinks=True)
    return root


@pytest.fixture
def french() -> Iterator[None]:
    """Messages built in this process in French (the command line's help stays as built: English)."""
    i18n.use("fr")
    try:
        yield
    finally:
        i18n.use("en")


@pytest.fixture
def data_repo(tmp_path: Path, _templates: dict[str, Path]) -> Path:
    """A fresh data repository made by `cpne init` (seeded with the convention's register)."""
    root = tmp_path / "register"
    shutil.copytree(_templates["register"], root, symlinks=True)
    return root


@pytest.fixture
def empty_repo(tmp_path: Path, _templates: dict[str, Path]) -> Path:
    """A fresh data repository without the seed register."""
    root = tmp_path / "empty"
    shutil.copytree(_templates["empty"], root, symlinks=True)
    return root


def tree_state(root: Path) -> dict[str, str]:
    """Hash of every file under ``root`` outside .git, plus git's view: to prove nothing changed."""
    state = {}
    for path in sorted(root.rglob("*")):
        if ".git" in path.relative_to(root).parts or not path.is_file():
            continue
        state[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    state["<status>"] = git(root, "status", "--porcelain", "--untracked-files=all")
    state["<head>"] = git(root, "rev-parse", "HEAD")
    return state


@pytest.fixture
def chdir_to() -> Iterator[object]:
    old = Path.cwd()

    def go(path: Path) -> None:
        os.chdir(path)

    yield go
    os.chdir(old)
