"""Checks across records: unique ids and numbers, references, and each kind's own (``Kind.cross``).

Works from the ids present in the repository (file names) and the parsed
records at hand, so that checking a few records still resolves their
references against the whole register.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from difflib import get_close_matches
from typing import Any

from cpne.errors import CpneError
from cpne.i18n import _
from cpne.kinds import KINDS
from cpne.records.loader import locate, read_regular
from cpne.records.text import excerpt
from cpne.repo import DataRepo
from cpne.validation.files import FileResult
from cpne.validation.problems import ERROR, WARNING, Problem, json_pointer
from cpne.validation.wording import either
from cpne.words import agreeing, gender, noun


@dataclass(frozen=True)
class CrossIssue:
    """A cross-record problem in one file, at a pointer."""

    path: str
    record_id: str
    pointer: tuple[str | int, ...]
    code: str
    message: str
    warning: bool = False


def kept() -> frozenset[str]:
    """The kinds whose records cross-record checks read: indexed ones, and those some kind ``reads``."""
    read = {k for kind in KINDS.values() for k in kind.reads}
    return frozenset({name for name, kind in KINDS.items() if kind.indexed} | read)


def deferred() -> frozenset[str]:
    """The kinds whose checks read records of kinds that are not indexed: checked once those are all at hand."""
    return frozenset(name for name, kind in KINDS.items() if any(not KINDS[k].indexed for k in kind.reads))


@dataclass
class CrossIndex:
    """What cross-record checks need: every id by kind, and the records of indexed kinds (partners, …).

    ``deleted``: ids of records deleted since a base (``validate --base``), and that base: a
    reference to one of them says so. ``quorum``: the register's setting. ``load``: reads a record
    of a kind that other kinds' checks read (``Kind.reads``) and that is not at hand yet.
    """

    ids: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in KINDS})
    indexed: dict[str, dict[str, FileResult]] = field(default_factory=lambda: {k: {} for k in KINDS})
    deleted: dict[str, str] = field(default_factory=dict)
    quorum: int | None = None
    load: Callable[[str, str], Mapping[str, Any] | None] | None = None
    loaded: dict[tuple[str, str], Mapping[str, Any] | None] = field(default_factory=dict)
    kept: frozenset[str] = field(default_factory=kept)

    def add(self, result: FileResult) -> None:
        """Keep a record of an indexed kind, or of a kind others read (one whose file name matches its id)."""
        if result.data is not None and result.kind in self.kept and result.record_id == result.stem:
            self.indexed[result.kind][result.record_id] = result

    def get(self, kind: str, record_id: str) -> Mapping[str, Any] | None:
        found = self.indexed[kind].get(record_id)
        if found is not None:
            return found.data
        if self.load is None or KINDS[kind].indexed or record_id not in self.ids[kind]:
            return None
        key = (kind, record_id)
        if key not in self.loaded:
            self.loaded[key] = self.load(kind, record_id)
        return self.loaded[key]


def quorum_of(repo: DataRepo) -> int | None:
    """The register's quorum; None when ``cpne.yaml`` cannot say (validation reports its own problem)."""
    try:
        return repo.settings().quorum
    except CpneError:
        return None


def loader(repo: DataRepo) -> Callable[[str, str], Mapping[str, Any] | None]:
    """Reads one record for a cross-record check; None when it cannot be read (its own check says why)."""
    from cpne.records.loader import LoadError, read_record

    def load(kind: str, record_id: str) -> Mapping[str, Any] | None:
        try:
            return read_record(repo.record_path(KINDS[kind], record_id)).data
        except (OSError, LoadError, CpneError):
            return None

    return load


def _unknown(value: str, targets: tuple[str, ...], register: CrossIndex) -> tuple[str, str]:
    """The code and message of a reference to no record: ``unknown theme 'usage' (did you mean 'usages'?)``."""
    # the words agree with the nouns: with one masculine noun among them, in the masculine
    key = next((t for t in targets if gender(t) == "masculine"), targets[0])
    names = either([noun(t) for t in targets])
    shown = excerpt(value)
    base = register.deleted.get(value)
    if base is not None:
        message = agreeing(key, "unknown {noun} '{value}': it was deleted since {ref}")
        return "deleted-ref", message.format(noun=names, value=shown, ref=base)
    known = sorted(set().union(*(register.ids[t] for t in targets)))
    close = get_close_matches(value, known, n=1)
    if close:
        message = agreeing(key, "unknown {noun} '{value}' (did you mean '{close}'?)")
        return "unknown-ref", message.format(noun=names, value=shown, close=close[0])
    if not known:
        message = agreeing(key, "unknown {noun} '{value}' (there is none yet)")
        return "unknown-ref", message.format(noun=names, value=shown)
    if len(known) <= 12:
        message = agreeing(key, "unknown {noun} '{value}' (known: {known})")
        return "unknown-ref", message.format(noun=names, value=shown, known=", ".join(known))
    return "unknown-ref", agreeing(key, "unknown {noun} '{value}'").format(noun=names, value=shown)


