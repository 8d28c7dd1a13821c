"""A data repository opened for the record commands: reading records, and the one write pipeline.

Every change goes through :meth:`Workspace.write_record` (or :meth:`Workspace.apply` for
several files), which keeps DESIGN.md's rules: the record is rendered in canonical
form and validated against the whole register before anything is written; files are
written atomically; only the touched paths are committed, through the git binary; if
the commit fails every file is put back byte for byte. Callers hold the lock
(:meth:`Workspace.writing`) and check that the records they touch have no
uncommitted changes (:meth:`Workspace.ensure_clean`) before reading them.
"""

from __future__ import annotations

import contextlib
import copy
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from cpne import words
from cpne.errors import CpneError, InvalidRecord, RecordError, UsageError
from cpne.git import GitRepo
from cpne.i18n import _
from cpne.kinds import Kind
from cpne.kinds.spec import Field
from cpne.ops.journal import Journal, Repaired, recover, remove_dead_edits
from cpne.ops.lock import Holder, RepoLock
from cpne.records import store
from cpne.records.loader import LoadError, decode, parse_text
from cpne.records.writer import dump, schema_order, write_atomic, write_atomic_bytes
from cpne.repo import DataRepo
from cpne.validation.problems import Problem

# fields that received a value on the command line, with that value
Given = tuple[tuple[Field, Any], ...]
AUTHOR_RE = re.compile(r"^[^<>\n]+ <[^<>\n]*>$")


@dataclass(frozen=True)
class WriteOptions:
    """How a command writes: ``--dry-run``, ``--no-commit``, ``--author``; how long it waits for the lock."""

    dry_run: bool = False
    commit: bool = True
    author: str | None = None
    wait: float = 0.0
    command: str = "cpne"
    on_wait: Callable[[Holder], None] | None = None
    on_recover: Callable[[Holder | None], None] | None = None
    on_repair: Callable[[Repaired], None] | None = None  # an interrupted change was finished or undone

    def __post_init__(self) -> None:
        if self.author is not None and not AUTHOR_RE.match(self.author):
            raise UsageError(_("--author: '{value}' is not of the form 'Name <mail>'").format(value=self.author))


@dataclass(frozen=True)
class Loaded:
    """A record read from disk: its bytes (to put back), text and data."""

    kind: Kind
    record_id: str
    path: Path
    raw: bytes
    text: str
    data: dict[str, Any]


@dataclass(frozen=True)
class Outcome:
    """What a write did (or, with ``--dry-run``, would do)."""

    kind: Kind
    record_id: str
    relpath: str
    text: str
    data: dict[str, Any]
    verb: str
    commit: str | None = None
    changed: bool = True
    dry_run: bool = False
    warnings: list[Problem] = field(default_factory=list)

    @property
    def subject(self) -> str:
        """What was done, said to the user in the language (« avis OP-2026-001 : créé »); not the commit's subject."""
        return summary(self.kind, self.record_id, self.data, self.verb)


@dataclass(frozen=True)
class FileChange:
    """One file to write; ``old`` is its previous bytes (None when it is new)."""

    path: Path
    text: str
    old: bytes | None


def summary(kind: Kind, record_id: str, data: Mapping[str, Any], verb: str) -> str:
    """A write said to the user, agreeing with the record's noun: « recommandation OP-2026-002 : créée ».

    ``verb`` is the commit's (``new``, ``update``, ``edit``, ``OLD -> NEW``, a shortcut's or an
    addition's name); statuses are named as typed, with their label beside them.
    """
    key = kind.noun_key(data)
    noun = words.noun(key)
    if verb == "new":
        return words.agreeing(key, "{noun} {id}: created").format(noun=noun, id=record_id)
    if verb == "update":
        return words.agreeing(key, "{noun} {id}: updated").format(noun=noun, id=record_id)
    if verb == "edit":
        return words.agreeing(key, "{noun} {id}: edited").format(noun=noun, id=record_id)
    old, arrow, new = verb.partition(" -> ")
    if arrow:
        return words.agreeing(key, "{noun} {id}: {old} -> {new}").format(
            noun=noun, id=record_id, old=status_label(kind, key, old), new=status_label(kind, key, new)
        )
    return words.agreeing(key, "{noun} {id}: updated ({command})").format(noun=noun, id=record_id, command=verb)


def status_label(kind: Kind, key: str, status: str) -> str:
    """A status as typed, its label beside it (the form agreeing with the noun ``key``, where the catalog has one)."""
    feminine = words.gender(key) == "feminine"
    variant = "feminine" if feminine and "feminine" in words.ENUM_VARIANTS.get(f"{kind.name}.status", ()) else ""
    return words.with_label(kind.name, "status", status, variant)


