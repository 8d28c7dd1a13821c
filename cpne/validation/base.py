"""``cpne validate --base REF``: validation sized to a change, for pull requests.

Only the records changed since REF (and the records that name a changed or
deleted record) are checked, against the whole register's ids. Every status
that changed since REF is checked against the lifecycle, commit by commit, so
a hand edit cannot skip a step. A change to the schemas or settings falls back
to full validation.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import PurePosixPath

from cpne.errors import GitError, UsageError
from cpne.git import GitRepo
from cpne.i18n import _
from cpne.kinds import Kind, kind_of_path
from cpne.records.loader import LoadError, locate, parse_text, read_regular
from cpne.repo import MARKER, DataRepo
from cpne.validation.cross import kept
from cpne.validation.problems import ERROR, Problem
from cpne.validation.runner import Report, validate
from cpne.validation.wording import quoted
from cpne.words import ENUM_VARIANTS, enum_context, enum_label, fold, gender


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
        raise UsageError(_("--base {ref}: no such commit, branch or tag in this repository").format(ref=ref)) from None
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
        touched_ids = [PurePosixPath(p).stem for p in (*change.deleted, *(p for p in change.changed if _is_read(p)))]
        scope.update(_referrers(repo, git, touched_ids))
        records = [p for p in sorted(scope) if kind_of_path(p) is not None and (repo.root / p).is_file()]
        deleted = {PurePosixPath(p).stem: ref for p in change.deleted}
        report = validate(repo, [repo.root / p for p in records], deleted=deleted) if records else Report()
    report.problems.extend(_transitions(repo, git, change, ref))
    report.problems.sort()
    return report


def _is_read(path: str) -> bool:
    """A record of a kind that other records' checks read (a partner's dates, a meeting's attendance)."""
    kind = kind_of_path(path)
    return kind is not None and kind.name in kept()


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
        variant = _status_variant(kind, current) if steps else ""
        for old, new in steps:
            if old in lifecycle.transitions and new in lifecycle.transitions and not lifecycle.can_move(old, new):
                route = lifecycle.path_to(old, new)
                if route:
                    message = _(
                        "status changed from {old} to {new} since {ref}, skipping the lifecycle;"
                        " the lifecycle goes {route}"
                    )
                else:
                    message = _("status changed from {old} to {new} since {ref}, skipping the lifecycle; {allowed}")
                line, column = locate(current, ("status",))
                problems.append(
                    Problem(
                        rel,
                        line,
                        column,
                        "transition",
                        message.format(
                            old=_status_named(kind.name, old, variant),
                            new=_status_named(kind.name, new, variant),
                            ref=ref,
                            route=" -> ".join(route or ()),
                            allowed="" if route else lifecycle.describe_allowed(old),
                        ),
                        ERROR,
                        PurePosixPath(rel).stem,
                        "/status",
                    )
                )
    return problems


def _status_variant(kind: Kind, text: str) -> str:
    """The form of the statuses' labels that agrees with the record's noun: ``feminine`` for a recommendation."""
    if "feminine" not in ENUM_VARIANTS.get(enum_context(kind.name, "status"), ()):
        return ""
    try:
        record = parse_text(text)
    except LoadError:
        return ""
    return "feminine" if gender(kind.noun_key(record)) == "feminine" else ""


def _status_named(kind: str, status: str, variant: str) -> str:
    """A status as a message names it: ``'draft'``, or « « adopted » (adoptée) » where its label differs."""
    label = enum_label(kind, "status", status, variant)
    if fold(label) == fold(status):
        return quoted(status)
    return _("'{status}' ({label})").format(status=status, label=label)


def _show(git: GitRepo, commit: str, path: str) -> str | None:
    try:
        return git.run("show", f"{commit}:{path}")
    except GitError:
        return None
