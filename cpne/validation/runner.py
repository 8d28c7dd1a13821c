"""Whole-repository validation: schemas, every record file, then cross-record checks.

Returns a :class:`Report` holding every problem found; nothing here raises for
invalid data. Only a wrong call (a path outside the register) raises.

Each file's own checks are looked up in the validation cache (``cache``) and,
when many files are left to check, spread over worker processes; cross-record
checks run every time, in this process. Both give exactly the problems of the
plain, sequential path (tested).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from cpne.errors import CpneError, UsageError
from cpne.kinds import KIND_BY_FOLDER, KINDS, Kind
from cpne.records.bulk import POOL_BATCH, POOL_MIN_FILES, worker_count
from cpne.records.loader import locate
from cpne.repo import MARKER, DataRepo, load_settings
from cpne.validation import cache as result_cache
from cpne.validation.files import FileChecker, FileResult
from cpne.validation.problems import ERROR, WARNING, Problem, json_pointer
from cpne.validation.register import CrossIssue, RecordChecks, Register, cross_checks, register_checks
from cpne.validation.schemas import KindSchema, SchemaProblem, compile_schema, digest_of, read_schema_bytes

# Worker processes (records/bulk.py) pay off only above POOL_MIN_FILES files left to
# check; ``CPNE_WORKERS=1`` turns them off.
# Above this many files, cached results are read in one query.
CACHE_BULK_MIN = 500


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


class RecordFile:
    """A file found in a kind's folder (its ``Path`` is made on first use: listings are long)."""

    __slots__ = ("_path", "fspath", "kind", "relpath", "stem")

    def __init__(self, kind: Kind, path: Path | str, relpath: str) -> None:
        self.kind = kind
        self.fspath = os.fspath(path)
        self.relpath = relpath
        self.stem = relpath.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        self._path = path if isinstance(path, Path) else None

    @classmethod
    def _listed(cls, kind: Kind, fspath: str, relpath: str, stem: str) -> RecordFile:
        """A RecordFile from a directory listing (no checks, no conversions: listings are long)."""
        record = cls.__new__(cls)
        record.kind, record.fspath, record.relpath, record.stem, record._path = kind, fspath, relpath, stem, None
        return record

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = Path(self.fspath)
        return self._path

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RecordFile):
            return NotImplemented
        return (self.kind, self.fspath, self.relpath) == (other.kind, other.fspath, other.relpath)

    def __hash__(self) -> int:
        return hash((self.kind.name, self.fspath, self.relpath))

    def __repr__(self) -> str:
        return f"RecordFile(kind={self.kind.name!r}, path={self.fspath!r}, relpath={self.relpath!r})"


def read_schemas(repo: DataRepo) -> dict[str, bytes | None]:
    """The bytes of every kind's schema file, by file name (None: unreadable)."""
    raws: dict[str, bytes | None] = {}
    for kind in KINDS.values():
        try:
            raws[kind.schema_file] = read_schema_bytes(repo.schemas_dir / kind.schema_file)
        except SchemaProblem:
            raws[kind.schema_file] = None
    return raws


def load_schemas(
    repo: DataRepo, report: Report, raws: dict[str, bytes | None] | None = None, *, checked: bool = False
) -> dict[str, KindSchema]:
    """Compile every kind's schema; an unusable schema becomes a problem on its file.

    ``raws``: the schema files' bytes, already read; ``checked``: they passed the
    metaschema check before (the validation cache knows them).
    """
    schemas: dict[str, KindSchema] = {}
    for kind in KINDS.values():
        path = repo.schemas_dir / kind.schema_file
        raw = raws.get(kind.schema_file) if raws is not None else None
        try:
            schemas[kind.name] = compile_schema(kind, path, raw, checked=checked and raw is not None)
        except SchemaProblem as exc:
            report.problems.append(Problem(f"schemas/{kind.schema_file}", exc.line, 1, "schema-invalid", exc.message))
    return schemas


