"""Fixtures of the command-line tests: the committee's register with meetings (tests/meeting_helpers.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.meeting_helpers import build, copy_of


@pytest.fixture(scope="session")
def committee(tmp_path_factory: pytest.TempPathFactory, _templates: dict[str, Path]) -> Path:
    """The register with a working group, a text and meetings (English), built once per worker: never change it."""
    root = tmp_path_factory.mktemp("committee") / "register"
    shutil.copytree(_templates["register"], root, symlinks=True)
    build(root)
    return root


@pytest.fixture
def meeting_repo(committee: Path, tmp_path: Path) -> Path:
    """A fresh copy of the committee's register for one test."""
    return copy_of(committee, tmp_path / "register")
