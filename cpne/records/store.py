"""The one reader of a register's data folders: listing record files, reading and parsing them.

Validation, the record commands, queries, exports, ``fmt`` and ``renumber`` all list and
read records through here. Listing only says what is there: files that are not records
come back as :class:`Stray` values, and the validation layer decides what they are worth.
Parsing many files uses the worker pool of :mod:`cpne.records.bulk`.

Records are regular files inside the repository. Listing never follows a symbolic link
and never opens anything: links, FIFOs, sockets and devices are strays
(``not-a-regular-file``). Every read goes through :func:`~cpne.records.loader.read_regular`
(no link followed, no waiting on a FIFO). ``data/`` or a kind's folder that leads outside
the repository is refused (:class:`~cpne.errors.RecordError` naming it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from cpne.errors import RecordError
from cpne.i18n import _
from cpne.kinds import KIND_BY_FOLDER, KINDS
from cpne.kinds.spec import Kind
from cpne.records.bulk import Parsed, parse_files
from cpne.records.loader import LoadError, decode, file_type, parse_text, read_regular
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
        """The bytes; OSError if unreadable or no regular file (links not followed, FIFOs not waited on)."""
        return read_regular(self.fspath)

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
    reason: str  # "not-a-record-folder" | "not-a-record" | "yml-suffix" | "not-a-regular-file"
    what: str = field(default="", compare=False)  # for "not-a-regular-file": "a symbolic link", "a FIFO"...


@dataclass
class Listing:
    """The record files of every kind (each list sorted by name), and what else was found."""

    files: dict[str, list[RecordFile]] = field(default_factory=lambda: {name: [] for name in KINDS})
    strays: list[Stray] = field(default_factory=list)

    def of(self, kinds: Sequence[str]) -> list[RecordFile]:
        return [f for name in kinds for f in self.files[name]]


def _inside(repo: DataRepo, relpath: str) -> None:
    """Refuse ``relpath`` (``data`` or a kind's folder) when it is a link leading outside the repository."""
    path = repo.root / relpath
    if not os.path.islink(path):
        return
    target = os.path.realpath(path)
    root = os.path.realpath(repo.root)
    if os.path.commonpath([root, target]) != root:
        raise RecordError(
            _(
                "a symbolic link to a folder outside the repository ({target}); records must be inside the repository"
            ).format(target=target),
            path=relpath,
            hint=_("replace the link by the folder itself"),
        )


def _kind_dir(repo: DataRepo, kind: Kind) -> str:
    """The kind's folder, once ``data/`` and it are known not to lead outside the repository."""
    _inside(repo, "data")
    _inside(repo, kind.data_dir)
    return os.fspath(repo.kind_dir(kind))


def _special(entry: os.DirEntry[str]) -> str | None:
    """What ``entry`` is when it is neither a regular file nor a folder (links not followed), else None."""
    if entry.is_file(follow_symlinks=False) or entry.is_dir(follow_symlinks=False):
        return None
    return file_type(entry.stat(follow_symlinks=False).st_mode)


def listing(repo: DataRepo) -> Listing:
    """Every ``.yaml`` file of every kind's folder, sorted, and the strays beside them (nothing is opened)."""
    found = Listing()
    _inside(repo, "data")
    try:
        top = sorted(os.scandir(repo.root / "data"), key=attrgetter("name"))
    except (FileNotFoundError, NotADirectoryError):
        return found
    for entry in top:
        if entry.name.startswith("."):
            continue
        kind = KIND_BY_FOLDER.get(entry.name)
        relpath = f"data/{entry.name}"
        if entry.is_symlink():  # a kind's folder may be a link to a folder inside the repository
            if kind is not None:
                _inside(repo, kind.data_dir)
            if kind is None or not entry.is_dir():
                found.strays.append(Stray(relpath, "not-a-regular-file", _("a symbolic link")))
                continue
        elif (special := _special(entry)) is not None:
            found.strays.append(Stray(relpath, "not-a-regular-file", special))
            continue
        elif kind is None or not entry.is_dir():
            found.strays.append(Stray(relpath, "not-a-record-folder"))
            continue
        prefix = f"data/{entry.name}/"
        append = found.files[kind.name].append
        for item in sorted(os.scandir(entry.path), key=attrgetter("name")):
            name = item.name
            if name.startswith("."):
                continue
            if name.endswith(RECORD_SUFFIX) and item.is_file(follow_symlinks=False):
                append(RecordFile.listed(kind, item.path, prefix + name, name[: -len(RECORD_SUFFIX)]))
            elif (special := _special(item)) is not None:
                found.strays.append(Stray(prefix + name, "not-a-regular-file", special))
            else:
                found.strays.append(Stray(prefix + name, "yml-suffix" if name.endswith(".yml") else "not-a-record"))
    return found


def ids(repo: DataRepo, kind: Kind) -> list[str]:
    """Ids of the kind's records in the work tree (file stems), sorted: one directory listing, no parsing.

    Every name counts, whatever the file is (an id is taken even by a link): reading one refuses it.
    """
    try:
        names = os.listdir(_kind_dir(repo, kind))
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(n[: -len(RECORD_SUFFIX)] for n in names if n.endswith(RECORD_SUFFIX) and not n.startswith("."))


def record_file(repo: DataRepo, kind: Kind, record_id: str) -> RecordFile:
    """The file of ``kind``'s record ``record_id`` (the id is checked against its pattern first)."""
    path = repo.record_path(kind, record_id)
    _kind_dir(repo, kind)
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
    folder = _kind_dir(repo, kind)
    return RecordFile(kind, os.path.join(folder, f"{stem}{RECORD_SUFFIX}"), f"{kind.data_dir}/{stem}{RECORD_SUFFIX}")


def records(repo: DataRepo, kind: Kind) -> Records:
    """Every readable record of ``kind``, in id order."""
    out = Records()
    files = [_unchecked(repo, kind, stem) for stem in ids(repo, kind)]
    for file, (data, error) in zip(files, parse(files), strict=True):
        if data is not None:
            out.records.append(data)
        elif error is not None:
            code, message, line, _column = error
            if code != "unreadable":
                message = _("line {line}: {message}").format(line=line, message=message)
            out.skipped.append((file.relpath, message))
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
