"""Whole-repository validation: schemas, every record file, then cross-record checks.

Returns a :class:`Report` holding every problem found; nothing here raises for
invalid data. Only a wrong call (a path outside the register) raises.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cpne.errors import CpneError, UsageError
from cpne.kinds import KIND_BY_FOLDER, KINDS, Kind
from cpne.records.loader import locate
from cpne.repo import MARKER, DataRepo, load_settings
from cpne.validation.files import FileChecker, FileResult
from cpne.validation.problems import ERROR, WARNING, Problem, json_pointer
from cpne.validation.register import CrossIssue, Register, cross_checks
from cpne.validation.schemas import KindSchema, SchemaProblem, compile_schema

SMALL_KINDS = ("partner", "theme", "referential")


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
        def plural(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        return (
            f"{plural(self.files, 'file')} checked: {plural(self.errors, 'error')}, {plural(self.warnings, 'warning')}"
        )


@dataclass(frozen=True)
class RecordFile:
    """A file found in a kind's folder."""

    kind: Kind
    path: Path
    relpath: str


def load_schemas(repo: DataRepo, report: Report) -> dict[str, KindSchema]:
    """Compile every kind's schema; an unusable schema becomes a problem on its file."""
    schemas: dict[str, KindSchema] = {}
    for kind in KINDS.values():
        path = repo.schemas_dir / kind.schema_file
        try:
            schemas[kind.name] = compile_schema(kind, path)
        except SchemaProblem as exc:
            report.problems.append(Problem(f"schemas/{kind.schema_file}", exc.line, 1, "schema-invalid", exc.message))
    return schemas


def list_records(repo: DataRepo, report: Report | None = None) -> dict[str, list[RecordFile]]:
    """Every ``.yaml`` file of every kind's folder, sorted; strays become warnings in ``report``."""
    found: dict[str, list[RecordFile]] = {name: [] for name in KINDS}
    data_dir = repo.root / "data"
    try:
        top = sorted(os.scandir(data_dir), key=lambda e: e.name)
    except FileNotFoundError:
        return found
    for entry in top:
        if entry.name.startswith("."):
            continue
        kind = KIND_BY_FOLDER.get(entry.name)
        if kind is None or not entry.is_dir():
            _stray(report, f"data/{entry.name}", f"not a record folder (expected one of: {', '.join(KIND_BY_FOLDER)})")
            continue
        for item in sorted(os.scandir(entry.path), key=lambda e: e.name):
            if item.name.startswith("."):
                continue
            relpath = f"data/{entry.name}/{item.name}"
            if item.name.endswith(".yaml") and item.is_file():
                found[kind.name].append(RecordFile(kind, Path(item.path), relpath))
            elif item.name.endswith(".yml"):
                if report is not None:
                    report.problems.append(
                        Problem(relpath, 1, 1, "file-name", "record files end in .yaml, not .yml; rename it")
                    )
            else:
                _stray(report, relpath, "not a record (records are .yaml files)")
    return found


def _stray(report: Report | None, relpath: str, message: str) -> None:
    if report is not None:
        report.problems.append(Problem(relpath, 1, 1, "stray-file", message, WARNING))


def _scope(repo: DataRepo, paths: Sequence[str | os.PathLike[str]], files: dict[str, list[RecordFile]]) -> set[str]:
    """Repository-relative paths of the records named on the command line."""
    by_path = {f.path.resolve(): f.relpath for group in files.values() for f in group}
    wanted: set[str] = set()
    for given in paths:
        path = Path(given).resolve()
        if not path.exists():
            raise UsageError(f"{given}: no such file or folder")
        if path.is_dir():
            inside = [rel for p, rel in by_path.items() if p.is_relative_to(path)]
            if not inside and not (path == repo.root or path.is_relative_to(repo.root / "data")):
                raise UsageError(f"{given}: no records in this folder")
            wanted.update(inside)
        elif path in by_path:
            wanted.add(by_path[path])
        else:
            raise UsageError(f"{given}: not a record of this repository (records are data/<kind>/<id>.yaml)")
    return wanted


