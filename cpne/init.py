"""``cpne init``: a new data repository with its schemas, folders and the convention's register, in one commit.

``init`` never replaces nor deletes anything it did not create. Before writing, it
checks every file it would write: one that exists already (a file, a folder, a link),
or a folder on its way that is a file or a symbolic link, stops it with every such
path named, and nothing is changed. Files are created exclusively (never over a file
that appeared meanwhile). On any failure (a full disk, a size limit, a permission, a
refused commit) it takes back exactly what it made: its files, the folders it created,
the ``.git`` it initialised, and nothing of the user's.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cpne import resources
from cpne.ci import workflow
from cpne.errors import CpneError
from cpne.git import GitRepo
from cpne.i18n import DEFAULT as DEFAULT_LANGUAGE
from cpne.i18n import _, ngettext
from cpne.kinds import KINDS
from cpne.repo import DEFAULT_COMMITTEE, MARKER


def settings_text(language: str) -> str:
    """The ``cpne.yaml`` of a new register."""
    return f"committee: {DEFAULT_COMMITTEE}\nlanguage: {language}\n"


SHOWN_OBSTACLES = 10


@dataclass(frozen=True)
class InitResult:
    root: Path
    files: int
    commit: str


def init_repository(
    path: Path,
    *,
    seed: bool = True,
    author: str | None = None,
    ci: str | None = None,
    install: str | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> InitResult:
    """Create the data repository at ``path`` (running ``git init`` if needed) and commit it.

    ``ci`` ("github" or "gitlab") adds that provider's workflow; in an existing data
    repository it adds only the workflow. Nothing that exists is overwritten; on any
    failure, every file and folder this call created is removed again, and only those.
    """
    with _os_errors():
        root = path.expanduser().absolute()
        if (root / MARKER).is_file():
            if ci:
                return add_workflow(root.resolve(), ci, author=author, install=install)
            raise CpneError(
                _("{path} already holds a cpne data repository ({marker} exists)").format(path=root, marker=MARKER),
                hint=_("to add a CI workflow to it, run `cpne init --ci github` (or gitlab) there"),
            )
        if os.path.lexists(root) and not root.is_dir():
            raise CpneError(_("{path} exists and is not a folder").format(path=root))
        root = root.resolve()
        plan = _plan(root, seed, language)
        if ci:
            relpath, text = workflow(ci, install)
            plan.append((root / relpath, text))
        git = GitRepo.find(root)  # the work tree holding it (or one of its parents), if any
        _refuse_obstacles(root, [target for target, _text in plan], has_git=git is not None)
        made = _Made()
        try:
            made.folders_up = _make_folder_and_parents(root)
            if git is None:
                made.git_dir = root / ".git"  # did not exist (checked above): whatever git init leaves is ours
                git = GitRepo.init(root)
            for target, text in plan:
                _write_new(target, text, made.inside)
            commit = git.commit_paths(
                [target for target, _text in plan],
                "cpne init: new register",
                "Schemas, record folders" + (" and the 2015 convention's register." if seed else "."),
                author=author,
            )
        except BaseException:
            made.take_back()
            raise
    return InitResult(root, len(plan), commit)


def add_workflow(root: Path, provider: str, *, author: str | None = None, install: str | None = None) -> InitResult:
    """Add ``provider``'s CI workflow to an existing data repository, in one commit."""
    relpath, text = workflow(provider, install)
    target = root / relpath
    if os.path.lexists(target):
        raise CpneError(_("already exists; edit it by hand or remove it first"), path=relpath)
    _refuse_obstacles(root, [target], has_git=True)
    git = GitRepo.open(root)
    made = _Made()
    try:
        with _os_errors():
            _write_new(target, text, made.inside)
        commit = git.commit_paths(
            [target],
            f"cpne init: {provider} workflow",
            "Validation, canonical form and reports checked in CI.",
            author=author,
        )
    except BaseException:
        made.take_back()
        raise
    return InitResult(root, 1, commit)


@dataclass
class _Made:
    """What this ``init`` created, in order, so that a failure takes back exactly that."""

    folders_up: list[Path] = field(default_factory=list)  # the root and the parents it needed
    git_dir: Path | None = None  # the .git that ``git init`` made
    inside: list[Path] = field(default_factory=list)  # folders and files inside the root

    def take_back(self) -> None:
        for item in reversed(self.inside):
            with contextlib.suppress(OSError):
                if item.is_dir() and not item.is_symlink():
                    item.rmdir()  # only when empty: a folder we made may have received someone's file
                else:
                    item.unlink()
        if self.git_dir is not None:
            shutil.rmtree(self.git_dir, ignore_errors=True)
        for folder in reversed(self.folders_up):
            with contextlib.suppress(OSError):
                folder.rmdir()


