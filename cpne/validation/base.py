"""``cpne validate --base REF``: validation sized to a change, for pull requests.

Only the records changed since REF (and the records that name a changed or
deleted record) are checked, against the whole register's ids. Every status
that changed since REF is checked against the lifecycle, commit by commit, so
a hand edit cannot skip a step. A change to the schemas or settings falls back
to full validation.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from cpne.errors import GitError, UsageError
from cpne.git import GitRepo
from cpne.kinds import kind_of_path
from cpne.records.loader import LoadError, locate, parse_text, read_regular
from cpne.repo import MARKER, DataRepo
from cpne.validation.problems import ERROR, Problem
from cpne.validation.runner import Report, validate


@dataclass(frozen=True)
class Change:
    """What changed since the base, as repository-relative record paths."""

    base: str
    changed: tuple[str, ...]  # added or modified, present in the working tree
    deleted: tuple[str, ...]
    full: bool  # schemas or settings changed: everything must be checked


def changes_since(repo: DataRepo, git: GitRepo, ref: str) -> Change:
    """Records changed between the merge base of ``ref`` and HEAD, and the working tree."""
    try:
        git.run("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitError:
        raise UsageError(f"--base {ref}: no such commit, branch or tag in this repository") from None
    try:
        base = git.run("merge-base", ref, "HEAD").strip()
    except GitError:
        base = git.run("rev-parse", ref).strip()
    prefix = _prefix(repo, git)
    out = git.run(
        "diff",
        "--name-status",
        "--no-renames",
        "-z",
        base,
        "--",
        f"{prefix}data",
        f"{prefix}schemas",
        f"{prefix}{MARKER}",
    )
    fields = [f for f in out.split("\0") if f]
    changed: set[str] = set()
    deleted: set[str] = set()
    full = False
    for status, path in zip(fields[::2], fields[1::2], strict=False):
        rel = path[len(prefix) :]
        if not rel.startswith("data/"):
            full = True
        elif status == "D":
            deleted.add(rel)
        else:
            changed.add(rel)
    untracked = git.run("ls-files", "--others", "--exclude-standard", "-z", "--", f"{prefix}data")
    changed.update(p[len(prefix) :] for p in untracked.split("\0") if p)
    return Change(base, tuple(sorted(changed)), tuple(sorted(deleted)), full)


def _prefix(repo: DataRepo, git: GitRepo) -> str:
    rel = repo.root.resolve().relative_to(git.top).as_posix()
    return "" if rel == "." else rel + "/"


def validate_since(repo: DataRepo, ref: str) -> Report:
    """Validation of what changed since ``ref``, plus the lifecycle of every changed status."""
    git = GitRepo.open(repo.root)
    change = changes_since(repo, git, ref)
    if change.full:
        report = validate(repo)
    else:
        scope = set(change.changed)
        touched_ids = [PurePosixPath(p).stem for p in (*change.deleted, *(p for p in change.changed if _is_small(p)))]
        scope.update(_referrers(repo, git, touched_ids))
        records = [p for p in sorted(scope) if kind_of_path(p) is not None and (repo.root / p).is_file()]
        report = validate(repo, [repo.root / p for p in records]) if records else Report()
        _mark_deleted(report, change.deleted, ref)
    report.problems.extend(_transitions(repo, git, change, ref))
    report.problems.sort()
    return report


def _is_small(path: str) -> bool:
    """A record of a kind that other records' checks read whole (a partner's dates, a referential's versions)."""
    kind = kind_of_path(path)
    return kind is not None and kind.indexed


def _referrers(repo: DataRepo, git: GitRepo, ids: list[str]) -> set[str]:
    """Record files whose text names one of ``ids`` (git grep: no YAML parsing)."""
    if not ids:
        return set()
    prefix = _prefix(repo, git)
    args = ["grep", "-l", "-I", "-F", "-w", "--untracked", "-z"]
    for record_id in ids:
        args += ["-e", record_id]
    try:
        out = git.run(*args, "--", f"{prefix}data")
    except GitError:
        return set()  # git grep exits 1 when nothing matches
    return {p[len(prefix) :] for p in out.split("\0") if p}


def _mark_deleted(report: Report, deleted: tuple[str, ...], ref: str) -> None:
    """Say so when an unknown reference names a record deleted since the base."""
    gone = {PurePosixPath(p).stem for p in deleted}
    for index, problem in enumerate(report.problems):
        match = (
            re.search(r"unknown \w+(?: or \w+)? '([^']+)'", problem.message) if problem.code == "unknown-ref" else None
        )
        if match and match.group(1) in gone:
            message = f"{problem.message}; it was deleted since {ref}"
            report.problems[index] = Problem(
                problem.path, problem.line, problem.column, "deleted-ref", message, ERROR, problem.id, problem.pointer
            )


def _status(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        status = parse_text(text).get("status")
    except LoadError:
        return None
    return status if isinstance(status, str) else None


def _transitions(repo: DataRepo, git: GitRepo, change: Change, ref: str) -> list[Problem]:
    """Every status change since the base that the lifecycle does not allow, commit by commit."""
    problems: list[Problem] = []
    prefix = _prefix(repo, git)
    for rel in change.changed:
        kind = kind_of_path(rel)
        if kind is None or kind.lifecycle is None:
            continue
        lifecycle = kind.lifecycle
        path = prefix + rel
        commits = git.run("log", "--format=%H", "--reverse", f"{change.base}..HEAD", "--", path).split()
        texts = [_show(git, change.base, path), *(_show(git, c, path) for c in commits)]
        try:
            current = read_regular(repo.root / rel).decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        texts.append(current)
        statuses = [s for s in (_status(t) for t in texts) if s is not None]
        steps = [(a, b) for a, b in itertools.pairwise(statuses) if a != b]
        for old, new in steps:
            if old in lifecycle.transitions and new in lifecycle.transitions and not lifecycle.can_move(old, new):
                route = lifecycle.path_to(old, new)
                how = f"; the lifecycle goes {' -> '.join(route)}" if route else f"; {lifecycle.describe_allowed(old)}"
                line, column = locate(current, ("status",))
                problems.append(
                    Problem(
                        rel,
                        line,
                        column,
                        "transition",
                        f"status changed from '{old}' to '{new}' since {ref}, skipping the lifecycle{how}",
                        ERROR,
                        PurePosixPath(rel).stem,
                        "/status",
                    )
                )
    return problems


def _show(git: GitRepo, commit: str, path: str) -> str | None:
    try:
        return git.run("show", f"{commit}:{path}")
    except GitError:
        return None