def list_records(repo: DataRepo, report: Report | None = None) -> dict[str, list[RecordFile]]:
    """Every ``.yaml`` file of every kind's folder, sorted; strays become warnings in ``report``."""
    found: dict[str, list[RecordFile]] = {name: [] for name in KINDS}
    data_dir = repo.root / "data"
    try:
        top = sorted(os.scandir(data_dir), key=attrgetter("name"))
    except FileNotFoundError:
        return found
    for entry in top:
        if entry.name.startswith("."):
            continue
        kind = KIND_BY_FOLDER.get(entry.name)
        if kind is None or not entry.is_dir():
            _stray(report, f"data/{entry.name}", f"not a record folder (expected one of: {', '.join(KIND_BY_FOLDER)})")
            continue
        prefix = f"data/{entry.name}/"
        append = found[kind.name].append
        for item in sorted(os.scandir(entry.path), key=attrgetter("name")):
            name = item.name
            if name.startswith("."):
                continue
            relpath = prefix + name
            if name.endswith(".yaml") and item.is_file():
                append(RecordFile._listed(kind, item.path, relpath, name[:-5]))
            elif name.endswith(".yml"):
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
    relpaths = {f.relpath for group in files.values() for f in group}
    resolved: dict[Path, str] | None = None
    root = repo.root.resolve()
    wanted: set[str] = set()
    for given in paths:
        path = Path(given).resolve()
        if not path.exists():
            raise UsageError(f"{given}: no such file or folder")
        if path.is_file() and path.is_relative_to(root) and path.relative_to(root).as_posix() in relpaths:
            wanted.add(path.relative_to(root).as_posix())  # the common case, without resolving every record
            continue
        if resolved is None:
            resolved = {f.path.resolve(): f.relpath for group in files.values() for f in group}
        by_path = resolved
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
    raws = read_schemas(repo)
    store = result_cache.ResultCache.open(repo.root, digest_of(raws)) if result_cache.enabled() else None
    schemas = load_schemas(repo, report, raws, checked=store is not None and store.schemas_checked)
    if store is not None:
        store.close()
    if report.problems:
        return report.problems
    files = list_records(repo)
    path = repo.record_path(kind, record_id)
    relpath = f"{kind.data_dir}/{record_id}.yaml"
    checker = FileChecker(schemas)
    register = Register()
    for name, group in files.items():
        register.ids[name] = {f.stem for f in group}
    register.ids[kind.name].add(record_id)
    small = [f for kind in KINDS.values() if kind.indexed for f in files[kind.name] if f.path != path]
    results = check_files(checker, small)
    candidate = checker.check_bytes(relpath, kind, text.encode("utf-8"))
    results.append(candidate)
    for result in results:
        register.add(result)
    problems = list(candidate.problems)
    texts = {relpath: text}
    problems.extend(_locate_cross(repo, [i for i in cross_checks(results, register) if i.path == relpath], texts))
    return sorted(problems)


def validate(
    repo: DataRepo,
    paths: Sequence[str | os.PathLike[str]] = (),
    *,
    cache: bool | None = None,
    workers: int | None = None,
) -> Report:
    """Validate the repository, or only the records at ``paths`` (cross-checked against all).

    ``cache``: use the validation cache (default: unless ``CPNE_CACHE=0``);
    ``workers``: at most this many worker processes (default: the CPUs, up to
    4, or ``CPNE_WORKERS``; 1 checks every file in this process).
    """
    report = Report()
    try:
        load_settings(repo.root / MARKER)
    except CpneError as exc:
        report.problems.append(Problem(MARKER, exc.line or 1, 1, "settings", exc.message))
    raws = read_schemas(repo)
    store = result_cache.ResultCache.open(repo.root, digest_of(raws)) if result_cache.enabled(cache) else None
    before = len(report.problems)
    schemas = load_schemas(repo, report, raws, checked=store is not None and store.schemas_checked)
    if store is not None and len(report.problems) > before:
        store.close()
        store = None  # results are cached only for a set of usable schemas
    files = list_records(repo, report if not paths else None)
    scope = _scope(repo, paths, files) if paths else None
    register = Register()
    for name, group in files.items():
        register.ids[name] = {f.stem for f in group}
    small = [f for kind in KINDS.values() if kind.indexed for f in files[kind.name]]
    others = [f for kind in KINDS.values() if not kind.indexed for f in files[kind.name]]
    if scope is not None:
        others = [f for f in others if f.relpath in scope]
    # Indexed kinds (partners, themes, referentials) first: the other records' cross-record checks
    # need them, and then run in this process while worker processes check files.
    issues: list[CrossIssue] = []
    try:
        results = _check_records(schemas, small, store, 1)
        for result in results:
            register.add(result)
        record_checks = RecordChecks(register)
        for result in results:
            issues.extend(record_checks.of(result))
        results += _check_records(
            schemas, others, store, worker_count(workers), lambda result: issues.extend(record_checks.of(result))
        )
        if store is not None:
            store.save(complete=scope is None)
    finally:
        if store is not None:
            store.close()
    issues += register_checks(results, register)
    in_scope = [r for r in results if scope is None or r.path in scope]
    report.files = len(in_scope)
    for result in in_scope:
        report.problems.extend(result.problems)
    report.problems.extend(_locate_cross(repo, [i for i in issues if scope is None or i.path in scope]))
    report.problems.sort()
    return report