@contextlib.contextmanager
def _os_errors() -> Iterator[None]:
    """A file-system failure (permission, read-only, full disk, size limit) is a message naming its path."""
    try:
        yield
    except OSError as exc:
        error = exc.strerror or exc
        if exc.filename:
            message = _("cannot write {path}: {error}; nothing was changed").format(path=exc.filename, error=error)
        else:
            message = _("cannot write: {error}; nothing was changed").format(error=error)
        raise CpneError(message) from None


def _refuse_obstacles(root: Path, targets: Sequence[Path], *, has_git: bool) -> None:
    """Stop, naming each one, when a target exists or a folder on its way is a file or a symbolic link."""
    found: dict[Path, str] = {}
    if not has_git and os.path.lexists(root / ".git"):
        found[root / ".git"] = _("exists but is not a git repository")
    for target in targets:
        for folder in reversed(target.relative_to(root).parents[:-1]):
            place = root / folder
            if place in found:
                break
            if place.is_symlink():
                found[place] = _("is a symbolic link (cpne init writes only into real folders)")
                break
            if os.path.lexists(place) and not place.is_dir():
                found[place] = _("is a file where cpne init needs a folder")
                break
        else:
            if target.is_symlink():
                found[target] = _("already exists (a symbolic link)")
            elif target.is_dir():
                found[target] = _("already exists (a folder)")
            elif os.path.lexists(target):
                found[target] = _("already exists")
    if not found:
        return
    if len(found) == 1:
        [(place, problem)] = found.items()
        raise CpneError(
            _("{problem}; cpne init never replaces anything, nothing was changed").format(problem=problem),
            path=str(place),
            hint=_("move it away, or run `cpne init` in an empty folder"),
        )
    shown = [
        _("{path}: {problem}").format(path=place, problem=problem)
        for place, problem in list(found.items())[:SHOWN_OBSTACLES]
    ]
    if len(found) > SHOWN_OBSTACLES:
        more = len(found) - SHOWN_OBSTACLES
        shown.append(ngettext("and {count} more", "and {count} more", more).format(count=more))
    raise CpneError(
        _("cpne init never replaces anything, and these are in the way (nothing was changed): {obstacles}").format(
            obstacles="; ".join(shown)
        ),
        hint=_("move them away first"),
    )


def _make_folder_and_parents(root: Path) -> list[Path]:
    """Create ``root`` and its missing parents one by one; the ones created, outermost first."""
    missing = [folder for folder in (root, *root.parents) if not folder.exists()]
    made: list[Path] = []
    try:
        for folder in reversed(missing):
            _mkdir(folder)
            made.append(folder)
    except BaseException:
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return made


def _mkdir(folder: Path) -> None:
    try:
        folder.mkdir()
    except OSError as exc:
        raise CpneError(
            _("cannot create the folder {path}: {error}; nothing was changed").format(
                path=folder, error=exc.strerror or exc
            )
        ) from None


def _write_new(target: Path, text: str, made: list[Path]) -> None:
    """Create ``target`` (and its missing folders) with ``text``; never over an existing file. Records what it made."""
    for folder in reversed(target.parents):
        if not folder.exists():
            _mkdir(folder)
            made.append(folder)
    try:
        handle = open(target, "xb")  # noqa: SIM115 - closed below; recorded first so a failure removes it
    except FileExistsError:
        raise CpneError(_("appeared while cpne init was writing; nothing was changed"), path=str(target)) from None
    except OSError as exc:
        raise CpneError(
            _("cannot write {path}: {error}; nothing was changed").format(path=target, error=exc.strerror or exc)
        ) from None
    made.append(target)
    try:
        with handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise CpneError(
            _("cannot write {path}: {error}; nothing was changed").format(path=target, error=exc.strerror or exc)
        ) from None


def _plan(root: Path, seed: bool, language: str) -> list[tuple[Path, str]]:
    """Every file the new repository starts with, and its text."""
    plan: list[tuple[Path, str]] = [(root / MARKER, settings_text(language))]
    for kind in KINDS.values():
        schema = (kind.schema_dir or resources.schemas_dir()) / kind.schema_file
        try:
            plan.append((root / "schemas" / kind.schema_file, schema.read_text(encoding="utf-8")))
        except OSError as exc:
            raise CpneError(
                _("cpne's own schema {path} is missing: {error}").format(path=schema, error=exc.strerror)
            ) from None
    seed_root = resources.seed_dir()
    for kind in KINDS.values():
        folder = root / kind.data_dir
        records = (
            sorted((seed_root / kind.folder).glob("*.yaml")) if seed and kind.folder in resources.SEED_FOLDERS else []
        )
        if not records:
            plan.append((folder / ".gitkeep", ""))
        for record in records:
            try:
                plan.append((folder / record.name, record.read_text(encoding="utf-8")))
            except OSError as exc:
                raise CpneError(
                    _("cpne's own seed record {path} cannot be read: {error}").format(path=record, error=exc.strerror)
                ) from None
    return plan
