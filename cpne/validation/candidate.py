"""The check before every write: a record as it would be written, against the whole register.

Only the record itself and the indexed kinds (partners, themes, referentials: what
cross-record checks read) are parsed; every other record counts by its id (a file name)."""

from __future__ import annotations

from cpne.kinds import KINDS
from cpne.kinds.spec import Kind
from cpne.records import store
from cpne.repo import DataRepo
from cpne.validation.checking import check_files, prepare
from cpne.validation.cross import CrossIndex, cross_checks, loader, quorum_of, to_problems
from cpne.validation.files import FileChecker
from cpne.validation.problems import Problem


def validate_candidate(repo: DataRepo, kind: Kind, record_id: str, text: str) -> list[Problem]:
    """Problems the record would have if ``text`` were written as ``kind``'s record ``record_id``.

    The record is checked on its own and against the whole register as it would then be
    (its own id counted as present). Returns errors and warnings of that record only
    (:func:`cpne.ops.records.check_readers` checks the records whose checks read it).
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
    return sorted(problems)