def check_files(checker: FileChecker, files: Iterable[RecordFile]) -> list[FileResult]:
    """Per-file checks of ``files``, in order."""
    results = []
    for record in files:
        try:
            raw = record.path.read_bytes()
        except OSError as exc:
            result = FileResult(record.relpath, record.kind.name, record.path.stem, None)
            result.problems.append(Problem(record.relpath, 1, 1, "unreadable", f"cannot read: {exc.strerror}"))
            results.append(result)
            continue
        results.append(checker.check_bytes(record.relpath, record.kind, raw))
    return results


def validate_candidate(repo: DataRepo, kind: Kind, record_id: str, text: str) -> list[Problem]:
    """Problems the record would have if ``text`` were written as ``kind``'s record ``record_id``.

    Used before any write: the record is checked on its own and against the whole
    register as it would then be (its own id counted as present). Returns errors and
    warnings of that record only.
    """
    report = Report()
    schemas = load_schemas(repo, report)
    if report.problems:
        return report.problems
    files = list_records(repo)
    path = repo.record_path(kind, record_id)
    relpath = f"{kind.data_dir}/{record_id}.yaml"
    checker = FileChecker(schemas)
    register = Register()
    for name, group in files.items():
        register.ids[name] = {f.path.stem for f in group}
    register.ids[kind.name].add(record_id)
    small = [f for name in SMALL_KINDS for f in files[name] if f.path != path]
    results = check_files(checker, small)
    candidate = checker.check_bytes(relpath, kind, text.encode("utf-8"))
    results.append(candidate)
    _index_small_kinds(results, register)
    problems = list(candidate.problems)
    texts = {relpath: text}
    problems.extend(_locate_cross(repo, [i for i in cross_checks(results, register) if i.path == relpath], texts))
    return sorted(problems)


def _index_small_kinds(results: list[FileResult], register: Register) -> None:
    for result in results:
        if result.data is not None and result.kind in SMALL_KINDS and result.record_id == result.stem:
            if result.kind == "partner":
                register.partners[result.record_id] = result.data
            elif result.kind == "referential":
                register.referentials[result.record_id] = result.data
            else:
                register.themes[result.record_id] = result


def validate(repo: DataRepo, paths: Sequence[str | os.PathLike[str]] = ()) -> Report:
    """Validate the repository, or only the records at ``paths`` (cross-checked against all)."""
    report = Report()
    try:
        load_settings(repo.root / MARKER)
    except CpneError as exc:
        report.problems.append(Problem(MARKER, exc.line or 1, 1, "settings", exc.message))
    schemas = load_schemas(repo, report)
    files = list_records(repo, report if not paths else None)
    scope = _scope(repo, paths, files) if paths else None
    checker = FileChecker(schemas)
    register = Register()
    for name, group in files.items():
        register.ids[name] = {f.path.stem for f in group}
    results: list[FileResult] = []
    for name, group in files.items():
        chosen = [f for f in group if scope is None or f.relpath in scope]
        if name in SMALL_KINDS:
            chosen = group
        results.extend(check_files(checker, chosen))
    _index_small_kinds(results, register)
    in_scope = [r for r in results if scope is None or r.path in scope]
    report.files = len(in_scope)
    for result in in_scope:
        report.problems.extend(result.problems)
    report.problems.extend(
        _locate_cross(repo, [i for i in cross_checks(results, register) if scope is None or i.path in scope])
    )
    report.problems.sort()
    return report


def _locate_cross(repo: DataRepo, issues: list[CrossIssue], texts: dict[str, str] | None = None) -> list[Problem]:
    texts = dict(texts or {})
    out = []
    for issue in issues:
        if issue.path not in texts:
            texts[issue.path] = (repo.root / issue.path).read_text(encoding="utf-8-sig")
        line, column = locate(texts[issue.path], issue.pointer)
        severity = WARNING if issue.warning else ERROR
        out.append(
            Problem(
                issue.path,
                line,
                column,
                issue.code,
                issue.message,
                severity,
                issue.record_id,
                json_pointer(issue.pointer),
            )
        )
    return out
