"""The validation cache: what each record file's own checks found, kept in ``.git/cpne-cache/``.

A file's result (its problems, and the fields that cross-record checks read) is a
pure function of its path, its bytes, the schemas and the code that checks it
(see ``files.FileChecker.check_bytes``). So it is stored under a key made of
the file's path and a hash of its bytes, in a generation named by a digest of
everything else: the schema files' bytes, the source of the ``cpne`` package
and its version, the versions of Python, PyYAML, jsonschema and jsonschema-rs,
and the language the messages are written in (the process's language, its
compiled catalog, and whether CPNE_I18N_MARK marks them): a French run never
shows a message cached in English, nor the reverse. Any change to one of those
starts a new generation: a stale result is never served. A generation also
records that its schema files passed the JSON Schema metaschema check.

The store is one SQLite file (``validate.sqlite``), so that checking one record
reads only the rows it needs, and two processes can use it at once.
Cross-record checks (ids, references) are never cached: they run every time.
Nothing here is needed for correctness: a missing, unreadable or corrupt cache
is an empty one, and ``CPNE_CACHE=0`` (or ``validate(..., cache=False)``) turns
it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cpne
from cpne import i18n
from cpne.validation.problems import Problem

if TYPE_CHECKING:
    import sqlite3

FORMAT = 2
FOLDER = "cpne-cache"
DATABASE = "validate.sqlite"

# An entry: [data kept for cross-record checks or None, [problem fields...]]
Entry = list[Any]


def enabled(explicit: bool | None = None) -> bool:
    """Whether to use the cache: ``explicit`` when given, else unless ``CPNE_CACHE=0``."""
    if explicit is not None:
        return explicit
    return os.environ.get("CPNE_CACHE", "1").strip().lower() not in ("0", "no", "false", "off")


def git_dir(root: Path) -> Path | None:
    """The ``.git`` folder of the work tree holding ``root`` (a worktree's own one), or None."""
    for folder in (root, *root.parents):
        dot_git = folder / ".git"
        if dot_git.is_dir():
            return dot_git
        if dot_git.is_file():
            try:
                line = dot_git.read_text(encoding="utf-8").strip()
            except OSError:
                return None
            if line.startswith("gitdir:"):
                target = Path(line[len("gitdir:") :].strip())
                target = target if target.is_absolute() else folder / target
                return target if target.is_dir() else None
            return None
    return None


@cache
def environment_digest() -> str:
    """A digest of the code that checks files: cpne's source and version, and the libraries'."""
    from importlib import metadata

    import yaml

    digest = hashlib.sha256()
    package = Path(cpne.__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        with contextlib.suppress(OSError):
            digest.update(hashlib.sha256(source.read_bytes()).digest())
    versions = [f"format={FORMAT}", f"cpne={cpne.__version__}", f"python={sys.version}"]
    versions.append(f"pyyaml={yaml.__version__}/{getattr(yaml, '__with_libyaml__', False)}")
    for name in ("jsonschema", "jsonschema-rs", "rfc3987", "rfc3986-validator"):
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()


def language_key() -> str:
    """What the stored messages' words depend on: the language, its compiled catalog, the marking of translations."""
    language = i18n.current()
    return f"{language}/{_catalog_digest(language)}/mark={bool(os.environ.get('CPNE_I18N_MARK'))}"


@cache
def _catalog_digest(language: str) -> str:
    path = i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "-"


def file_key(relpath: str, raw: bytes) -> str:
    """The key of one file's result: its path and a hash of its bytes."""
    digest = hashlib.blake2b(raw, digest_size=20).hexdigest()
    return f"{relpath}\0{digest}"


class ResultCache:
    """One generation of the cache: one set of schemas, one version of the code."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key
        self.path = folder / DATABASE
        self._db: sqlite3.Connection | None = None
        self._opened = False
        self._entries: dict[str, Entry] | None = None
        self._used: set[str] = set()
        self._new: dict[str, str] = {}  # key -> the entry as JSON

    @classmethod
    def open(cls, root: Path, schema_digest: str) -> ResultCache | None:
        """The cache of the repository at ``root`` for these schemas; None outside git."""
        dot_git = git_dir(root)
        if dot_git is None:
            return None
        key = hashlib.sha256(f"{environment_digest()}\n{schema_digest}\n{language_key()}".encode()).hexdigest()
        return cls(dot_git / FOLDER, key)

    def _connect(self) -> sqlite3.Connection | None:
        """The database, when it exists (it is created only to save)."""
        import sqlite3

        if not self._opened:
            self._opened = True
            if self.path.is_file():
                try:
                    self._db = _connect(self.path)
                except sqlite3.Error:  # corrupt: an empty cache, replaced on save
                    self._db = None
        return self._db

    @property
    def schemas_checked(self) -> bool:
        """Whether these schema files passed the metaschema check before (this generation exists)."""
        import sqlite3

        db = self._connect()
        if db is None:
            return False
        try:
            return db.execute("SELECT 1 FROM generations WHERE key = ?", (self.key,)).fetchone() is not None
        except sqlite3.Error:
            return False

    @property
    def entries(self) -> dict[str, Entry]:
        """Every stored result of this generation (read at once: for whole-repository runs)."""
        import sqlite3

        if self._entries is None:
            self._entries = {}
            db = self._connect()
            if db is not None:
                try:
                    rows = db.execute("SELECT file, entry FROM results WHERE generation = ?", (self.key,)).fetchall()
                    self._entries = {file: json.loads(entry) for file, entry in rows}
                except (sqlite3.Error, ValueError):
                    self._entries = {}
        return self._entries

    def get(self, key: str) -> Entry | None:
        """The stored result under ``key`` (from :attr:`entries` when read, else one query)."""
        import sqlite3

        if self._entries is not None:
            entry = self._entries.get(key)
        else:
            entry = None
            db = self._connect()
            if db is not None:
                try:
                    row = db.execute(
                        "SELECT entry FROM results WHERE generation = ? AND file = ?", (self.key, key)
                    ).fetchone()
                    entry = json.loads(row[0]) if row is not None else None
                except (sqlite3.Error, ValueError):
                    entry = None
        if entry is not None:
            self._used.add(key)
        return entry

    def _stored_keys(self) -> set[str]:
        import sqlite3

        db = self._connect()
        if db is None:
            return set()
        try:
            return {row[0] for row in db.execute("SELECT file FROM results WHERE generation = ?", (self.key,))}
        except sqlite3.Error:
            return set()

    def put(self, key: str, entry: Entry) -> None:
        self._used.add(key)
        self._new[key] = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))

    def save(self, *, complete: bool) -> None:
        """Store the new results; when ``complete`` (the whole repository was checked), forget the others.

        Best effort: a cache that cannot be written is no error. Older generations are removed.
        """
        import sqlite3

        stale: set[str] = set()
        if complete:
            stored = set(self._entries) if self._entries is not None else self._stored_keys()
            stale = stored - self._used
        if self._connect() is not None and not self._new and not stale and self.schemas_checked:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            db = self._connect()
            if db is None:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                db = _connect(self.path)
            self._db, self._opened = db, True
            with db:
                db.execute("DELETE FROM generations WHERE key != ?", (self.key,))
                db.execute("DELETE FROM results WHERE generation != ?", (self.key,))
                db.execute("INSERT OR IGNORE INTO generations (key) VALUES (?)", (self.key,))
                if stale:
                    db.executemany(
                        "DELETE FROM results WHERE generation = ? AND file = ?", [(self.key, k) for k in stale]
                    )
                db.executemany(
                    "INSERT OR REPLACE INTO results (generation, file, entry) VALUES (?, ?, ?)",
                    [(self.key, key, entry) for key, entry in self._new.items()],
                )
            self._new = {}
        except (OSError, sqlite3.Error):
            pass

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
        self._db, self._opened = None, False


def _connect(path: Path) -> sqlite3.Connection:
    import sqlite3

    db = sqlite3.connect(path, timeout=5, isolation_level="DEFERRED")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("CREATE TABLE IF NOT EXISTS generations (key TEXT PRIMARY KEY) WITHOUT ROWID")
    db.execute(
        "CREATE TABLE IF NOT EXISTS results (generation TEXT, file TEXT, entry TEXT,"
        " PRIMARY KEY (generation, file)) WITHOUT ROWID"
    )
    return db


def to_entry(data: dict[str, Any] | None, problems: list[Problem]) -> Entry:
    return [
        data,
        [[p.path, p.line, p.column, p.code, p.message, p.severity, p.id, p.pointer] for p in problems],
    ]


def from_entry(entry: Entry) -> tuple[dict[str, Any] | None, list[Problem]]:
    data, problems = entry
    return data, [Problem(*fields) for fields in problems]
