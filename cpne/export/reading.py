"""Reading the register for exports: every record of the kinds asked for, strictly, once each, sorted by id.

A file that cannot be read, or a record without a text ``id``, stops the export with
one message naming the file and the line, and the hint to run ``cpne validate``
(which reports every problem, not the first).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cpne.errors import RecordError, os_reason
from cpne.i18n import N_, _
from cpne.kinds import KINDS, Kind
from cpne.repo import DataRepo

if TYPE_CHECKING:
    from cpne.records.store import RecordFile

VALIDATE_HINT = N_("run `cpne validate` to see every problem in the register")  # shown as _(VALIDATE_HINT)


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record as read from its file."""

    kind: str
    relpath: str
    data: dict[str, Any]

    @property
    def id(self) -> str:
        value: str = self.data["id"]
        return value


@dataclass
class RawRegister:
    """The records of a repository by kind, each list sorted by id."""

    repo: DataRepo
    records: dict[str, list[RawRecord]] = field(default_factory=lambda: {name: [] for name in KINDS})


def _checked(repo: DataRepo, record: RawRecord) -> RawRecord:
    """``record``, once its ``id`` is known to be text."""
    if not isinstance(record.data.get("id"), str):
        from cpne.export.fields import Fields

        raise Fields(repo, record).fail(("id",), N_("field '{field}' must be text (the record's id)"))
    return record


def read_one(repo: DataRepo, kind: Kind, path: Path, relpath: str | None = None) -> RawRecord:
    """Read one record strictly; a failure becomes a RecordError naming the file and line."""
    from cpne.records.loader import LoadError, read_record

    relpath = relpath or repo.relative(path)
    try:
        loaded = read_record(path)
    except LoadError as exc:
        raise RecordError(exc.message, path=relpath, line=exc.line, hint=_(VALIDATE_HINT)) from None
    except OSError as exc:
        message = _("cannot read: {reason}").format(reason=os_reason(exc))
        raise RecordError(message, path=relpath, hint=_(VALIDATE_HINT)) from None
    return _checked(repo, RawRecord(kind.name, relpath, loaded.data))


def load_register(repo: DataRepo, kinds: Iterable[str] | None = None, *, naming: str | None = None) -> RawRegister:
    """Every record of ``kinds`` (None: every kind), read once (in worker processes for large registers), by id.

    ``naming``: only the files that hold this text (the actions of one text: a cheap filter before parsing).
    """
    from cpne.records import store

    kinds = tuple(KINDS) if kinds is None else tuple(kinds)
    chosen = store.listing(repo).of(kinds)
    if naming is not None:
        chosen = [file for file in chosen if _holds(file, naming.encode("utf-8"))]
    register = RawRegister(repo)
    for file, (data, error) in zip(chosen, store.parse(chosen), strict=True):
        if error is not None or data is None:
            code, message, line, _column = error or ("empty", _("empty file"), 1, 1)
            raise RecordError(
                message, path=file.relpath, line=line if code != "unreadable" else None, hint=_(VALIDATE_HINT)
            )
        register.records[file.kind.name].append(_checked(repo, RawRecord(file.kind.name, file.relpath, data)))
    for name in kinds:
        register.records[name].sort(key=lambda r: r.id)
    return register


def _holds(file: RecordFile, text: bytes) -> bool:
    """Whether the file holds ``text``; an unreadable one is kept, for the parse to report it."""
    try:
        return text in file.read_bytes()
    except OSError:
        return True


__all__ = ["VALIDATE_HINT", "RawRecord", "RawRegister", "load_register", "read_one"]