def _slim(result: FileResult) -> FileResult:
    """The result with only the fields cross-record checks read (small kinds are kept whole)."""
    keep = KINDS[result.kind].cross_fields
    if keep is not None and result.data is not None:
        result.data = {k: v for k, v in result.data.items() if k in keep}
    return result


def _check_one(checker: FileChecker, record: RecordFile, raw: bytes | None) -> tuple[str | None, FileResult]:
    """One file's own checks, and its cache key (None when it could not be read)."""
    if raw is None:
        try:
            with open(record.fspath, "rb") as handle:
                raw = handle.read()
        except OSError as exc:
            result = FileResult(record.relpath, record.kind.name, record.stem, None)
            result.problems.append(Problem(record.relpath, 1, 1, "unreadable", f"cannot read: {exc.strerror}"))
            return None, result
    key = result_cache.file_key(record.relpath, raw)
    return key, _slim(checker.check_bytes(record.relpath, record.kind, raw))


def _check_records(
    schemas: dict[str, KindSchema],
    records: list[RecordFile],
    store: result_cache.ResultCache | None,
    workers: int,
    on_result: Callable[[FileResult], object] | None = None,
) -> list[FileResult]:
    """Every file's own checks, in the order of ``records``: from the cache, in workers or here.

    ``on_result`` is called with each result as soon as it is known (while workers go on).
    """
    results: list[FileResult | None] = [None] * len(records)
    todo: list[tuple[int, bytes | None]] = []
    if store is not None and store.schemas_checked:
        if len(records) >= CACHE_BULK_MIN:
            store.entries  # noqa: B018 - one query for all rows rather than one per file
        for index, record in enumerate(records):
            try:
                with open(record.fspath, "rb") as handle:
                    raw = handle.read()
            except OSError:
                todo.append((index, None))  # reported by _check_one
                continue
            entry = store.get(result_cache.file_key(record.relpath, raw))
            if entry is None:
                todo.append((index, raw))
            else:
                data, problems = result_cache.from_entry(entry)
                results[index] = hit = FileResult(record.relpath, record.kind.name, record.stem, data, problems)
                if on_result is not None:
                    on_result(hit)
    else:
        todo = [(index, None) for index in range(len(records))]
    if workers > 1 and len(todo) >= POOL_MIN_FILES:
        checked: Iterable[tuple[int, str | None, FileResult]] = _in_workers(
            schemas, [(i, records[i]) for i, _ in todo], workers
        )
    else:
        checker = FileChecker(schemas)
        checked = ((i, *_check_one(checker, records[i], raw)) for i, raw in todo)
    for index, key, result in checked:
        results[index] = result
        if on_result is not None:
            on_result(result)
        if store is not None and key is not None:
            store.put(key, result_cache.to_entry(result.data, result.problems))
    return [r for r in results if r is not None]


# --- worker processes ------------------------------------------------------------------------------

_WORKER_CHECKER: FileChecker | None = None


def _init_worker(schemas: dict[str, KindSchema]) -> None:
    global _WORKER_CHECKER  # noqa: PLW0603 - one checker per worker process
    _WORKER_CHECKER = FileChecker(schemas)


Sent = tuple[int, str | None, dict[str, Any] | None, tuple[Problem, ...]]


def _work(batch: list[tuple[int, str, str, str]]) -> list[Sent]:
    """Check a batch of (index, kind name, path, relpath); plain values go both ways (cheap to send)."""
    assert _WORKER_CHECKER is not None
    out: list[Sent] = []
    for index, kind, fspath, relpath in batch:
        key, result = _check_one(_WORKER_CHECKER, RecordFile(KINDS[kind], fspath, relpath), None)
        out.append((index, key, result.data, tuple(result.problems)))
    return out


def _in_workers(
    schemas: dict[str, KindSchema], jobs: list[tuple[int, RecordFile]], workers: int
) -> Iterator[tuple[int, str | None, FileResult]]:
    """Check ``jobs`` in a pool of worker processes (forked where the system allows it)."""
    import multiprocessing

    # fork where it is safe and cheap (Linux: workers inherit the compiled schemas); spawn elsewhere
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context: Any = multiprocessing.get_context(method)
    plain = [(index, record.kind.name, record.fspath, record.relpath) for index, record in jobs]
    batches = [plain[i : i + POOL_BATCH] for i in range(0, len(plain), POOL_BATCH)]
    records = dict(jobs)
    with context.Pool(min(workers, len(batches)), initializer=_init_worker, initargs=(schemas,)) as pool:
        for batch in pool.imap_unordered(_work, batches):
            for index, key, data, problems in batch:
                record = records[index]
                yield index, key, FileResult(record.relpath, record.kind.name, record.stem, data, list(problems))


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