def title_of(data: dict[str, Any]) -> str:
    for key in ("title", "name"):
        value = data.get(key)
        if isinstance(value, str) and value:
            return value
    return ""


class Workspace:
    """A data repository, its git work tree (opened on first use) and its kinds' field orders."""

    def __init__(self, repo: DataRepo) -> None:
        self.repo = repo
        self._git: GitRepo | None = None
        self._orders: dict[str, dict[str, Any]] = {}

    # -- reading -----------------------------------------------------------------------

    @property
    def git(self) -> GitRepo:
        if self._git is None:
            self._git = GitRepo.open(self.repo.root)
        return self._git

    def resolve(self, kind: Kind, record_id: str) -> str:
        """The id as the record's file has it, typed in any case (``MEN``: ``men``); checked like :meth:`path`."""
        record_id = kind.normalize_id(record_id)
        self.path(kind, record_id)
        return record_id

    def path(self, kind: Kind, record_id: str) -> Path:
        """The record's path (the id typed in any case); the id is checked against its pattern first (UsageError),
        and the folders holding it are checked not to lead outside the repository (the store's rule)."""
        return store.record_file(self.repo, kind, kind.normalize_id(record_id)).path

    def relpath(self, kind: Kind, record_id: str) -> str:
        return f"{kind.data_dir}/{kind.normalize_id(record_id)}.yaml"

    def ids(self, kind: Kind) -> list[str]:
        """Ids of the kind's records in the work tree (file stems), sorted."""
        return store.ids(self.repo, kind)

    def read(self, kind: Kind, record_id: str) -> Loaded:
        """Read and parse a record (its id typed in any case); a missing or unreadable one is a RecordError naming
        the file."""
        record_id = kind.normalize_id(record_id)
        file = store.record_file(self.repo, kind, record_id)
        path, relpath = file.path, file.relpath
        try:
            raw = file.read_bytes()
        except FileNotFoundError:
            close = get_close_matches(record_id, self.ids(kind), n=1)
            if close:
                hint = _("did you mean '{id}'?").format(id=close[0])
            else:
                hint = _("`cpne {kind} list` shows them").format(kind=kind.name)
            message = words.agreeing(kind.name, "no {noun} '{id}' ({path} does not exist)")
            raise RecordError(
                message.format(noun=words.noun(kind.name), id=record_id, path=relpath), hint=hint
            ) from None
        except OSError as exc:
            raise RecordError(_("cannot read: {error}").format(error=exc.strerror), path=relpath) from None
        try:
            text = decode(raw)
            data = parse_text(text)
        except LoadError as exc:
            raise RecordError(
                exc.message, path=relpath, line=exc.line, hint=_("run `cpne validate` for details")
            ) from None
        return Loaded(kind, record_id, path, raw, text, data)

    def order(self, kind: Kind) -> dict[str, Any]:
        """The kind's field order, from the repository's schema."""
        if kind.name not in self._orders:
            from cpne.validation.schemas import SchemaProblem, load_schema

            try:
                schema = load_schema(self.repo.schemas_dir / kind.schema_file)
            except SchemaProblem as exc:
                raise CpneError(exc.message, path=self.repo.relative(exc.path), line=exc.line) from None
            self._orders[kind.name] = schema_order(schema)
        return self._orders[kind.name]

    def dump(self, kind: Kind, data: dict[str, Any]) -> str:
        return dump(data, self.order(kind))

    # -- checking ----------------------------------------------------------------------

    def check(
        self,
        kind: Kind,
        record_id: str,
        text: str,
        *,
        given: Given = (),
        written: bool = True,
        data: Mapping[str, Any] | None = None,
    ) -> list[Problem]:
        """Validate ``text`` (``data``, when known, names it) as the record ``record_id`` against the whole register.

        Raises InvalidRecord (carrying every problem) when there is an error; returns the warnings.
        A problem with a value given on the command line (``given``: fields and their values)
        names the option and the value, not a line of a file that was never written; so does
        every problem of a record not yet ``written``.
        """
        from cpne.validation.candidate import validate_candidate

        problems = validate_candidate(self.repo, kind, record_id, text)
        errors = [p for p in problems if p.is_error]
        if errors:
            carried: list[object] = list(problems)
            details = [_detail(p, given, written) for p in problems]
            message = _("{noun} {id} would not be valid; nothing was written").format(
                noun=words.noun(kind.noun_key(data)), id=record_id
            )
            raise InvalidRecord(message, carried, details=details)
        return problems

    def ensure_clean(self, paths: Sequence[Path]) -> None:
        """Refuse to touch records that have uncommitted changes (staged, unstaged or untracked)."""
        lines = self.git.status(paths)
        if lines:
            files = ", ".join(line[3:] for line in lines)
            raise CpneError(
                _("uncommitted changes in {files}: cpne does not touch a record you are changing").format(files=files),
                hint=_("commit them (or `git stash` them) first, or discard them with `git restore -- FILE`"),
            )

    # -- writing -----------------------------------------------------------------------

    @contextlib.contextmanager
    def writing(self, options: WriteOptions) -> Iterator[None]:
        """Hold the repository lock for a write (nothing to lock for a dry run)."""
        if options.dry_run:
            yield
            return
        with RepoLock(
            self.git.common_dir,
            options.command,
            wait=options.wait,
            on_wait=options.on_wait,
            on_recover=options.on_recover,
        ):
            remove_dead_edits(self.git)
            repaired = recover(self.git)
            if repaired is not None and options.on_repair is not None:
                options.on_repair(repaired)
            yield

    def write_record(
        self,
        kind: Kind,
        record_id: str,
        data: dict[str, Any],
        *,
        verb: str,
        options: WriteOptions,
        old: Loaded | None,
        given: Given = (),
    ) -> Outcome:
        """Render, validate, write and commit one record (the caller holds the lock)."""
        text = self.dump(kind, data)
        relpath = self.relpath(kind, record_id)
        if old is not None and data == old.data:
            return Outcome(kind, record_id, relpath, old.text, data, verb, changed=False, dry_run=options.dry_run)
        warnings = self.check(kind, record_id, text, given=given, written=old is not None, data=data)
        if options.dry_run:
            return Outcome(kind, record_id, relpath, text, data, verb, dry_run=True, warnings=warnings)
        path = self.path(kind, record_id)
        commit = self.apply(
            [FileChange(path, text, old.raw if old is not None else None)],
            f"{kind.name} {record_id}: {verb}",
            title_of(data),
            options,
        )
        return Outcome(kind, record_id, relpath, text, data, verb, commit=commit, warnings=warnings)

    def apply(
        self,
        changes: Sequence[FileChange],
        subject: str,
        body: str,
        options: WriteOptions,
        *,
        removed: Sequence[FileChange] = (),
        before_commit: Callable[[], None] | None = None,
    ) -> str | None:
        """Write ``changes`` atomically, delete ``removed``, and commit them all (unless ``--no-commit``).

        A journal (:mod:`cpne.ops.journal`) holds the files' old bytes meanwhile: on any
        failure, including a refused commit, every file is put back as it was and the error
        goes on; if the process is killed, the next command that writes puts them back.
        """
        done: list[FileChange] = []
        planned = [(c.path, c.old, c.text.encode("utf-8")) for c in changes]
        with Journal(self.git, [*planned, *((g.path, g.old, None) for g in removed)]):
            try:
                for change in changes:
                    self._write(change)
                    done.append(change)
                for gone in removed:
                    done.append(gone)
                    gone.path.unlink()
                if before_commit is not None:
                    before_commit()
                if not options.commit:
                    return None
                return self.git.commit_paths(
                    [c.path for c in changes], subject, body, author=options.author, removed=[g.path for g in removed]
                )
            except BaseException:
                for change in reversed(done):
                    if change.old is None:
                        change.path.unlink(missing_ok=True)
                    else:
                        write_atomic_bytes(change.path, change.old)
                # the touched records had no uncommitted changes: their index entries go back to HEAD's
                self.git.reset_paths([c.path for c in (*changes, *removed)])
                raise

    def _write(self, change: FileChange) -> None:
        try:
            write_atomic(change.path, change.text)
        except OSError as exc:
            raise CpneError(
                _("cannot write {path}: {error}; nothing was changed").format(
                    path=self.repo.relative(change.path), error=exc.strerror or exc
                )
            ) from None


def given_values(fields: Sequence[Field], values: Mapping[str, Any]) -> Given:
    """The fields that received a value on the command line, with that value."""
    from cpne.ops.fields import given

    return tuple((item, values[item.key]) for item in fields if given(values.get(item.key)))


def _detail(problem: Problem, given: Given, written: bool) -> str:
    """One problem as the user should read it: about an option and its value, or at a place in the file."""
    parts = problem.pointer.split("/")[1:] if problem.pointer else []
    for item, value in given:
        depth = len(item.path)
        if tuple(parts[:depth]) == item.path:
            shown = value
            if isinstance(value, (list, tuple)):
                index = parts[depth] if len(parts) > depth and parts[depth].isdigit() else None
                shown = (
                    value[int(index)] if index is not None and int(index) < len(value) else ", ".join(map(str, value))
                )
            return _("{option} '{value}': {code} {message}").format(
                option=item.option, value=shown, code=problem.code, message=problem.message
            )
    if not written:
        return f"{problem.code} {problem.message}"
    return f"{problem.path}:{problem.line}:{problem.column}: {problem.code} {problem.message}"


def deep(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of a record to change."""
    return copy.deepcopy(data)
