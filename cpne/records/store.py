"""The one reader of a register's data folders: listing record files, reading and parsing them.

Validation, the record commands, queries, exports, ``fmt`` and ``renumber`` all list and
read records through here. Listing only says what is there: files that are not records
come back as :class:`Stray` values, and the validation layer decides what they are worth.
Parsing many files uses the worker pool of :mod:`cpne.records.bulk`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from cpne.kinds import KIND_BY_FOLDER, KINDS
from cpne.kinds.spec import Kind
from cpne.records.bulk import Parsed, parse_files
from cpne.records.loader import LoadError, decode, parse_text
from cpne.repo import DataRepo

RECORD_SUFFIX = ".yaml"


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
    def listed(cls, kind: Kind, fspath: str, relpath: str, stem: str) -> RecordFile:
        """A RecordFile from a directory listing (no checks, no conversions: listings are long)."""
        record = cls.__new__(cls)
        record.kind, record.fspath, record.relpath, record.stem, record._path = kind, fspath, relpath, stem, None
        return record

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = Path(self.fspath)
        return self._path

    def read_bytes(self) -> bytes:
        with open(self.fspath, "rb") as handle:
            return handle.read()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RecordFile):
            return NotImplemented
        return (self.kind, self.fspath, self.relpath) == (other.kind, other.fspath, other.relpath)

    def __hash__(self) -> int:
        return hash((self.kind.name, self.fspath, self.relpath))

    def __repr__(self) -> str:
        return f"RecordFile(kind={self.kind.name!r}, path={self.fspath!r}, relpath={self.relpath!r})"


@dataclass(frozen=True)
class Stray:
    """Something in ``data/`` that is not a record: a stray file or folder, or a record file misnamed."""

    relpath: str
    reason: str  # "not-a-record-folder" | "not-a-record" | "yml-suffix"


@dataclass
class Listing:
    """The record files of every kind (each list sorted by name), and what else was found."""

    files: dict[str, list[RecordFile]] = field(default_factory=lambda: {name: [] for name in KINDS})
    strays: list[Stray] = field(default_factory=list)

    def of(self, kinds: Sequence[str]) -> list[RecordFile]:
        return [f for name in kinds for f in self.files[name]]


def listing(repo: DataRepo) -> Listing:
    """Every ``.yaml`` file of every kind's folder, sorted, and the strays beside them."""
    found = Listing()
    try:
        top = sorted(os.scandir(repo.root / "data"), key=attrgetter("name"))
    except FileNotFoundError:
        return found
    for entry in top:
        if entry.name.startswith("."):
            continue
        kind = KIND_BY_FOLDER.get(entry.name)
        if kind is None or not entry.is_dir():
            found.strays.append(Stray(f"data/{entry.name}", "not-a-record-folder"))
            continue
        prefix = f"data/{entry.name}/"
        append = found.files[kind.name].append
        for item in sorted(os.scandir(entry.path), key=attrgetter("name")):
            name = item.name
            if name.startswith("."):
                continue
            if name.endswith(RECORD_SUFFIX) and item.is_file():
                append(RecordFile.listed(kind, item.path, prefix + name, name[: -len(RECORD_SUFFIX)]))
            else:
                found.strays.append(Stray(prefix + name, "yml-suffix" if name.endswith(".yml") else "not-a-record"))
    return found


def ids(repo: DataRepo, kind: Kind) -> list[str]:
    """Ids of the kind's records in the work tree (file stems), sorted: one directory listing, no parsing."""
    try:
        names = os.listdir(repo.kind_dir(kind))
    except FileNotFoundError:
        return []
    return sorted(n[: -len(RECORD_SUFFIX)] for n in names if n.endswith(RECORD_SUFFIX) and not n.startswith("."))


def record_file(repo: DataRepo, kind: Kind, record_id: str) -> RecordFile:
    """The file of ``kind``'s record ``record_id`` (the id is checked against its pattern first)."""
    path = repo.record_path(kind, record_id)
    return RecordFile(kind, path, f"{kind.data_dir}/{record_id}{RECORD_SUFFIX}")


def parse(files: Sequence[RecordFile], workers: int | None = None) -> list[Parsed]:
    """Parse every file; results in the same order (worker processes for many files)."""
    return parse_files([f.fspath for f in files], workers)


@dataclass
class Records:
    """The records of a kind that could be read, and the files that could not (path, reason)."""

    records: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def _unchecked(repo: DataRepo, kind: Kind, stem: str) -> RecordFile:
    """The file named ``stem`` in the kind's folder, whatever its name (validation reports bad names)."""
    return RecordFile(kind, repo.kind_dir(kind) / f"{stem}{RECORD_SUFFIX}", f"{kind.data_dir}/{stem}{RECORD_SUFFIX}")


def records(repo: DataRepo, kind: Kind) -> Records:
    """Every readable record of ``kind``, in id order."""
    out = Records()
    files = [_unchecked(repo, kind, stem) for stem in ids(repo, kind)]
    for file, (data, error) in zip(files, parse(files), strict=True):
        if data is not None:
            out.records.append(data)
        elif error is not None:
            code, message, line, _ = error
            out.skipped.append((file.relpath, message if code == "unreadable" else f"line {line}: {message}"))
    return out


def containing(repo: DataRepo, kind: Kind, text: str) -> Iterator[tuple[RecordFile, bytes, dict[str, Any] | None]]:
    """The files of ``kind`` whose bytes contain ``text`` (a byte search: only those are parsed).

    Yields (file, bytes, data); data is None when the file cannot be parsed.
    """
    needle = text.encode("utf-8")
    for stem in ids(repo, kind):
        file = _unchecked(repo, kind, stem)
        try:
            raw = file.read_bytes()
        except OSError:
            continue  # validation reports unreadable records
        if needle not in raw:
            continue
        try:
            yield file, raw, parse_text(decode(raw))
        except LoadError:
            yield file, raw, None
