"""The check before every write: a record as it would be written, against the whole register.

Only the record itself and the indexed kinds (partners, themes, referentials: what
cross-record checks read) are parsed; every other record counts by its id (a file name).
When other kinds' checks read the record (a meeting, read by the opinions it adopted), the
records that name it are checked too: a change that would break one of them is refused.
"""

from __future__ import annotations

from cpne.kinds import KINDS
from cpne.kinds.spec import Kind
from cpne.records import store
from cpne.repo import DataRepo
from cpne.validation.checking import check_files, prepare
from cpne.validation.cross import CrossIndex, CrossIssue, RecordChecks, cross_checks, loader, quorum_of, to_problems
from cpne.validation.files import FileChecker
from cpne.validation.problems import Problem


def validate_candidate(repo: DataRepo, kind: Kind, record_id: str, text: str) -> list[Problem]:
    """Problems the record would have if ``text`` were written as ``kind``'s record ``record_id``.

    The record is checked on its own and against the whole register as it would then be
    (its own id counted as present). Returns errors and warnings of that record, and the
    errors the change would cause in records whose checks read it.
    """
    problems: list[Problem] = []
    schemas, _ = prepare(repo, problems, keep_cache=False)
    if problems:
        return problems
    files = store.listing(repo).files
    path = repo.record_path(kind, record_id)
    relpath = f"{kind.data_dir}/{record_id}.yaml"
    checker = FileChecker(schemas)
    index = CrossIndex(quorum=quorum_of(repo), load=loader(repo))
    for name, group in files.items():
        index.ids[name] = {f.stem for f in group}
    index.ids[kind.name].add(record_id)
    indexed = [f for other in KINDS.values() if other.indexed for f in files[other.name] if f.path != path]
    results = check_files(checker, indexed)
    candidate = checker.check_bytes(relpath, kind, text.encode("utf-8"))
    results.append(candidate)
    for result in results:
        index.add(result)
    problems = list(candidate.problems)
    mine = [issue for issue in cross_checks(results, index) if issue.path == relpath]
    problems.extend(to_problems(repo, mine, {relpath: text}))
    if not any(p.is_error for p in problems):
        problems.extend(to_problems(repo, _broken_readers(repo, kind, record_id, checker, index)))
    return sorted(problems)


def _broken_readers(
    repo: DataRepo, kind: Kind, record_id: str, checker: FileChecker, index: CrossIndex
) -> list[CrossIssue]:
    """The errors the new record would cause in records whose checks read it, and that they do not have now."""
    readers = [other for other in KINDS.values() if kind.name in other.reads]
    if not readers:
        return []
    before = CrossIndex(ids=index.ids, indexed={k: dict(v) for k, v in index.indexed.items()}, quorum=index.quorum)
    before.load = index.load
    before.indexed[kind.name].pop(record_id, None)  # the record as it is on disk, if it is
    now, then = RecordChecks(index), RecordChecks(before)
    out: list[CrossIssue] = []
    for reader in readers:
        for file, raw, data in store.containing(repo, reader, record_id):
            if data is None:
                continue  # unreadable: its own validation says why
            result = checker.check_bytes(file.relpath, reader, raw)
            known = {(i.pointer, i.code, i.message) for i in then.of(result)}
            out.extend(i for i in now.of(result) if not i.warning and (i.pointer, i.code, i.message) not in known)
    return out
