"""``cpne init``: a new data repository with its schemas, folders and the convention's register, in one commit."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from cpne import resources
from cpne.ci import workflow
from cpne.errors import CpneError
from cpne.git import GitRepo
from cpne.kinds import KINDS
from cpne.records.writer import write_atomic
from cpne.repo import DEFAULT_COMMITTEE, MARKER

SETTINGS_TEXT = f"committee: {DEFAULT_COMMITTEE}\nlanguage: fr\n"


@dataclass(frozen=True)
class InitResult:
    root: Path
    files: int
    commit: str


def init_repository(
    path: Path, *, seed: bool = True, author: str | None = None, ci: str | None = None, install: str | None = None
) -> InitResult:
    """Create the data repository at ``path`` (running ``git init`` if needed) and commit it.

    ``ci`` ("github" or "gitlab") adds that provider's workflow; in an existing data
    repository it adds only the workflow. On any failure, every file and folder this
    call created is removed again.
    """
    root = path.expanduser().resolve()
    if (root / MARKER).exists():
        if ci:
            return add_workflow(root, ci, author=author, install=install)
        raise CpneError(
            f"{root} already holds a cpne data repository ({MARKER} exists)",
            hint="to add a CI workflow to it, run `cpne init --ci github` (or gitlab) there",
        )
    if root.exists() and not root.is_dir():
        raise CpneError(f"{root} exists and is not a folder")
    created_root = not root.exists()
    had_git = _inside_git(root)
    root.mkdir(parents=True, exist_ok=True)
    created: list[Path] = []
    try:
        git = GitRepo.open_or_init(root)
        plan = _plan(root, seed)
        if ci:
            relpath, text = workflow(ci, install)
            plan.append((root / relpath, text))
        for target, text in plan:
            for folder in reversed(target.parents):
                if not folder.exists():
                    folder.mkdir()
                    created.append(folder)
            write_atomic(target, text)
            created.append(target)
        commit = git.commit_paths(
            [target for target, _ in plan],
            "cpne init: new register",
            "Schemas, record folders" + (" and the 2015 convention's register." if seed else "."),
            author=author,
        )
    except BaseException:
        for item in reversed(created):
            if item.is_dir():
                shutil.rmtree(item, ignore_errors=True)
            else:
                item.unlink(missing_ok=True)
        if not had_git:
            shutil.rmtree(root / ".git", ignore_errors=True)
        if created_root:
            shutil.rmtree(root, ignore_errors=True)
        raise
    return InitResult(root, len(plan), commit)


def add_workflow(root: Path, provider: str, *, author: str | None = None, install: str | None = None) -> InitResult:
    """Add ``provider``'s CI workflow to an existing data repository, in one commit."""
    relpath, text = workflow(provider, install)
    target = root / relpath
    if target.exists():
        raise CpneError("already exists; edit it by hand or remove it first", path=relpath)
    git = GitRepo.open(root)
    created = [folder for folder in reversed(target.parents) if not folder.exists()]
    try:
        write_atomic(target, text)
        commit = git.commit_paths(
            [target],
            f"cpne init: {provider} workflow",
            "Validation, canonical form and reports checked in CI.",
            author=author,
        )
    except BaseException:
        target.unlink(missing_ok=True)
        for folder in reversed(created):
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return InitResult(root, 1, commit)


def _inside_git(path: Path) -> bool:
    return any((folder / ".git").exists() for folder in (path, *path.parents))


def _plan(root: Path, seed: bool) -> list[tuple[Path, str]]:
    """Every file the new repository starts with, and its text."""
    plan: list[tuple[Path, str]] = [(root / MARKER, SETTINGS_TEXT)]
    for kind in KINDS.values():
        schema = (kind.schema_dir or resources.schemas_dir()) / kind.schema_file
        try:
            plan.append((root / "schemas" / kind.schema_file, schema.read_text(encoding="utf-8")))
        except OSError as exc:
            raise CpneError(f"cpne's own schema {schema} is missing: {exc.strerror}") from None
    seed_root = resources.seed_dir()
    for kind in KINDS.values():
        folder = root / kind.data_dir
        records = (
            sorted((seed_root / kind.folder).glob("*.yaml")) if seed and kind.folder in resources.SEED_FOLDERS else []
        )
        if not records:
            plan.append((folder / ".gitkeep", ""))
        for record in records:
            plan.append((folder / record.name, record.read_text(encoding="utf-8")))
    return plan