def cross_checks(results: list[FileResult], register: CrossIndex) -> list[CrossIssue]:
    """Every cross-record problem of the records in ``results``."""
    checker = RecordChecks(register)
    out = register_checks(results, register)
    for result in results:
        out.extend(checker.of(result))
    return out


def register_checks(results: list[FileResult], register: CrossIndex) -> list[CrossIssue]:
    """The checks that need every record at once: ids used twice, theme numbers used twice."""
    out: list[CrossIssue] = []
    by_id: dict[tuple[str, str], list[FileResult]] = defaultdict(list)
    for result in results:
        if result.data is not None:
            by_id[(result.kind, result.record_id)].append(result)
    for (kind, record_id), group in by_id.items():
        if len(group) > 1:
            message = _("the id '{id}' ({noun}) is used by {paths}").format(
                id=excerpt(record_id), noun=noun(kind), paths=", ".join(r.path for r in group)
            )
            for result in group:
                out.append(CrossIssue(result.path, record_id, ("id",), "duplicate-id", message))
    out.extend(_unique_numbers(register))
    return out


class RecordChecks:
    """The cross-record checks of one record at a time (references, membership, versions).

    Needs the register's ids and its partners and referentials; :func:`cross_checks`
    adds the checks that need every record (duplicate ids, theme numbers).
    """

    def __init__(self, register: CrossIndex) -> None:
        self.register = register
        self.known: dict[tuple[str, ...], set[str]] = {}

    def of(self, result: FileResult) -> list[CrossIssue]:
        register = self.register
        data = result.data
        if data is None or any(p.is_error and p.code in ("schema", "wrong-folder") for p in result.problems):
            return []
        out: list[CrossIssue] = []
        for ref in KINDS[result.kind].references:
            targets = self.known.get(ref.targets)
            if targets is None:
                targets = self.known[ref.targets] = set().union(*(register.ids[t] for t in ref.targets))
            if all(value in targets for value in ref.values(data)):
                continue  # the common case, without building pointers
            for pointer, value in ref.find(data):
                if not any(value in register.ids[t] for t in ref.targets):
                    code, message = _unknown(value, ref.targets, register)
                    out.append(CrossIssue(result.path, result.record_id, pointer, code, message))
        cross = KINDS[result.kind].cross
        if cross is not None:
            for issue in cross(data, register):
                out.append(
                    CrossIssue(result.path, result.record_id, issue.pointer, issue.code, issue.message, issue.warning)
                )
        return out


def _unique_numbers(register: CrossIndex) -> Iterator[CrossIssue]:
    """A kind's ``numbered`` field (a theme's number) is used once."""
    for name, kind in KINDS.items():
        if kind.numbered is None:
            continue
        by_number: dict[int, list[FileResult]] = defaultdict(list)
        for result in register.indexed[name].values():
            number = result.data.get(kind.numbered) if result.data else None
            if isinstance(number, int):
                by_number[number].append(result)
        for number, group in sorted(by_number.items()):
            if len(group) > 1:
                message = _("{field} {number} is used by several {nouns}: {ids}").format(
                    field=kind.numbered,
                    number=number,
                    nouns=noun(name, plural=True),
                    ids=", ".join(sorted(r.record_id for r in group)),
                )
                for result in group:
                    yield CrossIssue(
                        result.path, result.record_id, (kind.numbered,), f"duplicate-{kind.numbered}", message
                    )


def to_problems(repo: DataRepo, issues: list[CrossIssue], texts: dict[str, str] | None = None) -> list[Problem]:
    """The issues as problems, each at the line of its pointer (``texts``: files' texts already at hand)."""
    texts = dict(texts or {})
    out = []
    for issue in issues:
        if issue.path not in texts:
            try:
                texts[issue.path] = read_regular(repo.root / issue.path).decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):  # changed since it was checked: the issue stays, at 1:1
                texts[issue.path] = ""
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
