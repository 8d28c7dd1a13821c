"""Each record file's own checks, for many files: from the cache, in worker processes, or here.

:func:`prepare` compiles the register's schemas once and opens the validation cache
(both ``validate`` and the check before a write start there); :func:`check_records`
gives every file's :class:`~cpne.validation.files.FileResult` in order, exactly as the
plain sequential path would (tested).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from cpne import i18n
from cpne.i18n import _
from cpne.kinds import KINDS
from cpne.records.bulk import in_workers, use_workers
from cpne.records.store import RecordFile
from cpne.repo import DataRepo
from cpne.validation import cache as result_cache
from cpne.validation.files import FileChecker, FileResult
from cpne.validation.problems import Problem
from cpne.validation.schemas import KindSchema, SchemaProblem, compile_schema, digest_of, read_schema_bytes

# Above this many files, cached results are read in one query.
CACHE_BULK_MIN = 500


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
    repo: DataRepo, problems: list[Problem], raws: dict[str, bytes | None] | None = None, *, checked: bool = False
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
            problems.append(Problem(f"schemas/{kind.schema_file}", exc.line, 1, "schema-invalid", exc.message))
    return schemas


def prepare(
    repo: DataRepo, problems: list[Problem], *, cache: bool | None = None, keep_cache: bool = True
) -> tuple[dict[str, KindSchema], result_cache.ResultCache | None]:
    """The compiled schemas (unusable ones become ``problems``) and the open cache, or None.

    The cache stays open only when ``keep_cache`` and every schema is usable (results
    are cached for one set of usable schemas); the caller closes it.
    """
    raws = read_schemas(repo)
    store = result_cache.ResultCache.open(repo.root, digest_of(raws)) if result_cache.enabled(cache) else None
    before = len(problems)
    schemas = load_schemas(repo, problems, raws, checked=store is not None and store.schemas_checked)
    if store is not None and (not keep_cache or len(problems) > before):
        store.close()
        store = None
    return schemas, store


def check_files(checker: FileChecker, files: Iterable[RecordFile]) -> list[FileResult]:
    """Per-file checks of ``files``, in order, in this process, without the cache."""
    return [_check_one(checker, record, None, slim=False)[1] for record in files]


def _slim(result: FileResult) -> FileResult:
    """The result with only the fields cross-record checks read (indexed kinds are kept whole)."""
    keep = KINDS[result.kind].cross_fields
    if keep is not None and result.data is not None:
        result.data = {k: v for k, v in result.data.items() if k in keep}
    return result


def _check_one(
    checker: FileChecker, record: RecordFile, raw: bytes | None, *, slim: bool = True
) -> tuple[str | None, FileResult]:
    """One file's own checks, and its cache key (None when it could not be read)."""
    if raw is None:
        try:
            raw = record.read_bytes()
        except OSError as exc:
            result = FileResult(record.relpath, record.kind.name, record.stem, None)
            message = _("cannot read the file: {reason}").format(reason=exc.strerror or exc)
            result.problems.append(Problem(record.relpath, 1, 1, "unreadable", message))
            return None, result
    key = result_cache.file_key(record.relpath, raw)
    result = checker.check_bytes(record.relpath, record.kind, raw)
    return key, _slim(result) if slim else result


def check_records(
    schemas: dict[str, KindSchema],
    records: list[RecordFile],
    store: result_cache.ResultCache | None,
    workers: int | None,
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
                raw = record.read_bytes()
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
    count = use_workers(len(todo), workers)
    if count > 1:
        checked: Iterable[tuple[int, str | None, FileResult]] = _in_workers(
            schemas, [(i, records[i]) for i, _ in todo], count
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


def _init_worker(schemas: dict[str, KindSchema], language: str) -> None:
    """One checker per worker process, speaking the parent's language (a spawned worker starts in French)."""
    global _WORKER_CHECKER  # noqa: PLW0603 - one checker per worker process
    i18n.use(language)
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
) -> Iterable[tuple[int, str | None, FileResult]]:
    """Check ``jobs`` in the worker pool; results as they arrive."""
    plain = [(index, record.kind.name, record.fspath, record.relpath) for index, record in jobs]
    records = dict(jobs)
    for batch in in_workers(
        _work, plain, workers, initializer=_init_worker, initargs=(schemas, i18n.current()), ordered=False
    ):
        for index, key, data, problems in batch:
            record = records[index]
            yield index, key, FileResult(record.relpath, record.kind.name, record.stem, data, list(problems))
