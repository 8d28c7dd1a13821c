"""Whole-repository validation: settings, schemas, every record file, then cross-record checks.

Returns a :class:`Report` holding every problem found; nothing here raises for
invalid data. Only a wrong call (a path outside the register) raises.

Each file's own checks come from :mod:`cpne.validation.checking` (the cache, worker
processes, or this process); cross-record checks (:mod:`cpne.validation.cross`) run
every time, in this process. The check before a write is :mod:`cpne.validation.candidate`.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cpne.errors import CpneError, UsageError
from cpne.i18n import N_, _, ngettext, pgettext
from cpne.kinds import KIND_BY_FOLDER, KINDS
from cpne.records import store
from cpne.records.store import RecordFile, Stray
from cpne.repo import MARKER, DataRepo, load_settings
from cpne.validation.cache import ResultCache
from cpne.validation.candidate import validate_candidate
from cpne.validation.checking import check_records, prepare
from cpne.validation.cross import (
    CrossIndex,
    CrossIssue,
    RecordChecks,
    deferred,
    loader,
    quorum_of,
    register_checks,
    to_problems,
)
from cpne.validation.files import FileResult
from cpne.validation.problems import ERROR, WARNING, Problem
from cpne.validation.schemas import KindSchema


@dataclass
class Report:
    """The outcome of a validation: every problem, and how many files were read."""

    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == WARNING)

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)

    def summary(self) -> str:
        """``25 files checked: 0 errors, 1 warning`` (« 25 fichiers vérifiés : aucune erreur, 1 avertissement »)."""
        files = ngettext("{count} file checked", "{count} files checked", self.files)
        # French says « aucune erreur », not « 0 erreur »: none has its own words
        errors = ngettext("{count} error", "{count} errors", self.errors) if self.errors else _("0 errors")
        warnings = ngettext("{count} warning", "{count} warnings", self.warnings) if self.warnings else _("0 warnings")
        return _("{files}: {errors}, {warnings}").format(
            files=files.format(count=self.files),
            errors=errors.format(count=self.errors),
            warnings=warnings.format(count=self.warnings),
        )


# what the listing finds beside the records: (code, severity, message)
STRAYS = {
    "not-a-record-folder": ("stray-file", WARNING, N_("not a record folder (expected one of: {folders})")),
    "not-a-record": ("stray-file", WARNING, N_("not a record (records are .yaml files)")),
    "yml-suffix": ("file-name", ERROR, N_("record files end in .yaml, not .yml; rename it")),
    "not-a-regular-file": (
        "not-a-regular-file",
        ERROR,
        N_("not a regular file ({what}): records must be regular files inside the repository; it was not read"),
    ),
}


def stray_problems(strays: Sequence[Stray]) -> list[Problem]:
    """What the listing found beside the records, as problems."""
    folders = ", ".join(KIND_BY_FOLDER)
    out = []
    for stray in strays:
        code, severity, message = STRAYS[stray.reason]
        what = stray.what or pgettext("validation", "a special file")
        out.append(Problem(stray.relpath, 1, 1, code, _(message).format(folders=folders, what=what), severity))
    return out


def _as_named(given: str | os.PathLike[str]) -> Path:
    """The path given, absolute, its folder resolved but not its last part (a link stays the link)."""
    absolute = os.path.abspath(given)
    return Path(os.path.realpath(os.path.dirname(absolute))) / os.path.basename(absolute)


def _named_strays(repo: DataRepo, paths: Sequence[str | os.PathLike[str]], strays: Sequence[Stray]) -> list[Stray]:
    """The strays named on the command line (a link among them is reported, not followed)."""
    root = repo.root.resolve()
    by_path = {root / stray.relpath: stray for stray in strays}
    return [by_path[_as_named(given)] for given in paths if _as_named(given) in by_path]


def _scope(
    repo: DataRepo,
    paths: Sequence[str | os.PathLike[str]],
    files: dict[str, list[RecordFile]],
    named: Sequence[Stray] = (),
) -> set[str]:
    """Repository-relative paths of the records named on the command line (``named``: strays, reported apart)."""
    relpaths = {f.relpath for group in files.values() for f in group}
    resolved: dict[Path, str] | None = None
    root = repo.root.resolve()
    wanted: set[str] = set()
    strays = {root / stray.relpath for stray in named}
    for given in paths:
        if _as_named(given) in strays:
            continue
        path = Path(given).resolve()
        if not path.exists():
            raise UsageError(_("{path}: no such file or folder").format(path=given))
        if path.is_file() and path.is_relative_to(root) and path.relative_to(root).as_posix() in relpaths:
            wanted.add(path.relative_to(root).as_posix())  # the common case, without resolving every record
            continue
        if resolved is None:
            resolved = {f.path.resolve(): f.relpath for group in files.values() for f in group}
        by_path = resolved
        if path.is_dir():
            inside = [rel for p, rel in by_path.items() if p.is_relative_to(path)]
            if not inside and not (path == repo.root or path.is_relative_to(repo.root / "data")):
                raise UsageError(_("{path}: no records in this folder").format(path=given))
            wanted.update(inside)
        elif path in by_path:
            wanted.add(by_path[path])
        else:
            raise UsageError(
                _("{path}: not a record of this repository (records are data/<kind>/<id>.yaml)").format(path=given)
            )
    return wanted


def validate(
    repo: DataRepo,
    paths: Sequence[str | os.PathLike[str]] = (),
    *,
    cache: bool | None = None,
    workers: int | None = None,
    deleted: Mapping[str, str] | None = None,
) -> Report:
    """Validate the repository, or only the records at ``paths`` (cross-checked against all).

    ``cache``: use the validation cache (default: unless ``CPNE_CACHE=0``);
    ``workers``: at most this many worker processes (default: the CPUs, up to
    4, or ``CPNE_WORKERS``; 1 checks every file in this process);
    ``deleted``: ids deleted since a base, and that base (``validate --base``): a
    reference to one of them says it was deleted (``deleted-ref``).
    """
    report = Report()
    report.problems.extend(_settings_problems(repo))
    schemas, cache_store = prepare(repo, report.problems, cache=cache)
    listed = store.listing(repo)
    named = _named_strays(repo, paths, listed.strays) if paths else list(listed.strays)
    report.problems.extend(stray_problems(named))
    scope = _scope(repo, paths, listed.files, named) if paths else None
    try:
        results, issues = _check(
            repo,
            schemas,
            cache_store=cache_store,
            files=listed.files,
            scope=scope,
            workers=workers,
            deleted=deleted or {},
            quorum=quorum_of(repo),
        )
        if cache_store is not None:
            cache_store.save(complete=scope is None)
    finally:
        if cache_store is not None:
            cache_store.close()
    in_scope = [r for r in results if scope is None or r.path in scope]
    report.files = len(in_scope)
    for result in in_scope:
        report.problems.extend(result.problems)
    report.problems.extend(to_problems(repo, [i for i in issues if scope is None or i.path in scope]))
    report.problems.sort()
    return report


def _settings_problems(repo: DataRepo) -> list[Problem]:
    try:
        load_settings(repo.root / MARKER)
    except CpneError as exc:
        return [Problem(MARKER, exc.line or 1, 1, "settings", exc.message)]
    return []


def _check(
    repo: DataRepo,
    schemas: dict[str, KindSchema],
    *,
    cache_store: ResultCache | None,
    files: dict[str, list[RecordFile]],
    scope: set[str] | None,
    workers: int | None,
    deleted: Mapping[str, str],
    quorum: int | None,
) -> tuple[list[FileResult], list[CrossIssue]]:
    """Every file's own checks and every cross-record issue (of the files in ``scope``, when given).

    Indexed kinds (partners, themes, referentials) come first: the other records' cross-record
    checks need them, and then run in this process while worker processes check files. Records
    whose checks read other records that are not indexed (an opinion reads its séance) wait until
    every record of those kinds has arrived; those kinds are checked first, so that the wait is
    short and their checks too overlap with the workers'.
    """
    index = CrossIndex(deleted=dict(deleted), quorum=quorum, load=loader(repo))
    for name, group in files.items():
        index.ids[name] = {f.stem for f in group}
    later = deferred()
    read = {name for kind in later for name in KINDS[kind].reads}
    indexed = [f for kind in KINDS.values() if kind.indexed for f in files[kind.name]]
    others = [f for kind in KINDS.values() if not kind.indexed and kind.name in read for f in files[kind.name]]
    others += [f for kind in KINDS.values() if not kind.indexed and kind.name not in read for f in files[kind.name]]
    if scope is not None:
        others = [f for f in others if f.relpath in scope]
    results = check_records(schemas, indexed, cache_store, 1)
    for result in results:
        index.add(result)
    record_checks = RecordChecks(index)
    issues = [issue for result in results for issue in record_checks.of(result)]
    missing = Counter(f.kind.name for f in others if f.kind.name in read)  # records of the kinds read, to come
    waiting: list[FileResult] = []  # records whose checks read records still being checked

    def ready(kind: str) -> bool:
        return kind not in later or not any(missing[name] for name in KINDS[kind].reads)

    def arrived(result: FileResult) -> None:
        index.add(result)
        if missing[result.kind]:
            missing[result.kind] -= 1
            if not missing[result.kind] and waiting:
                for one in [w for w in waiting if ready(w.kind)]:
                    issues.extend(record_checks.of(one))
                waiting[:] = [w for w in waiting if not ready(w.kind)]
        if ready(result.kind):
            issues.extend(record_checks.of(result))
        else:
            waiting.append(result)

    results += check_records(schemas, others, cache_store, workers, arrived)
    for result in waiting:  # none left, unless a file's result never came
        issues.extend(record_checks.of(result))
    return results, issues + register_checks(results, index)


__all__ = ["Report", "validate", "validate_candidate"]
